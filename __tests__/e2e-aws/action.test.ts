/**
 * The action's main step with `backend: aws`, end to end through the emulator: stack outputs from
 * CloudFormation, bundle staged in S3, the template's state machine starting the real entrypoint
 * with real Locust as ECS tasks, results downloaded, verdict, outputs and job summary.
 */
import { jest } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import {
  BUCKET,
  expectExecutionStatus,
  expectStepSucceeded,
  onlyExecutionSince,
  emulatedTransitions,
  pricedTransitions,
  isMaster,
  isWorker,
  readObject,
  awsRunInputs,
  useActionWorld,
  waitForNoRunningTask
} from './world.js'

jest.setTimeout(60_000)

const { world, runner } = useActionWorld()

test('3 workers: passing verdict, results equal to the master CSVs in S3, outputs, summary, no task left', async () => {
  const resultsDir = join(runner.dir, 'results')
  const before = world.emulator.sfn.executions().length
  runner.setInputs(
    awsRunInputs(world, {
      users: '6',
      'spawn-rate': '6',
      'run-time': '4s',
      workers: '3',
      thresholds: 'fail_ratio < 50%\nrequests > 10',
      'results-dir': resultsDir
    })
  )
  await run()

  expectStepSucceeded(runner, world.emulator)
  expect(process.exitCode).toBeUndefined()
  const execution = onlyExecutionSince(world.emulator, before)
  const runId = execution.name
  // Unique per workflow run, attempt and job, plus a nonce for matrix legs.
  expect(runId).toMatch(/^gh-4242-2-load-test-[0-9a-f]{6}$/)
  expectExecutionStatus(world.emulator, execution, 'SUCCEEDED')
  expect(JSON.parse(execution.input)).toMatchObject({
    runId,
    locustfile: 'examples/locustfile.py',
    users: 6,
    workers: 3,
    runTimeSeconds: 4,
    bucket: BUCKET
  })

  const tasks = world.emulator.ecs.tasks().filter((task) => task.startedBy === runId)
  const master = tasks.find(isMaster)!
  const workers = tasks.filter(isWorker)
  expect(tasks).toHaveLength(4)
  // Workers start with the master and read its address from S3 (native form).
  expect(workers.map((worker) => worker.command)).toEqual(Array(3).fill(['worker']))
  expect(master.exitCode).toBe(0)
  // The state machine stops every task at the end; workers may still be shutting down.
  expect(tasks.every((task) => task.desiredStatus === 'STOPPED')).toBe(true)
  await waitForNoRunningTask(world.emulator.ecs)

  const prefix = `runs/${runId}/`
  expect(await world.emulator.objectKeys(`${prefix}bundle/`)).toEqual([
    `${prefix}bundle/examples/locustfile.py`
  ])
  const csvKeys = (await world.emulator.objectKeys(`${prefix}results/`)).filter((key) =>
    key.endsWith('.csv')
  )
  expect(csvKeys.map((key) => key.slice(`${prefix}results/`.length))).toEqual([
    'locust_exceptions.csv',
    'locust_failures.csv',
    'locust_stats.csv',
    'locust_stats_history.csv'
  ])
  for (const key of csvKeys) {
    const local = readFileSync(join(resultsDir, key.slice(`${prefix}results/`.length)))
    expect(local.equals(await readObject(key))).toBe(true)
  }
  expect(readdirSync(resultsDir)).toEqual(
    expect.arrayContaining([
      'master.log',
      'report.html',
      'result.json',
      'summary.md',
      'results.json'
    ])
  )

  const outputs = runner.outputs()
  expect(outputs).toMatchObject({
    passed: 'true',
    verdict: 'passed',
    'results-dir': resultsDir,
    'summary-path': join(resultsDir, 'summary.md'),
    'results-json': join(resultsDir, 'results.json')
  })
  expect(Number(outputs.requests)).toBeGreaterThan(10)
  // Four tasks (master and 3 workers, 1 vCPU and 2 GB each in the emulator) billed at least the
  // one-minute minimum each: 4 × 60 s × (0.04048 + 2 × 0.004445) $/3600 s ≥ $0.0033.
  expect(Number(outputs['cost-usd'])).toBeGreaterThanOrEqual(0.0033)
  expect(Number(outputs['cost-usd'])).toBeLessThan(0.05)

  const summary = runner.summary()
  expect(summary).toBe(readFileSync(join(resultsDir, 'summary.md'), 'utf8'))
  expect(summary).toMatch(/^## ✅ Load test passed/)
  expect(summary).toContain('**Backend:** AWS (Fargate, Step Functions)')
  // Locust with --processes runs one process per vCPU in each task: counted apart from tasks.
  expect(summary).toMatch(/\*\*Workers:\*\* 3 of 3 connected( \(\d+ Locust processes\))?\n/)
  expect(summary).toContain(`**Run id:** ${runId}`)
  // "$" is written as &#36; so that GitHub does not read math.
  expect(summary).toMatch(
    /\*\*Cost:\*\* &#36;0\.\d+ \(Fargate &#36;0\.\d+ for 0\.\d\d task-hours, Step Functions &#36;0\.\d+ for [\d,]+ state transitions, S3 &#36;/
  )
  // The Step Functions share prices what the execution's history shows was billed.
  const { transitions } = emulatedTransitions(world.emulator, execution.executionArn)
  expect(transitions).toBeGreaterThan(20)
  expect(pricedTransitions(summary)).toBe(transitions)
  expect(summary).toContain('| `requests > 10` |')

  // The step log follows the run: the execution, and each task with its address.
  const log = runner.log()
  expect(log).toContain(`Started run ${runId}`)
  expect(log).toContain(`master task ${master.taskId} RUNNING at ${master.address}`)
  for (const worker of workers) expect(log).toContain(`worker task ${worker.taskId}`)
})

test('a breached threshold fails the step with the rule and its measured value', async () => {
  const before = world.emulator.sfn.executions().length
  runner.setInputs(
    awsRunInputs(world, {
      users: '4',
      'run-time': '4s',
      workers: '1',
      thresholds: 'requests > 1000000\nfail_ratio < 50%',
      'results-dir': runner.freshResultsDir()
    })
  )
  await run()

  expectExecutionStatus(world.emulator, onlyExecutionSince(world.emulator, before), 'SUCCEEDED')
  expect(process.exitCode).toBe(1)
  expect(runner.errors()).toEqual([
    expect.stringMatching(/^1 of 2 thresholds failed: requests > 1,000,000 \(actual \d+\)/)
  ])
  expect(runner.outputs()).toMatchObject({ passed: 'false', verdict: 'failed' })
  expect(runner.summary()).toMatch(/^## ❌ Load test failed/)
  await waitForNoRunningTask(world.emulator.ecs)
})
