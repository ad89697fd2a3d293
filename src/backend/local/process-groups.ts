/**
 * Child processes that each lead their own process group, so that stopping one stops everything
 * it started. Any group still alive when Node exits is killed, so a crash leaves no orphans.
 */
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import type { ProcessExit } from './log.js'
import { setTimeout as sleep } from 'node:timers/promises'

export interface StartOptions {
  cwd: string
  env: NodeJS.ProcessEnv
  /** Receives the process's stdout and stderr. */
  logPath: string
}

/**
 * A process group as the post step finds it in the saved state: the leader's pid and when that
 * process started, which tells it from a later process that got the same pid.
 */
export interface ProcessGroupHandle {
  pid: number
  startTime: string
}

export interface GroupProcess {
  readonly pid: number
  readonly handle: ProcessGroupHandle
  /** Resolves when the group leader exits. */
  readonly exit: Promise<ProcessExit>
  /** How the leader ended, once it has. */
  exited(): ProcessExit | undefined
  /** SIGTERM to the whole group, SIGKILL to whatever is left after the grace period. */
  stop(graceMs: number): Promise<void>
}

const liveGroups = new Set<number>()
let exitHookInstalled = false

function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal)
    return true
  } catch {
    return false // ESRCH: nothing left in the group
  }
}

function groupAlive(pid: number): boolean {
  return killGroup(pid, 0)
}

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL')
  })
}

/** SIGTERM to the whole group, SIGKILL to whatever is left after the grace period. */
async function terminateGroup(pid: number, graceMs: number): Promise<boolean> {
  if (!killGroup(pid, 'SIGTERM')) return false
  const deadline = Date.now() + graceMs
  while (groupAlive(pid) && Date.now() < deadline) await sleep(50)
  killGroup(pid, 'SIGKILL')
  return true
}

/**
 * When a process started, as the system tells it: field 22 of /proc/<pid>/stat (clock ticks since
 * boot) on Linux, `ps -o lstart=` elsewhere. Undefined when no process has that pid.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && isLinux()) return undefined
  }
  try {
    return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim()
  } catch {
    return undefined // ps exits 1 when no process has that pid
  }
}

const isLinux = (): boolean => process.platform === 'linux'

export interface StopReport {
  /** Groups that were still running and were stopped. */
  stopped: number
  /** Pids now held by another program, which were left alone. */
  reused: number[]
}

/**
 * Stops process groups recorded by an earlier process (the action's post step after a crash or a
 * cancel). A group is signalled only while its leader is the process recorded, or gone: the
 * kernel hands out no pid that is still a group's id, so leftover members are still this run's.
 */
export async function stopProcessGroups(
  groups: ProcessGroupHandle[],
  graceMs = 5_000
): Promise<StopReport> {
  const reused = groups.filter((group) => {
    const startTime = processStartTime(group.pid)
    return startTime !== undefined && startTime !== group.startTime
  })
  const ours = groups.filter((group) => !reused.includes(group))
  const stopped = await Promise.all(ours.map((group) => terminateGroup(group.pid, graceMs)))
  return { stopped: stopped.filter(Boolean).length, reused: reused.map((group) => group.pid) }
}

/** Starts `command` as the leader of a new process group; rejects when it cannot be started. */
export async function startProcessGroup(
  command: string,
  args: string[],
  options: StartOptions
): Promise<GroupProcess> {
  installExitHook()
  const logFd = openSync(options.logPath, 'w')
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', logFd, logFd]
  })
  closeSync(logFd)
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', reject)
  })
  const pid = child.pid as number
  liveGroups.add(pid)
  const handle = { pid, startTime: processStartTime(pid) ?? '' }

  let exitStatus: ProcessExit | undefined
  const exit = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exitStatus = { code, signal }
      resolve(exitStatus)
    })
  })

  return {
    pid,
    handle,
    exit,
    exited: () => exitStatus,
    async stop(graceMs) {
      if (!liveGroups.has(pid)) return
      await terminateGroup(pid, graceMs)
      await exit
      liveGroups.delete(pid)
    }
  }
}
