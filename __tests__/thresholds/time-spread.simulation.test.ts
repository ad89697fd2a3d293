/**
 * The spread over time on seeded runs whose truth is known (docs/thresholds.md, "The spread over
 * time"): A/A false alarms with and without the windows, and what the windows cost in detection.
 * A simulation of hundreds of runs, so its own project (time-spread.test.ts holds the units).
 */
import {
  compareRuns,
  locustRound,
  percentileEstimate,
  windowSpread,
  type Histogram,
  type Measured
} from '../../src/thresholds/statistics.js'
import { seededRandom } from '../support/seeded-random.js'

/** A run of `windows` windows of `perWindow` requests, lognormal, each window's level moved. */
function simulatedRun(
  random: () => number,
  windows: number,
  perWindow: number,
  drift: number,
  scale = 1
): Measured {
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const counts = new Map<number, number>()
  const windowP95s: number[] = []
  for (let w = 0; w < windows; w++) {
    const level = 20 * scale * Math.exp(drift * normal())
    const times = Array.from({ length: perWindow }, () =>
      locustRound(level * Math.exp(0.5 * normal()))
    ).sort((a, b) => a - b)
    // Locust's percentile: the request at rank ⌊n·q⌋ + 1.
    windowP95s.push(times[Math.floor(perWindow * 0.95)])
    for (const ms of times) counts.set(ms, (counts.get(ms) ?? 0) + 1)
  }
  const histogram: Histogram = [...counts].sort((a, b) => a[0] - b[0])
  const n = windows * perWindow
  let seen = 0
  const p95 = histogram.find(([, count]) => (seen += count) >= Math.floor(n * 0.95) + 1)![0]
  return {
    estimate: percentileEstimate({ kind: 'histogram', histogram }, n, 0.95, p95, 0.95),
    spread: windowSpread(windowP95s, 0.5)
  }
}

/** How often `p95 < baseline * factor` fails for seeded pairs of runs (baseline, candidate). */
function failRate(
  pairs: number,
  seed: number,
  run: (random: () => number, candidate: boolean) => Measured,
  withWindows: boolean,
  factor = 1
): number {
  const random = seededRandom(seed)
  let failed = 0
  for (let k = 0; k < pairs; k++) {
    const strip = (m: Measured): Measured => (withWindows ? m : { ...m, spread: null })
    const baseline = strip(run(random, false))
    const candidate = strip(run(random, true))
    const comparison = compareRuns(candidate, [baseline], { factor, offset: 0 }, 0.95)
    if (comparison.side === 'above') failed++
  }
  return failed / pairs
}

describe('on seeded runs with a known truth, judged with p95 < baseline * 1', () => {
  // Six 10 s windows of 150 requests each: a one-minute run.
  const drifting = (random: () => number) => simulatedRun(random, 6, 150, 0.25)
  const steady = (random: () => number, candidate: boolean) =>
    simulatedRun(random, 6, 150, 0, candidate ? 1.15 : 1)

  test('a level that drifts between windows needs the time spread, which keeps A/A alarms near 5 %', () => {
    // Both runs come from the same process: a failure is a false alarm.
    expect(failRate(200, 181, drifting, false)).toBeGreaterThan(0.2)
    expect(failRate(200, 181, drifting, true)).toBeLessThanOrEqual(0.08)
  })

  test('without drift, the windows hardly make a real 15 % slowdown harder to see', () => {
    // The wider of the two bounds decides about as often as the order statistics alone;
    // adding both in quadrature (z·se) caught 51 % here against 73 % alone.
    const alone = failRate(200, 182, steady, false)
    expect(alone).toBeGreaterThan(0.6)
    expect(failRate(200, 182, steady, true)).toBeGreaterThanOrEqual(alone - 0.12)
  })
})
