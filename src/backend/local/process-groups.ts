/**
 * Child processes that each lead their own process group, so that stopping one stops everything
 * it started. Any group still alive when Node exits is killed, so a crash leaves no orphans.
 */
import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import type { ProcessExit } from './log.js'
import { setTimeout as sleep } from 'node:timers/promises'

export interface StartOptions {
  cwd: string
  env: NodeJS.ProcessEnv
  /** Receives the process's stdout and stderr. */
  logPath: string
}

export interface GroupProcess {
  readonly pid: number
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
 * Stops process groups recorded by an earlier process (the action's post step after a crash or a
 * cancel); returns how many were still running.
 */
export async function stopProcessGroups(pids: number[], graceMs = 5_000): Promise<number> {
  const stopped = await Promise.all(pids.map((pid) => terminateGroup(pid, graceMs)))
  return stopped.filter(Boolean).length
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

  let exitStatus: ProcessExit | undefined
  const exit = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exitStatus = { code, signal }
      resolve(exitStatus)
    })
  })

  return {
    pid,
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
