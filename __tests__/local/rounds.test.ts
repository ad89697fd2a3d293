/**
 * Rounds on the local backend with real Locust (issue 19): the master's control channel
 * (docker/distributed_locust/control.py) drives the rounds while the workers stay up, against two
 * target servers, a fast one (the candidate, `host`) and a slow one (the baseline,
 * `baseline-host`), so that each round's response times show which server it loaded.
 */
import { jest } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createLocalBackend } from '../../src/backend/local/backend.js'
import type { RoundsPlan } from '../../src/run/rounds.js'
import { runConfig, startTarget, writeIn } from '../support/helpers.js'
import { medianOf, statsCounts } from '../support/histograms.js'
import { useForAll, useWorkDir } from '../support/hooks.js'

jest.setTimeout(120_000)

/** /wait answers after 20 ms times the work factor: 20 ms on the candidate, 160 ms on the baseline. */
const candidate = useForAll(
  'The candidate server',
  () => startTarget(),
  (server) => server.stop()
)
const baseline = useForAll(
  'The baseline server',
  () => startTarget(['--work-factor', '8']),
  (server) => server.stop()
)
const work = useWorkDir('rounds')
const backend = createLocalBackend({ progressIntervalMs: 500, stopGraceMs: 3_000 })

/**
 * Requests in a user's first half second are named apart: they fall in the warm-up, which must
 * leave them out (workers report every 3 s, so they reach the master well before a 5 s warm-up
 * ends).
 */
const LOCUSTFILE = `import time
from locust import HttpUser, constant, task


class Visitor(HttpUser):
    wait_time = constant(0.05)

    def on_start(self):
        self.born = time.monotonic()

    @task
    def wait(self):
        early = time.monotonic() - self.born < 0.5
        self.client.get("/wait", name="/wait (warm-up)" if early else "/wait")
`

interface RoundEntry {
  index: number
  side: 'candidate' | 'baseline'
  host: string
  startedAt: string
  endedAt: string | null
  folder: string
  complete: boolean
}

interface RoundsJson {
  version: number
  design: string
  warmupSeconds: number
  roundSeconds: number
  order: string
  rounds: RoundEntry[]
}

interface Histograms {
  endpoints: Counted[]
  aggregate: Counted
}

interface Counted {
  name: string
  responseTimes: Record<string, number>
  numRequests: number
  numFailures: number
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

function runWith(
  resultsDir: string,
  rounds: RoundsPlan,
  signal?: AbortSignal,
  log: (line: string) => void = () => undefined
) {
  const config = runConfig({
    locustfile: writeIn(work.dir, 'locustfile.py', LOCUSTFILE),
    resultsDir,
    host: candidate.url,
    users: 4,
    spawnRate: 100,
    workers: 2,
    runTime: '3s',
    runTimeSeconds: 3,
    rounds
  })
  return backend.run(config, { signal, log })
}

/**
 * Checks a round's histograms.json: counts that add up, and response times of its side's server.
 * `warmupLeftOut`: the round's warm-up was long enough for the early requests to be reported in it.
 */
function expectRoundOf(resultsDir: string, round: RoundEntry, warmupLeftOut = false): Histograms {
  const histograms = readJson<Histograms>(join(resultsDir, round.folder, 'histograms.json'))
  const { aggregate } = histograms
  expect(aggregate.numRequests).toBeGreaterThan(0)
  expect(aggregate.numFailures).toBe(0)
  const total = (entry: Counted) =>
    Object.values(entry.responseTimes).reduce((sum, count) => sum + count, 0)
  expect(total(aggregate)).toBe(aggregate.numRequests)
  const names = histograms.endpoints.map((endpoint) => endpoint.name)
  if (warmupLeftOut) expect(names).toEqual(['/wait'])
  // The fast server answers /wait in about 20 ms, the slow one never under about 160 ms (it sleeps):
  // a median under 140 ms can only be the fast one's, however busy the machine.
  const median = medianOf(aggregate.responseTimes)
  if (round.side === 'candidate') expect(median).toBeLessThan(140)
  else expect(median).toBeGreaterThanOrEqual(140)
  return histograms
}

test('interleaved rounds load each side on its own server, leave the warm-up out and keep the workers', async () => {
  const resultsDir = join(work.dir, 'results')
  const outcome = await runWith(resultsDir, {
    design: 'interleaved',
    count: 2,
    warmupSeconds: 5,
    baselineHost: baseline.url
  })
  expect(outcome.error).toBeUndefined()

  const rounds = readJson<RoundsJson>(join(resultsDir, 'rounds.json'))
  expect(rounds).toMatchObject({
    version: 1,
    design: 'interleaved',
    warmupSeconds: 5,
    roundSeconds: 3
  })
  expect(rounds.order).toMatch(/^seeded random, seed \d+$/)
  expect(rounds.rounds.map((round) => [round.index, round.complete])).toEqual([
    [1, true],
    [1, true],
    [2, true],
    [2, true]
  ])
  for (const index of [1, 2]) {
    const sides = rounds.rounds.filter((round) => round.index === index).map((round) => round.side)
    expect(sides.sort()).toEqual(['baseline', 'candidate'])
  }
  let candidateRequests = 0
  for (const round of rounds.rounds) {
    expect(round.folder).toBe(`rounds/${round.index}-${round.side}`)
    expect(round.host).toBe(round.side === 'candidate' ? candidate.url : baseline.url)
    const window = (Date.parse(round.endedAt ?? '') - Date.parse(round.startedAt)) / 1000
    expect(window).toBeGreaterThanOrEqual(2.9)
    expect(window).toBeLessThan(4)
    const { aggregate } = expectRoundOf(resultsDir, round, true)
    if (round.side === 'candidate') candidateRequests += aggregate.numRequests
  }

  // The usual CSVs describe the candidate: its measured windows, pooled.
  const stats = statsCounts(readFileSync(join(resultsDir, 'locust_stats.csv'), 'utf8'))
  expect(stats.get('Aggregated')).toBe(candidateRequests)
  // Every round had the same two workers: each reported as ready again, none joined anew.
  expect(outcome.facts.workersJoined).toBe(2)
  for (const name of ['worker-1.log', 'worker-2.log']) {
    const log = readFileSync(join(resultsDir, name), 'utf8')
    expect(log.match(/Starting Locust/g)).toHaveLength(1)
  }
})

test('rounds without a baseline host repeat the candidate', async () => {
  const resultsDir = join(work.dir, 'results')
  const lines: string[] = []
  const outcome = await runWith(
    resultsDir,
    { design: 'repeated', count: 2, warmupSeconds: 1 },
    undefined,
    (line) => lines.push(line)
  )
  expect(outcome.error).toBeUndefined()
  // Not "it runs for 3s": the rounds, their warm-up and the change between them take longer.
  expect(lines).toContain(
    'The test started; it runs 2 rounds of 3s per side, 8 s of load with the warm-ups'
  )
  const rounds = readJson<RoundsJson>(join(resultsDir, 'rounds.json'))
  expect(rounds.design).toBe('repeated')
  expect(rounds.rounds.map((round) => `${round.index}-${round.side}`)).toEqual([
    '1-candidate',
    '2-candidate'
  ])
  for (const round of rounds.rounds) expectRoundOf(resultsDir, round)
})

test('a duet loads both servers at once, half the users and workers each, in shared windows', async () => {
  const resultsDir = join(work.dir, 'results')
  const outcome = await runWith(resultsDir, {
    design: 'duet',
    count: 2,
    warmupSeconds: 1,
    baselineHost: baseline.url
  })
  expect(outcome.error).toBeUndefined()
  expect(outcome.facts).toMatchObject({ users: 2, workers: 1, workersConnected: 1 })

  const rounds = readJson<RoundsJson>(join(resultsDir, 'rounds.json'))
  expect(rounds.design).toBe('duet')
  expect(rounds.rounds.map((round) => `${round.index}-${round.side}`)).toEqual([
    '1-candidate',
    '1-baseline',
    '2-candidate',
    '2-baseline'
  ])
  for (const index of [1, 2]) {
    const [a, b] = rounds.rounds.filter((round) => round.index === index)
    expect(Math.abs(Date.parse(a.startedAt) - Date.parse(b.startedAt))).toBeLessThan(500)
    expect(Math.abs(Date.parse(a.endedAt ?? '') - Date.parse(b.endedAt ?? ''))).toBeLessThan(500)
  }
  for (const round of rounds.rounds) expectRoundOf(resultsDir, round)
  // Each master writes the usual files: the candidate's on top, the baseline's in baseline/.
  for (const folder of [resultsDir, join(resultsDir, 'baseline')]) {
    expect(existsSync(join(folder, 'locust_stats.csv'))).toBe(true)
    expect(existsSync(join(folder, 'master.log'))).toBe(true)
  }
  const baselineStats = readFileSync(join(resultsDir, 'baseline', 'locust_stats.csv'), 'utf8')
  expect(statsCounts(baselineStats).get('Aggregated')).toBeGreaterThan(0)
})

test('cancelled mid-round, the completed rounds are kept and the running one is listed incomplete', async () => {
  const resultsDir = join(work.dir, 'results')
  const cancel = new AbortController()
  const running = runWith(
    resultsDir,
    { design: 'interleaved', count: 3, warmupSeconds: 1, baselineHost: baseline.url },
    cancel.signal
  )
  // Cancelled once the second round's window has begun.
  const roundsPath = join(resultsDir, 'rounds.json')
  for (let i = 0; i < 600; i++) {
    if (existsSync(roundsPath) && readJson<RoundsJson>(roundsPath).rounds.length >= 2) break
    await sleep(100)
  }
  await sleep(1_500)
  cancel.abort()
  const outcome = await running
  expect(outcome.error).toMatch(/cancelled/)

  const rounds = readJson<RoundsJson>(roundsPath)
  expect(rounds.rounds.map((round) => round.complete)).toEqual([true, false])
  expectRoundOf(resultsDir, rounds.rounds[0])
  expect(rounds.rounds[1].endedAt).not.toBeNull()
})
