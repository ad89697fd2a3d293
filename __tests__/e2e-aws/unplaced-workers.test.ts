/**
 * Workers that Fargate never places, through the action's main step. The first launch's own
 * retries do not fail the run any more: the worker watch keeps asking, and the master, which waits
 * for `min-workers` (here every worker) for the stack's ExpectWorkersTimeoutSeconds (45 s here),
 * gives up; the run fails with the master's reason and every task is stopped.
 *
 * The relaunch backoff (1 to 30 s, jittered) is fixed at 1 s so that the first launch's retries
 * end within seconds.
 */
import { jest } from '@jest/globals'
import { run } from '../../src/action/main.js'
import {
  fixWait,
  isMaster,
  isWorker,
  onlyExecutionSince,
  awsRunInputs,
  useActionWorld,
  waitForNoRunningTask,
  type StateMachineDefinition
} from './world.js'

jest.setTimeout(120_000)

// Room for the watch to ask at least once after the first launch's 11 attempts, which a busy
// machine's emulator stretches: with 30 s this test failed once in a busy full run.
const MASTER_WAIT_SECONDS = '45'

function shortenMasterWait(definition: StateMachineDefinition): void {
  const plan = definition.States.PlanNativeRun as {
    Parameters: { run: { environment: { Name: string; Value?: string }[] } }
  }
  const entry = plan.Parameters.run.environment.find(
    (variable) => variable.Name === 'DL_EXPECT_WORKERS_TIMEOUT'
  )
  if (!entry) throw new Error('PlanNativeRun sets no DL_EXPECT_WORKERS_TIMEOUT; update the test.')
  entry.Value = MASTER_WAIT_SECONDS
}

const { world, runner } = useActionWorld({
  adjustDefinition: (definition) => {
    fixWait(definition, 'WaitBeforeRelaunch', 1)
    shortenMasterWait(definition)
  }
})

test('workers never placed: asked for again by the watch, then the master gives up waiting (exit code 3), every task stopped, the reason in the summary', async () => {
  const before = world.emulator.sfn.executions().length
  world.emulator.ecs.injectFault({
    kind: 'failures',
    reason: 'RESOURCE:CPU',
    times: 1000,
    when: (launch) => launch.command[0] === 'worker'
  })
  runner.setInputs(
    awsRunInputs(world, {
      users: '2',
      'spawn-rate': '2',
      // Workers are replaced until the start + run time: longer than the master's wait.
      'run-time': '75s',
      workers: '2',
      'results-dir': runner.freshResultsDir()
    })
  )
  await run()

  const execution = onlyExecutionSince(world.emulator, before)
  // The action or the state machine notices the master's exit first: either way it is named.
  expect(['FAILED', 'ABORTED']).toContain(execution.status)
  const workerCalls = world.emulator.ecs
    .journal('RunTask')
    .filter((call) => (call.request as { startedBy?: string }).startedBy === execution.name)
    .slice(1)
  // The first launch's 11 attempts, then the watch's, one per master poll.
  expect(workerCalls.length).toBeGreaterThan(11)
  const tasks = world.emulator.ecs.tasks().filter((task) => task.startedBy === execution.name)
  expect(tasks.filter(isWorker)).toEqual([])
  expect(tasks.find(isMaster)!.exitCode).toBe(3)
  await waitForNoRunningTask(world.emulator.ecs)

  expect(process.exitCode).toBe(1)
  const summary = runner.summary()
  expect(summary).toMatch(/exit(ed with)? code 3\b/)
  expect(summary).toContain(
    'ECS started 0 of the 2 worker task(s) asked for, and the load needed 2 (min-workers): Fargate had no capacity'
  )
})
