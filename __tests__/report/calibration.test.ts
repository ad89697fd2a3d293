/** The calibration's words, for people: markdown and 80-column text. */
import { expect, test } from '@jest/globals'
import { calibrationMarkdown, calibrationText } from '../../src/report/calibration.js'
import type { Calibration } from '../../src/thresholds/calibrate.js'

function calibration(rounds: number, pairs: number): Calibration {
  return {
    rounds,
    pairs,
    roundSeconds: 8,
    gateRounds: 3,
    confidence: 0.95,
    bands: [
      {
        label: 'Aggregated',
        metric: 'p95',
        value: 200,
        pairSd: 0.1,
        withinShare: 0.8,
        band: { low: 0.9, high: 1.1 },
        tolerance: 1.15,
        detectable: 1.3
      }
    ],
    suggestedRules: ['p95 < baseline * 1.15'],
    suggestedRoundSeconds: 16
  }
}

// Seen in a real calibrate run: "(1 pairs)" and a closing "Rounds: 3." that said nothing.
test('one pair is a pair, and the rounds the rules need are said as the setting to use', () => {
  for (const text of [calibrationMarkdown(calibration(3, 1)), calibrationText(calibration(3, 1))])
    expect(text).toContain('(1 pair);')
  expect(calibrationMarkdown(calibration(4, 2))).toContain('(2 pairs);')
  expect(calibrationMarkdown(calibration(3, 1))).toContain('Use the rules with `rounds: 3`.')
  const text = calibrationText(calibration(3, 1))
  expect(text.replace(/\n/g, ' ')).toContain('Use the rules with --rounds 3 (rounds: 3).')
  expect(text).not.toMatch(/Rounds: 3/)
  expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80)
})
