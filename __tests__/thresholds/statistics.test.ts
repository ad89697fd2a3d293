import fc from 'fast-check'
import {
  assumedRunToRun,
  cdfPoints,
  combineRuns,
  compareRuns,
  locustRound,
  logDifference,
  minimumRequests,
  percentileEstimate,
  rankBounds,
  roundingStep,
  sideOfZero,
  tOf,
  toLog,
  valueAtQuantile,
  windowSpread,
  zOf,
  type Histogram
} from '../../src/thresholds/statistics.js'

describe("Locust's rounding", () => {
  test.each([
    [4.4, 4, 1],
    [99.4, 99, 1],
    [104, 100, 10],
    [996, 1000, 10],
    [4449, 4400, 100],
    [12_345, 12_000, 1000]
  ])('%p ms is recorded as %p ms (step %p ms)', (ms, recorded, step) => {
    expect(locustRound(ms)).toBe(recorded)
    expect(roundingStep(ms)).toBe(step)
  })
})

describe('order-statistic ranks', () => {
  test('bound the quantile on both sides, around n·q', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        (n, q) => {
          const { low, high } = rankBounds(n, q, 1.645)
          return low <= n * q + 0.5 && high >= n * q + 0.5
        }
      )
    )
  })

  test('p95 needs about 70 requests and p99 about 360 to be bounded above at 95 %', () => {
    expect(minimumRequests(0.95, 1.645)).toBeGreaterThan(60)
    expect(minimumRequests(0.95, 1.645)).toBeLessThan(80)
    expect(minimumRequests(0.99, 1.645)).toBeGreaterThan(330)
    expect(minimumRequests(0.99, 1.645)).toBeLessThan(400)
    const n = minimumRequests(0.99, 1.645)
    expect(rankBounds(n, 0.99, 1.645).high).toBeLessThanOrEqual(n)
    expect(rankBounds(n - 1, 0.99, 1.645).high).toBeGreaterThan(n - 1)
  })
})

describe('percentile estimates', () => {
  test('40 requests cannot bound p99 from above: unknowable, with how many are needed', () => {
    const histogram: Histogram = [
      [10, 30],
      [20, 9],
      [160, 1]
    ]
    const estimate = percentileEstimate({ kind: 'histogram', histogram }, 40, 0.99, 160, 0.95)
    expect(estimate.high).toBe(Number.POSITIVE_INFINITY)
    expect(estimate.unknowable).toMatch(/^40 requests: p99 unknowable \(needs at least \d+\)$/)
  })

  test('CSV points interpolate between the written percentiles, in the logarithm', () => {
    const points = cdfPoints(
      [
        { q: 0.9, ms: 10 },
        { q: 0.95, ms: 20 },
        { q: 1, ms: 40 }
      ],
      1,
      1000
    )
    // Locust's p90 of 1000 requests is the 901st: quantile 0.901.
    expect(valueAtQuantile(points, 0.926)).toBeCloseTo(Math.sqrt(10 * 20))
    expect(valueAtQuantile(points, 0)).toBe(1)
  })
})

describe('combining runs', () => {
  test('the spread between baseline runs widens the level and is reported as run-to-run noise', () => {
    const tight = { below: 0.01, above: 0.01 }
    const agreeing = combineRuns(
      [0, 0.001, -0.001].map((centre) => ({ centre, ...tight })),
      0.95
    )
    const disagreeing = combineRuns(
      [0, 0.3, -0.3].map((centre) => ({ centre, ...tight })),
      0.95
    )
    expect(disagreeing.runToRun).toBeGreaterThan(0.4)
    expect(disagreeing.level.above).toBeGreaterThan(agreeing.level.above * 10)
  })

  test('a difference beyond both bounds is on one side of zero, one within them straddles it', () => {
    const now = { centre: Math.log(130), below: 0.05, above: 0.05 }
    const before = { centre: Math.log(100), below: 0.05, above: 0.05 }
    expect(sideOfZero(logDifference(now, before))).toBe('above')
    expect(sideOfZero(logDifference(before, now))).toBe('below')
    expect(sideOfZero(logDifference({ ...now, centre: Math.log(105) }, before))).toBe('straddles')
  })

  test('one run against one assumes a rounding step of run-to-run noise; several runs measure it', () => {
    const at = (value: number) => ({
      estimate: {
        value,
        low: value,
        high: value,
        method: 'histogram' as const,
        resolution: 0.5,
        step: 1
      },
      spread: null
    })
    expect(assumedRunToRun(at(2).estimate, 0.95)).toBeCloseTo(zOf(0.95) / 2, 6)
    expect(assumedRunToRun(at(20).estimate, 0.95)).toBeCloseTo(zOf(0.95) / 20, 6)
    expect(assumedRunToRun({ ...at(300).estimate, value: 300 }, 0.95)).toBeCloseTo(
      zOf(0.95) / 30,
      6
    )
    // Rates have no rounding step: nothing is assumed for them.
    expect(assumedRunToRun({ ...at(20).estimate, method: 'poisson' }, 0.95)).toBe(0)

    // 3 ms against 5 ms: each run is sure of its own figure, yet one run cannot see the other's day.
    const single = compareRuns(at(5), [at(3)], { factor: 1.1, offset: 0 }, 0.95)
    expect(single).toMatchObject({ side: 'straddles', runToRunAssumed: true })
    // Twice 22 ms against 33 ms is beyond the noise a rounding step stands for.
    expect(compareRuns(at(33), [at(22)], { factor: 1.1, offset: 0 }, 0.95)).toMatchObject({
      side: 'above',
      runToRunAssumed: true
    })
    // Two agreeing baseline runs measure the noise instead, and 5 ms against 3 ms is decided.
    const history = compareRuns(at(5), [at(3), at(3)], { factor: 1.1, offset: 0 }, 0.95)
    expect(history).toMatchObject({ side: 'above', runToRunAssumed: false })
  })

  test('toLog keeps an unbounded side unbounded', () => {
    const log = toLog({
      value: 10,
      low: 8,
      high: Number.POSITIVE_INFINITY,
      method: 'histogram',
      resolution: 0.5,
      step: 1
    })
    expect(log.above).toBe(Number.POSITIVE_INFINITY)
    expect(log.below).toBeCloseTo(Math.log(10 / 8))
  })
})

describe("Student's t", () => {
  test.each([
    [1, 6.314],
    [2, 2.92],
    [4, 2.132],
    [10, 1.812],
    [1000, 1.646]
  ])('the one-sided 95 %% quantile with %p degrees of freedom is %p', (v, t) => {
    expect(tOf(0.95, v)).toBeCloseTo(t, 2)
  })
})

describe('window spread (batch means)', () => {
  test('the log spread of the windows over √windows, to windows − 1 degrees of freedom', () => {
    expect(windowSpread([10, 11], 0.5)).toBeNull()
    const spread = windowSpread([10, Number.NaN, 13, 15], 0.5)!
    const logs = [10, 13, 15].map(Math.log)
    const mean = logs.reduce((a, b) => a + b) / 3
    const sd = Math.sqrt(logs.reduce((sum, l) => sum + (l - mean) ** 2, 0) / 2)
    expect(spread.se).toBeCloseTo(sd / Math.sqrt(3))
    expect(spread.degreesOfFreedom).toBe(2)
  })
})
