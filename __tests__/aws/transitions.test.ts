/**
 * The Step Functions share of a run's cost: transitions counted from the execution's history and
 * from its distributed Map's child executions, with a mocked client (pages, children, a denied
 * call, the call bound).
 */
import { afterAll, beforeEach, describe, expect, test } from '@jest/globals'
import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  type HistoryEvent,
  type HistoryEventType
} from '@aws-sdk/client-sfn'
import { mockClient } from 'aws-sdk-client-mock'
import { billedTransitions, countStateTransitions } from '../../src/backend/aws/transitions.js'

const PARENT = 'arn:aws:states:us-east-1:123456789012:execution:dl-run:gh-1-1-load-abcdef'
const MAP_RUN = 'arn:aws:states:us-east-1:123456789012:mapRun:dl-run/WatchMaster:0d1e'
const child = (n: number) =>
  `arn:aws:states:us-east-1:123456789012:execution:dl-run/WatchMaster:${n}`

const events = (...types: HistoryEventType[]): HistoryEvent[] =>
  types.map((type, index) => ({ type, id: index + 1, timestamp: new Date(0) }))

/** One poll of the run watch: a Choice, a Pass, a Wait and a Task (5 events of its own). */
const POLL: HistoryEventType[] = [
  'ChoiceStateEntered',
  'ChoiceStateExited',
  'PassStateEntered',
  'PassStateExited',
  'WaitStateEntered',
  'WaitStateExited',
  'TaskStateEntered',
  'TaskScheduled',
  'TaskStarted',
  'TaskSucceeded',
  'TaskStateExited'
]

describe('billedTransitions', () => {
  test('one per state entered, one per retried Task attempt; other events are not billed', () => {
    expect(billedTransitions(events('ExecutionStarted', ...POLL, 'ExecutionSucceeded'))).toBe(4)
    // A Task that failed twice and was retried: entered once, three attempts.
    const retried = events(
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      // The next state's single attempt is no retry.
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited'
    )
    expect(billedTransitions(retried)).toBe(2 + 2)
    expect(billedTransitions(events('MapStateEntered', 'MapRunStarted', 'MapRunSucceeded'))).toBe(1)
  })
})

describe('countStateTransitions', () => {
  const sfn = mockClient(SFNClient)
  const client = new SFNClient({ region: 'us-east-1' })
  beforeEach(() => {
    sfn.reset()
  })
  afterAll(() => sfn.restore())

  const mapRunStarted: HistoryEvent = {
    type: 'MapRunStarted',
    id: 99,
    timestamp: new Date(0),
    mapRunStartedEventDetails: { mapRunArn: MAP_RUN }
  }

  test('pages through the history and adds every child execution of each Map run', async () => {
    // The parent: 3 states in its first page, 2 in its second, which starts the Map run.
    const parentPages: Record<string, HistoryEvent[]> = {
      first: events(
        'ExecutionStarted',
        'PassStateEntered',
        'PassStateExited',
        'ChoiceStateEntered',
        'TaskStateEntered'
      ),
      'page-2': [...events('MapStateEntered'), mapRunStarted, ...events('SucceedStateEntered')]
    }
    // Three children listed over two pages; each polled 30 times (4 transitions per poll).
    const childHistory = events(
      'ExecutionStarted',
      ...Array(30).fill(POLL).flat(),
      'ExecutionSucceeded'
    )
    sfn.on(GetExecutionHistoryCommand).callsFake(({ executionArn, nextToken }) =>
      executionArn === PARENT
        ? {
            events: parentPages[nextToken ?? 'first'],
            nextToken: nextToken ? undefined : 'page-2'
          }
        : { events: childHistory }
    )
    sfn.on(ListExecutionsCommand, { mapRunArn: MAP_RUN }).callsFake(({ nextToken }) => {
      return nextToken
        ? { executions: [{ executionArn: child(2) }] }
        : {
            executions: [{ executionArn: child(0) }, { executionArn: child(1) }],
            nextToken: 'more'
          }
    })

    // By hand: parent 3 + 2 = 5; children 3 × 30 × 4 = 360.
    expect(await countStateTransitions(client, PARENT)).toBe(365)
    const histories = sfn.commandCalls(GetExecutionHistoryCommand).map((call) => call.args[0].input)
    expect(histories.map((input) => input.executionArn)).toEqual([
      PARENT,
      PARENT,
      child(0),
      child(1),
      child(2)
    ])
    // Only the event types are read: no states' data is downloaded.
    expect(histories.every((input) => input.includeExecutionData === false)).toBe(true)
  })

  test('a denied call leaves the count unknown, with the reason', async () => {
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [mapRunStarted] })
    const denied = Object.assign(
      new Error('User is not authorized to perform: states:ListExecutions'),
      {
        name: 'AccessDeniedException'
      }
    )
    sfn.on(ListExecutionsCommand).rejects(denied)
    expect(await countStateTransitions(client, PARENT)).toEqual({
      unknown: 'AccessDeniedException: User is not authorized to perform: states:ListExecutions'
    })
  })

  test('a history that needs more calls than the bound is not counted', async () => {
    sfn
      .on(GetExecutionHistoryCommand)
      .resolves({ events: events('PassStateEntered'), nextToken: 'again' })
    expect(await countStateTransitions(client, PARENT, 5)).toEqual({
      unknown: 'counting takes more than 5 calls'
    })
    expect(sfn.commandCalls(GetExecutionHistoryCommand)).toHaveLength(5)
  })
})
