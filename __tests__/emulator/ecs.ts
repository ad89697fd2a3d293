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
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import { join } from 'node:path'
import { AwsServiceError, epochSeconds, jsonProtocolHandler, type RequestHandler } from './http.js'

export type EcsAction = 'RunTask' | 'DescribeTasks' | 'ListTasks' | 'StopTask'

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

/** The parts of a RunTask request a fault's `when` can look at. */
export interface LaunchRequest {
  command: string[]
  environment: Record<string, string>
  startedBy?: string
  group?: string
}

export type EcsFault =
  /** The next call(s) of `action` (default RunTask) fail with ThrottlingException. */
  | { kind: 'throttle'; action?: EcsAction; times?: number }
  /** RunTask answers with `failures` (e.g. RESOURCE:MEMORY) instead of some or all tasks. */
  | {
      kind: 'failures'
      reason?: string
      /** How many of the requested tasks still launch (default 0). */
      tasksLaunched?: number
      /**
       * How many entries `failures` lists (default one per task not launched): ECS may list fewer
       * (one entry for several tasks) or more (one per attempt on each instance).
       */
      failureEntries?: number
      times?: number
      when?: (launch: LaunchRequest) => boolean
    }
  /** RunTask succeeds but the task stops before its container starts (e.g. image pull error). */
  | {
      kind: 'failToStart'
      reason?: string
      times?: number
      when?: (launch: LaunchRequest) => boolean
    }

export interface JournalEntry {
  at: number
  action: EcsAction
  request: unknown
  response?: unknown
  error?: { type: string; message: string }
}

/** A task as tests see it. Times are epoch milliseconds. */
export interface EmulatedTask {
  taskArn: string
  taskId: string
  clusterArn: string
  startedBy?: string
  group: string
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

interface KeyValue {
  name?: string
  value?: string
}

interface ContainerOverride {
  name?: string
  command?: string[]
  environment?: KeyValue[]
}

interface RunTaskInput {
  cluster?: string
  taskDefinition?: string
  count?: number
  startedBy?: string
  group?: string
  launchType?: string
  tags?: { key?: string; value?: string }[]
  overrides?: { containerOverrides?: ContainerOverride[]; cpu?: string; memory?: string }
  networkConfiguration?: {
    awsvpcConfiguration?: { subnets?: string[]; securityGroups?: string[]; assignPublicIp?: string }
  }
}

interface TaskRecord {
  arn: string
  containerArn: string
  availabilityZone: string
  id: string
  clusterArn: string
  taskDefinitionArn: string
  family: string
  startedBy?: string
  group: string
  tags: { key?: string; value?: string }[]
  overrides: NonNullable<RunTaskInput['overrides']>
  containerName: string
  command: string[]
  environment: Record<string, string>
  subnetId: string
  attachmentId: string
  address: string
  addressKnown: boolean
  lastStatus: string
  desiredStatus: string
  createdAt: number
  pullStartedAt?: number
  pullStoppedAt?: number
  startedAt?: number
  stoppingAt?: number
  executionStoppedAt?: number
  stoppedAt?: number
  stopCode?: string
  stoppedReason?: string
  exitCode?: number
  failToStartReason?: string
  /** The emulator is stopping: the task skips DEPROVISIONING. */
  shuttingDown?: boolean
  process?: ChildProcess
  timers: NodeJS.Timeout[]
  workDir: string
  logFile: string
  stopped: Promise<void>
  markStopped: () => void
}

const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113'
const MAX_TASKS_PER_RUN = 10
const MAX_TASKS_PER_DESCRIBE = 100
const DEFAULT_LIST_PAGE = 100

/**
 * Hands out 127.x.y.n addresses. The x.y part is random per emulator so that emulators running at
 * the same time on this machine (parallel test runs) do not hand out the same address and port.
 */
class LoopbackAddresses {
  private subnet = randomBytes(2).readUInt16BE() % (254 * 256)
  private host = 1

  next(): string {
    if (++this.host > 254) {
      this.host = 2
      this.subnet = (this.subnet + 1) % (254 * 256)
    }
    return `127.${1 + Math.floor(this.subnet / 256)}.${this.subnet % 256}.${this.host}`
  }
}

interface PendingFault {
  fault: EcsFault
  remaining: number
}

export class EcsEmulator {
  private readonly tasksByArn = new Map<string, TaskRecord>()
  private readonly faults: PendingFault[] = []
  private readonly addresses = new LoopbackAddresses()
  private readonly entries: JournalEntry[] = []
  readonly timings: TaskTimings

  constructor(private readonly options: EcsEmulatorOptions) {
    this.timings = { ...FARGATE_TIMINGS, ...options.timings }
  }

  /** The HTTP handler of the ECS endpoint. */
  readonly handler: RequestHandler = jsonProtocolHandler(ECS_TARGET_PREFIX, '1.1', {
    RunTask: (input: RunTaskInput) => this.journaled('RunTask', input, () => this.runTask(input)),
    DescribeTasks: (input: { cluster?: string; tasks?: string[]; include?: string[] }) =>
      this.journaled('DescribeTasks', input, () => this.describeTasks(input)),
    ListTasks: (input: ListTasksInput) =>
      this.journaled('ListTasks', input, () => this.listTasks(input)),
    StopTask: (input: { cluster?: string; task?: string; reason?: string }) =>
      this.journaled('StopTask', input, () => this.stopTask(input))
  })

  injectFault(fault: EcsFault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 })
  }

  /** Every call received, oldest first (optionally only those of one action). */
  journal(action?: EcsAction): JournalEntry[] {
    return this.entries.filter((entry) => action === undefined || entry.action === action)
  }

  tasks(): EmulatedTask[] {
    return [...this.tasksByArn.values()].map(snapshot)
  }

  /** Tasks that have not reached STOPPED (provisioning, pending, running or stopping). */
  runningTasks(): EmulatedTask[] {
    return this.tasks().filter((task) => task.lastStatus !== 'STOPPED')
  }

  task(taskArn: string): EmulatedTask {
    return snapshot(this.record(taskArn))
  }

  /** Resolves once the task is STOPPED (after DEPROVISIONING). */
  async whenStopped(taskArn: string): Promise<EmulatedTask> {
    const task = this.record(taskArn)
    await task.stopped
    return snapshot(task)
  }

  /** What the task's process wrote on stdout and stderr so far. */
  taskLog(taskArn: string): string {
    try {
      return readFileSync(this.record(taskArn).logFile, 'utf8')
    } catch {
      return ''
    }
  }

  /** Makes a running task's container die abruptly (SIGKILL to all its processes: exit code 137). */
  crashTask(taskArn: string): void {
    const task = this.record(taskArn)
    if (!task.process || task.lastStatus === 'STOPPED') {
      throw new Error(`Task ${taskArn} is ${task.lastStatus}, not running: it cannot crash.`)
    }
    signalGroup(task.process, 'SIGKILL')
  }

  /** Stops every task at once (SIGKILL) and resolves when all are STOPPED. */
  async stop(): Promise<void> {
    const live = [...this.tasksByArn.values()].filter((task) => task.lastStatus !== 'STOPPED')
    for (const task of live) {
      task.timers.forEach(clearTimeout)
      task.stoppedReason ??= 'Emulator shut down'
      task.stopCode ??= 'UserInitiated'
      task.shuttingDown = true
      if (task.process && task.process.exitCode === null && task.process.signalCode === null) {
        signalGroup(task.process, 'SIGKILL')
      } else {
        this.markStopped(task)
      }
    }
    await Promise.all(live.map((task) => task.stopped))
  }

  private async journaled<T>(action: EcsAction, request: unknown, call: () => T): Promise<T> {
    const entry: JournalEntry = { at: Date.now(), action, request }
    this.entries.push(entry)
    try {
      this.throwIfThrottled(action)
      entry.response = call()
      return entry.response as T
    } catch (error) {
      if (error instanceof AwsServiceError)
        entry.error = { type: error.type, message: error.message }
      throw error
    }
  }

  private throwIfThrottled(action: EcsAction): void {
    const pending = this.faults.find(
      ({ fault, remaining }) =>
        remaining > 0 && fault.kind === 'throttle' && (fault.action ?? 'RunTask') === action
    )
    if (pending) {
      pending.remaining--
      throw new AwsServiceError('ThrottlingException', 'Rate exceeded')
    }
  }

  private takeFault<K extends 'failures' | 'failToStart'>(
    kind: K,
    launch: LaunchRequest
  ): Extract<EcsFault, { kind: K }> | undefined {
    const pending = this.faults.find(
      ({ fault, remaining }) =>
        remaining > 0 &&
        fault.kind === kind &&
        (!('when' in fault) || (fault.when?.(launch) ?? true))
    )
    if (!pending) return undefined
    pending.remaining--
    return pending.fault as Extract<EcsFault, { kind: K }>
  }

  private runTask(input: RunTaskInput) {
    const count = input.count ?? 1
    if (!input.taskDefinition) {
      throw new AwsServiceError('InvalidParameterException', 'TaskDefinition can not be blank.')
    }
    if (!Number.isInteger(count) || count < 1 || count > MAX_TASKS_PER_RUN) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `count must be between 1 and ${MAX_TASKS_PER_RUN}, got ${count}.`
      )
    }
    if (input.startedBy !== undefined && !/^[A-Za-z0-9_/-]{1,36}$/.test(input.startedBy)) {
      throw new AwsServiceError(
        'InvalidParameterException',
        'startedBy must be up to 36 letters, numbers, hyphens, forward slashes and underscores.'
      )
    }
    const subnets = input.networkConfiguration?.awsvpcConfiguration?.subnets
    if (!subnets) {
      throw new AwsServiceError(
        'InvalidParameterException',
        "Network Configuration must be provided when networkMode 'awsvpc' is specified."
      )
    }
    if (subnets.length === 0) {
      throw new AwsServiceError('InvalidParameterException', 'subnets can not be empty.')
    }

    const override = input.overrides?.containerOverrides?.[0]
    const launch: LaunchRequest = {
      command: override?.command ?? [],
      environment: Object.fromEntries(
        (override?.environment ?? []).map(({ name, value }) => [name ?? '', value ?? ''])
      ),
      startedBy: input.startedBy,
      group: input.group
    }
    const failures = this.takeFault('failures', launch)
    const launched = failures ? Math.min(failures.tasksLaunched ?? 0, count) : count
    const tasks = Array.from({ length: launched }, () => this.createTask(input, launch, subnets[0]))
    return {
      tasks: tasks.map((task) => describe(task, true)),
      failures: Array.from({ length: failures?.failureEntries ?? count - launched }, () => ({
        reason: failures?.reason ?? 'RESOURCE:MEMORY'
      }))
    }
  }

  private createTask(input: RunTaskInput, launch: LaunchRequest, subnetId: string): TaskRecord {
    const { region, accountId } = this.options
    const clusterName = clusterNameOf(input.cluster)
    const id = randomBytes(16).toString('hex')
    const { arn: taskDefinitionArn, family } = taskDefinitionOf(
      input.taskDefinition ?? '',
      region,
      accountId
    )
    const failToStart = this.takeFault('failToStart', launch)
    const attachmentId = randomUUID()
    const workDir = join(this.options.workDir, 'tasks', id)
    mkdirSync(join(workDir, 'tmp'), { recursive: true })
    let markStopped = () => {}
    const task: TaskRecord = {
      arn: `arn:aws:ecs:${region}:${accountId}:task/${clusterName}/${id}`,
      containerArn: `arn:aws:ecs:${region}:${accountId}:container/${clusterName}/${id}/${attachmentId}`,
      availabilityZone: `${region}a`,
      id,
      clusterArn: clusterArnOf(clusterName, region, accountId),
      taskDefinitionArn,
      family,
      startedBy: input.startedBy,
      group: input.group ?? `family:${family}`,
      tags: input.tags ?? [],
      overrides: input.overrides ?? { containerOverrides: [] },
      containerName:
        input.overrides?.containerOverrides?.[0]?.name ?? this.options.containerName ?? 'locust',
      command: launch.command,
      environment: launch.environment,
      subnetId,
      attachmentId,
      address: this.addresses.next(),
      addressKnown: false,
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      createdAt: Date.now(),
      failToStartReason: failToStart
        ? (failToStart.reason ??
          'CannotPullContainerError: pull image manifest has been retried 5 time(s)')
        : undefined,
      timers: [],
      workDir,
      logFile: `${workDir}.log`,
      stopped: new Promise<void>((resolve) => (markStopped = resolve)),
      markStopped: () => markStopped()
    }
    this.tasksByArn.set(task.arn, task)
    const { addressMs, provisioningMs, pendingMs } = this.timings
    task.timers.push(
      setTimeout(() => (task.addressKnown = true), Math.min(addressMs, provisioningMs)),
      setTimeout(() => this.startPull(task), provisioningMs),
      setTimeout(() => this.startContainer(task), provisioningMs + pendingMs)
    )
    return task
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
    const [file, ...args] = [...this.options.taskCommand, ...task.command]
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      // What the task writes to its temporary folder goes when the emulator stops, as with a container.
      TMPDIR: join(task.workDir, 'tmp'),
      ...this.options.baseEnv,
      ...task.environment,
      DL_BIND_HOST: task.address
    }
    const log = openSync(task.logFile, 'a')
    try {
      task.process = spawn(file, args, {
        cwd: task.workDir,
        env,
        detached: true,
        stdio: ['ignore', log, log]
      })
    } finally {
      closeSync(log)
    }
    task.process.once('error', (error) =>
      this.finish(task, {
        stopCode: 'TaskFailedToStart',
        stoppedReason: `CannotStartContainerError: ${error.message}`
      })
    )
    task.process.once('spawn', () => {
      task.startedAt = Date.now()
      if (task.lastStatus === 'PENDING') task.lastStatus = 'RUNNING'
    })
    task.process.once('exit', (code, signal) => {
      // The container's end takes its other processes with it.
      if (task.process) signalGroup(task.process, 'SIGKILL')
      this.finish(task, {
        exitCode: code ?? 128 + (signal ? osConstants.signals[signal] : 0),
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited'
      })
    })
  }

  /**
   * The container is gone: DEPROVISIONING with its exit code and stop reason, STOPPED once the
   * network interface is released. A stop code and reason set earlier (StopTask) win over `outcome`'s.
   */
  private finish(
    task: TaskRecord,
    outcome: { exitCode?: number; stopCode?: string; stoppedReason?: string }
  ): void {
    if (task.lastStatus === 'STOPPED' || task.lastStatus === 'DEPROVISIONING') return
    const now = Date.now()
    task.timers.forEach(clearTimeout)
    task.stopCode ??= outcome.stopCode
    task.stoppedReason ??= outcome.stoppedReason
    task.exitCode = outcome.exitCode
    task.desiredStatus = 'STOPPED'
    task.stoppingAt ??= now
    task.executionStoppedAt = now
    if (task.shuttingDown) {
      this.markStopped(task)
      return
    }
    task.lastStatus = 'DEPROVISIONING'
    task.timers.push(setTimeout(() => this.markStopped(task), this.timings.deprovisioningMs))
  }

  private markStopped(task: TaskRecord): void {
    if (task.lastStatus === 'STOPPED') return
    task.timers.forEach(clearTimeout)
    task.desiredStatus = 'STOPPED'
    task.lastStatus = 'STOPPED'
    task.stoppingAt ??= Date.now()
    task.executionStoppedAt ??= Date.now()
    task.stoppedAt = Date.now()
    task.markStopped()
  }

  private describeTasks(input: { cluster?: string; tasks?: string[]; include?: string[] }) {
    const references = input.tasks ?? []
    if (references.length === 0 || references.length > MAX_TASKS_PER_DESCRIBE) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `tasks must list 1 to ${MAX_TASKS_PER_DESCRIBE} tasks, got ${references.length}.`
      )
    }
    const withTags = input.include?.includes('TAGS') ?? false
    const found = references.map((reference) => this.find(input.cluster, reference))
    return {
      tasks: found.flatMap((task) => (task ? [describe(task, withTags)] : [])),
      failures: references.flatMap((reference, i) =>
        found[i] ? [] : [{ arn: reference, reason: 'MISSING' }]
      )
    }
  }

  private listTasks(input: ListTasksInput) {
    const clusterArn = clusterArnOf(
      clusterNameOf(input.cluster),
      this.options.region,
      this.options.accountId
    )
    const otherFilters = [
      input.containerInstance,
      input.family,
      input.serviceName,
      input.desiredStatus,
      input.launchType
    ]
    if (input.startedBy !== undefined && otherFilters.some((filter) => filter !== undefined)) {
      throw new AwsServiceError(
        'InvalidParameterException',
        'The startedBy parameter must be the only filter when listing tasks.'
      )
    }
    const desiredStatus = input.desiredStatus ?? 'RUNNING'
    const pageSize = input.maxResults ?? DEFAULT_LIST_PAGE
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > DEFAULT_LIST_PAGE) {
      throw new AwsServiceError('InvalidParameterException', 'maxResults must be 1 to 100.')
    }
    const matching = [...this.tasksByArn.values()].filter(
      (task) =>
        task.clusterArn === clusterArn &&
        task.desiredStatus === desiredStatus &&
        (input.startedBy === undefined || task.startedBy === input.startedBy) &&
        (input.family === undefined || task.family === input.family)
    )
    const start = input.nextToken ? Number(Buffer.from(input.nextToken, 'base64').toString()) : 0
    const end = start + pageSize
    return {
      taskArns: matching.slice(start, end).map((task) => task.arn),
      nextToken: end < matching.length ? Buffer.from(String(end)).toString('base64') : undefined
    }
  }

  private stopTask(input: { cluster?: string; task?: string; reason?: string }) {
    const task = this.find(input.cluster, input.task ?? '')
    if (!task) {
      throw new AwsServiceError('InvalidParameterException', 'The referenced task was not found.')
    }
    if (task.desiredStatus !== 'STOPPED') {
      task.desiredStatus = 'STOPPED'
      task.stopCode = 'UserInitiated'
      task.stoppedReason = input.reason || 'Task stopped by user'
      task.stoppingAt = Date.now()
      const child = task.process
      if (child && task.lastStatus === 'RUNNING') {
        task.lastStatus = 'STOPPING'
        child.kill('SIGTERM')
        task.timers.push(
          setTimeout(() => signalGroup(child, 'SIGKILL'), this.timings.stopTimeoutMs)
        )
      } else {
        this.finish(task, {})
      }
    }
    return { task: describe(task, false) }
  }

  private find(cluster: string | undefined, reference: string): TaskRecord | undefined {
    const clusterArn = clusterArnOf(
      clusterNameOf(cluster),
      this.options.region,
      this.options.accountId
    )
    const task =
      this.tasksByArn.get(reference) ??
      [...this.tasksByArn.values()].find((candidate) => candidate.id === reference)
    return task?.clusterArn === clusterArn ? task : undefined
  }

  private record(taskArn: string): TaskRecord {
    const task = this.tasksByArn.get(taskArn)
    if (!task) throw new Error(`The ECS emulator has no task ${taskArn}.`)
    return task
  }
}

interface ListTasksInput {
  cluster?: string
  startedBy?: string
  family?: string
  containerInstance?: string
  serviceName?: string
  launchType?: string
  desiredStatus?: string
  maxResults?: number
  nextToken?: string
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is already gone.
  }
}

function clusterNameOf(cluster: string | undefined): string {
  return (cluster ?? 'default').replace(/^arn:[^:]+:ecs:[^:]*:\d*:cluster\//, '')
}

function clusterArnOf(name: string, region: string, accountId: string): string {
  return `arn:aws:ecs:${region}:${accountId}:cluster/${name}`
}

/** Accepts a family, family:revision or ARN, as RunTask does. */
function taskDefinitionOf(reference: string, region: string, accountId: string) {
  const familyAndRevision = reference.replace(/^arn:[^:]+:ecs:[^:]*:\d*:task-definition\//, '')
  const [family, revision = '1'] = familyAndRevision.split(':')
  return {
    arn: `arn:aws:ecs:${region}:${accountId}:task-definition/${family}:${revision}`,
    family
  }
}

function snapshot(task: TaskRecord): EmulatedTask {
  return {
    taskArn: task.arn,
    taskId: task.id,
    clusterArn: task.clusterArn,
    startedBy: task.startedBy,
    group: task.group,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    command: task.command,
    environment: task.environment,
    address: task.addressKnown ? task.address : undefined,
    pid: task.process?.pid,
    exitCode: task.exitCode,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    exitedAt: task.executionStoppedAt,
    stoppedAt: task.stoppedAt,
    logFile: task.logFile
  }
}

/** The task in ECS's wire shape (camelCase, epoch seconds). */
function describe(task: TaskRecord, withTags: boolean) {
  const stopped = task.lastStatus === 'STOPPED'
  const running = task.startedAt !== undefined
  const containerGone = task.executionStoppedAt !== undefined
  const eniDetails = [{ name: 'subnetId', value: task.subnetId }]
  if (task.addressKnown) {
    const octets = task.address.split('.')
    eniDetails.push(
      { name: 'networkInterfaceId', value: `eni-${task.id.slice(0, 17)}` },
      { name: 'macAddress', value: `0e:00:${octets.map((o) => Number(o).toString(16)).join(':')}` },
      { name: 'privateDnsName', value: `ip-${octets.join('-')}.ec2.internal` },
      { name: 'privateIPv4Address', value: task.address }
    )
  }
  return {
    taskArn: task.arn,
    clusterArn: task.clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    group: task.group,
    startedBy: task.startedBy,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    cpu: task.overrides.cpu ?? '1024',
    memory: task.overrides.memory ?? '2048',
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    connectivity: running && !containerGone ? 'CONNECTED' : undefined,
    connectivityAt: epochSeconds(task.startedAt),
    createdAt: epochSeconds(task.createdAt),
    pullStartedAt: epochSeconds(task.pullStartedAt),
    pullStoppedAt: epochSeconds(task.pullStoppedAt),
    startedAt: epochSeconds(task.startedAt),
    stoppingAt: epochSeconds(task.stoppingAt),
    executionStoppedAt: epochSeconds(task.executionStoppedAt),
    stoppedAt: epochSeconds(task.stoppedAt),
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    availabilityZone: task.availabilityZone,
    attachments: [
      {
        id: task.attachmentId,
        type: 'ElasticNetworkInterface',
        status: stopped ? 'DELETED' : task.addressKnown ? 'ATTACHED' : 'PRECREATED',
        details: eniDetails
      }
    ],
    containers: [
      {
        containerArn: task.containerArn,
        taskArn: task.arn,
        name: task.containerName,
        image: 'distributed-locust:emulated',
        lastStatus: containerGone ? 'STOPPED' : running ? 'RUNNING' : 'PENDING',
        exitCode: task.exitCode,
        networkInterfaces: task.addressKnown
          ? [{ attachmentId: task.attachmentId, privateIpv4Address: task.address }]
          : []
      }
    ],
    overrides: task.overrides,
    tags: withTags ? task.tags : undefined,
    version: 1
  }
}
