/**
 * Runs the state machine of cloudformation/template.yaml in aws-local-stepfunctions against the
 * emulator's ECS model with scripted tasks (no processes), with every Wait and Retry pause
 * shortened to 0 ms. `StackEcs` hands the model the calls the way Step Functions' SDK integrations
 * make them (PascalCase in and out, `Ecs.<Exception>` errors, ISO timestamps) and stands in for the
 * one S3 call (PutObject of the master's address).
 */
import { readFileSync } from 'node:fs'
import type { StateMachine } from 'aws-local-stepfunctions'
import { listTaskStates, loadStateMachineDefinition } from '../../../scripts/template/template.js'
import {
  EcsModel,
  ScriptedTasks,
  type EcsAction,
  type EcsFault,
  type MasterScript,
  type TaskRecord
} from '../../emulator/ecs-model.js'
import { AwsServiceError } from '../../emulator/http.js'
import {
  lowerFirst,
  renameKeys,
  upperFirst,
  type Json
} from '../../emulator/service-integrations.js'
import { makeStateMachine } from '../../emulator/state-machine.js'
import { HistoryCounter } from '../../emulator/history.js'

const REGION = 'eu-west-1'
const ACCOUNT_ID = '123456789012'
export const CLUSTER_NAME = 'dl-cluster'
export const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:cluster/${CLUSTER_NAME}`
export const TASK_DEFINITION_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:task-definition/dl-locust:1`

type Params = Record<string, unknown>

export interface StackEcsOptions {
  master?: MasterScript
  /** Injected into the ECS model before the run (errors, RunTask failures, throttling). */
  faults?: EcsFault[]
  /** Makes the n-th S3 PutObject call (0-based) fail with this SDK error (e.g. `S3.AccessDeniedException`). */
  putError?: (callIndex: number) => { error: string; message: string } | undefined
  /** Container names the task definition has, for override checks (default `locust`). */
  containerNames?: string[]
  /** Called before each ECS call reaches the model, e.g. to reclaim a Spot task mid-run. */
  beforeCall?: (action: EcsAction, ecs: StackEcs) => void
}

export interface StackCall {
  action: EcsAction | 'PutObject'
  /** The parameters as the state machine passed them (PascalCase). */
  params: Params
  /** Date.now() when the call came in. */
  atMs: number
}

/** An object the state machine wrote to S3. */
export interface StoredObject {
  body: string
  contentType?: string
  writtenAtMs: number
}

/** A task as the state-machine tests read it, in the names the state machine used to launch it. */
export interface StackTask {
  arn: string
  role: 'master' | 'worker'
  startedBy?: string
  group: string
  tags: { Key: string; Value: string }[]
  containerName: string
  command: string[]
  environment: { Name: string; Value: string }[]
  network: Json
  /** Its private address (whether or not ECS reported it yet). */
  ip: string
  desiredStatus: string
  lastStatus: string
  exitCode?: number
  stopCode?: string
  stoppedReason?: string
  /** As DescribeTasks reports it through Step Functions (ISO 8601). */
  stoppedAt?: string
  describeCount: number
  /** Date.now() when RunTask started it, and when it was stopped. */
  launchedAtMs: number
  stoppedAtMs?: number
}

const SDK_RESOURCE = 'arn:aws:states:::aws-sdk:'

/** The ECS model and an S3 object store, called as Step Functions' SDK integrations call them. */
export class StackEcs {
  readonly calls: StackCall[] = []
  /** S3 objects by `bucket/key`. */
  readonly objects = new Map<string, StoredObject>()
  /** The ECS model behind the calls, for tests that intercept them. */
  readonly model: EcsModel

  constructor(private readonly options: StackEcsOptions = {}) {
    this.model = new EcsModel({
      region: REGION,
      accountId: ACCOUNT_ID,
      driver: new ScriptedTasks(options.master),
      clusters: [CLUSTER_NAME],
      containerNames: options.containerNames ?? ['locust'],
      // Waits and Retry pauses take 0 ms here: ECS's StopTask rate would be hit as it never is.
      stopTaskRate: null
    })
    for (const fault of options.faults ?? []) this.model.injectFault(fault)
  }

  /** Local handlers keyed by the integration resource they stand in for. */
  handlersByResource(): Record<string, (input: Params) => Promise<unknown>> {
    const ecsActions: EcsAction[] = ['RunTask', 'DescribeTasks', 'ListTasks', 'StopTask']
    return {
      ...Object.fromEntries(
        ecsActions.map((action) => [
          `${SDK_RESOURCE}ecs:${lowerFirst(action)}`,
          async (input: Params) => this.callEcs(action, input)
        ])
      ),
      [`${SDK_RESOURCE}s3:putObject`]: async (input: Params) => this.putObject(input)
    }
  }

  callsOf(action: StackCall['action']): Params[] {
    return this.calls.filter((call) => call.action === action).map((call) => call.params)
  }

  get tasks(): StackTask[] {
    return this.model.records().map((task, index) => view(task, index === 0 ? 'master' : 'worker'))
  }

  get master(): StackTask | undefined {
    return this.tasks.find((task) => task.role === 'master')
  }

  get workers(): StackTask[] {
    return this.tasks.filter((task) => task.role === 'worker')
  }

  /** Tasks that nobody stopped and that did not stop on their own. */
  tasksLeftRunning(): StackTask[] {
    return this.tasks.filter(
      (task) => task.desiredStatus === 'RUNNING' && task.lastStatus !== 'STOPPED'
    )
  }

  private callEcs(action: EcsAction, input: Params): Json {
    this.options.beforeCall?.(action, this)
    this.calls.push({ action, params: input, atMs: Date.now() })
    try {
      const output = this.model.call(action, renameKeys(input as Json, lowerFirst))
      // Through JSON: members the model leaves undefined are absent, as in an SDK result.
      return withIsoTimestamps(renameKeys(JSON.parse(JSON.stringify(output)) as Json, upperFirst))
    } catch (error) {
      if (error instanceof AwsServiceError) throw namedError(`Ecs.${error.type}`, error.message)
      throw error
    }
  }

  private putObject(input: Params): Json {
    const callIndex = this.callsOf('PutObject').length
    this.calls.push({ action: 'PutObject', params: input, atMs: Date.now() })
    const failure = this.options.putError?.(callIndex)
    if (failure) throw namedError(failure.error, failure.message)
    this.objects.set(`${input.Bucket}/${input.Key}`, {
      body: String(input.Body),
      contentType: input.ContentType as string | undefined,
      writtenAtMs: Date.now()
    })
    return { ETag: '"0"' }
  }
}

function view(task: TaskRecord, role: StackTask['role']): StackTask {
  const override = task.overrides.containerOverrides?.[0]
  return {
    arn: task.arn,
    role,
    startedBy: task.startedBy,
    group: task.group,
    tags: renameKeys(task.tags, upperFirst) as StackTask['tags'],
    containerName: task.containerName,
    command: task.command,
    environment: renameKeys(
      (override?.environment ?? []) as Json,
      upperFirst
    ) as StackTask['environment'],
    network: renameKeys(task.networkConfiguration as Json, upperFirst),
    ip: task.address,
    desiredStatus: task.desiredStatus,
    lastStatus: task.lastStatus,
    exitCode: task.exitCode,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    stoppedAt: task.stoppedAt === undefined ? undefined : new Date(task.stoppedAt).toISOString(),
    describeCount: task.describeCount,
    launchedAtMs: task.createdAt,
    stoppedAtMs: task.stoppedAt
  }
}

/** ECS's epoch-second timestamps (members ending in `At`) as the ISO strings Step Functions shows. */
function withIsoTimestamps(value: Json): Json {
  if (Array.isArray(value)) return value.map(withIsoTimestamps)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key.endsWith('At') && typeof item === 'number'
          ? new Date(Math.round(item * 1000)).toISOString()
          : withIsoTimestamps(item)
      ])
    )
  }
  return value
}

function namedError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}

export const templateText = readFileSync(
  new URL('../../../cloudformation/template.yaml', import.meta.url),
  'utf8'
)

/**
 * What the stack's DefinitionSubstitutions resolve to, for a deadline margin of 30 s and 20 s for the
 * workers to connect (so few watch polls).
 */
export const testSubstitutions: Record<string, string> = {
  BucketName: 'dl-runs',
  ClusterArn: CLUSTER_ARN,
  TaskDefinitionArn: TASK_DEFINITION_ARN,
  Subnets: 'subnet-a,subnet-b',
  SecurityGroup: 'sg-0123',
  AssignPublicIp: 'DISABLED',
  ExpectWorkersTimeoutSeconds: '20',
  RunDeadlineMarginSeconds: '30',
  SeedRunTimeSeconds: '60'
}

const definitionsBySubstitutions = new Map<string, object>()

/**
 * The definition with `substitutions`, parsed once per test file; a copy each time, since callers
 * change it (through JSON: structuredClone would make objects of another realm than jest's, which
 * the interpreter's intrinsic functions refuse).
 */
export function loadDefinition(substitutions: Record<string, string> = testSubstitutions): object {
  const key = JSON.stringify(substitutions)
  let definition = definitionsBySubstitutions.get(key)
  if (!definition) {
    definition = loadStateMachineDefinition(templateText, substitutions)
    definitionsBySubstitutions.set(key, definition)
  }
  return JSON.parse(JSON.stringify(definition)) as object
}

export interface RunOutcome {
  status: 'SUCCEEDED' | 'FAILED'
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- execution output is free-form JSON
  output?: any
  error?: string
  cause?: string
  /** Names of the states entered, in order (Map iterations included). */
  statesEntered: string[]
  /** The execution's history events as AWS counts them, per execution (distributed Map items apart). */
  history: HistoryCounter
  /** The seconds each WaitForWatchPoll (the master's watch during the run) waited, in order. */
  watchWaits: number[]
}

export interface RunOptions {
  substitutions?: Record<string, string>
  /** Wait states that keep their real duration instead of 0 ms (for the timing tests). */
  realWaits?: string[]
}

const waitStates = ['WaitForWatchPoll', 'WaitBeforeMasterPoll', 'WaitBeforeRelaunch']

type LocalHandlers = NonNullable<
  NonNullable<Parameters<StateMachine['run']>[1]>['overrides']
>['taskResourceLocalHandlers']

export async function runStateMachine(
  input: unknown,
  ecs: StackEcs,
  options: RunOptions = {}
): Promise<RunOutcome> {
  const definition = loadDefinition(options.substitutions)
  const handlers = ecs.handlersByResource()
  const taskStates = listTaskStates(definition)
  const machine = makeStateMachine(definition)
  // Through JSON, as Step Functions receives it (fields set to undefined disappear).
  const execution = machine.run(JSON.parse(JSON.stringify(input)), {
    overrides: {
      taskResourceLocalHandlers: Object.fromEntries(
        taskStates.map(({ name, resource }) => [name, handlers[resource]])
      ) as LocalHandlers,
      waitTimeOverrides: Object.fromEntries(
        waitStates.filter((name) => !options.realWaits?.includes(name)).map((name) => [name, 0])
      ),
      retryIntervalOverrides: Object.fromEntries(taskStates.map(({ name }) => [name, 0]))
    },
    // The interpreter keeps no per-state context; a path reads it as its state starts.
    context: {
      State: {
        get EnteredTime() {
          return new Date().toISOString()
        }
      }
    }
  })
  const statesEntered: string[] = []
  const watchWaits: number[] = []
  const history = new HistoryCounter(definition as ConstructorParameters<typeof HistoryCounter>[0])
  const collecting = (async () => {
    for await (const event of execution.eventLogs) {
      collectEntered(event, statesEntered)
      if (event.type === 'StateEntered' && event.state.name === 'WaitForWatchPoll') {
        watchWaits.push((event.state.input as { clock: { wait: number } }).clock.wait)
      }
      history.add(event)
    }
  })()
  try {
    const output = await execution.result
    await collecting
    return { status: 'SUCCEEDED', output, statesEntered, history, watchWaits }
  } catch (failure) {
    await collecting
    const cause = (failure as Error).cause as Error | undefined
    return {
      status: 'FAILED',
      error: cause?.name,
      cause: cause?.message,
      statesEntered,
      history,
      watchWaits
    }
  }
}

type ExecutionEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never

function collectEntered(event: ExecutionEvent, names: string[]): void {
  if (event.type === 'StateEntered') names.push(event.state.name)
}
