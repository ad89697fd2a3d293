/**
 * An emulated AWS Step Functions endpoint (AWS JSON 1.0): StartExecution, DescribeExecution,
 * StopExecution, GetExecutionHistory and ListExecutions (of a Map run) for state machines given at
 * construction. Executions run in `aws-local-stepfunctions`; every Task state goes through the
 * service integrations (ECS, S3) to the other emulated endpoints, so the definition runs unchanged.
 * A distributed Map's items run inside the interpreter, but their events are recorded as AWS does:
 * the parent's history names the Map run (MapRunStarted), each item is a child execution with its
 * own history (ExecutionStarted … ExecutionSucceeded), listed by ListExecutions with the Map run.
 */
import { randomUUID } from 'node:crypto'
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  type StateMachine,
  type StateMachineDefinition
} from 'aws-local-stepfunctions'
import { AwsServiceError, epochSeconds, jsonProtocolHandler, type RequestHandler } from './http.js'
import { makeStateMachine } from './state-machine.js'
import {
  HISTORY_EVENT_LIMIT,
  HistoryCounter,
  PAYLOAD_BYTES_LIMIT,
  ROOT_EXECUTION
} from './history.js'
import {
  checkTaskParameters,
  integrationHandlers,
  parseTaskResource,
  type IntegrationConfig,
  type Json,
  type TaskHandler,
  type TaskResource
} from './service-integrations.js'

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT'

export interface SfnEmulatorOptions {
  region: string
  accountId: string
  /** State machine ARN → its ASL definition (e.g. the Definition of our template). */
  stateMachines: Record<string, unknown>
  integrations: IntegrationConfig
}

/** An execution as tests see it. Times are epoch milliseconds. */
export interface EmulatedExecution {
  executionArn: string
  stateMachineArn: string
  name: string
  status: ExecutionStatus
  input: string
  output?: string
  error?: string
  cause?: string
  startDate: number
  stopDate?: number
}

export interface HistoryEvent {
  /** Epoch milliseconds. */
  timestamp: number
  type: string
  id: number
  previousEventId: number
  [details: string]: unknown
}

interface Outcome {
  status: Exclude<ExecutionStatus, 'RUNNING'>
  output?: string
  error?: string
  cause?: string
}

/** A distributed Map item: a child execution with a history of its own. */
interface ChildExecution {
  executionArn: string
  mapRunArn: string
  status: ExecutionStatus
  startDate: number
  events: HistoryEvent[]
}

/** Where history events are written: an execution or a child execution. */
type History = Pick<ChildExecution, 'status' | 'events'>

interface ExecutionRecord extends EmulatedExecution {
  events: HistoryEvent[]
  /** Child executions by their counter key (`<Map>@<entry>#<item>`). */
  children: Map<string, ChildExecution>
  /** Distributed Map state → its latest Map run's ARN, and its latest child (items run one by one). */
  mapRuns: Map<string, string>
  currentChild: Map<string, ChildExecution>
  /** Its history as AWS counts it (distributed Map items apart), for AWS's limits. */
  counter: HistoryCounter
  abort: () => void
  settled: Promise<void>
}

interface LoadedStateMachine {
  machine: StateMachine
  definition: StateMachineDefinition
  name: string
  /** Task state name → its resource (state names are unique across the whole definition). */
  taskResources: Map<string, TaskResource>
}

type LibraryEvent = Parameters<typeof eventOf>[0]

const SFN_TARGET_PREFIX = 'AWSStepFunctions'
const DEFAULT_HISTORY_PAGE = 100
const MAX_HISTORY_PAGE = 1000
/** Step Functions' rules for execution names: 1 to 80 characters, none of these. */
// eslint-disable-next-line no-control-regex -- control characters are among the forbidden ones
const INVALID_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/

export class SfnEmulator {
  private readonly stateMachines = new Map<string, LoadedStateMachine>()
  private readonly executionsByArn = new Map<string, ExecutionRecord>()
  private readonly childrenByArn = new Map<string, ChildExecution>()
  private readonly integrations: ReturnType<typeof integrationHandlers>

  constructor(private readonly options: SfnEmulatorOptions) {
    this.integrations = integrationHandlers(options.integrations)
    for (const [arn, definition] of Object.entries(options.stateMachines)) {
      const name = /^arn:aws[a-z-]*:states:[^:]+:\d+:stateMachine:([^:]+)$/.exec(arn)?.[1]
      if (!name)
        throw new Error(
          `State machine ARN ${arn} is malformed: use arn:aws:states:<region>:<account>:stateMachine:<name>.`
        )
      const taskResources = new Map<string, TaskResource>()
      collectTaskStates(definition as StateMachineDefinition, taskResources)
      this.stateMachines.set(arn, {
        machine: makeStateMachine(definition as StateMachineDefinition),
        definition: definition as StateMachineDefinition,
        name,
        taskResources
      })
    }
  }

  /** The HTTP handler of the Step Functions endpoint. */
  readonly handler: RequestHandler = jsonProtocolHandler(SFN_TARGET_PREFIX, '1.0', {
    StartExecution: (input: { stateMachineArn?: string; name?: string; input?: string }) =>
      this.startExecution(input),
    DescribeExecution: (input: { executionArn?: string }) =>
      describe(this.record(input.executionArn)),
    StopExecution: (input: { executionArn?: string; error?: string; cause?: string }) =>
      this.stopExecution(input),
    GetExecutionHistory: (input: HistoryRequest) => this.history(input),
    ListExecutions: (input: { mapRunArn?: string; stateMachineArn?: string }) =>
      this.listMapRunExecutions(input)
  })

  executions(): EmulatedExecution[] {
    return [...this.executionsByArn.values()].map(summary)
  }

  execution(executionArn: string): EmulatedExecution {
    return summary(this.record(executionArn))
  }

  /** Resolves once the execution has ended, however it ended. */
  async whenDone(executionArn: string): Promise<EmulatedExecution> {
    const execution = this.record(executionArn)
    await execution.settled
    return summary(execution)
  }

  /** The history events so far, oldest first, of an execution or a child execution. */
  events(executionArn: string): HistoryEvent[] {
    return [...this.historyOf(executionArn).events]
  }

  /** The child executions of an execution's distributed Map runs, in the order they started. */
  childExecutionArns(executionArn: string): string[] {
    return [...this.record(executionArn).children.values()].map((child) => child.executionArn)
  }

  /** Aborts every running execution and waits for all of them to end. */
  async stop(): Promise<void> {
    const running = [...this.executionsByArn.values()].filter((e) => e.status === 'RUNNING')
    for (const execution of running) {
      this.close(execution, { status: 'ABORTED', error: 'Emulator', cause: 'Emulator shut down' })
      execution.abort()
    }
    await Promise.all(running.map((execution) => execution.settled))
    this.integrations.destroy()
  }

  private startExecution(request: { stateMachineArn?: string; name?: string; input?: string }) {
    const stateMachineArn = request.stateMachineArn ?? ''
    const stateMachine = this.stateMachines.get(stateMachineArn)
    if (!stateMachine) {
      throw new AwsServiceError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${stateMachineArn}'`
      )
    }
    const name = request.name ?? randomUUID()
    if (name.length < 1 || name.length > 80 || INVALID_NAME_CHARACTERS.test(name)) {
      throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`)
    }
    const inputText = request.input ?? '{}'
    let input: Json
    try {
      input = JSON.parse(inputText) as Json
    } catch (error) {
      throw new AwsServiceError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`
      )
    }
    const { region, accountId } = this.options
    const executionArn = `arn:aws:states:${region}:${accountId}:execution:${stateMachine.name}:${name}`
    const existing = this.executionsByArn.get(executionArn)
    if (existing) {
      // Same name and input while still running: Step Functions treats it as the same request.
      if (existing.status === 'RUNNING' && existing.input === inputText) {
        return { executionArn, startDate: epochSeconds(existing.startDate) }
      }
      throw new AwsServiceError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${executionArn}'`
      )
    }

    const execution: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      status: 'RUNNING',
      input: inputText,
      startDate: Date.now(),
      events: [],
      children: new Map(),
      mapRuns: new Map(),
      currentChild: new Map(),
      counter: new HistoryCounter(stateMachine.definition),
      abort: () => {},
      settled: Promise.resolve()
    }
    this.executionsByArn.set(executionArn, execution)
    this.addEvent(execution, 'ExecutionStarted', 'executionStartedEventDetails', {
      input: inputText,
      inputDetails: { truncated: false },
      roleArn: `arn:aws:iam::${accountId}:role/emulated-states-role`
    })

    const handlers: Record<string, TaskHandler> = {}
    for (const [stateName, resource] of stateMachine.taskResources) {
      handlers[stateName] = this.recordedTask(execution, resource, stateName)
    }
    const run = stateMachine.machine.run(input, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: {
          Id: executionArn,
          Name: name,
          RoleArn: `arn:aws:iam::${accountId}:role/emulated-states-role`
        },
        StateMachine: { Id: stateMachineArn, Name: stateMachine.name },
        // The interpreter keeps no per-state context; a path reads it as its state starts.
        State: {
          get EnteredTime() {
            return new Date().toISOString()
          }
        }
      }
    })
    execution.abort = run.abort
    const historyRecorded = (async () => {
      for await (const event of run.eventLogs) this.recordLibraryEvent(execution, event)
    })()
    execution.settled = run.result
      .then(
        (output): Outcome => ({ status: 'SUCCEEDED', output: JSON.stringify(output) }),
        outcomeOfFailure
      )
      .then(async (outcome) => {
        // The last state's events come through the event log after the result settles.
        await historyRecorded
        this.close(execution, outcome)
      })
    return { executionArn, startDate: epochSeconds(execution.startDate) }
  }

  /** Runs a Task state's integration and records its Task* history events around it. */
  private recordedTask(
    record: ExecutionRecord,
    resource: TaskResource,
    stateName: string
  ): TaskHandler {
    const handler = this.integrations.handlerFor(resource)
    const names = { resourceType: resource.resourceType, resource: resource.action }
    const map = record.counter.distributedMapOf(stateName)
    return async (parameters) => {
      // Let the event log deliver this state's StateEntered first, to keep the history in order.
      await new Promise((resolve) => setImmediate(resolve))
      // Inside a distributed Map, the item's child execution records the Task's events.
      const execution: History = (map && record.currentChild.get(map)) || record
      this.addEvent(execution, 'TaskScheduled', 'taskScheduledEventDetails', {
        ...names,
        region: this.options.region,
        parameters: JSON.stringify(parameters)
      })
      this.addEvent(execution, 'TaskStarted', 'taskStartedEventDetails', names)
      try {
        const result = await handler(parameters)
        this.addEvent(execution, 'TaskSucceeded', 'taskSucceededEventDetails', {
          ...names,
          output: JSON.stringify(result),
          outputDetails: { truncated: false }
        })
        return result
      } catch (error) {
        const { name, message } = error as Error
        this.addEvent(execution, 'TaskFailed', 'taskFailedEventDetails', {
          ...names,
          error: name,
          cause: message
        })
        throw error
      }
    }
  }

  private recordLibraryEvent(execution: ExecutionRecord, event: LibraryEvent): void {
    const counted = execution.counter.add(event)
    const mapped = eventOf(event)
    if (mapped && counted !== ROOT_EXECUTION) {
      this.recordChildEvent(execution, counted, mapped)
    } else if (mapped) {
      this.addEvent(execution, mapped.type, mapped.detailsKey, mapped.details)
      const map = event.state?.name
      if (mapped.type === 'MapStateEntered' && map && execution.counter.isDistributed(map)) {
        const name = this.stateMachines.get(execution.stateMachineArn)!.name
        const { region, accountId } = this.options
        const mapRunArn = `arn:aws:states:${region}:${accountId}:mapRun:${name}/${map}:${randomUUID()}`
        execution.mapRuns.set(map, mapRunArn)
        this.addEvent(execution, 'MapRunStarted', 'mapRunStartedEventDetails', { mapRunArn })
      }
    }
    const limitHit = this.limitExceeded(execution.counter, counted)
    if (limitHit) {
      this.close(execution, { status: 'FAILED', ...limitHit })
      execution.abort()
    }
  }

  /** An event of a distributed Map item, in its child execution (started by its first event). */
  private recordChildEvent(
    execution: ExecutionRecord,
    key: string,
    mapped: NonNullable<ReturnType<typeof eventOf>>
  ): void {
    const map = key.slice(0, key.indexOf('@'))
    let child = execution.children.get(key)
    if (!child) {
      const { region, accountId } = this.options
      const name = this.stateMachines.get(execution.stateMachineArn)!.name
      child = {
        executionArn: `arn:aws:states:${region}:${accountId}:execution:${name}/${map}:${randomUUID()}`,
        mapRunArn: execution.mapRuns.get(map) ?? '',
        status: 'RUNNING',
        startDate: Date.now(),
        events: []
      }
      execution.children.set(key, child)
      this.childrenByArn.set(child.executionArn, child)
    }
    execution.currentChild.set(map, child)
    // The item's own start and end are its child execution's.
    const ends = { MapIterationSucceeded: 'SUCCEEDED', MapIterationFailed: 'FAILED' } as const
    if (mapped.type === 'MapIterationStarted') {
      this.addEvent(child, 'ExecutionStarted', 'executionStartedEventDetails', {})
    } else if (mapped.type in ends) {
      const status = ends[mapped.type as keyof typeof ends]
      this.addEvent(child, status === 'SUCCEEDED' ? 'ExecutionSucceeded' : 'ExecutionFailed')
      child.status = status
    } else {
      this.addEvent(child, mapped.type, mapped.detailsKey, mapped.details)
    }
  }

  /** What AWS fails an execution for: a payload over 256 KB, a history of 25,000 events. */
  private limitExceeded(
    counter: HistoryCounter,
    execution: string
  ): { error: string; cause: string } | undefined {
    const { bytes, state } = counter.largestPayload
    if (bytes > PAYLOAD_BYTES_LIMIT) {
      return {
        error: 'States.DataLimitExceeded',
        cause: `The state/task '${state}' returned a result with a size exceeding the maximum number of bytes service limit (${bytes} > ${PAYLOAD_BYTES_LIMIT}).`
      }
    }
    const events = counter.events.get(execution) ?? 0
    if (events > HISTORY_EVENT_LIMIT) {
      return {
        error: 'States.Runtime',
        cause: `The execution ${execution === 'root' ? '' : `(child ${execution}) `}reached the limit of ${HISTORY_EVENT_LIMIT} history events.`
      }
    }
    return undefined
  }

  private addEvent(
    execution: History,
    type: string,
    detailsKey?: string,
    details?: Record<string, unknown>
  ): void {
    // Once the execution has ended (or was stopped), its history is closed.
    if (execution.status !== 'RUNNING') return
    const id = execution.events.length + 1
    execution.events.push({
      timestamp: Date.now(),
      type,
      id,
      previousEventId: id - 1,
      ...(detailsKey && details ? { [detailsKey]: details } : {})
    })
  }

  private close(execution: ExecutionRecord, outcome: Outcome): void {
    if (execution.status !== 'RUNNING') return
    const terminal = {
      SUCCEEDED: ['ExecutionSucceeded', 'executionSucceededEventDetails'],
      FAILED: ['ExecutionFailed', 'executionFailedEventDetails'],
      ABORTED: ['ExecutionAborted', 'executionAbortedEventDetails'],
      TIMED_OUT: ['ExecutionTimedOut', 'executionTimedOutEventDetails']
    }[outcome.status]
    this.addEvent(
      execution,
      terminal[0],
      terminal[1],
      outcome.status === 'SUCCEEDED'
        ? { output: outcome.output, outputDetails: { truncated: false } }
        : { error: outcome.error, cause: outcome.cause }
    )
    Object.assign(execution, outcome, { stopDate: Date.now() })
    for (const child of execution.children.values()) {
      if (child.status !== 'RUNNING') continue
      this.addEvent(child, 'ExecutionAborted')
      child.status = 'ABORTED'
    }
  }

  /** The child executions of a Map run (one page: a run has few). */
  private listMapRunExecutions(request: { mapRunArn?: string; stateMachineArn?: string }) {
    if (!request.mapRunArn) {
      throw new AwsServiceError(
        'ValidationException',
        'The emulator lists the executions of a Map run only: give mapRunArn.'
      )
    }
    const children = [...this.childrenByArn.values()].filter(
      (child) => child.mapRunArn === request.mapRunArn
    )
    if (children.length === 0) {
      throw new AwsServiceError(
        'ResourceNotFound',
        `Map Run Does Not Exist: '${request.mapRunArn}'`
      )
    }
    return {
      executions: children.map((child) => ({
        executionArn: child.executionArn,
        mapRunArn: child.mapRunArn,
        name: child.executionArn.split(':').at(-1),
        status: child.status,
        startDate: epochSeconds(child.startDate)
      }))
    }
  }

  private stopExecution(request: { executionArn?: string; error?: string; cause?: string }) {
    const execution = this.record(request.executionArn)
    if (execution.status === 'RUNNING') {
      this.close(execution, { status: 'ABORTED', error: request.error, cause: request.cause })
      execution.abort()
    }
    return { stopDate: epochSeconds(execution.stopDate) }
  }

  private historyOf(executionArn: string | undefined): History {
    return this.childrenByArn.get(executionArn ?? '') ?? this.record(executionArn)
  }

  private history(request: HistoryRequest) {
    const execution = this.historyOf(request.executionArn)
    const pageSize = request.maxResults || DEFAULT_HISTORY_PAGE
    if (pageSize < 0 || pageSize > MAX_HISTORY_PAGE) {
      throw new AwsServiceError(
        'ValidationException',
        `maxResults must be 0 to ${MAX_HISTORY_PAGE}.`
      )
    }
    const ordered = request.reverseOrder ? [...execution.events].reverse() : execution.events
    const start = request.nextToken
      ? Number(Buffer.from(request.nextToken, 'base64').toString())
      : 0
    if (!Number.isInteger(start) || start < 0 || start > ordered.length) {
      throw new AwsServiceError('InvalidToken', `Invalid Token: '${request.nextToken}'`)
    }
    const end = start + pageSize
    const withData = request.includeExecutionData ?? true
    return {
      events: ordered.slice(start, end).map((event) => ({
        ...(withData ? event : withoutData(event)),
        timestamp: epochSeconds(event.timestamp)
      })),
      nextToken: end < ordered.length ? Buffer.from(String(end)).toString('base64') : undefined
    }
  }

  private record(executionArn: string | undefined): ExecutionRecord {
    if (!executionArn?.startsWith('arn:aws:states:')) {
      throw new AwsServiceError('InvalidArn', `Invalid Arn: '${executionArn}'`)
    }
    const execution = this.executionsByArn.get(executionArn)
    if (!execution) {
      throw new AwsServiceError(
        'ExecutionDoesNotExist',
        `Execution Does Not Exist: '${executionArn}'`
      )
    }
    return execution
  }
}

interface HistoryRequest {
  executionArn?: string
  maxResults?: number
  nextToken?: string
  reverseOrder?: boolean
  includeExecutionData?: boolean
}

function collectTaskStates(
  definition: Pick<StateMachineDefinition, 'States'>,
  into: Map<string, TaskResource>
): void {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') {
      // Step Functions refuses such a definition when it is created.
      checkTaskParameters(name, state.Resource, state.Parameters)
      into.set(name, parseTaskResource(state.Resource))
    }
    if (state.Type === 'Map') {
      const iteration = state.ItemProcessor ?? state.Iterator
      if (iteration) collectTaskStates(iteration, into)
    }
    if (state.Type === 'Parallel')
      state.Branches.forEach((branch) => collectTaskStates(branch, into))
  }
}

function outcomeOfFailure(error: unknown): Outcome {
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' }
  if (error instanceof ExecutionTimeoutError) {
    return {
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      cause: 'The execution ran longer than the TimeoutSeconds of its definition.'
    }
  }
  const failure = error instanceof ExecutionError ? (error.cause as Error) : (error as Error)
  return { status: 'FAILED', error: failure.name, cause: failure.message }
}

/**
 * An event of the aws-local-stepfunctions event log in the shape of a Step Functions history event;
 * undefined for those with no Step Functions counterpart (retries, catches, parallel branches) and
 * for the execution's own events, which the emulator records itself.
 */
function eventOf(event: {
  type: string
  state?: { name: string; type: string; input: unknown; output?: unknown }
  parentState?: { name: string }
  index?: number
}): { type: string; detailsKey: string; details: Record<string, unknown> } | undefined {
  const { state, parentState } = event
  switch (event.type) {
    case 'StateEntered':
      return state
        ? {
            type: `${state.type}StateEntered`,
            detailsKey: 'stateEnteredEventDetails',
            details: {
              name: state.name,
              input: JSON.stringify(state.input),
              inputDetails: { truncated: false }
            }
          }
        : undefined
    case 'StateExited':
      return state
        ? {
            type: `${state.type}StateExited`,
            detailsKey: 'stateExitedEventDetails',
            details: {
              name: state.name,
              output: JSON.stringify(state.output ?? null),
              outputDetails: { truncated: false }
            }
          }
        : undefined
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      return {
        type: event.type,
        detailsKey: `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`,
        details: { name: parentState?.name, index: event.index }
      }
    default:
      return undefined
  }
}

function withoutData(event: HistoryEvent): HistoryEvent {
  const dataFields = new Set(['input', 'output', 'parameters'])
  return Object.fromEntries(
    Object.entries(event).map(([key, value]) => [
      key,
      key.endsWith('EventDetails') && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).filter(([field]) => !dataFields.has(field)))
        : value
    ])
  ) as HistoryEvent
}

function summary(execution: ExecutionRecord): EmulatedExecution {
  const { executionArn, stateMachineArn, name, status, input, output, error, cause } = execution
  return {
    executionArn,
    stateMachineArn,
    name,
    status,
    input,
    output,
    error,
    cause,
    startDate: execution.startDate,
    stopDate: execution.stopDate
  }
}

/** DescribeExecution's reply (epoch seconds). */
function describe(execution: ExecutionRecord) {
  const { startDate, stopDate, ...rest } = summary(execution)
  return {
    ...rest,
    inputDetails: { included: true },
    outputDetails: execution.output === undefined ? undefined : { included: true },
    startDate: epochSeconds(startDate),
    stopDate: epochSeconds(stopDate)
  }
}
