/**
 * The state machine's workers: how many the load waits for (minWorkers), the capacity they run on
 * (workerCapacity: Fargate or Fargate Spot, the master always on Fargate) and the worker watch that
 * replaces workers that stopped or were reclaimed while the load runs.
 */
import { StackEcs, runStateMachine, type RunOutcome } from './helpers/run-machine.js'
import { expectEveryTaskStopped, nativeInput } from './helpers/inputs.js'
import { awsFaults, type EcsFault } from '../emulator/ecs-model.js'

const ON_DEMAND = [{ CapacityProvider: 'FARGATE', Weight: 1 }]
const SPOT = [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]
/** Far enough ahead that the whole scenario is before it. */
const LATER = '2999-01-01T00:00:00Z'

/** The master runs from its 3rd DescribeTasks and ends on its 10th, after a few watch polls. */
const longerMaster = { addressOnDescribe: 2, stopOnDescribe: 10, exitCode: 0 }

function runTaskCounts(ecs: StackEcs): number[] {
  return ecs.callsOf('RunTask').map((call) => Number(call.Count))
}

function expectInvalid(outcome: RunOutcome, causePart: RegExp): void {
  expect(outcome.status).toBe('FAILED')
  expect(outcome.error).toBe('DistributedLocust.InvalidInput')
  expect(outcome.cause).toMatch(causePart)
}

/** Reclaims `count` running Spot workers once, just before the master's `describe`-th poll. */
function reclaimBefore(describe: number, count: number) {
  let done = false
  return (action: string, ecs: StackEcs) => {
    if (done || action !== 'DescribeTasks' || (ecs.master?.describeCount ?? 0) !== describe - 1)
      return
    done = true
    const running = ecs.workers.filter((worker) => worker.desiredStatus === 'RUNNING')
    for (const worker of running.slice(0, count)) ecs.model.reclaim(worker.arn)
  }
}

describe('minWorkers', () => {
  test('the master starts the load once minWorkers joined; all workers are still launched', async () => {
    const ecs = new StackEcs({ master: { addressOnDescribe: 2, stopOnDescribe: 4, exitCode: 0 } })
    const outcome = await runStateMachine({ ...nativeInput, workers: 3, minWorkers: 2 }, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    const environment = Object.fromEntries(
      ecs.master!.environment.map(({ Name, Value }) => [Name, Value])
    )
    expect(environment.DL_EXPECT_WORKERS).toBe('2')
    expect(ecs.workers).toHaveLength(3)
  })

  test.each([
    ['0', 0],
    ['above workers', 4],
    ['fractional', 1.5],
    ['text', '2']
  ])('minWorkers %s is refused before anything starts', async (_, minWorkers) => {
    const ecs = new StackEcs()
    const outcome = await runStateMachine({ ...nativeInput, workers: 3, minWorkers }, ecs)

    expectInvalid(outcome, /minWorkers/)
    expect(ecs.calls).toEqual([])
  })

  test('replaceWorkersUntil that is not a timestamp is refused', async () => {
    const ecs = new StackEcs()
    const outcome = await runStateMachine({ ...nativeInput, replaceWorkersUntil: 'soon' }, ecs)

    expectInvalid(outcome, /replaceWorkersUntil a timestamp/)
    expect(ecs.calls).toEqual([])
  })
})

describe('capacity', () => {
  test('every RunTask names a capacity provider strategy: the master Fargate, the workers theirs', async () => {
    const ecs = new StackEcs({ master: { addressOnDescribe: 2, stopOnDescribe: 4, exitCode: 0 } })
    const outcome = await runStateMachine({ ...nativeInput, workerCapacity: SPOT }, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    const [master, ...workers] = ecs.callsOf('RunTask')
    expect(master.CapacityProviderStrategy).toEqual(ON_DEMAND)
    for (const call of workers) expect(call.CapacityProviderStrategy).toEqual(SPOT)
    for (const call of ecs.callsOf('RunTask')) expect(call.LaunchType).toBeUndefined()
    expect(ecs.model.records().map((task) => task.capacityProviderName)).toEqual([
      'FARGATE',
      'FARGATE_SPOT',
      'FARGATE_SPOT',
      'FARGATE_SPOT'
    ])
  })

  test('without workerCapacity the workers run on Fargate too', async () => {
    const ecs = new StackEcs({ master: { addressOnDescribe: 2, stopOnDescribe: 4, exitCode: 0 } })
    await runStateMachine(nativeInput, ecs)

    for (const call of ecs.callsOf('RunTask'))
      expect(call.CapacityProviderStrategy).toEqual(ON_DEMAND)
  })
})

describe('the worker watch', () => {
  test('10 Spot workers, 3 reclaimed mid-run: 3 replacements on Spot with the workers’ overrides, and the run goes on', async () => {
    const ecs = new StackEcs({ master: longerMaster, beforeCall: reclaimBefore(6, 3) })
    const outcome = await runStateMachine(
      { ...nativeInput, workers: 10, workerCapacity: SPOT, replaceWorkersUntil: LATER },
      ecs
    )

    expect(outcome.status).toBe('SUCCEEDED')
    expect(outcome.output.masterExitCode).toBe(0)
    expect(runTaskCounts(ecs)).toEqual([1, 10, 3])
    const calls = ecs.callsOf('RunTask')
    expect(calls[2].CapacityProviderStrategy).toEqual(SPOT)
    expect(calls[2].Overrides).toEqual(calls[1].Overrides)
    expect(typeof calls[2].ClientToken).toBe('string')
    expect(new Set(calls.map((call) => call.ClientToken)).size).toBe(calls.length)
    const reclaimed = ecs.workers.filter((worker) => worker.stopCode === 'SpotInterruption')
    expect(reclaimed).toHaveLength(3)
    expect(ecs.workers).toHaveLength(13)
    expectEveryTaskStopped(ecs)
  })

  test('150 workers: the watch counts every ListTasks page (NextToken) before it asks for the 5 reclaimed', async () => {
    const ecs = new StackEcs({ master: longerMaster, beforeCall: reclaimBefore(6, 5) })
    const outcome = await runStateMachine(
      { ...nativeInput, workers: 150, workerCapacity: SPOT, replaceWorkersUntil: LATER },
      ecs
    )

    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs).slice(16)).toEqual([5])
    expect(ecs.workers).toHaveLength(155)
    const pages = ecs.callsOf('ListTasks').filter((call) => 'NextToken' in call)
    expect(pages.some((call) => typeof call.NextToken === 'string')).toBe(true)
    expectEveryTaskStopped(ecs)
  })

  test('no replacement once replaceWorkersUntil has passed (the load may be over)', async () => {
    const ecs = new StackEcs({ master: longerMaster, beforeCall: reclaimBefore(6, 3) })
    const outcome = await runStateMachine(
      {
        ...nativeInput,
        workers: 10,
        workerCapacity: SPOT,
        replaceWorkersUntil: '2020-01-01T00:00:00Z'
      },
      ecs
    )

    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs)).toEqual([1, 10])
    // Not even counted: only the cleanup lists the run's tasks.
    expect(outcome.statesEntered).not.toContain('ListRunningTasks')
    expect(ecs.callsOf('ListTasks').length).toBeGreaterThan(0)
  })

  test('a replacement without capacity is asked for on each poll for replaceWorkersSeconds, then given up; the run is not failed for it', async () => {
    const ecs = new StackEcs({
      master: longerMaster,
      beforeCall: reclaimBefore(4, 1),
      faults: [awsFaults.fargateCapacity(Infinity, (launch) => launch.callIndex >= 2)]
    })
    const outcome = await runStateMachine(
      {
        ...nativeInput,
        workers: 3,
        workerCapacity: SPOT,
        replaceWorkersUntil: LATER,
        replaceWorkersSeconds: 20
      },
      ecs
    )

    expect(outcome.status).toBe('SUCCEEDED')
    const asked = runTaskCounts(ecs).slice(2)
    // Polls 10 s apart while the master waits for its workers, 5 s apart after: 20 s of shortfall
    // allow 2 to 5 asks.
    expect(asked.every((count) => count === 1)).toBe(true)
    expect(asked.length).toBeGreaterThanOrEqual(2)
    expect(asked.length).toBeLessThanOrEqual(5)
    expect(ecs.workers).toHaveLength(3)
    expectEveryTaskStopped(ecs)
  })

  test('a first launch short of capacity is completed by the watch, not failed', async () => {
    const ecs = new StackEcs({
      master: longerMaster,
      // The first worker batch (5 tasks) never placed within its own retries.
      faults: [awsFaults.fargateCapacity(11, (launch) => launch.count === 5)]
    })
    const outcome = await runStateMachine(
      { ...nativeInput, workers: 5, replaceWorkersUntil: LATER },
      ecs
    )

    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs)).toEqual([1, ...Array(11).fill(5), 5])
    expect(ecs.workers).toHaveLength(5)
    expectEveryTaskStopped(ecs)
  })
})

/**
 * The master's DescribeTasks before the run watch: its address (2), then until it runs and for the
 * 20 s it gives its workers plus a 30 s grace, one every 10 s (as in state-machine.test.ts).
 */
const BEFORE_RUN_WATCH = 2 + 1 + (20 + 30) / 10

describe('the worker watch of the run (after the connecting window)', () => {
  /**
   * A 600 s run of Spot workers, `reclaimed` of them reclaimed before the 2nd poll of the run watch
   * (one a minute); the master ends at its `endPoll`-th (default 5th).
   */
  async function reclaimInRunWatch(options: {
    reclaimed: number
    workers?: number
    endPoll?: number
    replaceWorkersUntil?: string
    faults?: EcsFault[]
  }) {
    const endPoll = options.endPoll ?? 5
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2, stopOnDescribe: BEFORE_RUN_WATCH + endPoll, exitCode: 0 },
      beforeCall: reclaimBefore(BEFORE_RUN_WATCH + 2, options.reclaimed),
      faults: options.faults
    })
    const outcome = await runStateMachine(
      {
        ...nativeInput,
        runTimeSeconds: 600,
        workers: options.workers ?? 3,
        workerCapacity: SPOT,
        replaceWorkersUntil: options.replaceWorkersUntil ?? LATER
      },
      ecs
    )
    return { ecs, outcome }
  }

  test('10 Spot workers, 3 reclaimed at minute 2 of the run watch: replaced on Spot from the watch window, the run goes on', async () => {
    const { ecs, outcome } = await reclaimInRunWatch({ workers: 10, reclaimed: 3 })

    expect(outcome.status).toBe('SUCCEEDED')
    expect(outcome.output.masterExitCode).toBe(0)
    expect(runTaskCounts(ecs)).toEqual([1, 10, 3])
    const calls = ecs.callsOf('RunTask')
    expect(calls[2]).toMatchObject({
      CapacityProviderStrategy: SPOT,
      Overrides: calls[1].Overrides,
      StartedBy: nativeInput.runId,
      Group: 'distributed-locust',
      Tags: [{ Key: 'distributed-locust:run-id', Value: nativeInput.runId }]
    })
    expect(new Set(calls.map((call) => call.ClientToken)).size).toBe(calls.length)
    // Asked for by the window itself, whose clock went on: still one poll a minute.
    expect(outcome.statesEntered.filter((name) => name === 'ReplaceRunWorkers')).toHaveLength(1)
    expect(outcome.watchWaits.slice(0, 5)).toEqual([60, 60, 60, 60, 60])
    expect(ecs.workers.filter((worker) => worker.stopCode === 'SpotInterruption')).toHaveLength(3)
    expect(ecs.workers).toHaveLength(13)
    expectEveryTaskStopped(ecs)
  })

  test('150 workers, 25 reclaimed at once: every ListTasks page counted, then 10, 10 and 5 asked for on the next polls', async () => {
    const { ecs, outcome } = await reclaimInRunWatch({ workers: 150, reclaimed: 25, endPoll: 7 })

    expect(outcome.status).toBe('SUCCEEDED')
    // RunTask takes at most 10 tasks: one call a poll, what is still missing at the next.
    expect(runTaskCounts(ecs).slice(16)).toEqual([10, 10, 5])
    expect(ecs.workers).toHaveLength(175)
    expectEveryTaskStopped(ecs)
  })

  test('a worker that fails after replaceWorkersUntil (the action: its start + worker-replace-minutes) is not replaced', async () => {
    const { ecs, outcome } = await reclaimInRunWatch({
      reclaimed: 1,
      replaceWorkersUntil: '2020-01-01T00:00:00Z'
    })

    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs)).toEqual([1, 3])
    expect(outcome.statesEntered).not.toContain('ListRunWorkers')
  })

  test('a replacement without capacity is asked for again at each poll; the run is not failed for it', async () => {
    const { ecs, outcome } = await reclaimInRunWatch({
      reclaimed: 1,
      faults: [awsFaults.fargateCapacity(Infinity, (launch) => launch.callIndex >= 2)]
    })

    expect(outcome.status).toBe('SUCCEEDED')
    // Polls 2 to 4 of the run watch found the worker missing (the 5th found the master ended).
    expect(runTaskCounts(ecs)).toEqual([1, 3, 1, 1, 1])
    expect(ecs.workers).toHaveLength(3)
    expectEveryTaskStopped(ecs)
  })

  test('the margin after the run time does not count workers: its polls (every 5 s) would be too many', async () => {
    // 240 s of run time left after the workers connected (4 polls), then the margin's 5 s polls.
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2, stopOnDescribe: BEFORE_RUN_WATCH + 4 + 3, exitCode: 0 }
    })
    const outcome = await runStateMachine(
      { ...nativeInput, workerCapacity: SPOT, replaceWorkersUntil: LATER },
      ecs
    )

    expect(outcome.status).toBe('SUCCEEDED')
    expect(outcome.watchWaits).toEqual([60, 60, 60, 60, 5, 5, 5])
    expect(outcome.statesEntered.filter((name) => name === 'ListRunWorkers')).toHaveLength(4)
  })
})
