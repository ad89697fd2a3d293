/** `calibrate`: the noise band of A/A rounds, what a gate can catch, and the rules to write. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readRounds, type RoundsRun } from '../../src/results/rounds.js'
import { calibrate } from '../../src/thresholds/calibrate.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import { roundsFigures } from '../../src/thresholds/round-figures.js'
import { cliInProcess } from '../support/cli.js'
import { removeDir, tempDir } from '../support/helpers.js'
import { writeRoundsFolder, type SyntheticRounds } from '../support/rounds-folder.js'

const ENDPOINTS = [
  { method: 'GET', name: '/compute', medianMs: 120, requests: 2000 },
  { method: 'GET', name: '/say "hi"', medianMs: 300, sigma: 0.3, requests: 2000 }
]

let dirs: string[] = []
afterEach(() => {
  dirs.forEach(removeDir)
  dirs = []
})

function folder(options: Partial<SyntheticRounds>): string {
  const dir = tempDir('calibrate-')
  dirs.push(dir)
  writeRoundsFolder(dir, {
    design: 'repeated',
    rounds: 8,
    seed: 11,
    endpoints: ENDPOINTS,
    ...options
  })
  return dir
}

async function calibrated(options: Partial<SyntheticRounds>, gateRounds = 3) {
  const run = (await readRounds(folder(options))) as RoundsRun
  return calibrate(roundsFigures(run)!, { confidence: 0.95, gateRounds })
}

const p95Of = (calibration: Awaited<ReturnType<typeof calibrated>>, label: string) =>
  calibration.bands.find((band) => band.label === label && band.metric === 'p95')!

describe('calibrate', () => {
  it('widens the band, the tolerance and the detectable slowdown with the spread between rounds', async () => {
    const quiet = p95Of(await calibrated({ sharedSd: 0 }), 'GET /compute')
    const noisy = p95Of(await calibrated({ sharedSd: 0.15 }), 'GET /compute')
    expect(noisy.pairSd!).toBeGreaterThan(2 * quiet.pairSd!)
    expect(noisy.tolerance!).toBeGreaterThan(quiet.tolerance!)
    expect(noisy.detectable!).toBeGreaterThan(quiet.detectable!)
    // Quiet rounds: each round's own sampling noise is all there is.
    expect(quiet.withinShare!).toBeGreaterThan(0.5)
    expect(noisy.withinShare!).toBeLessThan(0.5)
  })

  it('needs a smaller tolerance for a gate of more rounds', async () => {
    const options = { sharedSd: 0.08 }
    const three = p95Of(await calibrated(options, 3), 'Aggregated')
    const six = p95Of(await calibrated(options, 6), 'Aggregated')
    expect(six.detectable!).toBeLessThan(three.detectable!)
    expect(six.tolerance!).toBeLessThanOrEqual(three.tolerance!)
  })

  it('suggests rules the rule language accepts, per endpoint and overall', async () => {
    const calibration = await calibrated({ sharedSd: 0.05 })
    expect(calibration.suggestedRules).toHaveLength(3)
    const rules = parseThresholds(calibration.suggestedRules.join('\n'))
    expect(rules.map((rule) => rule.selector ?? null)).toEqual([
      null,
      'GET /compute',
      'GET /say "hi"'
    ])
    for (const rule of rules) expect(rule.baseline!.factor).toBeGreaterThan(1)
  })

  it('refuses one round', async () => {
    const calibration = await calibrated({ rounds: 1 })
    expect(calibration.problem).toMatch(/1 complete round: calibrating needs at least 2/)
  })
})

describe('distributed-locust calibrate', () => {
  it('prints the band within 80 columns and writes calibration.md', async () => {
    const dir = folder({ sharedSd: 0.05 })
    const run = await cliInProcess(dir, ['calibrate', dir])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/GET \/compute\s+p95\s+\d+ ms\s+±[\d.]+ %\s+×1\.\d\d\s+×\d\.\d\d/)
    const lines = run.stdout.split('\n').filter((line) => !line.startsWith('Calibration written'))
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80)
    const markdown = readFileSync(join(dir, 'calibration.md'), 'utf8')
    expect(markdown).toMatch(/^## Calibration/)
    expect(markdown).toMatch(/"GET \/compute": p95 < baseline \* 1\.\d\d/)
  })

  it('names a folder without rounds and a bad option, exit 2', async () => {
    const dir = tempDir('calibrate-empty-')
    dirs.push(dir)
    const missing = await cliInProcess(dir, ['calibrate', dir])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/No rounds\.json in .*: calibrate reads a run of several rounds/)
    const bad = await cliInProcess(dir, ['calibrate', dir, '--gate-rounds', '0'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--gate-rounds must be a whole number from 1 to 20, got "0"/)
  })
})
