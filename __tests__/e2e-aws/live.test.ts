/**
 * Live progress, abort rules and a master that dies mid-run with `backend: aws`, end to end through
 * the emulator: the real entrypoint uploads progress.json and copies the abort command down, the
 * action prints progress lines, judges the abort rules and stops a run whose master died. The
 * container syncs every 2 s here instead of every 10 s (DL_LIVE_SYNC_SECONDS).
 */
import { jest } from '@jest/globals'
import { run } from '../../src/action/main.js'
import {
  onlyExecutionSince,
  readObject,
  awsRunInputs,
  useActionWorld,
  waitForNoRunningTask,
  waitUntilMeasuring
} from './world.js'
import { closedPort } from '../support/helpers.js'

jest.setTimeout(120_000)

const { world, runner } = useActionWorld({ ecs: { baseEnv: { DL_LIVE_SYNC_SECONDS: '2' } } })

test('progress lines from the master: users, workers, rate, p95 and failures while the test runs', async () => {
  runner.setInputs(
    awsRunInputs(world, {
      users: '4',
      'spawn-rate': '4',
      // Long enough for lines while the load runs on a busy machine: a 12 s run, slow to start
      // there, printed only the line after its end.
      'run-time': '25s',
      workers: '1',
      thresholds: 'fail_ratio < 50%',
      'results-dir': runner.freshResultsDir()
    })
  )
  await run()

  expect(runner.outputs()).toMatchObject({ verdict: 'passed' })
  const lines = runner
    .log()
    .split('\n')
    .filter((line) => / \/ 25s · /.test(line))
  expect(lines.filter((line) => line.includes(' workers · '))).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^\d+s \/ 25s · 4 users · \d+ workers · [\d.]+ req\/s · p95 \d+ ms · [\d.]+% failed \(\d+\)$/
      )
    ])
  )
})

test('a dead target with an abort rule: the run ends soon after the abort time, failed, with what it measured', async () => {
  const before = world.emulator.sfn.executions().length
  const started = Date.now()
  runner.setInputs(
    awsRunInputs(world, {
      host: `http://127.0.0.1:${await closedPort()}`,
      users: '4',
      'spawn-rate': '4',
      'run-time': '120s',
      workers: '1',
      thresholds: 'p95 < 2s\nfail_ratio < 5% abort after 5s',
      'results-dir': runner.freshResultsDir()
    })
  )
  await run()
  const seconds = (Date.now() - started) / 1000

  // Locust stopped itself: the execution ends as a normal run does, long before the run time.
  expect(onlyExecutionSince(world.emulator, before).status).toBe('SUCCEEDED')
  expect(seconds).toBeLessThan(90)
  await waitForNoRunningTask(world.emulator.ecs)
  const runId = onlyExecutionSince(world.emulator, before).name
  const command = JSON.parse(String(await readObject(`runs/${runId}/control/abort.json`))) as {
    reason: string
  }
  expect(command.reason).toMatch(/^aborted at \d:\d\d by fail_ratio < 5% abort after 5s \(100%/)

  expect(process.exitCode).toBe(1)
  expect(runner.outputs()).toMatchObject({ verdict: 'failed', passed: 'false' })
  expect(Number(runner.outputs().requests)).toBeGreaterThan(0)
  const summary = runner.summary()
  expect(summary).toMatch(/^## ❌/)
  const shown = command.reason.split(' (')[0].replace('aborted ', '').replace('_', '\\_')
  expect(summary).toContain(`> **Aborted:** ${shown.replace('<', '&lt;')} (`)
  expect(runner.errors()[0]).toContain(`The run was ${command.reason}.`)
})

test('the master dies mid-run: the action stops every worker at once and names the exit code and log stream', async () => {
  const before = world.emulator.sfn.executions().length
  runner.setInputs(
    awsRunInputs(world, {
      users: '4',
      'spawn-rate': '4',
      // A long run: a dead master must not cost the rest of its run time.
      'run-time': '300s',
      workers: '1',
      'results-dir': runner.freshResultsDir()
    })
  )
  const step = run()
  const master = await waitUntilMeasuring(world.emulator.ecs, 1)
  const crashedAt = Date.now()
  world.emulator.ecs.crashTask(master.taskArn)
  await step
  const seconds = (Date.now() - crashedAt) / 1000

  expect(seconds).toBeLessThan(30)
  await waitForNoRunningTask(world.emulator.ecs)
  expect(onlyExecutionSince(world.emulator, before).status).not.toBe('RUNNING')
  expect(process.exitCode).toBe(1)
  expect(runner.outputs()).toMatchObject({ verdict: 'error' })
  // The action noticed first (it polls every 5 s at most), or the state machine did: either way
  // the error names the master's exit code and where its log is.
  const [error] = runner.errors()
  expect(error).toContain(`${master.taskId}`)
  expect(error).toMatch(/exit code 137 \(Essential container in task exited\)/)
  expect(error).toContain(
    `CloudWatch Logs group /distributed-locust/tasks, stream run/locust/${master.taskId}.`
  )
})
