/**
 * Runs that go wrong on the AWS side, through the action's main step: the master's container
 * crashes, the master is stopped mid-run (as by a Fargate Spot interruption). Each time: the
 * execution fails with its reason, every task is stopped, and the summary says what happened with
 * whatever results exist. A master that stops mid-run is noticed by the action (which then stops
 * the run at once) or by the state machine, whichever polls first: the error names its exit code
 * either way. Workers that cannot be placed: unplaced-workers.test.ts.
 */
import { jest } from '@jest/globals'
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs'
import { run } from '../../src/action/main.js'
import {
  CLUSTER,
  onlyExecutionSince,
  awsRunInputs,
  useActionWorld,
  waitForNoRunningTask,
  waitUntilMeasuring
} from './world.js'

jest.setTimeout(60_000)

const { world, runner } = useActionWorld()

function setRunInputs(): void {
  runner.setInputs(
    awsRunInputs(world, {
      users: '4',
      'spawn-rate': '4',
      'run-time': '6s',
      workers: '1',
      thresholds: 'fail_ratio < 50%',
      'results-dir': runner.freshResultsDir()
    })
  )
}

/** Starts the step and waits until the load is under way; returns the step and its master. */
async function startMidRun() {
  const before = world.emulator.sfn.executions().length
  setRunInputs()
  const step = run()
  const master = await waitUntilMeasuring(world.emulator.ecs, 1)
  return { step, master, before }
}

test('the master container crashes mid-run: execution failed, every task stopped, the error in the summary', async () => {
  const { step, master, before } = await startMidRun()
  world.emulator.ecs.crashTask(master.taskArn)
  await step

  const execution = onlyExecutionSince(world.emulator, before)
  expect(['FAILED', 'ABORTED']).toContain(execution.status)
  await waitForNoRunningTask(world.emulator.ecs)

  expect(process.exitCode).toBe(1)
  const [error] = runner.errors()
  expect(error).toContain('exit code 137 (Essential container in task exited)')
  expect(error).toContain(`master task ${master.taskId} STOPPED at ${master.address} exit code 137`)
  expect(runner.outputs()).toMatchObject({ passed: 'false', verdict: 'error' })
  // A killed container uploads nothing: the summary says so beside the error.
  const summary = runner.summary()
  expect(summary).toMatch(/^## ⚠️ Load test could not run/)
  expect(summary).toContain('exit code 137')
  expect(summary).toContain('**Partial results:**')
  expect(summary).toContain('Locust wrote no readable results.')
  expect(summary).toContain('**Workers:** 1 expected')
})

test('the master is stopped mid-run (Spot interruption): partial results in the summary with the error', async () => {
  const { step, master, before } = await startMidRun()
  const ecs = new ECSClient({})
  await ecs.send(
    new StopTaskCommand({ cluster: CLUSTER, task: master.taskArn, reason: 'Spot interruption' })
  )
  ecs.destroy()
  await step

  const execution = onlyExecutionSince(world.emulator, before)
  expect(['FAILED', 'ABORTED']).toContain(execution.status)
  await waitForNoRunningTask(world.emulator.ecs)

  expect(process.exitCode).toBe(1)
  expect(runner.errors()[0]).toContain('exit code 143 (Spot interruption)')
  expect(runner.outputs()).toMatchObject({ verdict: 'error' })
  expect(Number(runner.outputs().requests)).toBeGreaterThan(0)
  // The entrypoint uploaded what Locust had measured when it was stopped.
  const summary = runner.summary()
  expect(summary).toMatch(/^## ⚠️ Load test could not run/)
  expect(summary).toContain('**Partial results:**')
  expect(summary).toContain('| GET | /api/items |')
  expect(summary).toContain('exit code 143')
})
