/**
 * Fargate Spot workers reclaimed during the run watch, after the window in which the workers
 * connect: the watch's own window (a child execution) asks for them again, the run goes on to its
 * verdict, and a cancel while replacements start still stops everything. Real Locust in every
 * task. The stack here closes the connecting window 10 s after the master runs (not
 * ExpectWorkersTimeoutSeconds + 30 s) and polls the run watch every 2 s (not every minute), so a
 * reclaim comes well after that window without a long run.
 */
import { jest } from '@jest/globals'
import { run } from '../../src/action/main.js'
import {
  awsRunInputs,
  expectExecutionStatus,
  expectStepSucceeded,
  isWorker,
  onlyExecutionSince,
  useActionWorld,
  waitFor,
  waitForNoRunningTask,
  waitUntilMeasuring,
  type StateMachineDefinition
} from './world.js'

jest.setTimeout(240_000)

function shortenWatch(definition: StateMachineDefinition): void {
  const parameters = (state: string) =>
    (definition.States[state] as { Parameters: Record<string, unknown> }).Parameters
  parameters('StartWorkerWatch')['limit.$'] = 'States.MathAdd($.poll.elapsed, 10)'
  parameters('PlanRunWatch').step = 2
}

const { world, runner } = useActionWorld({ adjustDefinition: shortenWatch })

/**
 * Starts a 10-worker Spot run, waits until it is measuring and its run watch has started (its first
 * window runs), then reclaims 3 workers. Returns the step, the execution and the reclaim's time.
 */
async function reclaimDuringRunWatch(runTime: string) {
  const { sfn, ecs } = world.emulator
  const before = sfn.executions().length
  runner.setInputs(
    awsRunInputs(world, {
      users: '10',
      'spawn-rate': '10',
      'run-time': runTime,
      workers: '10',
      capacity: 'spot',
      thresholds: 'fail_ratio < 50%',
      'results-dir': runner.freshResultsDir()
    })
  )
  const step = run()
  await waitUntilMeasuring(ecs, 10)
  const execution = onlyExecutionSince(world.emulator, before)
  await waitFor(
    'the run watch to start its first window',
    () => sfn.childExecutionArns(execution.executionArn).length,
    (windows) => windows > 0,
    60_000,
    100
  )
  const reclaimedAt = Date.now()
  const workers = ecs.runningTasks().filter((task) => isWorker(task))
  for (const worker of workers.slice(0, 3)) ecs.reclaimTask(worker.taskArn, 2_000)
  return { step, execution, reclaimedAt }
}

/** Every RunTask the run watch's windows made (their child executions' histories). */
function runTasksOfTheWatch(executionArn: string) {
  const { sfn } = world.emulator
  return sfn
    .childExecutionArns(executionArn)
    .flatMap((child) => sfn.events(child))
    .filter((event) => event.type === 'TaskScheduled' && JSON.stringify(event).includes('runTask'))
}

test('10 Spot workers, 3 reclaimed during the run watch: replaced from its window on Spot, the run gets its verdict, the summary lists them', async () => {
  const { step, execution, reclaimedAt } = await reclaimDuringRunWatch('90s')
  await step

  const { ecs } = world.emulator
  expectExecutionStatus(
    world.emulator,
    world.emulator.sfn.execution(execution.executionArn),
    'SUCCEEDED'
  )
  expectStepSucceeded(runner, world.emulator)
  const workers = ecs.tasks().filter((task) => task.startedBy === execution.name && isWorker(task))
  expect(workers.filter((task) => task.stopCode === 'SpotInterruption')).toHaveLength(3)
  const replacements = workers.filter((task) => task.createdAt > reclaimedAt)
  expect(replacements).toHaveLength(3)
  expect(replacements.every((task) => task.capacityProviderName === 'FARGATE_SPOT')).toBe(true)
  expect(runTasksOfTheWatch(execution.executionArn).length).toBeGreaterThan(0)

  expect(runner.outputs()).toMatchObject({ verdict: 'passed' })
  expect(runner.summary()).toMatch(
    /\*\*Workers:\*\* 10 of 10 connected( \(\d+ Locust processes\))?, \d+ joined, 3 replaced \(3 reclaimed by Fargate Spot\), 0 lost/
  )
  await waitForNoRunningTask(ecs)
})

test('cancelled while the run watch replaces reclaimed workers: the execution and every task stop, replacements included', async () => {
  const { step, execution, reclaimedAt } = await reclaimDuringRunWatch('120s')
  const { ecs } = world.emulator
  const ofRun = () => ecs.tasks().filter((task) => task.startedBy === execution.name)
  await waitFor(
    'a replacement asked for by the run watch',
    () => ofRun().filter((task) => task.createdAt > reclaimedAt).length,
    (replacements) => replacements > 0,
    30_000,
    50
  )
  process.emit('SIGINT', 'SIGINT')
  await step

  expect(world.emulator.sfn.execution(execution.executionArn)).toMatchObject({
    status: 'ABORTED',
    error: 'DistributedLocust.Cancelled'
  })
  await waitForNoRunningTask(ecs)
  expect(ofRun().every((task) => task.desiredStatus === 'STOPPED')).toBe(true)
  expect(runner.errors()[0]).toContain('The run was cancelled; every task was stopped.')
})
