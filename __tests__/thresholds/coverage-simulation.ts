/**
 * Monte Carlo coverage of the percentile intervals of src/thresholds/statistics.ts: seeded draws
 * from known distributions, rounded and counted as Locust records them, judged by
 * percentileEstimate against the distribution's true quantile. Millions of draws: run through
 * `coverages` in a worker (statistics.simulation.test.ts), where they are 20–40 times faster than
 * inside jest's sandbox.
 */
import {
  cdfPoints,
  locustRound,
  percentileEstimate,
  type Histogram,
  type PercentilePoint
} from '../../src/thresholds/statistics.js'
import { LOCUST_DEFAULT_PERCENTILES } from '../../src/thresholds/metrics.js'
import { seededRandom } from '../support/seeded-random.js'

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** A known distribution: how to draw from it and its true quantile function. */
interface Distribution {
  name: string
  draw: (random: () => number) => number
  quantile: (q: number) => number
}

/** Probit by bisection on the normal CDF's complement, exact enough for true quantiles. */
function normalQuantile(q: number): number {
  const erf = (x: number): number => {
    // Abramowitz–Stegun 7.1.26 is too coarse here; integrate instead (Simpson, fine grid).
    const steps = 2000
    const h = x / steps
    let sum = 0
    for (let k = 0; k <= steps; k++) {
      const weight = k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2
      sum += weight * Math.exp(-((k * h) ** 2))
    }
    return ((2 / Math.sqrt(Math.PI)) * sum * h) / 3
  }
  const cdf = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2))
  let [low, high] = [-10, 10]
  for (let k = 0; k < 80; k++) {
    const middle = (low + high) / 2
    if (cdf(middle) < q) low = middle
    else high = middle
  }
  return (low + high) / 2
}

/** A distribution as a worker receives it: plain data (functions cannot cross to a worker). */
export type DistributionSpec =
  | { family: 'lognormal'; median: number; sigma: number }
  | { family: 'shifted-exponential'; shift: number; mean: number }

export const lognormal = (median: number, sigma: number): DistributionSpec => ({
  family: 'lognormal',
  median,
  sigma
})

export const shiftedExponential = (shift: number, mean: number): DistributionSpec => ({
  family: 'shifted-exponential',
  shift,
  mean
})

export function distributionOf(spec: DistributionSpec): Distribution {
  return spec.family === 'lognormal'
    ? lognormalDistribution(spec.median, spec.sigma)
    : shiftedExponentialDistribution(spec.shift, spec.mean)
}

const lognormalDistribution = (median: number, sigma: number): Distribution => ({
  name: `lognormal(median ${median} ms, σ ${sigma})`,
  draw: (random) => median * Math.exp(sigma * normal(random)),
  quantile: (q) => median * Math.exp(sigma * normalQuantile(q))
})

const shiftedExponentialDistribution = (shift: number, mean: number): Distribution => ({
  name: `${shift} ms + exponential(mean ${mean} ms)`,
  draw: (random) => shift - mean * Math.log(1 - random()),
  quantile: (q) => shift - mean * Math.log(1 - q)
})

/** Slots for rounded times: 0–99 ms by 1, then by 10, 100 and 1000 ms (Locust's steps). */
const SLOTS = 100 + 90 + 90 + 1000
const slotOf = (rounded: number): number =>
  rounded < 100
    ? rounded
    : rounded < 1000
      ? 90 + rounded / 10
      : rounded < 10_000
        ? 180 + rounded / 100
        : Math.min(SLOTS - 1, 270 + rounded / 1000)
const timeOf = (slot: number): number =>
  slot < 100
    ? slot
    : slot < 190
      ? (slot - 90) * 10
      : slot < 280
        ? (slot - 180) * 100
        : (slot - 270) * 1000

/** n draws, rounded as Locust records them, counted per rounded time (a typed array: fast). */
function sampleHistogram(n: number, draw: () => number): Histogram {
  const counts = new Uint32Array(SLOTS)
  for (let k = 0; k < n; k++) counts[slotOf(locustRound(draw()))]++
  const histogram: [number, number][] = []
  counts.forEach((count, slot) => {
    if (count > 0) histogram.push([timeOf(slot), count])
  })
  return histogram
}

/** Locust's own percentile of its histogram (StatsEntry.get_response_time_percentile). */
function locustPercentile(histogram: Histogram, n: number, q: number): number {
  const below = Math.floor(n * q)
  let processed = 0
  for (const [ms, count] of [...histogram].reverse()) {
    processed += count
    if (n - processed <= below) return ms
  }
  return 0
}

/** The percentile points Locust writes to its stats CSV for a histogram. */
function writtenPoints(histogram: Histogram, n: number): PercentilePoint[] {
  return LOCUST_DEFAULT_PERCENTILES.map((percent) => ({
    q: percent / 100,
    ms: locustPercentile(histogram, n, percent / 100)
  }))
}

/** Share of seeded trials whose two-sided 95 % interval (97.5 % per side) holds the true value. */
function coverage(
  distribution: Distribution,
  n: number,
  q: number,
  source: 'histogram' | 'csv-percentiles',
  trials: number,
  seed: number
): number {
  const random = seededRandom(seed)
  const truth = distribution.quantile(q)
  let covered = 0
  for (let trial = 0; trial < trials; trial++) {
    const histogram = sampleHistogram(n, () => distribution.draw(random))
    const value = locustPercentile(histogram, n, q)
    const estimate = percentileEstimate(
      source === 'histogram'
        ? { kind: 'histogram', histogram }
        : {
            kind: 'csv-percentiles',
            points: cdfPoints(writtenPoints(histogram, n), histogram[0][0], n)
          },
      n,
      q,
      value,
      0.975
    )
    if (estimate.low <= truth && truth <= estimate.high) covered++
  }
  return covered / trials
}

/** One coverage figure to simulate: `trials` seeded trials of n requests, judged at quantile q. */
export interface CoverageCase {
  distribution: DistributionSpec
  n: number
  q: number
  source: 'histogram' | 'csv-percentiles'
  trials: number
  seed: number
}

/** The coverage of each case, in order (called in a worker: see __tests__/support/in-worker.ts). */
export function coverages(cases: readonly CoverageCase[]): number[] {
  return cases.map(({ distribution, n, q, source, trials, seed }) =>
    coverage(distributionOf(distribution), n, q, source, trials, seed)
  )
}
