import fc from 'fast-check'
import { compareRounds, poolRounds, roundsLevel } from '../../src/thresholds/rounds.js'
import { assumedRunToRun, type Measured } from '../../src/thresholds/statistics.js'
import { histogramOf, p95Of, pairedRounds, pooledOf, UNIT } from '../support/paired-rounds.js'
import { seededRandom } from '../support/seeded-random.js'

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

describe('paired rounds', () => {
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

  it('one round a side is one run against one: the run-to-run noise is assumed, not measured', () => {
    const options = { n: 3000, ratio: 1, pairSd: 0, median: 5 }
    const [pair] = pairedRounds(seededRandom(5), { ...options, rounds: 1 })
    const one = compareRounds([pair], pooledOf([pair]), UNIT, 0.95)
    expect(one.runToRunAssumed).toBe(true)
    // Its bounds hold at least the assumed noise of both sides (a rounding step each).
    const assumed = Math.hypot(
      assumedRunToRun(pair.candidate.estimate, 0.95),
      assumedRunToRun(pair.baseline.estimate, 0.95)
    )
    expect(Math.log(one.ratio.high / one.ratio.value)).toBeGreaterThanOrEqual(assumed - 1e-9)
    const three = pairedRounds(seededRandom(5), { ...options, rounds: 3 })
    expect(compareRounds(three, pooledOf(three), UNIT, 0.95).runToRunAssumed).toBe(false)
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
