/**
 * The execution history at the template's maximum parameters, counted as AWS counts it
 * (__tests__/emulator/history.ts): an integration test, as its 11,000-odd polls take most of a
 * minute to interpret even with every Wait shortened to 0 ms.
 */
import {
  runStateMachine,
  StackEcs,
  testSubstitutions,
  type RunOutcome
} from './helpers/run-machine.js'
import { nativeInput } from './helpers/inputs.js'
import { awsFaults } from '../emulator/ecs-model.js'

function expectFailure(outcome: RunOutcome, error: string, causePart: RegExp): void {
  expect(outcome.status).toBe('FAILED')
  expect(outcome.error).toBe(`DistributedLocust.${error}`)
  expect(outcome.cause).toMatch(causePart)
}

describe('execution history, counted as AWS counts it', () => {
  const maximum = {
    substitutions: {
      ...testSubstitutions,
      RunDeadlineMarginSeconds: '7200',
      ExpectWorkersTimeoutSeconds: '1800'
    }
  }

  test("at the template's maximum parameters every execution stays under 15,000 events", async () => {
    // 200 workers, 7 days of run time, the largest margin and worker wait; the master never ends.
    const ecs = new StackEcs({ master: { addressOnDescribe: 2 } })
    const outcome = await runStateMachine(
      { ...nativeInput, workers: 200, runTimeSeconds: 604_800 },
      ecs,
      maximum
    )

    expectFailure(outcome, 'DeadlineExceeded', /7200 seconds after the planned run time of 604800/)
    const { history } = outcome
    expect(history.rootEvents).toBeLessThanOrEqual(15_000)
    expect(history.largestChildEvents).toBeLessThanOrEqual(15_000)
    // A poll a minute for the week (less the minutes the workers had to connect), one every 5 s
    // for the margin, in half-hour windows, each a child execution.
    expect(history.childExecutions).toBe(Math.ceil(604_800 / 1800) + 7200 / 1800)
    expect(outcome.watchWaits.length).toBeGreaterThan(604_800 / 60)
    expect(history.largestPayload.bytes).toBeLessThan(256 * 1024)
  }, 120_000)

  test('a worker missing on every poll of the run watch, never placed again: each window stays under 15,000 events', async () => {
    // 200 Spot workers (3 ListTasks pages a look); one reclaimed once the workers had their
    // 1,830 s to connect, and no capacity for any replacement: each minute poll of the run watch
    // counts every page and asks again, for the run time's two windows.
    let reclaimed = false
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2 },
      faults: [awsFaults.fargateCapacity(Infinity, (launch) => launch.callIndex > 20)],
      beforeCall: (action, ecs) => {
        if (reclaimed || action !== 'DescribeTasks' || ecs.master!.describeCount < 190) return
        reclaimed = true
        ecs.model.reclaim(ecs.workers[0].arn)
      }
    })
    const outcome = await runStateMachine(
      {
        ...nativeInput,
        workers: 200,
        runTimeSeconds: 5400,
        workerCapacity: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
        replaceWorkersUntil: '2999-01-01T00:00:00Z',
        replaceWorkersSeconds: 3600
      },
      ecs,
      maximum
    )

    expectFailure(outcome, 'DeadlineExceeded', /7200 seconds after the planned run time of 5400/)
    const replacements = ecs.callsOf('RunTask').slice(21)
    expect(replacements.length).toBeGreaterThan(50)
    expect(replacements.every((call) => call.Count === 1)).toBe(true)
    const { history } = outcome
    expect(history.rootEvents).toBeLessThanOrEqual(15_000)
    expect(history.largestChildEvents).toBeLessThanOrEqual(15_000)
    expect(history.largestPayload.bytes).toBeLessThan(256 * 1024)
  }, 120_000)
})
