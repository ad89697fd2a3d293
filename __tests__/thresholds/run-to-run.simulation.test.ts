/**
 * One run against one run (docs/thresholds.md, "Run-to-run noise"): the noise between runs cannot
 * be measured there, so a rounding step of it is assumed. On seeded pairs whose truth is known:
 * when every request of a run is slower by an overhead that changes from run to run (a busier
 * machine, another CPU state: what the A/A runs of the gate benchmark show), the sampling bounds
 * alone cry wolf; with the assumed term the false alarms stay near the nominal 5 %, and a real
 * +50 % slowdown is still seen.
 */
import {
  compareRuns,
  locustRound,
  percentileEstimate,
  type Histogram,
  type Measured
} from '../../src/thresholds/statistics.js'
import { seededRandom, standardNormal } from '../support/seeded-random.js'

/**
 * A short run (no time windows) of `requests` lognormal times of median `median` ms, each plus
 * this run's overhead: half a millisecond times a standard normal draw, folded to be positive.
 */
function simulatedRun(
  random: () => number,
  requests: number,
  median: number,
  overheadMs = 0.5
): Measured {
  const normal = (): number => standardNormal(random)
  const overhead = Math.abs(overheadMs * normal())
  const counts = new Map<number, number>()
  for (let k = 0; k < requests; k++) {
    const ms = locustRound(overhead + median * Math.exp(0.4 * normal()))
    counts.set(ms, (counts.get(ms) ?? 0) + 1)
  }
  const histogram: Histogram = [...counts].sort((a, b) => a[0] - b[0])
  let seen = 0
  const rank = Math.floor(requests * 0.95) + 1
  const p95 = histogram.find(([, count]) => (seen += count) >= rank)![0]
  return {
    estimate: percentileEstimate({ kind: 'histogram', histogram }, requests, 0.95, p95, 0.95),
    spread: null
  }
}

/** How often `p95 < baseline * 1.1` fails for seeded pairs, the candidate `slower` times slower. */
function failRate(pairs: number, seed: number, median: number, slower = 1): number {
  const random = seededRandom(seed)
  let failed = 0
  for (let k = 0; k < pairs; k++) {
    const baseline = simulatedRun(random, 750, median)
    const candidate = simulatedRun(random, 750, median * slower)
    const comparison = compareRuns(candidate, [baseline], { factor: 1.1, offset: 0 }, 0.95)
    if (comparison.side === 'above') failed++
  }
  return failed / pairs
}

/** The share of the same pairs a naive `now < baseline * 1.1` on the point values fails. */
function naiveFailRate(pairs: number, seed: number, median: number): number {
  const random = seededRandom(seed)
  let failed = 0
  for (let k = 0; k < pairs; k++) {
    const baseline = simulatedRun(random, 750, median).estimate.value
    if (simulatedRun(random, 750, median).estimate.value >= baseline * 1.1) failed++
  }
  return failed / pairs
}

describe('one run against one, each run with its own overhead (seeded), p95 < baseline * 1.1', () => {
  test('an endpoint answering in about 2 ms: the naive rule cries wolf, the assumed term does not', () => {
    expect(naiveFailRate(400, 301, 2)).toBeGreaterThan(0.1)
    expect(failRate(250, 301, 2)).toBeLessThanOrEqual(0.06)
  })

  test('an endpoint answering in about 20 ms: false alarms stay near 5 %', () => {
    expect(failRate(250, 302, 20)).toBeLessThanOrEqual(0.06)
  })

  test('a real +50 % slowdown at about 20 ms is caught nearly always', () => {
    expect(failRate(250, 303, 20, 1.5)).toBeGreaterThanOrEqual(0.95)
  })
})
