/**
 * The rounds statistics on known distributions (seeded simulations): coverage of the ratio interval
 * under a round effect, narrowing with rounds, and what a paired gate decides.
 */
import { compareRounds } from '../../src/thresholds/rounds.js'
import { pairedRounds, pooledOf, UNIT } from '../support/paired-rounds.js'
import { seededRandom } from '../support/seeded-random.js'

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
})
