import fc from 'fast-check'
import {
  compareRounds,
  poolRounds,
  roundsLevel,
  type RoundPair
} from '../../src/thresholds/rounds.js'
import {
  locustRound,
  percentileEstimate,
  valueAtRank,
  type Histogram,
  type Measured
} from '../../src/thresholds/statistics.js'
import { seededRandom, standardNormal as normal } from '../support/seeded-random.js'

/** n response times from a lognormal with this median, Locust-rounded, as a histogram. */
function histogramOf(random: () => number, n: number, median: number, sigma = 0.5): Histogram {
  const counts = new Map<number, number>()
  for (let k = 0; k < n; k++) {
    const ms = locustRound(median * Math.exp(sigma * normal(random)))
    counts.set(ms, (counts.get(ms) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0])
}

/** p95 of a histogram as Locust reads it, with its order-statistic bounds. */
function p95Of(histogram: Histogram, confidence = 0.95): Measured {
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
function pairedRounds(
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

const UNIT = { factor: 1, offset: 0 }

function pooledOf(pairs: RoundPair[]): { candidate: number; baseline: number } {
  const geometric = (values: number[]) =>
    Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length)
  return {
    candidate: geometric(pairs.map((pair) => pair.candidate.estimate.value)),
    baseline: geometric(pairs.map((pair) => pair.baseline.estimate.value))
  }
}

describe('the random-effects level of rounds (t on the rounds, floored at their own noise)', () => {
  it('is the round itself, at z, for one round', () => {
    const level = roundsLevel([{ log: Math.log(100), variance: 0.01 }], 0.95)
    expect(level.centre).toBeCloseTo(Math.log(100), 12)
    expect(level.below).toBeCloseTo(1.6449 * 0.1, 3)
    expect(level.betweenSd).toBe(0)
  })

  it('widens with the spread between rounds beyond their own noise, and pays t for few rounds', () => {
    const quiet = roundsLevel(
      [0, 0.001, -0.001].map((log) => ({ log, variance: 0.0001 })),
      0.95
    )
    const spread = roundsLevel(
      [0, 0.2, -0.2].map((log) => ({ log, variance: 0.0001 })),
      0.95
    )
    // Quiet rounds: never narrower than their own noise at z.
    expect(quiet.below).toBeCloseTo(1.6449 * Math.sqrt(0.0001 / 3), 4)
    expect(quiet.betweenSd).toBe(0)
    // Spread rounds: the between-round spread dominates: t(2) · s / √K with s = 0.2, t = 2.92.
    expect(spread.below).toBeCloseTo(2.92 * (0.2 / Math.sqrt(3)), 2)
    expect(spread.betweenSd).toBeGreaterThan(0.19)
  })

  it('cannot bound a level when a round cannot', () => {
    const level = roundsLevel(
      [
        { log: 0, variance: 0.01 },
        { log: 0, variance: Infinity }
      ],
      0.95
    )
    expect(level.above).toBe(Infinity)
  })
})

describe('paired rounds on known distributions (seeded)', () => {
  it('covers the true ratio at the confidence on each side under a differential round effect', () => {
    const random = seededRandom(19)
    const trials = 150
    for (const [ratio, pairSd] of [
      [1, 0.08],
      [1.2, 0],
      [1.2, 0.15]
    ]) {
      let missedLow = 0
      let missedHigh = 0
      for (let trial = 0; trial < trials; trial++) {
        const pairs = pairedRounds(random, { rounds: 3, n: 400, ratio, pairSd })
        const { ratio: bounds } = compareRounds(pairs, pooledOf(pairs), UNIT, 0.95)
        if (bounds.low > ratio) missedLow++
        if (bounds.high < ratio) missedHigh++
      }
      // One-sided 95 % each: at most 5 % missed on a side, with room for 150 trials' own noise.
      expect(missedLow / trials).toBeLessThanOrEqual(0.09)
      expect(missedHigh / trials).toBeLessThanOrEqual(0.09)
    }
  })

  it('is symmetric: swapping the sides inverts the ratio and its bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, k) => {
          const pairs = pairedRounds(seededRandom(seed), {
            rounds: k,
            n: 300,
            ratio: 1.1,
            pairSd: 0.05
          })
          const swapped = pairs.map((pair) => ({
            candidate: pair.baseline,
            baseline: pair.candidate
          }))
          const forward = compareRounds(pairs, pooledOf(pairs), UNIT, 0.95).ratio
          const backward = compareRounds(swapped, pooledOf(swapped), UNIT, 0.95).ratio
          expect(forward.value * backward.value).toBeCloseTo(1, 9)
          expect(forward.low * backward.high).toBeCloseTo(1, 9)
          expect(forward.high * backward.low).toBeCloseTo(1, 9)
        }
      ),
      { numRuns: 40 }
    )
  })

  it('narrows with more rounds', () => {
    const random = seededRandom(7)
    const meanWidth = (rounds: number): number => {
      let sum = 0
      for (let trial = 0; trial < 40; trial++) {
        const pairs = pairedRounds(random, { rounds, n: 400, ratio: 1, pairSd: 0.08 })
        const { ratio } = compareRounds(pairs, pooledOf(pairs), UNIT, 0.95)
        sum += Math.log(ratio.high / ratio.low)
      }
      return sum / 40
    }
    const [two, three, six] = [meanWidth(2), meanWidth(3), meanWidth(6)]
    expect(three).toBeLessThan(two)
    expect(six).toBeLessThan(three)
  })

  it('cancels a round effect both sides share: identical code passes `* 1.1` where unpaired runs could not', () => {
    const random = seededRandom(23)
    let passed = 0
    let failed = 0
    const trials = 60
    for (let trial = 0; trial < trials; trial++) {
      // ±30 % shared swings between rounds, 2 % differential, 1,500 requests per side and round.
      const pairs = pairedRounds(random, { rounds: 3, n: 1500, ratio: 1, pairSd: 0.02 })
      const { side } = compareRounds(pairs, pooledOf(pairs), { factor: 1.1, offset: 0 }, 0.95)
      if (side === 'below') passed++
      if (side === 'above') failed++
    }
    expect(failed).toBe(0)
    expect(passed / trials).toBeGreaterThanOrEqual(0.8)
  })

  it('catches a 30 % slowdown against `* 1.1` with the same noise', () => {
    const random = seededRandom(29)
    let caught = 0
    for (let trial = 0; trial < 60; trial++) {
      const pairs = pairedRounds(random, { rounds: 3, n: 1500, ratio: 1.3, pairSd: 0.02 })
      if (
        compareRounds(pairs, pooledOf(pairs), { factor: 1.1, offset: 0 }, 0.95).side === 'above'
      ) {
        caught++
      }
    }
    expect(caught).toBeGreaterThanOrEqual(57)
  })

  it('says why when a round cannot bound its percentile', () => {
    const pairs = pairedRounds(seededRandom(3), { rounds: 3, n: 40, ratio: 1, pairSd: 0 })
    const comparison = compareRounds(pairs, pooledOf(pairs), UNIT, 0.95)
    expect(comparison.unknowable).toMatch(/40 requests: p95 unknowable/)
  })
})

describe('pooling rounds of one side', () => {
  it('puts the between-round spread into the bounds', () => {
    const random = seededRandom(5)
    const steady = [0, 0, 0].map(() => p95Of(histogramOf(random, 2000, 100)))
    const drifting = [0.7, 1, 1.4].map((scale) => p95Of(histogramOf(random, 2000, 100 * scale)))
    const width = (rounds: Measured[]) => {
      const { bounds } = poolRounds(rounds, 1, 0.95)
      return Math.log(bounds.high / bounds.low)
    }
    expect(width(drifting)).toBeGreaterThan(3 * width(steady))
  })
})
