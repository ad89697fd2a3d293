/**
 * `distributed-locust calibrate` and the action's `mode: calibrate` running A/A rounds themselves:
 * real Locust (2 workers) against the bundled target server, 3 short rounds.
 */
import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import { runCli } from '../support/cli.js'
import { useTarget, useWorkDir } from '../support/hooks.js'
import { useRunner } from '../support/runner.js'

jest.setTimeout(60_000)

const target = useTarget()
const work = useWorkDir('calibrate')
const runner = useRunner()

/** A band line of the calibration table: endpoint, figure, value, A/A pair band, passes, catches. */
const BAND_LINE = /^Aggregated\s+p95\s+[\d.]+ ms\s+(±[\d.]+ %|unknown)\s+(×[\d.]+|n\/a)/m

test('the CLI runs 3 A/A rounds against the target and prints the band and the suggestions', async () => {
  const out = join(work.dir, 'out')
  const cli = await runCli([
    'calibrate',
    '-f',
    'examples/locustfile.py',
    '-H',
    target.url,
    '-u',
    '10',
    '-t',
    '3s',
    '-w',
    '2',
    '--rounds',
    '3',
    // The example target fails about 1 % of its requests on purpose (/flaky).
    '--threshold',
    'fail_ratio < 20%',
    '--out',
    out
  ])
  expect(cli.stderr).not.toContain('Invalid options')
  expect(cli.code).toBe(0)
  expect(cli.stdout).toContain('3 A/A rounds of 3s paired among themselves (1 pair)')
  expect(cli.stdout).toMatch(BAND_LINE)
  expect(cli.stdout).toMatch(/^GET \/api\/items\s+rps\s+[\d.]+\/s\s+±[\d.]+ %/m)
  expect(cli.stdout).toMatch(/Suggested rules:\n {2}p95 < baseline \* \d+\.\d\d/)
  expect(cli.stdout).toContain(`Calibration written to ${join(out, 'calibration.md')}`)
  const rounds = JSON.parse(readFileSync(join(out, 'rounds.json'), 'utf8'))
  expect(rounds.design).toBe('repeated')
  expect(rounds.rounds.map((round: { complete: boolean }) => round.complete)).toEqual([
    true,
    true,
    true
  ])
  expect(readFileSync(join(out, 'calibration.md'), 'utf8')).toMatch(/^## Calibration/)
  expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).verdict).toBe('passed')
})

test("the action's mode: calibrate writes the calibration to the job summary and passes", async () => {
  const resultsDir = join(work.dir, 'results')
  runner.setInputs({
    locustfile: 'examples/locustfile.py',
    host: target.url,
    users: '10',
    'run-time': '3s',
    workers: '2',
    mode: 'calibrate',
    rounds: '3',
    // Absolute rules are judged; a baseline rule is not (there is no other version).
    thresholds: 'fail_ratio < 20%\np95 < baseline * 1.1',
    'results-dir': resultsDir
  })
  await run()

  expect(runner.errors()).toEqual([])
  expect(process.exitCode).toBeUndefined()
  expect(runner.warnings()).toContain(
    'mode: calibrate compares no versions: the 1 baseline rule is not judged in this run (its absolute rules are).'
  )
  expect(runner.outputs()).toMatchObject({ verdict: 'passed', passed: 'true' })
  const summary = runner.summary()
  expect(summary).toMatch(/^## Calibration\n/)
  expect(summary).toMatch(/Suggested rules:\n\n```\np95 < baseline \* \d+\.\d\d\n/)
  // The run's own report follows, with its absolute rule and without the baseline rule.
  expect(summary).toContain('## ✅ Load test passed')
  expect(summary).toContain('`fail_ratio < 20%`')
  expect(summary).not.toContain('baseline * 1.1')
  expect(runner.log()).toContain('3 A/A rounds of 3s paired among themselves')
  expect(readFileSync(join(resultsDir, 'rounds.json'), 'utf8')).toContain('"repeated"')
  expect(summary.startsWith(readFileSync(join(resultsDir, 'calibration.md'), 'utf8'))).toBe(true)
})

test("the action's mode: calibrate refuses a baseline host before anything starts", async () => {
  runner.setInputs({
    locustfile: 'examples/locustfile.py',
    host: target.url,
    'baseline-host': target.url,
    mode: 'calibrate',
    'results-dir': join(work.dir, 'refused')
  })
  await run()

  expect(process.exitCode).toBe(1)
  expect(runner.errors().join('\n')).toContain("Input 'baseline-host'")
  expect(runner.errors().join('\n')).toContain(
    'mode: calibrate measures the noise of one target against itself'
  )
  expect(runner.outputs()).toMatchObject({ verdict: 'error', passed: 'false' })
})
