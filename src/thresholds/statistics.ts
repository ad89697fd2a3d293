/**
 * The statistics behind a verdict that tells a regression from noise (docs/thresholds.md): each
 * figure a rule reads becomes an estimate with one-sided bounds at the chosen confidence, and a
 * baseline rule compares the run with its baselines on the log scale. Pure: numbers in, numbers out.
 *
 * - Percentiles: distribution-free order-statistic bounds. The number of requests at or below the
 *   true p-quantile is Binomial(n, p); its normal approximation (with continuity correction) gives
 *   the ranks that bound the quantile, and the empirical CDF (a full histogram, or Locust's written
 *   percentile points interpolated) maps the ranks to milliseconds.
 * - Locust's rounding (1 ms below 100 ms, 10 ms below 1 s, 100 ms below 10 s, 1 s above): every
 *   bound is widened by half a step, and a change within one step is never a regression.
 * - Time windows: the spread of the per-window percentiles inside the run (batch means), a second
 *   estimate of the run's uncertainty that widens its bounds where it is larger.
 * - Several baseline runs: their spread is the run-to-run noise, added to both sides. One run
 *   against one cannot measure it: each time figure is then assumed to move between runs by one of
 *   Locust's rounding steps (one standard deviation), added in quadrature to both sides.
 * - Two estimates combine by the MOVER method (Zou & Donner 2008): the bounds of a difference of
 *   log values from the bounds of each, which keeps asymmetric intervals asymmetric.
 */
import { probit, sampleStandardDeviation } from 'simple-statistics'

/** Locust's response-time resolution at a value: the step it rounds to. */
export function roundingStep(ms: number): number {
  if (ms < 100) return 1
  if (ms < 1000) return 10
  if (ms < 10_000) return 100
  return 1000
}

/** A response time as Locust records it (StatsEntry._log_time_of_request): rounded to its step. */
export function locustRound(ms: number): number {
  const step = roundingStep(ms)
  return Math.round(ms / step) * step
}

/** Below half of Locust's finest step a time is indistinguishable from zero: logs use this floor. */
export const TIME_RESOLUTION_MS = 0.5

/** The one-sided normal quantile for a confidence: 1.645 at 0.95. */
export function zOf(confidence: number): number {
  return probit(confidence)
}

/**
 * Student's t quantile at a one-sided confidence with ν degrees of freedom: exact for ν = 1
 * (Cauchy) and ν = 2, the Cornish–Fisher expansion in z (Abramowitz & Stegun 26.7.5) above.
 * The spread of K baseline runs is known only to K − 1 degrees of freedom, so few runs give wide
 * bounds rather than false confidence.
 */
export function tOf(confidence: number, degreesOfFreedom: number): number {
  if (degreesOfFreedom <= 1) return Math.tan(Math.PI * (confidence - 0.5))
  if (degreesOfFreedom === 2) {
    return (2 * confidence - 1) / Math.sqrt(2 * confidence * (1 - confidence))
  }
  const z = zOf(confidence)
  const v = degreesOfFreedom
  return (
    z +
    (z ** 3 + z) / (4 * v) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * v ** 3)
  )
}

/** Rounded response time (ms) → how many requests took it, ascending by time. */
export type Histogram = readonly (readonly [ms: number, count: number])[]

/**
 * How an estimate's bounds were made: from the full histogram, from Locust's written percentile
 * points, from a count (binomial or Poisson), or none (the value is taken as exact).
 */
export type EstimateMethod = 'histogram' | 'csv-percentiles' | 'binomial' | 'poisson' | 'exact'

/**
 * A figure with one-sided bounds at the confidence: the true value is above `low` with that
 * confidence, and below `high` with that confidence. `high` is Infinity when the data cannot bound
 * it (too few requests for a high percentile).
 */
export interface Estimate {
  value: number
  low: number
  high: number
  method: EstimateMethod
  /** The smallest value that differs from zero at the data's resolution (for log scales). */
  resolution: number
  /** Locust's rounding step at this value (0 when the figure is not rounded). */
  step: number
  /** Why the bounds are unknowable, when they are: "40 requests: p99 unknowable". */
  unknowable?: string
}

/**
 * The 1-based ranks whose order statistics bound the q-quantile (0 < q ≤ 1) of n requests, each
 * one-sided at the confidence z stands for: P(X(low) ≤ ξq) ≥ c and P(X(high) ≥ ξq) ≥ c. A rank
 * below 1 or above n means the sample cannot bound that side.
 */
export function rankBounds(n: number, q: number, z: number): { low: number; high: number } {
  const mean = n * q
  const sd = Math.sqrt(n * q * (1 - q))
  return {
    low: Math.floor(mean - z * sd + 0.5),
    high: Math.ceil(mean + z * sd - 0.5) + 1
  }
}

/** The fewest requests whose sample bounds the q-quantile from above at confidence z. */
export function minimumRequests(q: number, z: number): number {
  if (q >= 1) return Number.POSITIVE_INFINITY
  let n = 1
  while (rankBounds(n, q, z).high > n && n < 1e9) n = Math.ceil(n * 1.05) + 1
  let low = Math.max(1, Math.floor(n / 1.05) - 1)
  while (low < n && rankBounds(low, q, z).high > low) low++
  return low
}

/** The value of the request at a 1-based rank in a histogram; 0 below it, Infinity above it. */
export function valueAtRank(histogram: Histogram, rank: number): number {
  if (rank < 1) return 0
  let seen = 0
  for (const [ms, count] of histogram) {
    seen += count
    if (seen >= rank) return ms
  }
  return Number.POSITIVE_INFINITY
}

/** A percentile point Locust wrote: q in (0, 1], value in ms. */
export interface PercentilePoint {
  q: number
  ms: number
}

/**
 * The value at quantile q by Locust's written points: between neighbouring points the CDF is
 * unknown; the value is interpolated linearly in its logarithm (response times spread
 * multiplicatively, so a gap from 8 ms at p99 to 1 s at p99.9 is not filled evenly; linearly when a
 * point is 0). The smallest point's value below it (or `minMs` at 0), Infinity above the last
 * point when it is below 100 %.
 */
export function valueAtQuantile(points: readonly PercentilePoint[], q: number): number {
  if (q <= 0) return points[0]?.ms ?? 0
  for (let k = 0; k < points.length; k++) {
    const right = points[k]
    if (q > right.q) continue
    if (k === 0) return right.ms
    const left = points[k - 1]
    const share = (q - left.q) / (right.q - left.q)
    if (left.ms <= 0) return left.ms + (right.ms - left.ms) * share
    return left.ms * (right.ms / left.ms) ** share
  }
  return Number.POSITIVE_INFINITY
}

/**
 * The CDF Locust's written percentiles of n requests describe, as points from 0 (the minimum, when
 * known) to the largest written quantile, in increasing order and made monotone (this guards
 * against a hand-edited file). Locust's q-percentile is the request at rank ⌊n·q⌋ + 1
 * (StatsEntry.get_response_time_percentile), so each point sits at that rank's quantile.
 */
export function cdfPoints(
  percentiles: readonly PercentilePoint[],
  minMs: number | null,
  n: number
): PercentilePoint[] {
  const sorted = [...percentiles]
    .filter((p) => p.q > 0 && p.q <= 1)
    .map((p) => ({ q: Math.min(1, (Math.floor(n * p.q) + 1) / n), ms: p.ms }))
    .sort((a, b) => a.q - b.q)
  const points: PercentilePoint[] = minMs === null ? [] : [{ q: 0, ms: minMs }]
  for (const point of sorted) {
    const last = points.at(-1)
    if (last && point.q === last.q) continue
    points.push({ q: point.q, ms: Math.max(point.ms, last?.ms ?? 0) })
  }
  return points
}

/** What a percentile estimate is made from: the full histogram, or Locust's written points. */
export type PercentileSource =
  | { kind: 'histogram'; histogram: Histogram }
  | { kind: 'csv-percentiles'; points: readonly PercentilePoint[] }

/**
 * The q-quantile's one-sided bounds from n requests. `value` is the point value the rule reads
 * (Locust's own percentile); the bounds come from the order statistics at the binomial ranks,
 * widened by half a rounding step each (a recorded time stands for every time that rounds to it).
 */
export function percentileEstimate(
  source: PercentileSource,
  n: number,
  q: number,
  value: number,
  confidence: number
): Estimate {
  const z = zOf(confidence)
  const ranks = rankBounds(n, q, z)
  const at = (rank: number): number =>
    source.kind === 'histogram'
      ? valueAtRank(source.histogram, rank)
      : rank < 1
        ? 0
        : rank > n
          ? Number.POSITIVE_INFINITY
          : valueAtQuantile(source.points, rank / n)
  const lowValue = Math.min(at(ranks.low), value)
  const highValue = Math.max(at(ranks.high), value)
  const estimate: Estimate = {
    value,
    low: Math.max(0, lowValue - roundingStep(lowValue) / 2),
    high: highValue + roundingStep(highValue) / 2,
    method: source.kind,
    resolution: TIME_RESOLUTION_MS,
    step: roundingStep(value)
  }
  if (ranks.high <= n) return estimate
  const needed = minimumRequests(q, z)
  const unknowable =
    `${n} request${n === 1 ? '' : 's'}: p${formatQuantile(q)} unknowable` +
    (Number.isFinite(needed) ? ` (needs at least ${needed})` : '')
  return { ...estimate, high: Number.POSITIVE_INFINITY, unknowable }
}

function formatQuantile(q: number): string {
  return String(Math.round(q * 100 * 1e6) / 1e6)
}

/**
 * The mean response time's bounds: the standard error from the spread of the distribution (the
 * histogram, or the CSV points read as a piecewise-linear quantile function) over √n.
 */
export function meanEstimate(
  source: PercentileSource,
  n: number,
  value: number,
  confidence: number
): Estimate {
  const z = zOf(confidence)
  const sd = source.kind === 'histogram' ? histogramSd(source.histogram) : pointsSd(source.points)
  const halfWidth = n > 1 ? (z * sd) / Math.sqrt(n) : Number.POSITIVE_INFINITY
  return {
    value,
    low: Math.max(0, value - halfWidth),
    high: value + halfWidth,
    method: source.kind,
    resolution: TIME_RESOLUTION_MS,
    step: 0
  }
}

function histogramSd(histogram: Histogram): number {
  let n = 0
  let sum = 0
  let sumSquares = 0
  for (const [ms, count] of histogram) {
    n += count
    sum += ms * count
    sumSquares += ms * ms * count
  }
  if (n < 2) return 0
  const mean = sum / n
  return Math.sqrt(Math.max(0, (sumSquares - n * mean * mean) / (n - 1)))
}

/** The spread of a piecewise-linear quantile function: the mass of each segment at its values. */
function pointsSd(points: readonly PercentilePoint[]): number {
  let mean = 0
  let second = 0
  for (let k = 1; k < points.length; k++) {
    const [a, b] = [points[k - 1], points[k]]
    const mass = b.q - a.q
    // A uniform segment from a.ms to b.ms: its mean and second moment.
    mean += (mass * (a.ms + b.ms)) / 2
    second += (mass * (a.ms * a.ms + a.ms * b.ms + b.ms * b.ms)) / 3
  }
  const covered = points.length > 1 ? points.at(-1)!.q - points[0].q : 0
  if (covered <= 0) return 0
  const m = mean / covered
  return Math.sqrt(Math.max(0, second / covered - m * m))
}

/** A rate from a count: Poisson bounds on the count, scaled to the rate. */
export function rateEstimate(value: number, count: number, confidence: number): Estimate {
  const z = zOf(confidence)
  const relative = count > 0 ? z / Math.sqrt(count) : Number.POSITIVE_INFINITY
  return {
    value,
    low: value * Math.exp(-relative),
    high: value * Math.exp(relative),
    method: 'poisson',
    resolution: count > 0 ? (0.5 * value) / count : Number.MIN_VALUE,
    step: 0
  }
}

/** A proportion (failures of requests): Wilson score bounds. */
export function proportionEstimate(successes: number, n: number, confidence: number): Estimate {
  const z = zOf(confidence)
  const p = n > 0 ? successes / n : 0
  const denominator = 1 + (z * z) / n
  const centre = (p + (z * z) / (2 * n)) / denominator
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator
  return {
    value: p,
    // Exactly 0 (or 1) when none (or all) failed, not a rounding error away from it.
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
    method: 'binomial',
    resolution: n > 0 ? 0.5 / n : 1,
    step: 0
  }
}

/** A figure without a sampling model (min, max, counts): exact. */
export function exactEstimate(value: number): Estimate {
  return {
    value,
    low: value,
    high: value,
    method: 'exact',
    resolution: Math.max(Math.abs(value) * 1e-9, Number.MIN_VALUE),
    step: 0
  }
}

/**
 * The spread of a run's level over time (batch means): the log standard error of the level from
 * the values of disjoint time windows, and the degrees of freedom it is known to.
 */
export interface TimeSpread {
  se: number
  degreesOfFreedom: number
}

/** Fewer windows than this give no spread: two values cannot tell drift from chance. */
export const MIN_WINDOWS = 3

/** From this many windows on, their lag-1 autocorrelation is estimated and corrects the spread. */
export const MIN_WINDOWS_FOR_AUTOCORRELATION = 10

/** The autocorrelation used at most: beyond it a handful of windows would claim infinite spread. */
const MAX_AUTOCORRELATION = 0.9

/**
 * The batch-means standard error of a run's level on the log scale, from the values of disjoint
 * windows in time order (Locust's 10 s windows, results/history.ts): the sample standard deviation
 * of their logs over √windows, known to windows − 1 degrees of freedom. A slow drift makes
 * neighbouring windows alike, and then that is too small: from MIN_WINDOWS_FOR_AUTOCORRELATION
 * windows on, the variance is multiplied by (1 + ρ)/(1 − ρ), the variance of the mean of an AR(1)
 * series with the windows' lag-1 autocorrelation ρ (taken as 0 when negative). Null with fewer
 * than MIN_WINDOWS windows.
 */
export function windowSpread(values: readonly number[], resolution: number): TimeSpread | null {
  const logs = values.filter(Number.isFinite).map((value) => Math.log(Math.max(value, resolution)))
  if (logs.length < MIN_WINDOWS) return null
  const sd = sampleStandardDeviation(logs)
  const rho =
    logs.length >= MIN_WINDOWS_FOR_AUTOCORRELATION
      ? Math.min(Math.max(lagOneAutocorrelation(logs), 0), MAX_AUTOCORRELATION)
      : 0
  return {
    se: (sd / Math.sqrt(logs.length)) * Math.sqrt((1 + rho) / (1 - rho)),
    degreesOfFreedom: logs.length - 1
  }
}

function lagOneAutocorrelation(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  let lagged = 0
  let squares = 0
  for (let k = 0; k < values.length; k++) {
    squares += (values[k] - mean) ** 2
    if (k > 0) lagged += (values[k] - mean) * (values[k - 1] - mean)
  }
  return squares > 0 ? lagged / squares : 0
}

/** An estimate on the log scale: centre and the distances to its lower and upper bounds. */
export interface LogEstimate {
  centre: number
  below: number
  above: number
}

/** An estimate on the log scale: its centre and its bounds' distances, as they are. */
export function toLog(estimate: Estimate): LogEstimate {
  const log = (value: number): number => Math.log(Math.max(value, estimate.resolution))
  const centre = log(estimate.value)
  return { centre, below: centre - log(estimate.low), above: log(estimate.high) - centre }
}

/**
 * A run's log estimate with its spread over time. The batch-means spread of the windows already
 * holds the sampling noise inside them (each window is a sample of the run's requests) and adds
 * any drift between them: it is a second estimate of the same uncertainty the order statistics
 * bound when requests are independent, not a further term. So each side is the wider of the two
 * (t·se with the windows' degrees of freedom), never their sum: adding them would count the
 * sampling noise twice.
 */
export function withTimeSpread(
  estimate: LogEstimate,
  spread: TimeSpread | null,
  confidence: number
): LogEstimate {
  if (spread === null) return estimate
  const half = tOf(confidence, spread.degreesOfFreedom) * spread.se
  return {
    centre: estimate.centre,
    below: Math.max(estimate.below, half),
    above: Math.max(estimate.above, half)
  }
}

/**
 * Several runs of the same code (the baseline history) as one estimate of their level: the mean
 * of the logs. The spread between runs (its sample standard deviation s) is the run-to-run noise:
 * the mean's bounds are at least t·s/√K wide, and `runToRun` (t·s, t Student's quantile with K − 1
 * degrees of freedom) widens a single run judged against them. With one run there is no such term.
 */
export function combineRuns(
  runs: readonly LogEstimate[],
  confidence: number
): { level: LogEstimate; runToRun: number } {
  if (runs.length === 1) return { level: runs[0], runToRun: 0 }
  const k = runs.length
  const centres = runs.map((run) => run.centre)
  const runToRun = tOf(confidence, k - 1) * sampleStandardDeviation(centres)
  const meanSquare = (side: 'below' | 'above'): number =>
    runs.reduce((sum, run) => sum + run[side] ** 2, 0) / k
  const side = (name: 'below' | 'above'): number =>
    Math.sqrt(Math.max(meanSquare(name), runToRun ** 2) / k)
  return {
    level: {
      centre: centres.reduce((sum, c) => sum + c, 0) / k,
      below: side('below'),
      above: side('above')
    },
    runToRun
  }
}

/**
 * The run-to-run noise assumed for a time figure when it cannot be measured (one run against one):
 * a standard deviation of one Locust rounding step, on the log scale step ÷ value, so the
 * one-sided distance at the confidence is z·step ÷ value. That is 1–10 % from 10 ms up and more
 * below (a 3 ms p95 moves by a third). Figures without a rounding step (rates, ratios) get none.
 */
export function assumedRunToRun(estimate: Estimate, confidence: number): number {
  if (estimate.method !== 'histogram' && estimate.method !== 'csv-percentiles') return 0
  const value = Math.max(estimate.value, estimate.resolution)
  return (zOf(confidence) * roundingStep(value)) / value
}

/** A log estimate widened in quadrature by an independent source of noise of distance `extra`. */
function widenedBy(estimate: LogEstimate, extra: number): LogEstimate {
  if (extra === 0) return estimate
  return {
    centre: estimate.centre,
    below: Math.hypot(estimate.below, extra),
    above: Math.hypot(estimate.above, extra)
  }
}

/** A log estimate widened by run-to-run noise (a single run is one draw among runs). */
export function withRunToRun(estimate: LogEstimate, runToRun: number): LogEstimate {
  return {
    centre: estimate.centre,
    below: Math.max(estimate.below, runToRun),
    above: Math.max(estimate.above, runToRun)
  }
}

/**
 * The bounds of log(a) − log(b) from the bounds of each (MOVER): the lower bound pairs a's lower
 * with b's upper distance, the upper bound a's upper with b's lower.
 */
export function logDifference(a: LogEstimate, b: LogEstimate): LogEstimate {
  return {
    centre: a.centre - b.centre,
    below: Math.hypot(a.below, b.above),
    above: Math.hypot(a.above, b.below)
  }
}

/** A log estimate scaled: log(f·B + o) from log B's bounds (the limit of a baseline rule). */
export function scaledLimit(baseline: LogEstimate, factor: number, offset: number): LogEstimate {
  const at = (logValue: number): number =>
    Math.log(Math.max(Math.exp(logValue) * factor + offset, Number.MIN_VALUE))
  const centre = at(baseline.centre)
  return {
    centre,
    below: centre - at(baseline.centre - baseline.below),
    above: at(baseline.centre + baseline.above) - centre
  }
}

/**
 * Where a log difference stands against zero: above it (the first is larger) at the confidence
 * its bounds carry, below it, or undecided (its bounds straddle zero).
 */
export function sideOfZero(difference: LogEstimate): 'above' | 'below' | 'straddles' {
  if (difference.centre - difference.below > 0) return 'above'
  if (difference.centre + difference.above < 0) return 'below'
  return 'straddles'
}

/** A figure of one run: its estimate and the log spread over time inside the run, when known. */
export interface Measured {
  estimate: Estimate
  /** The run level's spread over its time windows (batch means); null when unknown. */
  spread: TimeSpread | null
  /** The figure on the log scale when made otherwise: a run of rounds pooled (./rounds.ts). */
  log?: LogEstimate
}

/** A value with its bounds, in the metric's unit (or a plain ratio). */
export interface Bounded {
  value: number
  low: number
  high: number
}

/** A run against its baseline runs (one or more): the change, the limit, where it stands. */
export interface RunComparison {
  /** The run's figure with the bounds the comparison used (sampling, time and run-to-run noise). */
  now: Bounded
  /** The baseline level: the one run's value, or the geometric mean of several. */
  baseline: Bounded
  /** now ÷ baseline, with bounds from both sides' noise (and the run-to-run noise). */
  ratio: Bounded
  /** The limit (baseline × factor + offset), with bounds. */
  limit: Bounded
  /** The run against the limit at the confidence: above it, below it, or undecided. */
  side: 'above' | 'below' | 'straddles'
  /** The run and the baseline differ by no more than Locust's rounding step. */
  withinStep: boolean
  /** One run against one: the bounds hold run-to-run noise that is assumed, not measured. */
  runToRunAssumed: boolean
  /** Why the data cannot bound one of the figures, when it cannot. */
  unknowable?: string
}

/**
 * Compares a run's figure with the same figure of one or more baseline runs, against the limit
 * baseline × factor + offset, on the log scale (a slowdown is a ratio). Each side's bounds carry
 * its sampling noise, its time spread and, with several baseline runs, the run-to-run noise.
 */
export function compareRuns(
  now: Measured,
  baselines: readonly Measured[],
  bound: { factor: number; offset: number },
  confidence: number
): RunComparison {
  const logOf = (measured: Measured): LogEstimate =>
    measured.log ?? withTimeSpread(toLog(measured.estimate), measured.spread, confidence)
  // Several runs and rounds (./rounds.ts) measure the spread between runs; one run against one
  // cannot: it is assumed on both sides.
  const oneAgainstOne =
    baselines.length === 1 && now.log === undefined && baselines[0].log === undefined
  const assumed = (measured: Measured): number =>
    oneAgainstOne ? assumedRunToRun(measured.estimate, confidence) : 0
  const combined = combineRuns(baselines.map(logOf), confidence)
  const assumedNow = assumed(now)
  const level = widenedBy(combined.level, assumed(baselines[0]))
  const current = widenedBy(withRunToRun(logOf(now), combined.runToRun), assumedNow)
  const limit = scaledLimit(level, bound.factor, bound.offset)
  const bounded = (log: LogEstimate): Bounded => ({
    value: Math.exp(log.centre),
    low: Math.exp(log.centre - log.below),
    high: Math.exp(log.centre + log.above)
  })
  const baseline =
    baselines.length === 1
      ? { ...bounded(level), value: baselines[0].estimate.value }
      : bounded(level)
  const step = Math.max(...baselines.map((run) => run.estimate.step), now.estimate.step)
  const unknowable =
    now.estimate.unknowable ??
    baselines.map((run) => run.estimate.unknowable).find((reason) => reason !== undefined)
  return {
    now: { ...bounded(current), value: now.estimate.value },
    baseline,
    ratio: bounded(logDifference(current, level)),
    limit: {
      ...bounded(limit),
      value: baseline.value * bound.factor + bound.offset
    },
    side: sideOfZero(logDifference(current, limit)),
    withinStep: step > 0 && Math.abs(now.estimate.value - baseline.value) <= step,
    runToRunAssumed: assumedNow > 0,
    ...(unknowable === undefined ? {} : { unknowable })
  }
}
