/**
 * histograms.json from real local runs: the master's control module
 * (docker/distributed_locust/control.py) keeps Locust's full response-time distribution, merged
 * across workers, beside the CSVs.
 */
import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLocalBackend } from '../../src/backend/local/backend.js'
import { runConfig, writeIn } from '../support/helpers.js'
import { histogramCounts, statsCounts } from '../support/histograms.js'
import { useTarget, useWorkDir } from '../support/hooks.js'

jest.setTimeout(40_000)

const target = useTarget()
const work = useWorkDir('histograms')
const backend = createLocalBackend({ progressIntervalMs: 500, stopGraceMs: 3_000 })

/** A trivial endpoint, a 20 ms one and one that always fails (404), so failures are counted too. */
const LOCUSTFILE = `from locust import FastHttpUser, between, task


class Visitor(FastHttpUser):
    wait_time = between(0.01, 0.05)

    @task
    def home(self):
        self.client.get("/")

    @task
    def wait(self):
        self.client.get("/wait")

    @task
    def missing(self):
        self.client.get("/missing")
`

function read(resultsDir: string, name: string): string {
  return readFileSync(join(resultsDir, name), 'utf8')
}

/** Runs `locustfile` (LOCUSTFILE by default) on 2 workers for `seconds` into `resultsDir`. */
function runFor(
  seconds: number,
  resultsDir: string,
  hooks: Parameters<typeof backend.run>[1],
  extra: { locustfile?: string; locustArgs?: string[] } = {}
) {
  const config = runConfig({
    locustfile: writeIn(work.dir, 'locustfile.py', extra.locustfile ?? LOCUSTFILE),
    locustArgs: extra.locustArgs ?? [],
    resultsDir,
    host: target.url,
    runTime: `${seconds}s`,
    runTimeSeconds: seconds
  })
  return backend.run(config, hooks)
}

test('a 2-worker run writes every request Locust counted, failures included, per endpoint', async () => {
  const resultsDir = join(work.dir, 'results')
  const outcome = await runFor(4, resultsDir, {})
  expect(outcome.error).toBeUndefined()
  expect(outcome.facts.workersConnected).toBe(2)

  const histograms = JSON.parse(read(resultsDir, 'histograms.json')) as {
    version: number
    locustVersion: string
    endpoints: { method: string; name: string; responseTimes: Record<string, number> }[]
  }
  expect(histograms.version).toBe(1)
  expect(histograms.locustVersion).toBe(outcome.facts.locustVersion)
  const counts = histogramCounts(read(resultsDir, 'histograms.json'))
  expect(counts).toEqual(statsCounts(read(resultsDir, 'locust_stats.csv')))
  expect([...counts.keys()]).toEqual(['GET /', 'GET /missing', 'GET /wait', 'Aggregated'])
  // Locust counts a failed request's response time too: /missing is all failures, all counted.
  expect(read(resultsDir, 'locust_stats.csv')).toMatch(/GET,\/missing,(\d+),\1,/)
  expect(counts.get('GET /missing')).toBeGreaterThan(0)
  // Buckets are Locust's rounded milliseconds: /wait answers after a 20 ms timer (which may fire
  // a fraction of a millisecond early), so no bucket is below 19.
  const wait = histograms.endpoints.find((endpoint) => endpoint.name === '/wait')
  expect(Math.min(...Object.keys(wait?.responseTimes ?? {}).map(Number))).toBeGreaterThanOrEqual(19)
})

test('a cancelled run keeps its histograms, covering at least what the CSVs do', async () => {
  const cancel = new AbortController()
  const resultsDir = join(work.dir, 'cancelled')
  const outcome = await runFor(30, resultsDir, {
    signal: cancel.signal,
    log: (line) => {
      if (line.startsWith('The test started')) setTimeout(() => cancel.abort(), 2_000)
    }
  })
  expect(outcome.partial).toBe(true)
  const histogram = histogramCounts(read(resultsDir, 'histograms.json')).get('Aggregated') ?? 0
  const stats = statsCounts(read(resultsDir, 'locust_stats.csv')).get('Aggregated') ?? 0
  expect(stats).toBeGreaterThan(0)
  expect(histogram).toBeGreaterThanOrEqual(stats)
})

test("the user's own event listeners and tags work as under plain Locust", async () => {
  const resultsDir = join(work.dir, 'tagged')
  const marker = join(work.dir, 'master-events.txt')
  const locustfile = `from locust import FastHttpUser, between, events, tag, task
from locust.runners import MasterRunner


@events.init.add_listener
def on_init(environment, **kwargs):
    if isinstance(environment.runner, MasterRunner):
        with open(${JSON.stringify(marker)}, "a") as f:
            f.write("init\\n")


@events.test_stop.add_listener
def on_test_stop(environment, **kwargs):
    if isinstance(environment.runner, MasterRunner):
        with open(${JSON.stringify(marker)}, "a") as f:
            f.write("test_stop\\n")


class Visitor(FastHttpUser):
    wait_time = between(0.01, 0.05)

    @task
    def home(self):
        self.client.get("/")

    @tag("waiting")
    @task
    def wait(self):
        self.client.get("/wait")
`
  const outcome = await runFor(3, resultsDir, {}, { locustfile, locustArgs: ['--tags', 'waiting'] })
  expect(outcome.error).toBeUndefined()
  expect(readFileSync(marker, 'utf8')).toBe('init\ntest_stop\n')
  expect([...histogramCounts(read(resultsDir, 'histograms.json')).keys()]).toEqual([
    'GET /wait',
    'Aggregated'
  ])
})
