/**
 * A duet on the Fargate path, end to end through the emulator (issue 19 item 3): the action starts
 * two executions of the stack's state machine, one per side (same task definition, half the users
 * and workers each), whose real containers' masters meet before every round through S3, so both
 * sides of one index measure in the same window. The candidate is the world's target, the baseline
 * a slower copy of it. The emulator runs its tasks on this machine, where loopback hosts are
 * reachable.
 */
import { afterAll, jest } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import {
  BUCKET,
  emulatedTransitions,
  expectExecutionStatus,
  expectStepSucceeded,
  isMaster,
  isWorker,
  pricedTransitions,
  readObject,
  expectRoundsOnTheirServers,
  readRounds,
  removeDir,
  useSlowerTarget,
  type RoundEntry,
  roundsRunInputs,
  tempDir,
  useActionWorld,
  waitFor,
  waitForNoRunningTask,
  waitForTaskLog,
  type AwsWorld
} from './world.js'
import type { EmulatedExecution } from '../emulator/index.js'

jest.setTimeout(180_000)

const { world, runner } = useActionWorld()
const slower = useSlowerTarget()

const work = tempDir('e2e-aws-duet')
afterAll(() => removeDir(work))

/** A duet of `rounds` rounds of 1 s warm-up and 3 s run time, 4 users and 2 workers in all. */
function setDuetInputs(resultsDir: string, rounds: number): void {
  runner.setInputs(
    roundsRunInputs(world, work, {
      rounds: String(rounds),
      mode: 'duet',
      'baseline-host': slower.url,
      thresholds: 'p50 < baseline * 1.5\nfail_ratio < 50%',
      'results-dir': resultsDir
    })
  )
}

/** An execution as the emulator has it now. */
const current = (execution: EmulatedExecution) =>
  world.emulator.sfn.execution(execution.executionArn)

/** The two executions started since the first `before`: the candidate's, then the baseline's. */
function duetExecutions(emulator: AwsWorld['emulator'], before: number): EmulatedExecution[] {
  const started = emulator.sfn.executions().slice(before)
  expect(started).toHaveLength(2)
  const hostOf = (execution: EmulatedExecution) =>
    (JSON.parse(execution.input) as { host?: string }).host
  return ['candidate', 'baseline'].map((side) =>
    started.find((execution) =>
      side === 'candidate'
        ? hostOf(execution) === world.target.url
        : hostOf(execution) === slower.url
    )!
  )
}

/** The duet's two executions once both have started (the step was started after `before`). */
async function startedDuet(before: number): Promise<EmulatedExecution[]> {
  await waitFor(
    'both executions',
    () => world.emulator.sfn.executions().length - before,
    (count) => count === 2,
    30_000,
    100
  )
  return duetExecutions(world.emulator, before)
}

/** Both masters are past their meeting before round `index`: each side's meeting file is in S3. */
async function waitForMeeting(executions: EmulatedExecution[], index: number): Promise<void> {
  for (const [execution, side] of [
    [executions[0], 'candidate'],
    [executions[1], 'baseline']
  ] as const) {
    const key = `runs/${execution.name}/results/meeting/${index}-${side}.json`
    await waitFor(
      `s3://${BUCKET}/${key}`,
      () =>
        readObject(key).then(
          () => true,
          () => false
        ),
      (found) => found,
      90_000,
      200
    )
  }
}

test('a duet runs one execution per side, both masters meet through S3, and the verdict shows both sides', async () => {
  const resultsDir = join(work, 'results')
  const before = world.emulator.sfn.executions().length
  setDuetInputs(resultsDir, 3)
  await run()

  expectStepSucceeded(runner, world.emulator)
  const executions = duetExecutions(world.emulator, before)
  for (const execution of executions) expectExecutionStatus(world.emulator, execution, 'SUCCEEDED')
  const [candidateInput, baselineInput] = executions.map(
    (execution) => JSON.parse(execution.input) as Record<string, unknown>
  )
  // Half the users and workers each, the same task definition (so the same task size).
  expect(candidateInput).toMatchObject({ users: 2, workers: 1, host: world.target.url })
  expect(baselineInput).toMatchObject({ users: 2, workers: 1, host: slower.url })
  expect(baselineInput.taskDefinition).toBe(candidateInput.taskDefinition)
  expect(executions[1].name).toMatch(/-b$/)
  for (const execution of executions) {
    const tasks = world.emulator.ecs.tasks().filter((task) => task.startedBy === execution.name)
    expect(tasks.filter(isMaster)).toHaveLength(1)
    expect(tasks.filter(isWorker)).toHaveLength(1)
  }
  await waitForNoRunningTask(world.emulator.ecs)

  const rounds = readRounds(resultsDir)
  expect(rounds.design).toBe('duet')
  expect(rounds.rounds.map((round) => `${round.index}-${round.side}-${round.complete}`)).toEqual([
    '1-candidate-true',
    '1-baseline-true',
    '2-candidate-true',
    '2-baseline-true',
    '3-candidate-true',
    '3-baseline-true'
  ])
  for (const index of [1, 2, 3]) {
    const [candidate, baseline] = rounds.rounds.filter((round) => round.index === index)
    const start = (round: RoundEntry) => Date.parse(round.startedAt)
    const end = (round: RoundEntry) => Date.parse(round.endedAt ?? '')
    // Both sides measured at the same time: their windows overlap. How closely they agree depends
    // on the machine's load, so it is measured (npm run bench -- duet), not asserted.
    expect(start(candidate)).toBeLessThan(end(baseline))
    expect(start(baseline)).toBeLessThan(end(candidate))
  }
  expectRoundsOnTheirServers(resultsDir, rounds.rounds, {
    candidate: world.target.url,
    baseline: slower.url
  })
  // Each master's own files: the candidate's at the top, the baseline's in baseline/.
  for (const folder of [resultsDir, join(resultsDir, 'baseline')]) {
    expect(existsSync(join(folder, 'locust_stats.csv'))).toBe(true)
    expect(existsSync(join(folder, 'master.log'))).toBe(true)
  }
  expect(existsSync(join(resultsDir, 'baseline', 'rounds'))).toBe(false)

  // Judged round by round, candidate against baseline, with both sides shown.
  expect(runner.outputs()).toMatchObject({ passed: 'true', verdict: 'passed' })
  const summary = runner.summary()
  expect(summary).toContain('Duet rounds: 3 judged')
  expect(summary).toContain(`Baseline \`${slower.url}\``)
  expect(summary).toContain(`candidate \`${world.target.url}\``)
  // The cost counts both executions.
  const transitions = executions.map(
    (execution) => emulatedTransitions(world.emulator, execution.executionArn).transitions
  )
  expect(pricedTransitions(summary)).toBe(transitions[0] + transitions[1])
})

test('cancelled mid-round: both executions stop, every task stops, the completed rounds come back', async () => {
  const resultsDir = join(work, 'cancelled')
  const before = world.emulator.sfn.executions().length
  setDuetInputs(resultsDir, 3)
  const step = run()
  const executions = await startedDuet(before)
  // Round 1 is over on both sides once they meet before round 2.
  await waitForMeeting(executions, 2)
  process.emit('SIGINT', 'SIGINT')
  await step

  for (const execution of executions) expect(current(execution).status).toBe('ABORTED')
  await waitForNoRunningTask(world.emulator.ecs)
  expect(runner.errors()[0]).toContain('The run was cancelled')
  const { rounds } = readRounds(resultsDir)
  const complete = rounds.filter((round) => round.complete)
  expect(complete.filter((round) => round.index === 1).map((round) => round.side)).toEqual([
    'candidate',
    'baseline'
  ])
  expect(complete.length).toBeLessThan(6)
  for (const round of complete) {
    expect(existsSync(join(resultsDir, round.folder, 'histograms.json'))).toBe(true)
  }
})

test('one side fails: the other is stopped, and the error says which side failed', async () => {
  const resultsDir = join(work, 'failed')
  const before = world.emulator.sfn.executions().length
  setDuetInputs(resultsDir, 3)
  const step = run()
  const executions = await startedDuet(before)
  const baselineMaster = await waitFor(
    "the baseline side's running master",
    () =>
      world.emulator.ecs
        .runningTasks()
        .find(
          (task) =>
            isMaster(task) && task.startedBy === executions[1].name && task.lastStatus === 'RUNNING'
        ),
    (task) => task !== undefined,
    90_000,
    100
  ).then((task) => task!)
  await waitForTaskLog(world.emulator.ecs, baselineMaster, '/wait', 60_000)
  world.emulator.ecs.crashTask(baselineMaster.taskArn)
  await step

  await waitForNoRunningTask(world.emulator.ecs)
  expect(['FAILED', 'ABORTED']).toContain(current(executions[1]).status)
  expect(current(executions[0]).status).toBe('ABORTED')
  const [error] = runner.errors()
  expect(error).toContain('The baseline side: ')
  expect(error).toContain(
    'The candidate side: Stopped because the baseline side failed; every task of this side was stopped too.'
  )
  expect(runner.outputs()).toMatchObject({ passed: 'false', verdict: 'error' })
})
