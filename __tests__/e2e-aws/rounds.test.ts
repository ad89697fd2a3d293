/**
 * Rounds on the Fargate path, end to end through the emulator (issue 19 item 3): the action stages
 * the rounds settings in the bundle, the state machine's run time covers every round, and the real
 * container's master drives two interleaved rounds inside one execution (the workers stay up)
 * against the world's target (the candidate) and a slower copy of it (the baseline).
 */
import { afterAll, jest } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { run } from '../../src/action/main.js'
import {
  expectExecutionStatus,
  expectStepSucceeded,
  isWorker,
  onlyExecutionSince,
  expectRoundsOnTheirServers,
  readRounds,
  removeDir,
  useSlowerTarget,
  roundsRunInputs,
  tempDir,
  useActionWorld,
  waitForNoRunningTask,
  waitUntilMeasuring
} from './world.js'

jest.setTimeout(120_000)

const { world, runner } = useActionWorld()
const slower = useSlowerTarget()

const work = tempDir('e2e-aws-rounds')
afterAll(() => removeDir(work))

/** Two interleaved rounds of 1 s warm-up and 3 s run time, results in `resultsDir`. */
function setRoundsInputs(resultsDir: string): void {
  runner.setInputs(
    roundsRunInputs(world, work, {
      rounds: '2',
      'baseline-host': slower.url,
      thresholds: 'fail_ratio < 50%',
      'results-dir': resultsDir
    })
  )
}

test('2 interleaved rounds run inside one execution, each side against its own server', async () => {
  const resultsDir = join(work, 'results')
  const before = world.emulator.sfn.executions().length
  setRoundsInputs(resultsDir)
  await run()

  expectStepSucceeded(runner, world.emulator)
  const execution = onlyExecutionSince(world.emulator, before)
  expectExecutionStatus(world.emulator, execution, 'SUCCEEDED')
  // 4 windows of 1 s warm-up, 3 s run time and 5 s to change rounds.
  expect(JSON.parse(execution.input)).toMatchObject({ runTimeSeconds: 36 })
  // One master and the 2 workers, kept for every round: no task started per round.
  const tasks = world.emulator.ecs.tasks().filter((task) => task.startedBy === execution.name)
  expect(tasks.filter(isWorker)).toHaveLength(2)
  expect(tasks).toHaveLength(3)
  await waitForNoRunningTask(world.emulator.ecs)

  const rounds = readRounds(resultsDir)
  expect(rounds.design).toBe('interleaved')
  expect(rounds.rounds.map((round) => [round.index, round.complete])).toEqual([
    [1, true],
    [1, true],
    [2, true],
    [2, true]
  ])
  expectRoundsOnTheirServers(resultsDir, rounds.rounds, {
    candidate: world.target.url,
    baseline: slower.url
  })
})

test('cancelled mid-round: every task stops, the completed rounds come back, the running one incomplete', async () => {
  const resultsDir = join(work, 'cancelled')
  const before = world.emulator.sfn.executions().length
  setRoundsInputs(resultsDir)
  const step = run()
  await waitUntilMeasuring(world.emulator.ecs, 2, '/wait')
  // The first window (1 s warm-up, 3 s) is over, the second is under way.
  await sleep(6_500)
  process.emit('SIGINT', 'SIGINT')
  await step

  const execution = onlyExecutionSince(world.emulator, before)
  expect(execution.status).toBe('ABORTED')
  await waitForNoRunningTask(world.emulator.ecs)
  expect(runner.errors()[0]).toContain('The run was cancelled')
  const { rounds } = readRounds(resultsDir)
  const complete = rounds.map((round) => round.complete)
  expect(complete.length).toBeGreaterThanOrEqual(2)
  expect(complete.at(-1)).toBe(false)
  expect(complete.slice(0, -1).every(Boolean)).toBe(true)
  for (const round of rounds.filter((r) => r.complete)) {
    expect(existsSync(join(resultsDir, round.folder, 'histograms.json'))).toBe(true)
  }
})
