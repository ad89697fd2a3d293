/**
 * The emulated Step Functions counts history events as AWS does (history.ts) and enforces AWS's
 * limits: an execution fails past 25,000 history events, and a state whose payload exceeds 256 KB
 * fails with States.DataLimitExceeded.
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn'
import { StateMachine } from 'aws-local-stepfunctions'
import { HistoryCounter } from './history.js'
import { applyEnv, startEmulator, stateMachineArn, type Emulator } from './index.js'

/** Counts `count` down to 0: Pass and Choice per round, four history events. */
const countdown = {
  StartAt: 'Count',
  States: {
    Count: {
      Type: 'Pass',
      Parameters: { 'left.$': 'States.MathAdd($.left, -1)' },
      Next: 'More'
    },
    More: {
      Type: 'Choice',
      Choices: [{ Variable: '$.left', NumericGreaterThan: 0, Next: 'Count' }],
      Default: 'Done'
    },
    Done: { Type: 'Succeed' }
  }
}

/** Doubles its input list: 2 × 150 KB of output from 150 KB of input. */
const doubling = {
  StartAt: 'Double',
  States: {
    Double: {
      Type: 'Pass',
      Parameters: { 'items.$': 'States.Array($.items, $.items)' },
      End: true
    }
  }
}

describe('history events counted as AWS counts them', () => {
  async function count(definition: object, input: unknown): Promise<HistoryCounter> {
    const counter = new HistoryCounter(
      definition as ConstructorParameters<typeof HistoryCounter>[0]
    )
    const execution = new StateMachine(definition as never).run(input as never, {
      overrides: {
        taskResourceLocalHandlers: {
          Call: async (value) => {
            if ((value as { fail?: boolean }).fail) throw new Error('no')
            return value
          }
        },
        retryIntervalOverrides: { Call: 0 }
      }
    })
    for await (const event of execution.eventLogs) counter.add(event)
    await execution.result.catch(() => undefined)
    return counter
  }

  const call = {
    Type: 'Task',
    Resource: 'arn:aws:lambda:us-east-1:123456789012:function:call',
    Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'After' }],
    Next: 'After'
  }

  test('Pass, a Task, a Wait: started, 2 + 5 + 2 state events, succeeded', async () => {
    const counter = await count(
      {
        StartAt: 'First',
        States: {
          First: { Type: 'Pass', Next: 'Call' },
          Call: { ...call, Next: 'Pause' },
          After: { Type: 'Pass', End: true },
          Pause: { Type: 'Wait', Seconds: 0, End: true }
        }
      },
      {}
    )
    expect(counter.rootEvents).toBe(1 + 2 + 5 + 2 + 1)
  })

  test('a Task that fails, is retried once, fails again and is caught', async () => {
    const counter = await count(
      {
        StartAt: 'Call',
        States: { Call: call, After: { Type: 'Pass', End: true } }
      },
      { fail: true }
    )
    // Entered, Scheduled, Started, Failed, Scheduled, Started, Failed, Exited; After; succeeded.
    expect(counter.rootEvents).toBe(1 + 8 + 2 + 1)
  })

  test('an inline Map counts its items in the execution; a distributed one in child executions', async () => {
    const map = (mode: string) => ({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            ProcessorConfig: { Mode: mode, ExecutionType: 'STANDARD' },
            StartAt: 'Item',
            States: { Item: { Type: 'Pass', End: true } }
          },
          End: true
        }
      }
    })
    const input = { items: [1, 2, 3] }
    // Started; MapStateEntered, MapStateStarted, 3 × (IterationStarted, Pass 2, IterationSucceeded),
    // MapStateSucceeded, MapStateExited; succeeded.
    const inline = await count(map('INLINE'), input)
    expect(inline.rootEvents).toBe(1 + 2 + 3 * 4 + 2 + 1)
    expect(inline.childExecutions).toBe(0)
    // MapStateEntered, MapRunStarted, MapRunSucceeded, MapStateExited; each item: started, 2, succeeded.
    const distributed = await count(map('DISTRIBUTED'), input)
    expect(distributed.rootEvents).toBe(1 + 4 + 1)
    expect(distributed.childExecutions).toBe(3)
    expect(distributed.largestChildEvents).toBe(4)
  })
})

describe('the emulated Step Functions enforces AWS limits', () => {
  let emulator: Emulator
  let restoreEnv: () => void
  let client: SFNClient

  beforeAll(async () => {
    emulator = await startEmulator({
      stateMachines: {
        [stateMachineArn('countdown')]: countdown,
        [stateMachineArn('doubling')]: doubling
      }
    })
    restoreEnv = applyEnv(emulator.env)
    client = new SFNClient({ region: emulator.region })
  })

  afterAll(async () => {
    client.destroy()
    restoreEnv()
    await emulator.stop()
  })

  async function run(name: string, input: unknown) {
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(name),
        input: JSON.stringify(input)
      })
    )
    return emulator.sfn.whenDone(executionArn!)
  }

  test('an execution under 25,000 history events succeeds; one past it fails', async () => {
    expect((await run('countdown', { left: 6000 })).status).toBe('SUCCEEDED')
    const over = await run('countdown', { left: 6300 })
    expect(over).toMatchObject({ status: 'FAILED', error: 'States.Runtime' })
    expect(over.cause).toMatch(/limit of 25000 history events/)
  }, 60_000)

  test('a state payload over 256 KB fails with States.DataLimitExceeded', async () => {
    const items = Array.from({ length: 1000 }, () => 'x'.repeat(100))
    expect((await run('doubling', { items })).status).toBe('SUCCEEDED')
    const over = await run('doubling', { items: [...items, ...items] })
    expect(over).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' })
  })
})
