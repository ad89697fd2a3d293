/** `distributed-locust baseline show | accept | reset` and `--baseline <store>`, in process. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ResultsJson } from '../../src/report/json.js'
import { cliInProcess } from '../support/cli.js'
import { REPO, removeDir, tempDir } from '../support/helpers.js'

/** Real Locust 1.1 output: aggregate p95 85 ms, no failures. */
const LOCUST_1_1 = join(REPO, '__tests__/fixtures/locust-1.1-benchmark')

let work: string
let clock = 0
beforeEach(() => {
  work = tempDir('baseline-cli')
})
afterEach(() => removeDir(work))

// A minute later at each call, so that the store's entries sort by when they were accepted.
const cli = (...args: string[]) =>
  cliInProcess(work, args, () => new Date(Date.UTC(2026, 0, 2, 3, clock++)))

/** Judges the Locust 1.1 run in `out` against the store with `p95 < baseline * 1.1`. */
const judgeAgainstStore = (out: string) =>
  cli(
    'report',
    LOCUST_1_1,
    '--baseline',
    'locust-baselines',
    '--threshold',
    'p95 < baseline * 1.1',
    '--out',
    out
  )

/** Judges the Locust 1.1 run into `out` with its p95 rewritten to `p95` and the given verdict. */
async function runWith(out: string, p95: number, verdict = 'passed'): Promise<string> {
  expect((await cli('report', LOCUST_1_1, '--out', out)).code).toBe(0)
  const path = join(work, out, 'results.json')
  const json = JSON.parse(readFileSync(path, 'utf8')) as ResultsJson
  json.totals!.percentiles.p95 = p95
  json.facts.runId = out
  json.verdict = verdict as ResultsJson['verdict']
  writeFileSync(path, JSON.stringify(json))
  return out
}

const storeFiles = () => readdirSync(join(work, 'locust-baselines')).sort()

test('accept, append, show, judge against the store, reset', async () => {
  const empty = await cli('baseline', 'show')
  expect(empty).toMatchObject({ code: 0, stdout: expect.stringContaining('No baseline in') })

  // After an intended change, a failed run may be accepted; it restarts the history.
  await runWith('old', 40)
  expect((await cli('baseline', 'accept', 'old')).code).toBe(0)
  await runWith('changed', 70, 'failed')
  const accepted = await cli('baseline', 'accept', 'changed')
  expect(accepted.code).toBe(0)
  expect(accepted.stdout).toContain('the history starts again from it')
  expect(storeFiles()).toHaveLength(1)

  // Later valid runs join it, kept to --keep runs; a failed one may not be appended.
  await runWith('next', 72)
  expect((await cli('baseline', 'accept', 'next', '--append', '--keep', '2')).code).toBe(0)
  await runWith('slow', 90, 'failed')
  const refused = await cli('baseline', 'accept', 'slow', '--append')
  expect(refused.code).toBe(2)
  expect(refused.stderr).toContain('only a passed or inconclusive run joins the history')
  await runWith('latest', 75)
  expect((await cli('baseline', 'accept', 'latest', '--append', '--keep', '2')).code).toBe(0)
  expect(storeFiles()).toHaveLength(2)

  const shown = await cli('baseline', 'show')
  const lines = shown.stdout.trim().split('\n')
  expect(lines.slice(1).map((line) => line.match(/run (\w+)/)?.[1])).toEqual(['latest', 'next'])

  // Judged against the whole history, named in results.json: 85 ms against 75 and 72 ms × 1.1
  // is within the spread of two baseline runs, so undecided (exit 0 under on-inconclusive pass).
  const judged = await judgeAgainstStore('now')
  expect(judged.code).toBe(0)
  const json = JSON.parse(readFileSync(join(work, 'now/results.json'), 'utf8')) as ResultsJson
  expect(json.baselineHistory.map((entry) => entry.runId)).toEqual(['latest', 'next'])
  expect(json.verdict).toBe('inconclusive')
  expect(json.thresholds[0]).toMatchObject({ verdict: 'inconclusive', baselineRuns: 2 })

  expect((await cli('baseline', 'reset')).stdout).toContain('Removed 2 run(s)')
  expect(storeFiles()).toEqual([])
  const afterReset = await judgeAgainstStore('again')
  expect(afterReset.code).toBe(0)
  expect(afterReset.stderr).toContain('No baseline yet in')
})

test('a run unfit to judge is never accepted', async () => {
  await runWith('unfit', 40, 'invalid')
  const refused = await cli('baseline', 'accept', 'unfit')
  expect(refused.code).toBe(2)
  expect(refused.stderr).toContain('never becomes a baseline')
})
