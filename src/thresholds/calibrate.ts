/**
 * `calibrate` (issue 19): what A/A rounds against one target say about the noise a paired gate
 * will see, the smallest slowdown it can catch, and the rules and run time to write. Pure: the
 * rounds come read and pooled (./round-figures.ts); docs/thresholds.md ("Calibrate") explains it.
 *
 * Consecutive rounds are paired among themselves (1 with 2, 3 with 4, …) like a baseline and a
 * candidate measured one after the other. Identical code makes each pair's log ratio d_j a draw of
 * the A/A noise with mean 0, so its spread is σ² = Σ d_j² / P with P degrees of freedom (P pairs),
 * never below the pairs' own sampling noise. A gate of R paired rounds bounds the mean log ratio
 * within about t_{c,R−1} · σ / √R; identical code then passes `* f` with probability ≈ power when
 * log f ≥ (t_{c,R−1} + z_power) · σ / √R, and a slowdown ρ is caught with that probability when
 * log ρ ≥ log f + (t_{c,R−1} + z_power) · σ / √R.
 */
import { metricName } from './metrics.js'
import type { Metric } from './model.js'
import type { RunFigures } from './estimates.js'
import { estimateOf } from './estimates.js'
import { metricValue } from './evaluate.js'
import type { RoundsFigures } from './round-figures.js'
import { varianceOf } from './rounds.js'
import { tOf, toLog, zOf } from './statistics.js'
import { endpointLabel, type EndpointStats } from '../results/model.js'

/** The figures whose noise is measured, per endpoint and overall. */
export const CALIBRATED_METRICS: readonly Metric[] = [
  { kind: 'percentile', quantile: 50 },
  { kind: 'percentile', quantile: 95 },
  { kind: 'percentile', quantile: 99 },
  { kind: 'rps' }
]

/** The probability that the suggested tolerance passes identical code (and catches its slowdown). */
export const CALIBRATION_POWER = 0.8

/** Tolerances are suggested in steps of this (×1.05, ×1.10, …): a rule people read and keep. */
const TOLERANCE_STEP = 0.05

export interface NoiseBand {
  /** "Aggregated" or the endpoint. */
  label: string
  metric: string
  /** The figure over all rounds. */
  value: number | null
  /** Log sd of one A/A pair's ratio (σ); null when it cannot be measured (too few requests). */
  pairSd: number | null
  /** The share of σ² that is each round's own sampling noise (the rest is between rounds). */
  withinShare: number | null
  /** The ratio one A/A pair falls within at the confidence, e.g. 0.93–1.07. */
  band: { low: number; high: number } | null
  /** The smallest tolerance (`baseline * f`) identical code passes with CALIBRATION_POWER. */
  tolerance: number | null
  /** The smallest slowdown (ratio) caught with CALIBRATION_POWER under that tolerance. */
  detectable: number | null
}

export interface Calibration {
  rounds: number
  pairs: number
  roundSeconds: number
  gateRounds: number
  confidence: number
  bands: NoiseBand[]
  /** Rules to paste: `p95 < baseline * f` per endpoint (where measurable) and overall. */
  suggestedRules: string[]
  /** Round length for the gate: longer when each round's own sampling noise dominates. */
  suggestedRoundSeconds: number
  /** Why not, when the rounds cannot calibrate (fewer than two complete rounds). */
  problem?: string
}

/** A/A rounds of one target → the noise band, the detectable slowdown and suggestions. */
export function calibrate(
  rounds: RoundsFigures,
  options: { confidence: number; gateRounds: number }
): Calibration {
  const { confidence, gateRounds } = options
  const pairs = Math.floor(rounds.candidate.length / 2)
  const base = {
    rounds: rounds.candidate.length,
    pairs,
    roundSeconds: rounds.roundSeconds,
    gateRounds,
    confidence
  }
  if (pairs === 0) {
    return {
      ...base,
      bands: [],
      suggestedRules: [],
      suggestedRoundSeconds: rounds.roundSeconds,
      problem: `${rounds.candidate.length} complete round: calibrating needs at least 2 (4 or more give a useful band)`
    }
  }
  const labels = [
    'Aggregated',
    ...rounds.candidatePooled.endpoints.map((endpoint) => endpointLabel(endpoint))
  ]
  const bands = labels.flatMap((label) =>
    CALIBRATED_METRICS.map((metric) => bandOf(label, metric, rounds, options))
  )
  const p95 = bands.filter((band) => band.metric === 'p95' && band.tolerance !== null)
  const suggestedRules = p95.map((band) => {
    const quoted = band.label.replace(/[\\"]/g, (character) => `\\${character}`)
    const selector = band.label === 'Aggregated' ? '' : `"${quoted}": `
    return `${selector}p95 < baseline * ${band.tolerance!.toFixed(2)}`
  })
  const sampling = p95.map((band) => band.withinShare ?? 0)
  const dominatedBySampling =
    sampling.length > 0 && sampling.reduce((sum, share) => sum + share, 0) / sampling.length > 0.5
  return {
    ...base,
    bands,
    suggestedRules,
    // Twice the requests halve a round's sampling variance; the spread between rounds stays.
    suggestedRoundSeconds: dominatedBySampling ? rounds.roundSeconds * 2 : rounds.roundSeconds
  }
}

function statsIn(figures: RunFigures, label: string): EndpointStats | undefined {
  return label === 'Aggregated'
    ? figures.aggregate
    : figures.endpoints.find((endpoint) => endpointLabel(endpoint) === label)
}

function bandOf(
  label: string,
  metric: Metric,
  rounds: RoundsFigures,
  options: { confidence: number; gateRounds: number }
): NoiseBand {
  const z = zOf(options.confidence)
  const pooled = statsIn(rounds.candidatePooled, label)
  const value = pooled ? metricValue(metric, pooled) : null
  const unknown = {
    label,
    metric: metricName(metric),
    value,
    pairSd: null,
    withinShare: null,
    band: null,
    tolerance: null,
    detectable: null
  }
  const logs = rounds.candidate.map((round) => {
    const stats = statsIn(round, label)
    const roundValue = stats ? metricValue(metric, stats) : null
    if (!stats || roundValue === null || roundValue <= 0) return null
    const log = toLog(estimateOf(metric, stats, roundValue, options.confidence))
    return { centre: log.centre, variance: varianceOf(log, z) }
  })
  const differences: { d: number; variance: number }[] = []
  for (let j = 0; j + 1 < logs.length; j += 2) {
    const [a, b] = [logs[j], logs[j + 1]]
    if (!a || !b || !Number.isFinite(a.variance + b.variance)) return unknown
    differences.push({ d: b.centre - a.centre, variance: a.variance + b.variance })
  }
  const p = differences.length
  const within = differences.reduce((sum, pair) => sum + pair.variance, 0) / p
  const observed = differences.reduce((sum, pair) => sum + pair.d ** 2, 0) / p
  const variance = Math.max(observed, within)
  const pairSd = Math.sqrt(variance)
  const r = options.gateRounds
  // The gate's bound on its mean log ratio, and what passing and catching with the power take.
  const margin =
    ((r > 1 ? tOf(options.confidence, r - 1) : z) + zOf(CALIBRATION_POWER)) *
    (pairSd / Math.sqrt(r))
  const tolerance = Math.ceil((Math.exp(margin) - 1) / TOLERANCE_STEP - 1e-9) * TOLERANCE_STEP + 1
  return {
    ...unknown,
    pairSd,
    withinShare: variance > 0 ? within / variance : 1,
    band: { low: Math.exp(-z * pairSd), high: Math.exp(z * pairSd) },
    tolerance: Math.max(1 + TOLERANCE_STEP, tolerance),
    detectable: Math.max(1 + TOLERANCE_STEP, tolerance) * Math.exp(margin)
  }
}
