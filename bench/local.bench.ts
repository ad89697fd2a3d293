/**
 * Local backend throughput: requests per second that 1 and then 2 Locust workers reach against the
 * bundled target server on this machine, side by side in one run, and how long it takes from
 * asking for a run until every worker is connected. No target yet: the figures are the baseline.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createLocalBackend } from '../src/backend/local/backend.js'
import type { LocalSettings } from '../src/backend/local/settings.js'
import type { RunConfig } from '../src/run/config.js'
import { CSV_PREFIX } from '../src/run/results-layout.js'
import { readLocustResults } from '../src/results/read.js'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const RUN_SECONDS = 10
const USERS = 40
const WORKER_COUNTS = [1, 2]

/** Users that never wait, on the cheapest endpoint: what Locust can push, not what users would. */
const LOCUSTFILE = `from locust import FastHttpUser, constant, task


class Hammer(FastHttpUser):
    wait_time = constant(0)

    @task
    def index(self):
        self.client.get("/")
`

interface Measurement {
  workers: number
  rps: number
  requests: number
  failRatio: number
  connectSeconds: number
}

async function startTarget(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(REPO, 'examples/target-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', resolve)
  )
  return { url, stop: () => child.kill('SIGTERM') }
}

async function measure(workers: number, host: string, work: string): Promise<Measurement> {
  const resultsDir = join(work, `workers-${workers}`)
  const config: RunConfig<LocalSettings> = {
    backend: { kind: 'local', waitForHostSeconds: 0, passEnv: [] },
    locustfile: join(work, 'locustfile.py'),
    data: [],
    host,
    users: USERS,
    spawnRate: USERS,
    runTime: `${RUN_SECONDS}s`,
    runTimeSeconds: RUN_SECONDS,
    workers,
    locustArgs: [],
    thresholds: [],
    failOnThreshold: true,
    timeoutMinutes: 5,
    workingDirectory: work,
    resultsDir
  }
  const askedAt = performance.now()
  let connectedAt = NaN
  const outcome = await createLocalBackend().run(config, {
    log: (line) => {
      if (line.startsWith(`All ${workers} workers connected`)) connectedAt = performance.now()
    }
  })
  if (outcome.error) throw new Error(`The ${workers}-worker run failed: ${outcome.error}`)
  const { aggregate } = await readLocustResults(resultsDir, { prefix: CSV_PREFIX })
  return {
    workers,
    rps: aggregate.rps,
    requests: aggregate.requests,
    failRatio: aggregate.requests > 0 ? aggregate.failures / aggregate.requests : 0,
    connectSeconds: (connectedAt - askedAt) / 1000
  }
}

export default async function (): Promise<boolean> {
  const work = mkdtempSync(join(tmpdir(), 'dl-bench-local-'))
  writeFileSync(join(work, 'locustfile.py'), LOCUSTFILE)
  const target = await startTarget()
  try {
    const results: Measurement[] = []
    for (const workers of WORKER_COUNTS) results.push(await measure(workers, target.url, work))

    console.log(
      `${USERS} users without wait time on GET / of the bundled target, ${RUN_SECONDS} s per run`
    )
    console.log('workers   req/s   requests   failed   all workers connected after')
    for (const m of results) {
      console.log(
        `${String(m.workers).padStart(7)}  ${m.rps.toFixed(1).padStart(6)}  ${String(m.requests).padStart(9)}  ${(m.failRatio * 100).toFixed(2).padStart(6)}%   ${m.connectSeconds.toFixed(2)} s`
      )
    }
    const [one, two] = results
    console.log(
      `2 workers reach ${(two.rps / one.rps).toFixed(2)}× the rate of 1 (master, workers and target share this machine's CPUs)`
    )
    return true
  } finally {
    target.stop()
    rmSync(work, { recursive: true, force: true })
  }
}
