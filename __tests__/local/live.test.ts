/**
 * Live figures and abort rules on real local runs: the master's control module writes
 * progress.json while the test runs, the backend prints progress lines from it and judges the abort
 * rules on it, and the abort command (control/abort.json) makes Locust stop and write its CSVs.
 */
import { jest } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { executeRun } from '../../src/engine.js'
import { progressLine } from '../../src/report/sentences.js'
import type { Progress } from '../../src/run/progress.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import { runConfig, startTarget, writeIn } from '../support/helpers.js'
import { useWorkDir } from '../support/hooks.js'

jest.setTimeout(90_000)

const work = useWorkDir('live')

/** One user type reading the front page every 50 ms. */
const LOCUSTFILE = `from locust import HttpUser, constant, task


class Reader(HttpUser):
    wait_time = constant(0.05)

    @task
    def front_page(self):
        self.client.get("/")
`

test('a target killed mid-run is aborted by its abort rule long before the run time, and judged failed', async () => {
  const target = await startTarget()
  const resultsDir = join(work.dir, 'results')
  const config = runConfig({
    locustfile: writeIn(work.dir, 'locustfile.py', LOCUSTFILE),
    resultsDir,
    host: target.url,
    users: 4,
    spawnRate: 4,
    workers: 2,
    runTime: '60s',
    runTimeSeconds: 60,
    thresholds: parseThresholds('p95 < 2s\nfail_ratio < 5% abort after 4s')
  })
  const progress: Progress[] = []
  let killedAt: number | undefined
  const started = Date.now()
  const { report, markdown, resultsJsonPath } = await executeRun(config, {
    onProgress: (line) => {
      progress.push(line)
      if (killedAt === undefined && line.elapsedSeconds >= 4 && (line.p95Ms ?? 0) > 0) {
        killedAt = Date.now()
        void target.stop()
      }
    }
  }).finally(() => target.stop())
  const seconds = (Date.now() - started) / 1000
  expect(killedAt).toBeDefined()

  // Progress lines from progress.json: users, workers, the rate, p95 and failures.
  const measured = progress.find((line) => line.p95Ms !== undefined)
  expect(progressLine(measured!)).toMatch(
    /^\d+s \/ 60s · 4 users · 2 workers · [\d.]+ req\/s · p95 \d+ ms · [\d.]+% failed \(\d+\)$/
  )

  // Aborted: the rule breached for 4 s ends a 60 s run, and Locust still wrote its CSVs.
  expect(seconds).toBeLessThan(40)
  expect(report.facts.aborted).toMatchObject({ rule: 'fail_ratio < 5% abort after 4s' })
  expect(report.facts.aborted!.message).toMatch(
    /^aborted at \d:\d\d by fail_ratio < 5% abort after 4s \([\d.]+%, breached since \d:\d\d\)$/
  )
  expect(report.error).toBeUndefined()
  expect(report.verdict).toBe('failed')
  expect(report.partial).toBe(true)
  expect(report.unfitReasons).toEqual([])
  expect(report.evaluation.results.map((result) => [result.rule.text, result.verdict])).toEqual([
    ['p95 < 2s', 'pass'],
    ['fail_ratio < 5% abort after 4s', 'fail']
  ])
  expect(existsSync(join(resultsDir, 'locust_stats.csv'))).toBe(true)
  expect(readFileSync(join(resultsDir, 'master.log'), 'utf8')).toContain(
    'abort requested (aborted at'
  )
  expect(markdown).toMatch(
    /> \*\*Aborted:\*\* at \d:\d\d by fail\\_ratio &lt; 5% abort after 4s \(.+\); the figures cover the run until then\./
  )
  const json = JSON.parse(readFileSync(resultsJsonPath, 'utf8')) as {
    verdict: string
    facts: { aborted?: { rule: string } }
  }
  expect(json.verdict).toBe('failed')
  expect(json.facts.aborted?.rule).toBe('fail_ratio < 5% abort after 4s')
  // The master's last figures, written when it quit, count what the CSVs count.
  const last = JSON.parse(readFileSync(join(resultsDir, 'progress.json'), 'utf8')) as {
    aggregate: { numRequests: number }
    abortRequested: string
  }
  expect(last.aggregate.numRequests).toBe(report.results!.aggregate.requests)
  expect(last.abortRequested).toBe(report.facts.aborted!.message)
})
