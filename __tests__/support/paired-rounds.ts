/**
 * Seeded paired rounds on a known distribution (lognormal response times, Locust-rounded), for the
 * rounds statistics' tests and simulations.
 */
import type { RoundPair } from '../../src/thresholds/rounds.js'
import {
  locustRound,
  percentileEstimate,
  valueAtRank,
  type Histogram,
  type Measured
} from '../../src/thresholds/statistics.js'
import { standardNormal as normal } from './seeded-random.js'

/** n response times from a lognormal with this median, Locust-rounded, as a histogram. */
export function histogramOf(
  random: () => number,
  n: number,
  median: number,
  sigma = 0.5
): Histogram {
  const counts = new Map<number, number>()
  for (let k = 0; k < n; k++) {
    const ms = locustRound(median * Math.exp(sigma * normal(random)))
    counts.set(ms, (counts.get(ms) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0])
}

/** p95 of a histogram as Locust reads it, with its order-statistic bounds. */
export function p95Of(histogram: Histogram, confidence = 0.95): Measured {
  const n = histogram.reduce((sum, [, count]) => sum + count, 0)
  const value = valueAtRank(histogram, Math.floor(n * 0.95) + 1)
  return {
    estimate: percentileEstimate({ kind: 'histogram', histogram }, n, 0.95, value, confidence),
    spread: null
  }
}

/**
 * K paired rounds: a round effect shared by both sides (the machine, ±30 %), a differential one
 * of `pairSd` on the log scale (what pairing does not cancel), and the candidate `ratio` slower.
 */
export function pairedRounds(
  random: () => number,
  options: { rounds: number; n: number; ratio: number; pairSd: number; median?: number }
): RoundPair[] {
  const median = options.median ?? 200
  return Array.from({ length: options.rounds }, () => {
    const shared = Math.exp(0.3 * normal(random))
    const differential = Math.exp(options.pairSd * normal(random))
    return {
      baseline: p95Of(histogramOf(random, options.n, median * shared)),
      candidate: p95Of(
        histogramOf(random, options.n, median * shared * options.ratio * differential)
      )
    }
  })
}

export const UNIT = { factor: 1, offset: 0 }

export function pooledOf(pairs: RoundPair[]): { candidate: number; baseline: number } {
  const geometric = (values: number[]) =>
    Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length)
  return {
    candidate: geometric(pairs.map((pair) => pair.candidate.estimate.value)),
    baseline: geometric(pairs.map((pair) => pair.baseline.estimate.value))
  }
}
