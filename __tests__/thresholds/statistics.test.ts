import fc from 'fast-check'
import {
  cdfPoints,
  combineRuns,
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

const lognormal = (median: number, sigma: number): Distribution => ({
  name: `lognormal(median ${median} ms, σ ${sigma})`,
  draw: (random) => median * Math.exp(sigma * normal(random)),
  quantile: (q) => median * Math.exp(sigma * normalQuantile(q))
})

const shiftedExponential = (shift: number, mean: number): Distribution => ({
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

describe('coverage of the 95 % intervals on known distributions with Locust rounding (seeded)', () => {
  const distributions = [lognormal(20, 0.6), shiftedExponential(40, 150), lognormal(400, 0.8)]
  const cases = distributions.flatMap((distribution) =>
    [50, 400, 3000].flatMap((n) => [0.5, 0.95, 0.99].map((q) => ({ distribution, n, q })))
  )
  // 100,000 requests per trial cost time: fewer trials, p95 only.
  const large = distributions.map((distribution) => ({ distribution, n: 100_000, q: 0.95 }))

  test.each([...cases, ...large])(
    '$distribution.name, n = $n, p$q: at least 93 % (histogram)',
    ({ distribution, n, q }) => {
      const trials = n >= 100_000 ? 40 : 200
      expect(
        coverage(distribution, n, q, 'histogram', trials, n + Math.round(q * 1000))
      ).toBeGreaterThanOrEqual(0.93)
    }
  )

  test.each(cases)(
    '$distribution.name, n = $n, p$q: at least 93 % (CSV percentile points)',
    ({ distribution, n, q }) => {
      expect(
        coverage(distribution, n, q, 'csv-percentiles', 200, 7 * n + Math.round(q * 1000))
      ).toBeGreaterThanOrEqual(0.93)
    }
  )

  // Where a rounding step is small against the spread of the estimate, the interval is not wider
  // than it needs to be: it misses the truth now and then, as a 95 % interval must.
  test.each([
    { distribution: lognormal(400, 0.8), n: 400, q: 0.5 },
    { distribution: lognormal(20, 0.6), n: 400, q: 0.95 },
    { distribution: shiftedExponential(40, 150), n: 400, q: 0.5 },
    { distribution: shiftedExponential(40, 150), n: 50, q: 0.5 }
  ])('$distribution.name, n = $n, p$q: at most 99 %', ({ distribution, n, q }) => {
    expect(coverage(distribution, n, q, 'histogram', 400, 11 * n)).toBeLessThanOrEqual(0.99)
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
