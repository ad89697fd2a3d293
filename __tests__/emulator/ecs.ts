/**
 * An emulated Amazon ECS endpoint (AWS JSON 1.1): RunTask, DescribeTasks, ListTasks, StopTask.
 *
 * Each task is a local process (the container entrypoint plus the task's command override) with its
 * own loopback address, going through the lifecycle ECS reports for a Fargate task, timed like
 * Fargate by default (`TaskTimings`): PROVISIONING (its network interface, so its address, comes
 * during it), PENDING while the image is pulled, RUNNING when the "container" starts, STOPPING after
 * StopTask, DEPROVISIONING once the container has exited (exit code and stop reason known, desired
 * status STOPPED), and STOPPED when the network interface is gone. Like `docker stop`, StopTask
 * sends SIGTERM to the main process and SIGKILL to everything left after the stop timeout; when the
 * main process exits, its leftover children are killed as a container teardown would.
 *
 * The state, rules and faults are those of `EcsModel` (ecs-model.ts); this file adds the HTTP
 * endpoint and the processes with their timers.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import { join } from 'node:path'
import {
  EcsModel,
  type EcsAction,
  type EcsFault,
  type JournalEntry,
  type TaskDriver,
  type TaskRecord
} from './ecs-model.js'
import { jsonProtocolHandler, type RequestHandler } from './http.js'

export type { EcsAction, EcsFault, JournalEntry, LaunchRequest } from './ecs-model.js'

export interface EcsEmulatorOptions {
  region: string
  accountId: string
  /** Executable and leading arguments of every task; the task's command override is appended. */
  taskCommand: string[]
  /** The image's environment: every task starts with it, then the environment overrides. */
  baseEnv?: Record<string, string>
  /** Folder for each task's working directory, temporary folder (TMPDIR) and log. */
  workDir: string
  /** How long each step of a task's lifecycle takes; unset ones take Fargate's usual time. */
  timings?: Partial<TaskTimings>
  /** Container name when the overrides name none (default `locust`). */
  containerName?: string
}

/** Durations of a task's lifecycle, in milliseconds. */
export interface TaskTimings {
  /** From RunTask until its network interface has its private address, while PROVISIONING. */
  addressMs: number
  /** From RunTask until PENDING (the image pull starts). */
  provisioningMs: number
  /** PENDING until the container starts (RUNNING) or the pull fails. */
  pendingMs: number
  /** From SIGTERM until SIGKILL, as the task definition's stopTimeout. */
  stopTimeoutMs: number
  /** DEPROVISIONING, from the container's exit until STOPPED. */
  deprovisioningMs: number
}

/**
 * Close to what Fargate shows for a Python image of a few hundred MB: the address within seconds,
 * about 25 s to RUNNING, and 30-60 s from the container's exit to STOPPED. The stop timeout is
 * ECS's default; the stack's task definition sets 120 s.
 */
export const FARGATE_TIMINGS: TaskTimings = {
  addressMs: 6_000,
  provisioningMs: 12_000,
  pendingMs: 14_000,
  stopTimeoutMs: 30_000,
  deprovisioningMs: 40_000
}

/** A task as tests see it. Times are epoch milliseconds. */
export interface EmulatedTask {
  taskArn: string
  taskId: string
  clusterArn: string
  startedBy?: string
  group: string
  /** FARGATE or FARGATE_SPOT. */
  capacityProviderName: string
  lastStatus: string
  desiredStatus: string
  /** The command override, i.e. the arguments after the entrypoint. */
  command: string[]
  /** The environment overrides of the RunTask call. */
  environment: Record<string, string>
  /** The task's private (loopback) address, once its network interface has it. */
  address?: string
  pid?: number
  exitCode?: number
  stopCode?: string
  stoppedReason?: string
  createdAt: number
  startedAt?: number
  /** When its container exited (DEPROVISIONING begins). */
  exitedAt?: number
  stoppedAt?: number
  logFile: string
}

/** What a task has on this machine: its process, timers and folders. */
interface TaskProcess {
  process?: ChildProcess
  timers: NodeJS.Timeout[]
  workDir: string
  logFile: string
  /** The emulator is stopping: the task skips DEPROVISIONING. */
  shuttingDown?: boolean
}

const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113'

export class EcsEmulator {
  private readonly processes = new Map<string, TaskProcess>()
  private readonly model: EcsModel
  readonly timings: TaskTimings

  constructor(private readonly options: EcsEmulatorOptions) {
    this.timings = { ...FARGATE_TIMINGS, ...options.timings }
    this.model = new EcsModel({
      region: options.region,
      accountId: options.accountId,
      containerName: options.containerName,
      driver: this.driver
    })
  }

  /** The HTTP handler of the ECS endpoint. */
  readonly handler: RequestHandler = jsonProtocolHandler(
    ECS_TARGET_PREFIX,
    '1.1',
    Object.fromEntries(
      (['RunTask', 'DescribeTasks', 'ListTasks', 'StopTask'] as const).map((action) => [
        action,
        (input: unknown) => this.model.call(action, input)
      ])
    )
  )

  injectFault(fault: EcsFault): void {
    this.model.injectFault(fault)
  }

  /** Every call received, oldest first (optionally only those of one action). */
  journal(action?: EcsAction): JournalEntry[] {
    return this.model.journal(action)
  }

  tasks(): EmulatedTask[] {
    return this.model.records().map((task) => this.snapshot(task))
  }

  /** Tasks that have not reached STOPPED (provisioning, pending, running or stopping). */
  runningTasks(): EmulatedTask[] {
    return this.tasks().filter((task) => task.lastStatus !== 'STOPPED')
  }

  task(taskArn: string): EmulatedTask {
    return this.snapshot(this.model.record(taskArn))
  }

  /** Resolves once the task is STOPPED (after DEPROVISIONING). */
  async whenStopped(taskArn: string): Promise<EmulatedTask> {
    const task = this.model.record(taskArn)
    await task.stopped
    return this.snapshot(task)
  }

  /** What the task's process wrote on stdout and stderr so far. */
  taskLog(taskArn: string): string {
    try {
      return readFileSync(this.processOf(this.model.record(taskArn)).logFile, 'utf8')
    } catch {
      return ''
    }
  }

  /** Makes a running task's container die abruptly (SIGKILL to all its processes: exit code 137). */
  crashTask(taskArn: string): void {
    const task = this.model.record(taskArn)
    const { process: child } = this.processOf(task)
    if (!child || task.lastStatus === 'STOPPED') {
      throw new Error(`Task ${taskArn} is ${task.lastStatus}, not running: it cannot crash.`)
    }
    signalGroup(child, 'SIGKILL')
  }

  /**
   * Fargate reclaims a running Spot task: stop code SpotInterruption, SIGTERM to its container
   * now and SIGKILL once the notice is over (AWS gives two minutes; default: the stop timeout).
   */
  reclaimTask(taskArn: string, noticeMs = this.timings.stopTimeoutMs): void {
    this.model.reclaim(taskArn, noticeMs)
  }

  /** Stops every task at once (SIGKILL) and resolves when all are STOPPED. */
  async stop(): Promise<void> {
    const live = this.model.records().filter((task) => task.lastStatus !== 'STOPPED')
    for (const task of live) {
      const local = this.processOf(task)
      local.timers.forEach(clearTimeout)
      task.stoppedReason ??= 'Emulator shut down'
      task.stopCode ??= 'UserInitiated'
      local.shuttingDown = true
      const child = local.process
      if (child && child.exitCode === null && child.signalCode === null) {
        signalGroup(child, 'SIGKILL')
      } else {
        this.markStopped(task)
      }
    }
    await Promise.all(live.map((task) => task.stopped))
  }

  /** Runs each task as a process on Fargate-like timers. */
  private get driver(): TaskDriver {
    return {
      launched: (task) => this.launched(task),
      stopRequested: (task) => this.stopRequested(task, this.timings.stopTimeoutMs),
      reclaimed: (task, _model, noticeMs) => this.stopRequested(task, noticeMs)
    }
  }

  private launched(task: TaskRecord): void {
    const workDir = join(this.options.workDir, 'tasks', task.id)
    mkdirSync(join(workDir, 'tmp'), { recursive: true })
    const local: TaskProcess = { timers: [], workDir, logFile: `${workDir}.log` }
    this.processes.set(task.arn, local)
    const { addressMs, provisioningMs, pendingMs } = this.timings
    local.timers.push(
      setTimeout(() => (task.addressKnown = true), Math.min(addressMs, provisioningMs)),
      setTimeout(() => this.startPull(task), provisioningMs),
      setTimeout(() => this.startContainer(task), provisioningMs + pendingMs)
    )
  }

  /** SIGTERM to a running container, SIGKILL after `killAfterMs`. */
  private stopRequested(task: TaskRecord, killAfterMs: number): void {
    const local = this.processOf(task)
    const child = local.process
    if (child && task.lastStatus === 'RUNNING') {
      task.lastStatus = 'STOPPING'
      child.kill('SIGTERM')
      local.timers.push(setTimeout(() => signalGroup(child, 'SIGKILL'), killAfterMs))
    } else {
      // A container still starting (its process spawned, not yet reported) goes with its task.
      if (child) signalGroup(child, 'SIGKILL')
      this.finish(task, {})
    }
  }

  private startPull(task: TaskRecord): void {
    task.addressKnown = true
    task.lastStatus = 'PENDING'
    task.pullStartedAt = Date.now()
  }

  private startContainer(task: TaskRecord): void {
    task.pullStoppedAt = Date.now()
    if (task.failToStartReason) {
      this.finish(task, { stopCode: 'TaskFailedToStart', stoppedReason: task.failToStartReason })
      return
    }
    const local = this.processOf(task)
    const [file, ...args] = [...this.options.taskCommand, ...task.command]
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      // What the task writes to its temporary folder goes when the emulator stops, as with a container.
      TMPDIR: join(local.workDir, 'tmp'),
      ...this.options.baseEnv,
      ...task.environment,
      DL_BIND_HOST: task.address
    }
    const log = openSync(local.logFile, 'a')
    let child: ChildProcess
    try {
      child = spawn(file, args, {
        cwd: local.workDir,
        env,
        detached: true,
        stdio: ['ignore', log, log]
      })
    } finally {
      closeSync(log)
    }
    local.process = child
    child.once('error', (error) =>
      this.finish(task, {
        stopCode: 'TaskFailedToStart',
        stoppedReason: `CannotStartContainerError: ${error.message}`
      })
    )
    child.once('spawn', () => {
      task.startedAt = Date.now()
      if (task.lastStatus === 'PENDING') task.lastStatus = 'RUNNING'
    })
    child.once('exit', (code, signal) => {
      // The container's end takes its other processes with it.
      signalGroup(child, 'SIGKILL')
      this.finish(task, {
        exitCode: code ?? 128 + (signal ? osConstants.signals[signal] : 0),
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited'
      })
    })
  }

  /** The container is gone: DEPROVISIONING, then STOPPED once the network interface is released. */
  private finish(
    task: TaskRecord,
    outcome: { exitCode?: number; stopCode?: string; stoppedReason?: string }
  ): void {
    if (task.lastStatus === 'STOPPED' || task.lastStatus === 'DEPROVISIONING') return
    const local = this.processOf(task)
    local.timers.forEach(clearTimeout)
    this.model.containerExited(task, outcome)
    if (local.shuttingDown) {
      this.markStopped(task)
      return
    }
    local.timers.push(setTimeout(() => this.markStopped(task), this.timings.deprovisioningMs))
  }

  private markStopped(task: TaskRecord): void {
    this.processOf(task).timers.forEach(clearTimeout)
    this.model.markStopped(task)
  }

  private processOf(task: TaskRecord): TaskProcess {
    const local = this.processes.get(task.arn)
    if (!local) throw new Error(`The ECS emulator has no process for task ${task.arn}.`)
    return local
  }

  private snapshot(task: TaskRecord): EmulatedTask {
    const local = this.processOf(task)
    return {
      taskArn: task.arn,
      taskId: task.id,
      clusterArn: task.clusterArn,
      startedBy: task.startedBy,
      group: task.group,
      capacityProviderName: task.capacityProviderName,
      lastStatus: task.lastStatus,
      desiredStatus: task.desiredStatus,
      command: task.command,
      environment: task.environment,
      address: task.addressKnown ? task.address : undefined,
      pid: local.process?.pid,
      exitCode: task.exitCode,
      stopCode: task.stopCode,
      stoppedReason: task.stoppedReason,
      createdAt: task.createdAt,
      startedAt: task.startedAt,
      exitedAt: task.executionStoppedAt,
      stoppedAt: task.stoppedAt,
      logFile: local.logFile
    }
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is already gone.
  }
}
