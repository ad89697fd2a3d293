/**
 * Step Functions' execution history, counted as AWS counts it, from the event log of
 * aws-local-stepfunctions: every state entered and exited; a Task's TaskScheduled, TaskStarted and
 * TaskSucceeded (or TaskFailed, and again for each retry); a Map's MapStateStarted and one
 * MapIterationStarted/Succeeded per item. A distributed Map (ProcessorConfig.Mode DISTRIBUTED) runs
 * each item as a child execution with a history of its own: its parent records only MapRunStarted
 * and MapRunSucceeded (or MapRunFailed). Also the largest state payload (input or output) seen.
 *
 * AWS fails an execution whose history reaches 25,000 events, and a state whose input or output
 * exceeds 256 KB (States.DataLimitExceeded).
 */
export const HISTORY_EVENT_LIMIT = 25_000
export const PAYLOAD_BYTES_LIMIT = 256 * 1024

/** The execution every event outside a distributed Map's items belongs to. */
export const ROOT_EXECUTION = 'root'

export interface LibraryEvent {
  type: string
  state?: { name: string; type: string; input?: unknown; output?: unknown }
  parentState?: { name: string }
  index?: number
}

interface StateDefinition {
  Type: string
  ItemProcessor?: StatesDefinition & { ProcessorConfig?: { Mode?: string } }
  Iterator?: StatesDefinition
}
interface StatesDefinition {
  States: Record<string, StateDefinition>
}

export class HistoryCounter {
  /** History events per execution: ROOT_EXECUTION, and `<Map>@<entry>#<item>` per child. */
  readonly events = new Map<string, number>()
  /** Bytes of the largest state input or output, and the state that had it. */
  largestPayload = { bytes: 0, state: '' }
  /** Distributed Map state → the names of the states its items run. */
  private readonly distributedStates = new Map<string, string>()
  private readonly mapEntries = new Map<string, number>()
  /** Task or Map states whose last attempt failed: a Catch then exits them without success. */
  private readonly failed = new Set<string>()

  constructor(definition: StatesDefinition) {
    this.collectDistributed(definition)
  }

  /** Counts one event; returns the execution it belongs to. */
  add(event: LibraryEvent): string {
    const execution = this.executionOf(event)
    const events = this.eventsFor(event, `${execution}/${event.state?.name}`)
    this.events.set(execution, (this.events.get(execution) ?? 0) + events)
    for (const payload of [event.state?.input, event.state?.output]) {
      if (payload === undefined) continue
      const bytes = Buffer.byteLength(JSON.stringify(payload))
      if (bytes > this.largestPayload.bytes) {
        this.largestPayload = { bytes, state: event.state!.name }
      }
    }
    return execution
  }

  get rootEvents(): number {
    return this.events.get(ROOT_EXECUTION) ?? 0
  }

  /** The child execution with the most events (0 when there is none). */
  get largestChildEvents(): number {
    return Math.max(
      0,
      ...[...this.events].filter(([key]) => key !== ROOT_EXECUTION).map(([, count]) => count)
    )
  }

  /** The distributed Map whose items run this state (undefined outside one). */
  distributedMapOf(stateName: string): string | undefined {
    return this.distributedStates.get(stateName)
  }

  /** Whether this state is a distributed Map (its items are child executions). */
  isDistributed(mapName: string): boolean {
    return [...this.distributedStates.values()].includes(mapName)
  }

  get childExecutions(): number {
    return this.events.size - (this.events.has(ROOT_EXECUTION) ? 1 : 0)
  }

  private collectDistributed(definition: StatesDefinition): void {
    for (const [name, state] of Object.entries(definition.States)) {
      const items = state.ItemProcessor ?? state.Iterator
      if (!items) continue
      if (state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
        for (const inner of Object.keys(items.States)) this.distributedStates.set(inner, name)
      }
      this.collectDistributed(items)
    }
  }

  private executionOf(event: LibraryEvent): string {
    const map = event.parentState
      ? this.isDistributed(event.parentState.name)
        ? event.parentState.name
        : undefined
      : event.state && event.index !== undefined
        ? this.distributedStates.get(event.state.name)
        : undefined
    if (map === undefined) return ROOT_EXECUTION
    return `${map}@${this.mapEntries.get(map)}#${event.index}`
  }

  private eventsFor(event: LibraryEvent, stateKey: string): number {
    const type = event.state?.type
    const tracked = type === 'Task' || type === 'Map'
    switch (event.type) {
      case 'StateEntered':
        if (type === 'Map') {
          const name = event.state!.name
          this.mapEntries.set(name, (this.mapEntries.get(name) ?? 0) + 1)
        }
        // TaskScheduled + TaskStarted; MapStateStarted or MapRunStarted.
        return 1 + (type === 'Task' ? 2 : type === 'Map' ? 1 : 0)
      case 'StateExited': {
        const caught = this.failed.delete(stateKey)
        // TaskSucceeded; MapStateSucceeded or MapRunSucceeded — unless it failed and was caught.
        return 1 + (tracked && !caught ? 1 : 0)
      }
      case 'StateFailed':
        if (!tracked) return 0
        this.failed.add(stateKey)
        return 1
      case 'StateRetried':
        this.failed.delete(stateKey)
        return type === 'Task' ? 2 : 1
      case 'StateCaught':
        return 0
      default:
        // ExecutionStarted/Succeeded/Failed/…, MapIterationStarted/Succeeded/Failed (in a
        // distributed Map: the child's ExecutionStarted/Succeeded/Failed).
        return 1
    }
  }
}
