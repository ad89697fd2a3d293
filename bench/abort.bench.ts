/**
 * Abort rules on a dead target (a closed loopback port: every request fails at once), side by side:
 * the same local run with and without `fail_ratio < 5% abort after 15s`. Target: with the rule the
 * test ends within the abort time + 5 s of its start; without it, it runs its whole run time.
 */
import { createServer } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalBackend } from '../src/backend/local/backend.js'
import type { LocalSettings } from '../src/backend/local/settings.js'
import type { RunConfig } from '../src/run/config.js'
import { parseThresholds } from '../src/thresholds/parse.js'

const RUN_SECONDS = 60
const ABORT_SECONDS = 15
const SLACK_SECONDS = 5
const ABORT_RULE = `fail_ratio < 5% abort after ${ABORT_SECONDS}s`

const LOCUSTFILE = `from locust import HttpUser, constant, task


class Reader(HttpUser):
    wait_time = constant(0.1)

    @task
    def index(self):
        self.client.get("/")
`

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

interface Measurement {
  rules: string
  /** From the test's start (all workers connected) to its end, as the master logged them. */
  testSeconds: number
  /** From asking for the run until the backend returned. */
  wallSeconds: number
  aborted?: string
}

async function measure(rules: string, host: string, work: string, name: string) {
  const config: RunConfig<LocalSettings> = {
    backend: { kind: 'local', waitForHostSeconds: 0, passEnv: [] },
    locustfile: join(work, 'locustfile.py'),
    data: [],
    host,
    users: 10,
    spawnRate: 10,
    runTime: `${RUN_SECONDS}s`,
    runTimeSeconds: RUN_SECONDS,
    workers: 2,
    locustArgs: [],
    thresholds: parseThresholds(rules),
    failOnThreshold: true,
    timeoutMinutes: 5,
    workingDirectory: work,
    resultsDir: join(work, name)
  }
  const started = performance.now()
  const outcome = await createLocalBackend({ checkHost: false }).run(config, {})
  const wallSeconds = (performance.now() - started) / 1000
  if (outcome.error) throw new Error(`The run with "${rules}" failed: ${outcome.error}`)
  return {
    rules,
    testSeconds: outcome.facts.durationSeconds ?? NaN,
    wallSeconds,
    aborted: outcome.facts.aborted?.message
  } satisfies Measurement
}

export default async function (): Promise<boolean> {
  const work = mkdtempSync(join(tmpdir(), 'dl-bench-abort-'))
  writeFileSync(join(work, 'locustfile.py'), LOCUSTFILE)
  try {
    const host = `http://127.0.0.1:${await closedPort()}`
    const without = await measure('fail_ratio < 5%', host, work, 'without')
    const withRule = await measure(ABORT_RULE, host, work, 'with')
    const limit = ABORT_SECONDS + SLACK_SECONDS
    const met = withRule.aborted !== undefined && withRule.testSeconds <= limit
    console.log(
      `Local backend, 2 workers, 10 users against a closed loopback port, run time ${RUN_SECONDS} s`
    )
    console.log('rules                                  test ran   wall time   ended by')
    for (const m of [without, withRule]) {
      console.log(
        `${m.rules.padEnd(37)}  ${m.testSeconds.toFixed(1).padStart(6)} s  ${m.wallSeconds.toFixed(1).padStart(8)} s   ${m.aborted ?? 'its run time'}`
      )
    }
    console.log(
      `with the rule: ${withRule.testSeconds.toFixed(1)} s ≤ abort time + ${SLACK_SECONDS} s = ${limit} s: ${met ? 'met' : 'MISSED'}`
    )
    return met
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
