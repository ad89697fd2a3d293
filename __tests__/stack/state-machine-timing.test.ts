/**
 * The state machine's timing with real waits (the master poll, the run time): integration
 * tests, since they take seconds of wall time each; the rest of the stack tests run at once.
 */
import { runStateMachine, StackEcs, testSubstitutions } from './helpers/run-machine.js'
import { addressObject, expectEveryTaskStopped, nativeInput, seedInput } from './helpers/inputs.js'

describe('timing (real waits)', () => {
  const addressAfterMs = 1500
  const timedMaster = { addressAfterMs, stopAfterMs: addressAfterMs + 1200, exitCode: 0 }
  const realWaits = ['WaitBeforeMasterPoll', 'WaitForWatchPoll']

  test('native: workers start with the master; its address is in S3 within one poll of being known', async () => {
    let masterStatusAtWrite = ''
    const ecs: StackEcs = new StackEcs({
      master: timedMaster,
      putError: () => {
        masterStatusAtWrite = ecs.master!.lastStatus
        return undefined
      }
    })
    const outcome = await runStateMachine({ ...nativeInput, runTimeSeconds: 1 }, ecs, { realWaits })

    expect(outcome.status).toBe('SUCCEEDED')
    const master = ecs.master!
    expect(ecs.workers[0].launchedAtMs - master.launchedAtMs).toBeLessThan(300)
    const writtenAfterMs = ecs.objects.get(addressObject)!.writtenAtMs - master.launchedAtMs
    expect(writtenAfterMs).toBeGreaterThanOrEqual(addressAfterMs)
    expect(writtenAfterMs).toBeLessThanOrEqual(addressAfterMs + 1000 + 300)
    expect(masterStatusAtWrite).toBe('PENDING')
  })

  test('seed: workers start within one poll of the master address, while the master is still PENDING', async () => {
    let masterStatusAtWorkerLaunch = ''
    const ecs: StackEcs = new StackEcs({
      master: timedMaster,
      containerNames: ['seed-master', 'seed-worker'],
      // Never applies: it only notes the master's status when the workers are launched.
      faults: [
        {
          kind: 'failures',
          when: (launch) => {
            if (launch.callIndex === 1) masterStatusAtWorkerLaunch = ecs.master!.lastStatus
            return false
          }
        }
      ]
    })
    const outcome = await runStateMachine(seedInput, ecs, {
      realWaits,
      substitutions: { ...testSubstitutions, SeedRunTimeSeconds: '1' }
    })

    expect(outcome.status).toBe('SUCCEEDED')
    const workersLaunchedAfterMs = ecs.workers[0].launchedAtMs - ecs.master!.launchedAtMs
    expect(workersLaunchedAfterMs).toBeGreaterThanOrEqual(addressAfterMs)
    expect(workersLaunchedAfterMs).toBeLessThanOrEqual(addressAfterMs + 1000 + 300)
    expect(masterStatusAtWorkerLaunch).toBe('PENDING')
  })

  test('all tasks are stopped within 10 s after the master ends', async () => {
    const stopAfterMs = 2500
    const ecs = new StackEcs({ master: { addressOnDescribe: 1, stopAfterMs, exitCode: 0 } })
    const outcome = await runStateMachine({ ...nativeInput, runTimeSeconds: 1 }, ecs, {
      realWaits: ['WaitBeforeMasterPoll', 'WaitForWatchPoll']
    })

    expect(outcome.status).toBe('SUCCEEDED')
    const masterEndedAtMs = ecs.master!.launchedAtMs + stopAfterMs
    const lastStopMs = Math.max(...ecs.tasks.map((task) => task.stoppedAtMs!))
    expect(lastStopMs - masterEndedAtMs).toBeLessThanOrEqual(10_000)
    expectEveryTaskStopped(ecs)
  }, 15_000)
})
