/**
 * Rounds (issue 19): a figure measured in K rounds, and a candidate compared with a baseline round
 * by round. Pure: numbers in, numbers out. The method is explained for checking by hand in
 * docs/thresholds.md ("Rounds").
 *
 * Each round gives a log value y_i with a within-round variance v_i (its order-statistic, Poisson
 * or binomial bounds from ./statistics.ts, turned into a standard error). Rounds also differ from
 * each other beyond that (the machine, the target's state): a random effect of variance τ², so
 * y_i ~ N(μ, τ² + v_i). The level is the plain mean ȳ of the K rounds (rounds are equally long by
 * design), and its bound at the one-sided confidence c is
 *
 *   ȳ ± max( t_{c, K−1} · s / √K ,  z_c · √(v̄ / K) )
 *
 * with s the rounds' sample standard deviation and v̄ their mean within-round variance. The first
 * term alone is Student's exact interval whatever τ² is (ȳ and s² come from the same variance
 * τ² + v̄), so the spread between rounds is in every interval and the uncertainty of a spread seen
 * in only K rounds is paid for at K − 1 degrees of freedom; the second never lets the interval be
 * narrower than the rounds' own sampling noise (three rounds that agree by chance, or Locust's
 * rounding making them read alike). Containing an exact interval, the bound covers at least at c
 * for every τ². A paired design (interleaved rounds, a duet) applies this to the per-round
 * differences candidate − baseline, in which the conditions both sides share cancel. τ is reported
 * as the moment estimate √max(0, s² − v̄).
 */
import { sampleStandardDeviation } from 'simple-statistics'
import {
  assumedRunToRun,
  sideOfZero,
  scaledLimit,
  tOf,
  toLog,
  zOf,
  type Bounded,
  type LogEstimate,
  type Measured,
  type RunComparison
} from './statistics.js'

/** One round's figure on the log scale with its within-round variance. */
export interface RoundObservation {
  log: number
  variance: number
}

/** The level of K rounds on the log scale, with the bounds at the confidence. */
export interface RoundsLevel extends LogEstimate {
  rounds: number
  /** The between-round standard deviation (τ) beyond the rounds' own noise, on the log scale. */
  betweenSd: number
}

/**
 * The level of K ≥ 1 rounds with its bounds (see above). One round has no between-round term: its
 * own bounds at z. An infinite variance (a round that cannot bound its figure) gives infinite bounds.
 */
export function roundsLevel(
  observations: readonly RoundObservation[],
  confidence: number
): RoundsLevel {
  const k = observations.length
  if (k === 0) throw new Error('roundsLevel needs at least one round')
  const centre = observations.reduce((sum, round) => sum + round.log, 0) / k
  const withinVariance = observations.reduce((sum, round) => sum + round.variance, 0) / k
  if (!Number.isFinite(withinVariance)) {
    return { centre, below: Infinity, above: Infinity, rounds: k, betweenSd: 0 }
  }
  const within = zOf(confidence) * Math.sqrt(withinVariance / k)
  if (k === 1) return { centre, below: within, above: within, rounds: 1, betweenSd: 0 }
  const spread = sampleStandardDeviation(observations.map((round) => round.log))
  const half = Math.max(within, (tOf(confidence, k - 1) * spread) / Math.sqrt(k))
  const betweenSd = Math.sqrt(Math.max(0, spread ** 2 - withinVariance))
  return { centre, below: half, above: half, rounds: k, betweenSd }
}

/** A log estimate's bounds as a variance: the mean of its two distances, as a standard error at z. */
export function varianceOf(log: LogEstimate, z: number): number {
  return ((log.below + log.above) / (2 * z)) ** 2
}

function observationOf(log: LogEstimate, z: number): RoundObservation {
  return { log: log.centre, variance: varianceOf(log, z) }
}

function difference(a: LogEstimate, b: LogEstimate, z: number): RoundObservation {
  return { log: a.centre - b.centre, variance: varianceOf(a, z) + varianceOf(b, z) }
}

function boundedOf(log: LogEstimate): Bounded {
  return {
    value: Math.exp(log.centre),
    low: Math.exp(log.centre - log.below),
    high: Math.exp(log.centre + log.above)
  }
}

function unknowableOf(rounds: readonly Measured[]): string | undefined {
  return rounds.map((round) => round.estimate.unknowable).find((reason) => reason !== undefined)
}

/** A figure pooled over rounds: the point value the rule reads, and bounds with the rounds' spread. */
export interface PooledFigure {
  /** The pooled figure (e.g. the percentile of all rounds' requests together). */
  value: number
  /** The rounds' level (geometric mean) with its bounds, between-round spread included. */
  level: RoundsLevel
  bounds: Bounded
  unknowable?: string
}

/**
 * K rounds of one side pooled (`rounds: N` without a baseline host, or either side of a paired run):
 * the value is the pooled figure, the bounds those of the rounds' random-effects level.
 */
export function poolRounds(
  rounds: readonly Measured[],
  pooledValue: number,
  confidence: number
): PooledFigure {
  const z = zOf(confidence)
  const level = roundsLevel(
    rounds.map((round) => observationOf(toLog(round.estimate), z)),
    confidence
  )
  const unknowable = unknowableOf(rounds)
  return {
    value: pooledValue,
    level,
    bounds: { ...boundedOf(level), value: pooledValue },
    ...(unknowable === undefined ? {} : { unknowable })
  }
}

/** One round of a paired run: both sides' figures, measured under the same conditions. */
export interface RoundPair {
  candidate: Measured
  baseline: Measured
}

/** A paired comparison: the run comparison, and how many rounds and how much spread it saw. */
export interface PairedComparison extends RunComparison {
  rounds: number
  /** Between-round spread (τ) of the per-round log ratios beyond their own noise. */
  betweenSd: number
}

/**
 * The candidate against the baseline round by round, against the limit baseline × factor +
 * offset: per round, d_i = log(candidate_i) − log(baseline_i × factor + offset) with the variance
 * of both sides' bounds; the rule's side of zero comes from the random-effects level of the d_i
 * (modified Knapp–Hartung), so a round effect shared by both sides cancels and the spread of the
 * differences between rounds is in the interval. `pooled` holds each side's figure over all its
 * rounds, the values shown.
 */
export function compareRounds(
  pairs: readonly RoundPair[],
  pooled: { candidate: number; baseline: number },
  bound: { factor: number; offset: number },
  confidence: number
): PairedComparison {
  const z = zOf(confidence)
  const logs = pairs.map((pair) => ({
    candidate: toLog(pair.candidate.estimate),
    baseline: toLog(pair.baseline.estimate)
  }))
  // One round a side is one run against one: the spread between rounds is assumed, as there.
  const assumedVariance =
    pairs.length === 1
      ? (assumedRunToRun(pairs[0].candidate.estimate, confidence) / z) ** 2 +
        (assumedRunToRun(pairs[0].baseline.estimate, confidence) / z) ** 2
      : 0
  const withAssumed = (round: RoundObservation): RoundObservation => ({
    ...round,
    variance: round.variance + assumedVariance
  })
  const toLimit = roundsLevel(
    logs.map((round) =>
      withAssumed(
        difference(round.candidate, scaledLimit(round.baseline, bound.factor, bound.offset), z)
      )
    ),
    confidence
  )
  const ratio = roundsLevel(
    logs.map((round) => withAssumed(difference(round.candidate, round.baseline, z))),
    confidence
  )
  const candidate = roundsLevel(
    logs.map((round) => observationOf(round.candidate, z)),
    confidence
  )
  const baseline = roundsLevel(
    logs.map((round) => observationOf(round.baseline, z)),
    confidence
  )
  const step = Math.max(
    ...pairs.flatMap((pair) => [pair.candidate.estimate.step, pair.baseline.estimate.step])
  )
  const unknowable = unknowableOf(pairs.flatMap((pair) => [pair.candidate, pair.baseline]))
  const limitValue = pooled.baseline * bound.factor + bound.offset
  const limitLevel = scaledLimit(baseline, bound.factor, bound.offset)
  return {
    now: { ...boundedOf(candidate), value: pooled.candidate },
    baseline: { ...boundedOf(baseline), value: pooled.baseline },
    ratio: boundedOf(ratio),
    limit: { ...boundedOf(limitLevel), value: limitValue },
    side: sideOfZero(toLimit),
    withinStep: step > 0 && Math.abs(pooled.candidate - pooled.baseline) <= step,
    runToRunAssumed: assumedVariance > 0,
    rounds: pairs.length,
    betweenSd: ratio.betweenSd,
    ...(unknowable === undefined ? {} : { unknowable })
  }
}
