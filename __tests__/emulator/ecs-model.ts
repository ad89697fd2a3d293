/**
 * The emulated Amazon ECS without transport and without processes: its state (tasks, journal,
 * faults), the rules of RunTask, DescribeTasks, ListTasks and StopTask, and the lifecycle a task
 * goes through. Calls come in through `call(action, input)` in ECS's wire shape (camelCase input,
 * epoch-second timestamps, errors as `AwsServiceError`).
 *
 * What moves a task along its lifecycle is a `TaskDriver`: the HTTP emulator (ecs.ts) runs each task
 * as a real process on Fargate-like timers; `ScriptedTasks` (below) runs nothing and moves the first
 * task, the master, along a script counted in DescribeTasks calls or milliseconds, for tests that
 * drive a state machine call by call.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { AwsServiceError, epochSeconds } from './http.js'

export type EcsAction = 'RunTask' | 'DescribeTasks' | 'ListTasks' | 'StopTask'

/** The parts of a RunTask request a fault's `when` can look at. */
export interface LaunchRequest {
  command: string[]
  environment: Record<string, string>
  startedBy?: string
  group?: string
  /** How many tasks the call asks for. */
  count: number
  /** The RunTask call's number, 0-based over all RunTask calls. */
  callIndex: number
}

/** The call a fault of kind `error` looks at. */
export interface CallInfo {
  /** 0-based over the calls of this action. */
  callIndex: number
  /** Set for RunTask. */
  launch?: LaunchRequest
}

export type EcsFault =
  /** The next call(s) of `action` (default RunTask) fail with ThrottlingException. */
  | { kind: 'throttle'; action?: EcsAction; times?: number }
  /** Calls of `action` (default RunTask) that `when` picks fail with the error `type`. */
  | {
      kind: 'error'
      action?: EcsAction
      type: string
      message: string
      times?: number
      when?: (call: CallInfo) => boolean
    }
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

/**
 * Faults as AWS reports them, word for word, for tests that check how they are told apart.
 * EC2 throttling while Fargate sets up a task's network interface reaches RunTask as
 * InvalidParameterException, not ThrottlingException; Fargate without capacity in a zone lists
 * the tasks it did not start in `failures`.
 */
export const awsFaults = {
  ec2RequestLimit: (times = 1): EcsFault => ({
    kind: 'error',
    type: 'InvalidParameterException',
    message:
      'Error retrieving security group information for [sg-0a1b2c3d4e5f67890]: Request limit exceeded. (ErrorCode: RequestLimitExceeded)',
    times
  }),
  ecsThrottling: (times = 1, action: EcsAction = 'RunTask'): EcsFault => ({
    kind: 'error',
    type: 'ThrottlingException',
    message: 'Rate exceeded',
    action,
    times
  }),
  fargateCapacity: (times = 1, when?: (launch: LaunchRequest) => boolean): EcsFault => ({
    kind: 'failures',
    reason:
      'Capacity is unavailable at this time. Please try again later or in a different availability zone',
    times,
    when
  })
}

export interface JournalEntry {
  at: number
  action: EcsAction
  request: unknown
  response?: unknown
  error?: { type: string; message: string }
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

export interface NetworkConfiguration {
  awsvpcConfiguration?: { subnets?: string[]; securityGroups?: string[]; assignPublicIp?: string }
}

export interface RunTaskInput {
  cluster?: string
  taskDefinition?: string
  count?: number
  startedBy?: string
  group?: string
  launchType?: string
  capacityProviderStrategy?: CapacityProviderItem[]
  clientToken?: string
  tags?: { key?: string; value?: string }[]
  overrides?: { containerOverrides?: ContainerOverride[]; cpu?: string; memory?: string }
  networkConfiguration?: NetworkConfiguration
}

interface CapacityProviderItem {
  capacityProvider?: string
  weight?: number
  base?: number
}

interface DescribeTasksInput {
  cluster?: string
  tasks?: string[]
  include?: string[]
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

interface StopTaskInput {
  cluster?: string
  task?: string
  reason?: string
}

/** One task's state, as the model and its driver see it. Times are epoch milliseconds. */
export interface TaskRecord {
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
  networkConfiguration: NetworkConfiguration
  containerName: string
  /** FARGATE or FARGATE_SPOT, as the capacity provider strategy placed it. */
  capacityProviderName: string
  command: string[]
  environment: Record<string, string>
  subnetId: string
  attachmentId: string
  address: string
  addressKnown: boolean
  /** ECS has not precreated the network interface yet: DescribeTasks lists no attachment. */
  attachmentHidden: boolean
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
  /** DescribeTasks calls that reported it. */
  describeCount: number
  stopped: Promise<void>
  markStopped: () => void
}

/** What moves tasks along their lifecycle. */
export interface TaskDriver {
  /** RunTask created the task (PROVISIONING). */
  launched(task: TaskRecord, model: EcsModel): void
  /** DescribeTasks is about to report the task. */
  described?(task: TaskRecord, model: EcsModel): void
  /**
   * StopTask asked a task to stop whose desired status was RUNNING; its desired status, stop code
   * and reason are already set.
   */
  stopRequested(task: TaskRecord, model: EcsModel): void
  /** Fargate reclaimed a Spot task (stop code SpotInterruption set): SIGTERM, then gone. */
  reclaimed?(task: TaskRecord, model: EcsModel, noticeMs: number): void
}

export interface EcsModelOptions {
  region: string
  accountId: string
  driver: TaskDriver
  /** Container name when the overrides name none (default `locust`). */
  containerName?: string
  /** The clusters that exist (cluster names); any cluster exists if unset. */
  clusters?: string[]
  /** The task definition's container names, which overrides must name; any name if unset. */
  containerNames?: string[]
  /**
   * StopTask's token bucket: a burst, then a refill per second; calls past it fail with
   * ThrottlingException, as ECS throttles them per account and region. Default 100, then 40/s;
   * null: no limit.
   */
  stopTaskRate?: { burst: number; perSecond: number } | null
  /** The cluster's capacity providers, which a RunTask strategy may name (default both Fargate's). */
  capacityProviders?: string[]
}

const MAX_TASKS_PER_RUN = 10
/** ECS's limit on the container overrides of a RunTask, in characters of their JSON. */
const MAX_CONTAINER_OVERRIDES_LENGTH = 8192
const MAX_TASKS_PER_DESCRIBE = 100
const DEFAULT_LIST_PAGE = 100

/**
 * Hands out 127.x.y.n addresses. The x.y part is random per model so that emulators running at the
 * same time on this machine (parallel test runs) do not hand out the same address and port.
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

/** ECS's throttling: a bucket of `burst` calls, refilled at `perSecond`. */
class TokenBucket {
  private tokens: number
  private updatedAt = Date.now()

  constructor(private readonly rate: { burst: number; perSecond: number }) {
    this.tokens = rate.burst
  }

  take(): boolean {
    const now = Date.now()
    const refill = ((now - this.updatedAt) / 1000) * this.rate.perSecond
    this.tokens = Math.min(this.rate.burst, this.tokens + refill)
    this.updatedAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

interface PendingFault {
  fault: EcsFault
  remaining: number
}

export class EcsModel {
  private readonly tasksByArn = new Map<string, TaskRecord>()
  private readonly faults: PendingFault[] = []
  private readonly addresses = new LoopbackAddresses()
  private readonly entries: JournalEntry[] = []
  /** Calls so far per action: counted, not filtered from the journal on every call (runs make thousands). */
  private readonly callCounts = new Map<EcsAction, number>()
  /** RunTask answers by ClientToken: ECS answers a repeated token with the first call's tasks. */
  private readonly launchesByToken = new Map<string, unknown>()
  private readonly stopTaskBucket?: TokenBucket

  constructor(private readonly options: EcsModelOptions) {
    const rate =
      options.stopTaskRate === undefined ? { burst: 100, perSecond: 40 } : options.stopTaskRate
    if (rate) this.stopTaskBucket = new TokenBucket(rate)
  }

  /** Answers one ECS call: its result, or an `AwsServiceError` thrown. */
  call(action: EcsAction, input: unknown): unknown {
    const callIndex = this.callCounts.get(action) ?? 0
    this.callCounts.set(action, callIndex + 1)
    const entry: JournalEntry = { at: Date.now(), action, request: input }
    this.entries.push(entry)
    try {
      const launch =
        action === 'RunTask' ? launchRequestOf(input as RunTaskInput, callIndex) : undefined
      this.throwIfFaulted(action, { callIndex, launch })
      if (action === 'StopTask' && this.stopTaskBucket?.take() === false) {
        throw new AwsServiceError('ThrottlingException', 'Rate exceeded')
      }
      entry.response = this.answer(action, input, launch)
      return entry.response
    } catch (error) {
      if (error instanceof AwsServiceError)
        entry.error = { type: error.type, message: error.message }
      throw error
    }
  }

  injectFault(fault: EcsFault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 })
  }

  /** Every call received, oldest first (optionally only those of one action). */
  journal(action?: EcsAction): JournalEntry[] {
    return this.entries.filter((entry) => action === undefined || entry.action === action)
  }

  /** Every task, in launch order. */
  records(): TaskRecord[] {
    return [...this.tasksByArn.values()]
  }

  record(taskArn: string): TaskRecord {
    const task = this.tasksByArn.get(taskArn)
    if (!task) throw new Error(`The ECS emulator has no task ${taskArn}.`)
    return task
  }

  /**
   * The container is gone: exit code and stop reason known, desired status STOPPED, and
   * DEPROVISIONING until the driver calls `markStopped`. A stop code and reason set earlier
   * (StopTask) win over `outcome`'s.
   */
  containerExited(
    task: TaskRecord,
    outcome: { exitCode?: number; stopCode?: string; stoppedReason?: string }
  ): void {
    const now = Date.now()
    task.stopCode ??= outcome.stopCode
    task.stoppedReason ??= outcome.stoppedReason
    task.exitCode = outcome.exitCode
    task.desiredStatus = 'STOPPED'
    task.stoppingAt ??= now
    task.executionStoppedAt = now
    task.lastStatus = 'DEPROVISIONING'
  }

  /**
   * Fargate takes back a Spot task's capacity: its desired status STOPPED with stop code
   * SpotInterruption, SIGTERM, and the task gone after `noticeMs` (AWS gives two minutes' notice).
   */
  reclaim(taskArn: string, noticeMs = 120_000): void {
    const task = this.record(taskArn)
    if (task.capacityProviderName !== 'FARGATE_SPOT' || task.desiredStatus !== 'RUNNING') {
      throw new Error(
        `Task ${taskArn} is not a running Spot task (${task.capacityProviderName}, ${task.desiredStatus}).`
      )
    }
    task.desiredStatus = 'STOPPED'
    task.stopCode = 'SpotInterruption'
    task.stoppedReason = 'Your Spot Task was interrupted.'
    task.stoppingAt = Date.now()
    const driver = this.options.driver
    if (driver.reclaimed) driver.reclaimed(task, this, noticeMs)
    else driver.stopRequested(task, this)
  }

  /** The network interface is released: STOPPED. */
  markStopped(task: TaskRecord): void {
    if (task.lastStatus === 'STOPPED') return
    task.desiredStatus = 'STOPPED'
    task.lastStatus = 'STOPPED'
    task.stoppingAt ??= Date.now()
    task.executionStoppedAt ??= Date.now()
    task.stoppedAt = Date.now()
    task.markStopped()
  }

  private answer(action: EcsAction, input: unknown, launch?: LaunchRequest): unknown {
    switch (action) {
      case 'RunTask':
        return this.runTask(input as RunTaskInput, launch!)
      case 'DescribeTasks':
        return this.describeTasks(input as DescribeTasksInput)
      case 'ListTasks':
        return this.listTasks(input as ListTasksInput)
      case 'StopTask':
        return this.stopTask(input as StopTaskInput)
    }
  }

  private throwIfFaulted(action: EcsAction, call: CallInfo): void {
    const pending = this.faults.find(({ fault, remaining }) => {
      if (remaining <= 0) return false
      if (fault.kind === 'throttle') return (fault.action ?? 'RunTask') === action
      if (fault.kind === 'error') {
        return (fault.action ?? 'RunTask') === action && (fault.when?.(call) ?? true)
      }
      return false
    })
    if (!pending) return
    pending.remaining--
    const { fault } = pending
    if (fault.kind === 'error') throw new AwsServiceError(fault.type, fault.message)
    throw new AwsServiceError('ThrottlingException', 'Rate exceeded')
  }

  private takeFault<K extends 'failures' | 'failToStart'>(
    kind: K,
    launch: LaunchRequest
  ): Extract<EcsFault, { kind: K }> | undefined {
    const pending = this.faults.find(
      ({ fault, remaining }) =>
        remaining > 0 &&
        fault.kind === kind &&
        (!('when' in fault) || (fault.when?.(launch as never) ?? true))
    )
    if (!pending) return undefined
    pending.remaining--
    return pending.fault as Extract<EcsFault, { kind: K }>
  }

  private clusterArnOf(cluster: string | undefined): string {
    const name = clusterNameOf(cluster)
    if (this.options.clusters && !this.options.clusters.includes(name)) {
      throw new AwsServiceError('ClusterNotFoundException', 'Cluster not found.')
    }
    return `arn:aws:ecs:${this.options.region}:${this.options.accountId}:cluster/${name}`
  }

  private runTask(input: RunTaskInput, launch: LaunchRequest) {
    const earlier = input.clientToken ? this.launchesByToken.get(input.clientToken) : undefined
    if (earlier) return earlier
    const answer = this.launch(input, launch)
    if (input.clientToken) this.launchesByToken.set(input.clientToken, answer)
    return answer
  }

  private launch(input: RunTaskInput, launch: LaunchRequest) {
    const clusterArn = this.clusterArnOf(input.cluster)
    const { count } = launch
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
        'startedBy may only contain up to 36 letters, numbers, hyphens, forward slashes and underscores.'
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
    const overridesLength = JSON.stringify({
      containerOverrides: input.overrides?.containerOverrides ?? []
    }).length
    if (overridesLength > MAX_CONTAINER_OVERRIDES_LENGTH) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `Container Overrides length must be at most ${MAX_CONTAINER_OVERRIDES_LENGTH}`
      )
    }
    const containerName =
      input.overrides?.containerOverrides?.[0]?.name ?? this.options.containerName ?? 'locust'
    if (this.options.containerNames && !this.options.containerNames.includes(containerName)) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `Override for container named ${containerName} is not a container in the TaskDefinition.`
      )
    }

    const providers = this.capacityProvidersOf(input, count)
    const failures = this.takeFault('failures', launch)
    const launched = failures ? Math.min(failures.tasksLaunched ?? 0, count) : count
    const tasks = Array.from({ length: launched }, (_, i) =>
      this.createTask(input, launch, {
        clusterArn,
        containerName,
        subnetId: subnets[0],
        capacityProviderName: providers[i]
      })
    )
    return {
      tasks: tasks.map((task) => describe(task, true)),
      failures: Array.from({ length: failures?.failureEntries ?? count - launched }, () => ({
        reason: failures?.reason ?? 'RESOURCE:MEMORY'
      }))
    }
  }

  /**
   * Where each of `count` tasks goes: a launch type is FARGATE; a strategy (never both) fills each
   * provider's base first, then the rest by weight, as ECS does within one RunTask call.
   */
  private capacityProvidersOf(input: RunTaskInput, count: number): string[] {
    const strategy = input.capacityProviderStrategy
    if (strategy === undefined || strategy.length === 0) return Array(count).fill('FARGATE')
    if (input.launchType !== undefined) {
      throw new AwsServiceError(
        'InvalidParameterException',
        'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.'
      )
    }
    const known = this.options.capacityProviders ?? ['FARGATE', 'FARGATE_SPOT']
    const unknown = strategy.find((item) => !known.includes(item.capacityProvider ?? ''))
    if (unknown) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.`
      )
    }
    const placed: string[] = []
    for (const item of strategy) {
      for (let i = 0; i < (item.base ?? 0) && placed.length < count; i++) {
        placed.push(item.capacityProvider!)
      }
    }
    const totalWeight = strategy.reduce((sum, item) => sum + (item.weight ?? 0), 0)
    if (totalWeight === 0 && placed.length < count) {
      throw new AwsServiceError(
        'InvalidParameterException',
        'At least one capacity provider in the strategy must have a weight greater than zero.'
      )
    }
    // The rest by weight: each task to the provider furthest below its share so far.
    const weighted = strategy.filter((item) => (item.weight ?? 0) > 0)
    const counts = weighted.map(() => 0)
    for (let n = 0; placed.length < count; n++) {
      const gaps = weighted.map((item, i) => (item.weight ?? 0) / totalWeight - counts[i] / (n + 1))
      const pick = gaps.indexOf(Math.max(...gaps))
      counts[pick]++
      placed.push(weighted[pick].capacityProvider!)
    }
    return placed
  }

  private createTask(
    input: RunTaskInput,
    launch: LaunchRequest,
    where: {
      clusterArn: string
      containerName: string
      subnetId: string
      capacityProviderName: string
    }
  ): TaskRecord {
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
    let markStopped = () => {}
    const task: TaskRecord = {
      arn: `arn:aws:ecs:${region}:${accountId}:task/${clusterName}/${id}`,
      containerArn: `arn:aws:ecs:${region}:${accountId}:container/${clusterName}/${id}/${attachmentId}`,
      availabilityZone: `${region}a`,
      id,
      clusterArn: where.clusterArn,
      taskDefinitionArn,
      family,
      startedBy: input.startedBy,
      group: input.group ?? `family:${family}`,
      tags: input.tags ?? [],
      overrides: input.overrides ?? { containerOverrides: [] },
      networkConfiguration: input.networkConfiguration ?? {},
      containerName: where.containerName,
      capacityProviderName: where.capacityProviderName,
      command: launch.command,
      environment: launch.environment,
      subnetId: where.subnetId,
      attachmentId,
      address: this.addresses.next(),
      addressKnown: false,
      attachmentHidden: false,
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      createdAt: Date.now(),
      failToStartReason: failToStart
        ? (failToStart.reason ??
          'CannotPullContainerError: pull image manifest has been retried 5 time(s)')
        : undefined,
      describeCount: 0,
      stopped: new Promise<void>((resolve) => (markStopped = resolve)),
      markStopped: () => markStopped()
    }
    this.tasksByArn.set(task.arn, task)
    this.options.driver.launched(task, this)
    return task
  }

  private describeTasks(input: DescribeTasksInput) {
    const references = input.tasks ?? []
    const clusterArn = this.clusterArnOf(input.cluster)
    if (references.length === 0 || references.length > MAX_TASKS_PER_DESCRIBE) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `tasks must list 1 to ${MAX_TASKS_PER_DESCRIBE} tasks, got ${references.length}.`
      )
    }
    const withTags = input.include?.includes('TAGS') ?? false
    const found = references.map((reference) => this.find(clusterArn, reference))
    for (const task of found) {
      if (!task) continue
      task.describeCount++
      this.options.driver.described?.(task, this)
    }
    return {
      tasks: found.flatMap((task) => (task ? [describe(task, withTags)] : [])),
      failures: references.flatMap((reference, i) =>
        found[i] ? [] : [{ arn: reference, reason: 'MISSING' }]
      )
    }
  }

  private listTasks(input: ListTasksInput) {
    const clusterArn = this.clusterArnOf(input.cluster)
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
    const matching = this.records().filter(
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

  private stopTask(input: StopTaskInput) {
    const task = this.find(this.clusterArnOf(input.cluster), input.task ?? '')
    if (!task) {
      throw new AwsServiceError('InvalidParameterException', 'The referenced task was not found.')
    }
    if (task.desiredStatus !== 'STOPPED') {
      task.desiredStatus = 'STOPPED'
      task.stopCode = 'UserInitiated'
      task.stoppedReason = input.reason || 'Task stopped by user'
      task.stoppingAt = Date.now()
      this.options.driver.stopRequested(task, this)
    }
    return { task: describe(task, false) }
  }

  private find(clusterArn: string, reference: string): TaskRecord | undefined {
    const task =
      this.tasksByArn.get(reference) ??
      this.records().find((candidate) => candidate.id === reference)
    return task?.clusterArn === clusterArn ? task : undefined
  }
}

/** How the master (the first task) behaves, counted in DescribeTasks calls on it (1 = the first). */
export interface MasterScript {
  /** The call from which its network interface has a private IP (never if absent). */
  addressOnDescribe?: number
  /** The call from which it is STOPPED (never if absent). */
  stopOnDescribe?: number
  /** Milliseconds after RunTask from which it has a private IP (instead of addressOnDescribe). */
  addressAfterMs?: number
  /** Milliseconds after RunTask from which it is STOPPED (instead of stopOnDescribe). */
  stopAfterMs?: number
  /** Stays PENDING once its address shows (e.g. an image pull that never ends). */
  neverRuns?: boolean
  /** Container exit code once stopped; null = it never got one (e.g. the image could not be pulled). */
  exitCode?: number | null
  stopCode?: string
  stoppedReason?: string
}

/**
 * Tasks without processes or timers. The first task launched is the master and follows `script`,
 * moved along when DescribeTasks reports it: no attachment on its first report, a precreated network
 * interface (subnet only) from the second, its address when the script says, PENDING then RUNNING
 * on the next report. Every later task is a worker, RUNNING with its address at once. StopTask stops
 * a task at once with exit code 143 (SIGTERM).
 */
export class ScriptedTasks implements TaskDriver {
  private masterArn?: string

  constructor(private readonly script: MasterScript = {}) {}

  launched(task: TaskRecord): void {
    if (this.masterArn === undefined) {
      this.masterArn = task.arn
      task.attachmentHidden = true
      return
    }
    task.addressKnown = true
    task.lastStatus = 'RUNNING'
    task.startedAt = task.createdAt
  }

  described(task: TaskRecord, model: EcsModel): void {
    if (task.arn !== this.masterArn || task.lastStatus === 'STOPPED') return
    task.attachmentHidden = task.describeCount <= 1 && !task.addressKnown
    const script = this.script
    const age = Date.now() - task.createdAt
    const reached = (describe?: number, ms?: number) =>
      (describe !== undefined && task.describeCount >= describe) || (ms !== undefined && age >= ms)
    if (reached(script.stopOnDescribe, script.stopAfterMs)) {
      task.attachmentHidden = false
      model.containerExited(task, {
        exitCode: script.exitCode === undefined ? 0 : (script.exitCode ?? undefined),
        stopCode: script.stopCode ?? 'EssentialContainerExited',
        stoppedReason: script.stoppedReason ?? 'Essential container in task exited'
      })
      model.markStopped(task)
    } else if (reached(script.addressOnDescribe, script.addressAfterMs)) {
      task.addressKnown = true
      task.attachmentHidden = false
      if (task.lastStatus === 'PROVISIONING' || script.neverRuns) {
        task.lastStatus = 'PENDING'
        task.pullStartedAt ??= Date.now()
      } else {
        task.lastStatus = 'RUNNING'
        task.startedAt ??= Date.now()
      }
    }
  }

  stopRequested(task: TaskRecord, model: EcsModel): void {
    model.containerExited(task, { exitCode: 143 })
    model.markStopped(task)
  }
}

function launchRequestOf(input: RunTaskInput, callIndex: number): LaunchRequest {
  const override = input.overrides?.containerOverrides?.[0]
  return {
    command: override?.command ?? [],
    environment: Object.fromEntries(
      (override?.environment ?? []).map(({ name, value }) => [name ?? '', value ?? ''])
    ),
    startedBy: input.startedBy,
    group: input.group,
    count: input.count ?? 1,
    callIndex
  }
}

function clusterNameOf(cluster: string | undefined): string {
  return (cluster ?? 'default').replace(/^arn:[^:]+:ecs:[^:]*:\d*:cluster\//, '')
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
    capacityProviderName: task.capacityProviderName,
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
    attachments: task.attachmentHidden
      ? []
      : [
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
