/**
 * Rounds on the Fargate path, end to end through the emulator (issue 19 item 3): the action stages
 * the rounds settings in the bundle, the state machine's run time covers every round, and the real
 * container's master drives two interleaved rounds inside one execution (the workers stay up)
 * against the world's target (the candidate) and a slower copy of it (the baseline).
 */
import { afterAll, jest } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { run } from '../../src/action/main.js'
import { startTarget, type Target } from '../support/helpers.js'
import { medianOf } from '../support/histograms.js'
import { useForAll } from '../support/hooks.js'
import {
  awsRunInputs,
  expectExecutionStatus,
  expectStepSucceeded,
  isWorker,
  onlyExecutionSince,
  removeDir,
  tempDir,
  useActionWorld,
  waitForNoRunningTask,
  waitUntilMeasuring,
  writeIn
} from './world.js'

jest.setTimeout(120_000)

const { world, runner } = useActionWorld()
/** /wait answers after 20 ms times the work factor: 20 ms on the candidate, 160 ms on the baseline. */
const slower = useForAll(
  'The baseline server',
  (): Promise<Target> => startTarget(['--work-factor', '8']),
  (server) => server.stop()
)

interface RoundEntry {
  index: number
  side: string
  host: string
  folder: string
  complete: boolean
}

interface Endpoint {
  responseTimes: Record<string, number>
  numRequests: number
}

const work = tempDir('e2e-aws-rounds')
afterAll(() => removeDir(work))

/** Two interleaved rounds of 1 s warm-up and 3 s run time, results in `resultsDir`. */
function setRoundsInputs(resultsDir: string): void {
  writeIn(
    work,
    'locustfile.py',
    `from locust import HttpUser, constant, task


class Visitor(HttpUser):
    wait_time = constant(0.05)

    @task
    def wait(self):
        self.client.get("/wait")
`
  )
  runner.setInputs(
    awsRunInputs(world, {
      'working-directory': work,
      locustfile: 'locustfile.py',
      users: '4',
      'run-time': '3s',
      workers: '2',
      rounds: '2',
      warmup: '1s',
      'baseline-host': slower.url,
      thresholds: 'fail_ratio < 50%',
      'results-dir': resultsDir
    })
  )
}

function readRounds(resultsDir: string): { design: string; rounds: RoundEntry[] } {
  return JSON.parse(readFileSync(join(resultsDir, 'rounds.json'), 'utf8')) as {
    design: string
    rounds: RoundEntry[]
  }
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
  for (const round of rounds.rounds) {
    expect(round.host).toBe(round.side === 'candidate' ? world.target.url : slower.url)
    const path = join(resultsDir, round.folder, 'histograms.json')
    expect(existsSync(path)).toBe(true)
    const { aggregate } = JSON.parse(readFileSync(path, 'utf8')) as { aggregate: Endpoint }
    expect(aggregate.numRequests).toBeGreaterThan(0)
    const median = medianOf(aggregate.responseTimes)
    if (round.side === 'candidate') expect(median).toBeLessThan(80)
    else expect(median).toBeGreaterThanOrEqual(140)
  }
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
