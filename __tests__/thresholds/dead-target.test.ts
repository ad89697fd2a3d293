/**
 * A target that dies mid-run must fail the gate, even when the only rule is on response times:
 * connection errors are fast, so they lower p95 and `p95 < 500ms` alone passed a dead target.
 * Real Locust, a real loopback server stopped half way, the real engine.
 */
import { jest } from '@jest/globals'
import { join } from 'node:path'
import { executeRun } from '../../src/engine.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import {
  removeDir,
  runConfig,
  startTarget,
  tempDir,
  writeIn,
  type Target
} from '../support/helpers.js'

jest.setTimeout(60_000)

const LOCUSTFILE = `from locust import HttpUser, constant, task


class Reader(HttpUser):
    wait_time = constant(0.05)

    @task
    def index(self):
        self.client.get("/")
`

let target: Target
let work: string
beforeEach(async () => {
  target = await startTarget()
  work = tempDir('dead-target')
})
afterEach(async () => {
  await target.stop()
  removeDir(work)
})

test('p95 < 500ms alone: a target killed mid-run fails the gate through the default guard', async () => {
  const config = runConfig({
    locustfile: writeIn(work, 'locustfile.py', LOCUSTFILE),
    resultsDir: join(work, 'results'),
    host: target.url,
    users: 5,
    spawnRate: 5,
    workers: 1,
    runTime: '8s',
    runTimeSeconds: 8,
    thresholds: parseThresholds('p95 < 500ms')
  })
  // Stop the target once Locust has been sending requests to it for a couple of seconds.
  let stopped = false
  const { report, markdown, outputs } = await executeRun(config, {
    onProgress: (progress) => {
      if (!stopped && progress.elapsedSeconds >= 2 && (progress.rps ?? 0) > 0) {
        stopped = true
        void target.stop()
      }
    }
  })
  expect([stopped, report.error]).toEqual([true, undefined])

  const total = report.results!.aggregate
  expect(total.failures).toBeGreaterThan(0.1 * total.requests)
  expect(
    report.evaluation.results.map((r) => [r.rule.text, r.rule.isDefault ?? false, r.verdict])
  ).toEqual([
    ['p95 < 500ms', false, 'pass'],
    ['fail_ratio < 1%', true, 'fail']
  ])
  expect(report.verdict).toBe('failed')
  expect(outputs).toMatchObject({ passed: 'false', verdict: 'failed' })
  expect(markdown).toContain('| `fail_ratio < 1%` (default) |')
  expect(markdown).toMatch(/> \*\*Warning:\*\* [\d,]+ of [\d,]+ requests failed/)
})
