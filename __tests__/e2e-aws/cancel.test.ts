/**
 * Cancellation with `backend: aws`: the main step cancelled mid-run stops its execution and tasks
 * itself; a main step that dies mid-run leaves that to the post step, which reads what the main
 * step saved in GITHUB_STATE (as the runner hands it over: STATE_* variables).
 */
import { jest } from '@jest/globals'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { cleanup } from '../../src/action/post.js'
import { run } from '../../src/action/main.js'
import {
  onlyExecutionSince,
  REPO,
  awsRunInputs,
  useActionWorld,
  waitFor,
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
      'run-time': '20s',
      workers: '1',
      'results-dir': runner.freshResultsDir()
    })
  )
}

const stopCalls = () => world.emulator.ecs.journal('StopTask').length

test('SIGINT mid-run: the main step stops the execution and every task, and shows the results so far', async () => {
  const before = world.emulator.sfn.executions().length
  setRunInputs()
  const step = run()
  await waitUntilMeasuring(world.emulator.ecs, 1)
  process.emit('SIGINT', 'SIGINT')
  await step

  const execution = onlyExecutionSince(world.emulator, before)
  expect(execution).toMatchObject({ status: 'ABORTED', error: 'DistributedLocust.Cancelled' })
  const tasks = world.emulator.ecs.tasks().filter((task) => task.startedBy === execution.name)
  expect(tasks.map((task) => task.desiredStatus)).toEqual(['STOPPED', 'STOPPED'])
  await waitForNoRunningTask(world.emulator.ecs)

  expect(runner.warnings()).toEqual([
    'Received SIGINT: stopping the load test and keeping the results so far.'
  ])
  expect(process.exitCode).toBe(1)
  expect(runner.errors()[0]).toContain('The run was cancelled; every task was stopped.')
  // The stopped master uploaded what Locust had measured; the step waited for it.
  const summary = runner.summary()
  expect(summary).toContain('The run was cancelled')
  expect(summary).toContain('**Partial results:**')
  expect(summary).toContain('| GET | /api/items |')
  expect(Number(runner.outputs().requests)).toBeGreaterThan(0)
  expect(runner.log()).toContain(`Stopped execution ${execution.executionArn}.`)

  // The main step finished its own cleanup, so the post step has nothing to do.
  const stopsBefore = stopCalls()
  runner.loadStateForPostStep()
  await cleanup()
  expect(stopCalls()).toBe(stopsBefore)
})

test('the main step dies mid-run: the post step stops the execution and every task, twice harmlessly', async () => {
  const before = world.emulator.sfn.executions().length
  setRunInputs()
  const main = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'index.ts')], {
    cwd: REPO,
    env: process.env,
    stdio: 'ignore'
  })
  const exited = new Promise((resolve) => main.once('exit', resolve))
  try {
    await waitUntilMeasuring(world.emulator.ecs, 1)
  } finally {
    main.kill('SIGKILL')
    await exited
  }
  const execution = onlyExecutionSince(world.emulator, before)
  expect(execution.status).toBe('RUNNING')
  expect(world.emulator.ecs.runningTasks()).toHaveLength(2)

  runner.loadStateForPostStep()
  await cleanup()
  expect(world.emulator.sfn.execution(execution.executionArn)).toMatchObject({
    status: 'ABORTED',
    error: 'DistributedLocust.Cancelled'
  })
  await waitForNoRunningTask(world.emulator.ecs)
  expect(runner.log()).toContain(`Stopped execution ${execution.executionArn}.`)
  expect(runner.log()).toContain(`Stopped 2 ECS task(s) of run ${execution.name}.`)
  expect(runner.warnings()).toEqual([])

  // Run again (a re-run post step, or both steps cleaning up): nothing left to stop, no warning.
  const stopsBefore = stopCalls()
  const logBefore = runner.log()
  await cleanup()
  expect(stopCalls()).toBe(stopsBefore)
  expect(runner.log()).toBe(logBefore)
  expect(runner.warnings()).toEqual([])
  expect(world.emulator.sfn.execution(execution.executionArn).status).toBe('ABORTED')
  await waitFor(
    'no task',
    () => world.emulator.ecs.runningTasks(),
    (left) => left.length === 0
  )
})
