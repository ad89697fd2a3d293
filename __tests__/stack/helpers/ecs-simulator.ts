/**
 * An in-memory ECS that answers the state machine's four ECS calls the way Step Functions' SDK
 * integrations hand them over (PascalCase, `Ecs.<Exception>` errors), plus the one S3 call (PutObject
 * of the master's address). Like ECS, it refuses ListTasks with startedBy and another filter.
 * The master follows a script counted in DescribeTasks calls on it (most tests override every
 * Wait to 0 ms) or, for the timing tests, in milliseconds.
 *
 * Not yet merged into __tests__/emulator/ecs.ts, the one ECS fake meant to survive (issue 9): that
 * one runs each task as a real process behind the AWS JSON protocol, while these tests script the
 * master call by call and inject faults (throttling, RunTask Failures, StopTask errors) that the
 * emulator does not offer yet. Merging means giving the emulator a scripted task kind and fault
 * hooks, then running run-machine.ts against it.
 */

export const CLUSTER_NAME = 'dl-cluster'
export const CLUSTER_ARN = `arn:aws:ecs:eu-west-1:123456789012:cluster/${CLUSTER_NAME}`
export const TASK_DEFINITION_ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/dl-locust:1'

/** How the master task behaves, counted in DescribeTasks calls made on it (1 = the first call). */
export interface MasterScript {
  /** The call from which its network interface reports a private IP (never if absent). */
  addressOnDescribe?: number
  /** The call from which it is STOPPED (never if absent). */
  stopOnDescribe?: number
  /** Milliseconds after RunTask from which it reports a private IP (instead of addressOnDescribe). */
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

/** What one RunTask call does: place only some tasks, or fail as a whole. */
export type RunTaskOutcome =
  | {
      place: number
      failureReason?: string
      /** How many Failures entries ECS lists (default: one per task not placed). */
      failureEntries?: number
    }
  | { error: string; message: string }

export interface SimulatorOptions {
  master?: MasterScript
  /** Decides each RunTask call (0-based over all calls); default: place every task. */
  runTask?: (callIndex: number, count: number) => RunTaskOutcome | undefined
  /** Makes the n-th DescribeTasks call (0-based) fail with this SDK error. */
  describeError?: (callIndex: number) => { error: string; message: string } | undefined
  /** Makes the n-th ListTasks call (0-based) fail with this SDK error. */
  listError?: (callIndex: number) => { error: string; message: string } | undefined
  /** Makes the n-th StopTask call (0-based) fail with this SDK error. */
  stopError?: (callIndex: number) => { error: string; message: string } | undefined
  /** Makes the n-th S3 PutObject call (0-based) fail with this SDK error. */
  putError?: (callIndex: number) => { error: string; message: string } | undefined
  /** Container names the task definition has, for override checks. */
  containerNames?: string[]
}

export interface SimTask {
  arn: string
  role: 'master' | 'worker'
  startedBy: string
  group: string
  tags: { Key: string; Value: string }[]
  containerName: string
  command: string[]
  environment: { Name: string; Value: string }[]
  network: unknown
  ip: string
  desiredStatus: 'RUNNING' | 'STOPPED'
  lastStatus: string
  exitCode?: number | null
  stopCode?: string
  stoppedReason?: string
  stoppedAt?: string
  describeCount: number
  /** Date.now() when RunTask started it, and when it was stopped. */
  launchedAtMs: number
  stoppedAtMs?: number
}

export interface SimCall {
  action: 'RunTask' | 'DescribeTasks' | 'ListTasks' | 'StopTask' | 'PutObject'
  params: Record<string, unknown>
  /** Date.now() when the call came in. */
  atMs: number
}

/** An object the state machine wrote to S3. */
export interface SimObject {
  body: string
  contentType?: string
  writtenAtMs: number
}

type Params = Record<string, unknown>

class ServiceError extends Error {
  constructor(name: string, message: string) {
    super(message)
    this.name = name
  }
}

export class EcsSimulator {
  readonly tasks: SimTask[] = []
  readonly calls: SimCall[] = []
  /** S3 objects by `bucket/key`. */
  readonly objects = new Map<string, SimObject>()
  private readonly containerNames: string[]

  constructor(private readonly options: SimulatorOptions = {}) {
    this.containerNames = options.containerNames ?? ['locust']
  }

  /** Local handlers keyed by the integration resource they stand in for. */
  handlersByResource(): Record<string, (input: Params) => Promise<unknown>> {
    return {
      'arn:aws:states:::aws-sdk:ecs:runTask': async (input) => this.runTask(input),
      'arn:aws:states:::aws-sdk:ecs:describeTasks': async (input) => this.describeTasks(input),
      'arn:aws:states:::aws-sdk:ecs:listTasks': async (input) => this.listTasks(input),
      'arn:aws:states:::aws-sdk:ecs:stopTask': async (input) => this.stopTask(input),
      'arn:aws:states:::aws-sdk:s3:putObject': async (input) => this.putObject(input)
    }
  }

  callsOf(action: SimCall['action']): Params[] {
    return this.calls.filter((call) => call.action === action).map((call) => call.params)
  }

  /** Tasks that nobody stopped and that did not stop on their own. */
  tasksLeftRunning(): SimTask[] {
    return this.tasks.filter(
      (task) => task.desiredStatus === 'RUNNING' && task.lastStatus !== 'STOPPED'
    )
  }

  get master(): SimTask | undefined {
    return this.tasks.find((task) => task.role === 'master')
  }

  get workers(): SimTask[] {
    return this.tasks.filter((task) => task.role === 'worker')
  }

  private runTask(input: Params): unknown {
    const callIndex = this.callsOf('RunTask').length
    this.calls.push({ action: 'RunTask', params: input, atMs: Date.now() })
    this.checkCluster(input.Cluster, 'Ecs.ClusterNotFoundException')
    const count = Number(input.Count)
    if (!Number.isInteger(count) || count < 1 || count > 10) {
      throw new ServiceError(
        'Ecs.InvalidParameterException',
        `count must be 1 to 10, got ${input.Count}.`
      )
    }
    const startedBy = String(input.StartedBy)
    if (!/^[A-Za-z0-9_/-]{1,36}$/.test(startedBy)) {
      throw new ServiceError(
        'Ecs.InvalidParameterException',
        'startedBy may only contain up to 36 letters, numbers, hyphens, forward slashes and underscores.'
      )
    }
    const override = (input.Overrides as { ContainerOverrides: Params[] }).ContainerOverrides[0]
    if (!this.containerNames.includes(String(override.Name))) {
      throw new ServiceError(
        'Ecs.InvalidParameterException',
        `Override for container named ${override.Name} is not a container in the TaskDefinition.`
      )
    }
    const outcome = this.options.runTask?.(callIndex, count) ?? { place: count }
    if ('error' in outcome) throw new ServiceError(outcome.error, outcome.message)

    const placed = Math.min(outcome.place, count)
    const started = Array.from({ length: placed }, () => this.startTask(input, override))
    const failures = Array.from({ length: outcome.failureEntries ?? count - placed }, () => ({
      Arn: TASK_DEFINITION_ARN,
      Reason:
        outcome.failureReason ?? 'Capacity is unavailable at this time. Please try again later.'
    }))
    return { Tasks: started.map((task) => this.view(task)), Failures: failures }
  }

  private startTask(input: Params, override: Params): SimTask {
    const index = this.tasks.length
    const command = override.Command as string[]
    const task: SimTask = {
      arn: `arn:aws:ecs:eu-west-1:123456789012:task/${CLUSTER_NAME}/${index.toString(16).padStart(32, '0')}`,
      role: this.tasks.length === 0 ? 'master' : 'worker',
      startedBy: String(input.StartedBy),
      group: String(input.Group),
      tags: input.Tags as SimTask['tags'],
      containerName: String(override.Name),
      command,
      environment: override.Environment as SimTask['environment'],
      network: input.NetworkConfiguration,
      ip: `10.0.${Math.floor(index / 250)}.${(index % 250) + 4}`,
      desiredStatus: 'RUNNING',
      lastStatus: 'PROVISIONING',
      describeCount: 0,
      launchedAtMs: Date.now()
    }
    // Workers are not followed by the state machine; they simply run until stopped.
    if (task.role === 'worker') task.lastStatus = 'RUNNING'
    this.tasks.push(task)
    return task
  }

  private describeTasks(input: Params): unknown {
    const callIndex = this.callsOf('DescribeTasks').length
    this.calls.push({ action: 'DescribeTasks', params: input, atMs: Date.now() })
    const failure = this.options.describeError?.(callIndex)
    if (failure) throw new ServiceError(failure.error, failure.message)
    this.checkCluster(input.Cluster, 'Ecs.ClusterNotFoundException')
    const wanted = input.Tasks as string[]
    const found = this.tasks.filter((task) => wanted.includes(task.arn))
    for (const task of found) this.advance(task)
    return {
      Tasks: found.map((task) => this.view(task)),
      Failures: wanted
        .filter((arn) => !found.some((task) => task.arn === arn))
        .map((arn) => ({ Arn: arn, Reason: 'MISSING' }))
    }
  }

  /** Moves the master along its script, one DescribeTasks call at a time. */
  private advance(task: SimTask): void {
    task.describeCount++
    if (task.role !== 'master' || task.lastStatus === 'STOPPED') return
    const script = this.options.master ?? {}
    const age = Date.now() - task.launchedAtMs
    const reached = (describe?: number, ms?: number) =>
      (describe !== undefined && task.describeCount >= describe) || (ms !== undefined && age >= ms)
    if (reached(script.stopOnDescribe, script.stopAfterMs)) {
      this.stop(task, {
        exitCode: script.exitCode === undefined ? 0 : script.exitCode,
        stopCode: script.stopCode ?? 'EssentialContainerExited',
        reason: script.stoppedReason ?? 'Essential container in task exited'
      })
    } else if (reached(script.addressOnDescribe, script.addressAfterMs)) {
      // PENDING when the address first shows; RUNNING from the next call on.
      task.lastStatus =
        task.lastStatus === 'PROVISIONING' || script.neverRuns ? 'PENDING' : 'RUNNING'
    }
  }

  private listTasks(input: Params): unknown {
    const callIndex = this.callsOf('ListTasks').length
    this.calls.push({ action: 'ListTasks', params: input, atMs: Date.now() })
    const failure = this.options.listError?.(callIndex)
    if (failure) throw new ServiceError(failure.error, failure.message)
    this.checkCluster(input.Cluster, 'Ecs.ClusterNotFoundException')
    const otherFilters = [
      'ContainerInstance',
      'Family',
      'ServiceName',
      'DesiredStatus',
      'LaunchType'
    ]
    if (input.StartedBy !== undefined && otherFilters.some((name) => input[name] !== undefined)) {
      throw new ServiceError(
        'Ecs.InvalidParameterException',
        'startedBy must be the only filter when listing tasks.'
      )
    }
    if (input.StartedBy !== undefined && !/^[A-Za-z0-9_/-]{1,36}$/.test(String(input.StartedBy))) {
      throw new ServiceError('Ecs.InvalidParameterException', 'startedBy is not valid.')
    }
    const matching = this.tasks.filter(
      (task) =>
        (input.StartedBy === undefined || task.startedBy === input.StartedBy) &&
        task.desiredStatus === (input.DesiredStatus ?? 'RUNNING')
    )
    const max = Number(input.MaxResults ?? 100)
    return {
      TaskArns: matching.slice(0, max).map((task) => task.arn),
      ...(matching.length > max ? { NextToken: 'more' } : {})
    }
  }

  private stopTask(input: Params): unknown {
    const callIndex = this.callsOf('StopTask').length
    this.calls.push({ action: 'StopTask', params: input, atMs: Date.now() })
    const failure = this.options.stopError?.(callIndex)
    if (failure) throw new ServiceError(failure.error, failure.message)
    this.checkCluster(input.Cluster, 'Ecs.ClusterNotFoundException')
    const task = this.tasks.find((candidate) => candidate.arn === input.Task)
    if (!task)
      throw new ServiceError(
        'Ecs.InvalidParameterException',
        `The referenced task was not found: ${input.Task}`
      )
    if (task.lastStatus !== 'STOPPED') {
      this.stop(task, {
        exitCode: 143,
        stopCode: 'UserInitiated',
        reason: String(input.Reason ?? '')
      })
    }
    task.desiredStatus = 'STOPPED'
    return { Task: this.view(task) }
  }

  private putObject(input: Params): unknown {
    const callIndex = this.callsOf('PutObject').length
    this.calls.push({ action: 'PutObject', params: input, atMs: Date.now() })
    const failure = this.options.putError?.(callIndex)
    if (failure) throw new ServiceError(failure.error, failure.message)
    this.objects.set(`${input.Bucket}/${input.Key}`, {
      body: String(input.Body),
      contentType: input.ContentType as string | undefined,
      writtenAtMs: Date.now()
    })
    return { ETag: '"0"' }
  }

  private stop(
    task: SimTask,
    how: { exitCode: number | null; stopCode: string; reason: string }
  ): void {
    task.lastStatus = 'STOPPED'
    task.desiredStatus = 'STOPPED'
    task.exitCode = how.exitCode
    task.stopCode = how.stopCode
    task.stoppedReason = how.reason
    task.stoppedAtMs = Date.now()
    task.stoppedAt = new Date(task.stoppedAtMs).toISOString()
  }

  private checkCluster(cluster: unknown, errorName: string): void {
    if (cluster !== CLUSTER_ARN && cluster !== CLUSTER_NAME) {
      throw new ServiceError(errorName, `Cluster not found: ${String(cluster)}`)
    }
  }

  /** The task as DescribeTasks/RunTask report it: the ENI's details fill in as it is attached. */
  private view(task: SimTask): Params {
    const attached =
      task.role === 'worker' || task.lastStatus !== 'PROVISIONING' || task.stoppedAt !== undefined
    const details = [{ Name: 'subnetId', Value: 'subnet-a' }]
    if (attached) {
      details.push(
        { Name: 'networkInterfaceId', Value: `eni-${task.arn.slice(-8)}` },
        { Name: 'macAddress', Value: '0a:00:00:00:00:01' },
        {
          Name: 'privateDnsName',
          Value: `ip-${task.ip.replaceAll('.', '-')}.eu-west-1.compute.internal`
        },
        { Name: 'privateIPv4Address', Value: task.ip }
      )
    }
    // Right after RunTask ECS has not created the network interface yet.
    const noInterfaceYet = !attached && task.describeCount <= 1
    return {
      TaskArn: task.arn,
      ClusterArn: CLUSTER_ARN,
      TaskDefinitionArn: TASK_DEFINITION_ARN,
      LastStatus: task.lastStatus,
      DesiredStatus: task.desiredStatus,
      StartedBy: task.startedBy,
      Group: task.group,
      Attachments: noInterfaceYet
        ? []
        : [
            {
              Id: 'att-1',
              Type: 'ElasticNetworkInterface',
              Status: attached ? 'ATTACHED' : 'PRECREATED',
              Details: details
            }
          ],
      Containers: [
        {
          Name: task.containerName,
          LastStatus: task.lastStatus,
          ...(typeof task.exitCode === 'number' ? { ExitCode: task.exitCode } : {})
        }
      ],
      ...(task.stoppedAt
        ? { StopCode: task.stopCode, StoppedReason: task.stoppedReason, StoppedAt: task.stoppedAt }
        : {})
    }
  }
}
