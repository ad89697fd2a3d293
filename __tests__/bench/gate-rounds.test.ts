/** The gate benchmark's rounds rows (bench/gate-rounds.bench.ts): its plan, and its rows on the layout. */
import { jest } from '@jest/globals'
import gateRounds, {
  parseTrialName,
  planTrials,
  readOptions
} from '../../bench/gate-rounds.bench.js'
import { removeDir, tempDir } from '../support/helpers.js'

test('trials of every design are interleaved in one seeded order', () => {
  const plan = planTrials(readOptions(['--aa', '4', '--per-regression', '2']))
  expect(plan).toHaveLength(3 * (4 + 2 + 2))
  expect(plan.map((trial) => trial.name)).toEqual(
    planTrials(readOptions(['--aa', '4', '--per-regression', '2'])).map((trial) => trial.name)
  )
  // Not in blocks: the first eight are not all one design.
  expect(new Set(plan.slice(0, 8).map((trial) => trial.design.name)).size).toBeGreaterThan(1)
  expect(plan.map((trial) => parseTrialName(trial.name))).toEqual(plan)
  expect(parseTrialName('07-B-x1.30')).toBeUndefined()
})

test('judges synthetic round folders through report and prints the three designs side by side', async () => {
  const dir = tempDir('gate-rounds-')
  const lines: string[] = []
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
  try {
    await gateRounds(['--synthetic', '--aa', '2', '--per-regression', '1', '--keep', dir])
  } finally {
    log.mockRestore()
    removeDir(dir)
  }
  const text = lines.join('\n')
  expect(text).toMatch(/rounds: 1\s+rounds: 3 interleaved\s+duet \(3 rounds\)/)
  expect(text).toMatch(/A\/A false alarms \(failed\)\s+\d\/2 \d+%\s+\d\/2 \d+%\s+\d\/2 \d+%/)
  expect(text).toMatch(/\+30% work caught\s+\d\/1/)
  expect(text).toMatch(/p95 < baseline \* 1\.05/)
  expect(text).toMatch(/wall time per verdict/)
})
