/** Evaluates threshold rules against one run's Locust results. Pure: no I/O. */

import { distance } from 'fastest-levenshtein'
import { endpointLabel, type EndpointStats, type LocustResults } from '../results/model.js'
import { withDefaultGuard } from './defaults.js'
import { estimateOf, historySpread, type RunFigures } from './estimates.js'
import { ROUND_METRICS, type RoundsFigures } from './round-figures.js'
import { compareRounds, poolRounds, type RoundPair } from './rounds.js'
import { compareRuns, type Measured, type RunComparison } from './statistics.js'
import { formatMetricValue } from './format.js'
import { metricName } from './metrics.js'
import type {
  ComparisonOperator,
  Evaluation,
  Interval,
  Metric,
  RuleResult,
  ThresholdRule
} from './model.js'

/** How many endpoint names a "never ran" reason lists, closest to the selector first. */
const NAMES_SEEN_SHOWN = 5

/** Two quantiles closer than this are the same column (99.9 written two ways). */
const QUANTILE_TOLERANCE = 1e-9

interface Target {
  /** How the reason names it: "GET /api/items", or "the whole test" for the aggregate. */
  label: string
  stats: EndpointStats
  /** A run of rounds: this target in each round of its side (the pooled `stats` are their sum). */
  rounds?: EndpointStats[]
}

/**
 * A target with the fixed limit it must hold, or for a baseline rule the baseline runs (with the
 * value each measured) its limit follows from.
 */
interface BoundTarget extends Target {
  limit?: number
  baselines?: { run: Target; value: number }[]
  /** A paired run (interleaved rounds, a duet): each round's candidate with its baseline side. */
  pairs?: { candidate: EndpointStats; baseline: EndpointStats }[]
}

type Measurement = { value: number } | { value: null; reason: string }

/** The confidence of every bound unless the `confidence` input says otherwise. */
export const DEFAULT_CONFIDENCE = 0.95

export interface EvaluationOptions {
  /** The one-sided confidence of every bound and of a baseline rule's verdict (0.5 < c < 1). */
  confidence?: number
  /**
   * A run of rounds (rounds.json): `results` are then its candidate side pooled; every interval
   * holds the spread between rounds, and with a baseline side (interleaved, duet) baseline rules
   * compare the two sides round by round instead of with `baselines`.
   */
  rounds?: RoundsFigures
}

/**
 * Judges every rule, plus the default failure guard when none of them checks failures (see
 * defaults.ts). Baseline rules ("p95 < baseline * 1.1") need at least one baseline run (several:
 * the baseline history, oldest or newest first, alike); without one, or when the baselines lack
 * what a rule measures, they are skipped: not a failure of the gate.
 */
export function evaluateThresholds(
  rules: ThresholdRule[],
  results: LocustResults | undefined,
  baselines: readonly RunFigures[] = [],
  options: EvaluationOptions = {}
): Evaluation {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  const { rounds } = options
  // A paired run carries its own baseline: the baseline side of the same rounds.
  const judgedAgainst = rounds?.baselinePooled ? [rounds.baselinePooled] : baselines
  const ruleResults = withDefaultGuard(rules, judgedAgainst.length > 0).map((rule) =>
    evaluateRule(rule, results, judgedAgainst, confidence, rounds)
  )
  // A rule that could not be measured keeps the gate shut as a failed one does; a skipped or
  // inconclusive one not (on-inconclusive decides what an inconclusive run means for the step).
  const passed = ruleResults.every(
    (result) => result.verdict !== 'fail' && result.verdict !== 'not_evaluated'
  )
  const inconclusive = ruleResults.some((result) => result.verdict === 'inconclusive')
  return { passed, inconclusive, confidence, results: ruleResults }
}

/** One rule on one run's figures (the CSVs after the run, or the live figures while it runs). */
export function evaluateRule(
  rule: ThresholdRule,
  results: RunFigures | undefined,
  baselines: readonly RunFigures[],
  confidence: number,
  rounds?: RoundsFigures
): RuleResult {
  if (!results) {
    return notEvaluated(rule, 'no results to measure: Locust wrote no readable output')
  }
  const plain: Target[] =
    rule.selector === undefined
      ? [{ label: 'the whole test', stats: results.aggregate }]
      : selectEndpoints(rule.selector, results.endpoints)
  if (rule.selector !== undefined && plain.length === 0) {
    return notEvaluated(rule, neverRanReason(rule.selector, results.endpoints))
  }
  const byRound = rounds && ROUND_METRICS.has(rule.metric.kind) ? rounds : undefined
  const targets = byRound
    ? plain.map((target) => ({ ...target, rounds: inRounds(rule, target, byRound.candidate) }))
    : plain
  const bound = bindLimits(rule, targets, baselines)
  if (!Array.isArray(bound)) return bound
  const paired = byRound?.baselinePooled && rule.baseline ? withPairs(rule, bound, byRound) : bound
  return Array.isArray(paired) ? judge(rule, paired, confidence) : paired
}

/** A target's stats in each round that measured it (by its label; the aggregate by its own row). */
function inRounds(
  rule: ThresholdRule,
  target: Target,
  rounds: readonly RunFigures[]
): EndpointStats[] {
  return rounds.flatMap((round) => {
    const stats =
      rule.selector === undefined
        ? round.aggregate
        : round.endpoints.find((endpoint) => endpointLabel(endpoint) === target.label)
    return stats && stats.requests > 0 ? [stats] : []
  })
}

/** Each target with its limit or its baseline runs; skipped when a baseline rule has none. */
function bindLimits(
  rule: ThresholdRule,
  targets: Target[],
  baselines: readonly RunFigures[]
): BoundTarget[] | RuleResult {
  if (rule.baseline === undefined) {
    return targets.map((target) => ({ ...target, limit: rule.limit ?? Number.NaN }))
  }
  if (baselines.length === 0) return skipped(rule, 'no baseline')
  const bound: BoundTarget[] = []
  for (const target of targets) {
    const runs: Target[] = baselines.flatMap((baseline) => {
      const stats =
        rule.selector === undefined
          ? baseline.aggregate
          : baseline.endpoints.find((endpoint) => endpointLabel(endpoint) === target.label)
      return stats ? [{ label: target.label, stats }] : []
    })
    if (runs.length === 0) {
      return skipped(rule, `no baseline for ${target.label}: it did not run in the baseline`)
    }
    const measuredRuns: { run: Target; value: number }[] = []
    for (const run of runs) {
      const measured = measure(rule.metric, run)
      if (measured.value === null) return skipped(rule, `no baseline value: ${measured.reason}`)
      measuredRuns.push({ run, value: measured.value })
    }
    bound.push({ ...target, baselines: measuredRuns })
  }
  return bound
}

/** Each target with its rounds paired by index: both sides must have measured it in a round. */
function withPairs(
  rule: ThresholdRule,
  targets: BoundTarget[],
  rounds: RoundsFigures
): BoundTarget[] | RuleResult {
  const paired: BoundTarget[] = []
  for (const target of targets) {
    const pairs = rounds.candidate.flatMap((candidateRound, i) => {
      const [candidate] = inRounds(rule, target, [candidateRound])
      const [baseline] = inRounds(rule, target, [rounds.baseline[i]])
      return candidate && baseline ? [{ candidate, baseline }] : []
    })
    if (pairs.length === 0) {
      return skipped(rule, `no round measured ${target.label} on both sides`)
    }
    paired.push({ ...target, pairs })
  }
  return paired
}

/**
 * "GET /items" matches that method and name exactly. Only when nothing matches that way is the
 * selector taken as a bare name; if several methods share the name ("GET /items", "POST /items"),
 * the rule must hold for each of them, since a limit on "/items" promises it for every request.
 */
function selectEndpoints(selector: string, endpoints: EndpointStats[]): Target[] {
  const byMethodAndName = endpoints.filter((stats) => endpointLabel(stats) === selector)
  const matches =
    byMethodAndName.length > 0
      ? byMethodAndName
      : endpoints.filter((stats) => stats.name === selector)
  return matches.map((stats) => ({ label: endpointLabel(stats), stats }))
}

function neverRanReason(selector: string, endpoints: EndpointStats[]): string {
  const seen = endpoints
    .map(endpointLabel)
    .map((label) => ({ label, distance: distance(selector, label) }))
    .sort((a, b) => a.distance - b.distance)
    .map(({ label }) => label)
  const hidden = seen.length - NAMES_SEEN_SHOWN
  const names =
    seen.length === 0
      ? 'none'
      : seen.slice(0, NAMES_SEEN_SHOWN).join(', ') + (hidden > 0 ? `, and ${hidden} more` : '')
  return `no requests to "${selector}"; the endpoint never ran (names seen: ${names})`
}

/** A target's judgement: its verdict, how far inside the limit, and what the result shows. */
interface Judged {
  target: BoundTarget
  value: number
  margin: number
  verdict: 'pass' | 'fail' | 'inconclusive'
  shown: Omit<RuleResult, 'rule' | 'verdict'>
}

const VERDICT_SEVERITY = { fail: 2, inconclusive: 1, pass: 0 } as const

/**
 * The rule holds when it holds for every target; the result shown is the worst target's (a
 * failing one before an inconclusive one, then the smallest margin).
 */
function judge(rule: ThresholdRule, targets: BoundTarget[], confidence: number): RuleResult {
  const judged: Judged[] = []
  for (const target of targets) {
    const measurement = measure(rule.metric, target)
    if (measurement.value === null) return notEvaluated(rule, measurement.reason)
    judged.push(judgeTarget(rule, target, measurement.value, confidence))
  }
  const worst = judged.reduce((a, b) =>
    VERDICT_SEVERITY[b.verdict] > VERDICT_SEVERITY[a.verdict] ||
    (VERDICT_SEVERITY[b.verdict] === VERDICT_SEVERITY[a.verdict] && b.margin < a.margin)
      ? b
      : a
  )
  const result: RuleResult = { rule, ...worst.shown, verdict: worst.verdict }
  if (worst.verdict !== 'fail' || targets.length === 1) return result
  const reason =
    `${worst.target.label} breaks it with ${formatMetricValue(rule.metric, worst.value)}; a rule on ` +
    `"${rule.selector}" applies to each of ${targets.map((target) => target.label).join(', ')}`
  return { ...result, reason }
}

/**
 * One target. An absolute rule compares the point value with its limit (its bounds are shown
 * beside it). A baseline rule on an ordering operator fails only when the run is beyond the limit
 * at the confidence, passes when it is inside it at the confidence, and is inconclusive between;
 * a change within Locust's rounding step is never a regression.
 */
function judgeTarget(
  rule: ThresholdRule,
  target: BoundTarget,
  value: number,
  confidence: number
): Judged {
  const measuredOf = (run: Target, runValue: number): Measured => ({
    estimate: estimateOf(rule.metric, run.stats, runValue, confidence),
    spread: historySpread(rule.metric, run.stats)
  })
  const inRound = (stats: EndpointStats): Measured[] => {
    const roundValue = metricValue(rule.metric, stats)
    return roundValue === null ? [] : [measuredOf({ label: target.label, stats }, roundValue)]
  }
  // Rounds of one side: the run's level and bounds are the rounds' (./rounds.ts), with their spread.
  const pooled =
    target.rounds && target.rounds.length > 0
      ? poolRounds(target.rounds.flatMap(inRound), value, confidence)
      : undefined
  const now: Measured = {
    ...measuredOf(target, value),
    ...(pooled ? { log: pooled.level } : {})
  }
  const baselines = target.baselines
  const pairs: RoundPair[] | undefined = target.pairs?.flatMap(({ candidate, baseline }) => {
    const [c] = inRound(candidate)
    const [b] = inRound(baseline)
    return c && b ? [{ candidate: c, baseline: b }] : []
  })
  // With several baseline runs the limit follows from their geometric mean (statistics.ts); a
  // paired run compares round by round (rounds.ts).
  const comparison: (RunComparison & { rounds?: number }) | undefined =
    rule.baseline && pairs && pairs.length > 0 && baselines
      ? compareRounds(
          pairs,
          { candidate: value, baseline: baselines[0].value },
          rule.baseline,
          confidence
        )
      : rule.baseline && baselines
        ? compareRuns(
            now,
            baselines.map(({ run, value: runValue }) => measuredOf(run, runValue)),
            rule.baseline,
            confidence
          )
        : undefined
  const limit = comparison?.limit.value ?? target.limit ?? Number.NaN
  const pointMargin = margin(rule.operator, value, limit)
  const pointVerdict = holds(rule.operator, pointMargin) ? 'pass' : 'fail'
  const roundsJudged = comparison?.rounds ?? pooled?.level.rounds
  const shown = {
    actual: value,
    limit,
    interval: intervalOf(pooled?.bounds ?? now.estimate),
    method: now.estimate.method,
    ...(roundsJudged === undefined ? {} : { rounds: roundsJudged })
  }
  if (!comparison || !baselines) {
    return { target, value, margin: pointMargin, verdict: pointVerdict, shown }
  }
  const decided = baselineVerdict(rule.operator, comparison, pointVerdict)
  return {
    target,
    value,
    margin: pointMargin,
    verdict: decided.verdict,
    shown: {
      ...shown,
      interval: intervalOf(comparison.now),
      baselineValue: comparison.baseline.value,
      baselineInterval: intervalOf(comparison.baseline),
      ratio: { value: comparison.ratio.value, ...intervalOf(comparison.ratio) },
      baselineRuns: comparison.rounds === undefined ? baselines.length : 0,
      ...(decided.reason === undefined ? {} : { reason: decided.reason })
    }
  }
}

function baselineVerdict(
  operator: ComparisonOperator,
  comparison: RunComparison,
  pointVerdict: 'pass' | 'fail'
): { verdict: 'pass' | 'fail' | 'inconclusive'; reason?: string } {
  const upper = operator === '<' || operator === '<='
  const lower = operator === '>' || operator === '>='
  // == and != against a baseline have no direction to be confident in: the point decides.
  if (!upper && !lower) return { verdict: pointVerdict }
  if (comparison.unknowable !== undefined) {
    return { verdict: 'inconclusive', reason: comparison.unknowable }
  }
  const inside = upper ? 'below' : 'above'
  if (comparison.side === inside) return { verdict: 'pass' }
  if (upper && comparison.withinStep) {
    return { verdict: 'pass', reason: "within Locust's rounding step of the baseline" }
  }
  if (comparison.side !== 'straddles') return { verdict: 'fail' }
  return {
    verdict: 'inconclusive',
    reason:
      `the interval of now ÷ baseline (${formatRatio(comparison.ratio.low)}–${formatRatio(comparison.ratio.high)}) straddles the limit` +
      (comparison.runToRunAssumed
        ? '; one run against one, so a rounding step of run-to-run noise is assumed (a baseline history or rounds measure it)'
        : '')
  }
}

function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `×${ratio.toFixed(2)}` : '×∞'
}

function intervalOf(bounds: { low: number; high: number }): Interval {
  return { low: bounds.low, high: Number.isFinite(bounds.high) ? bounds.high : null }
}

function notEvaluated(rule: ThresholdRule, reason: string): RuleResult {
  return { rule, actual: null, limit: rule.limit ?? null, verdict: 'not_evaluated', reason }
}

function skipped(rule: ThresholdRule, reason: string): RuleResult {
  return { rule, actual: null, limit: null, verdict: 'skipped', reason: `skipped: ${reason}` }
}

/**
 * How far the value is inside the passing side of the limit (negative: outside). The smallest
 * margin is the worst value, and each operator holds exactly when its margin is positive (strict
 * operators) or not negative.
 */
function margin(operator: ComparisonOperator, value: number, limit: number): number {
  switch (operator) {
    case '<':
    case '<=':
      return limit - value
    case '>':
    case '>=':
      return value - limit
    case '==':
      return -Math.abs(value - limit)
    case '!=':
      return Math.abs(value - limit)
  }
}

function holds(operator: ComparisonOperator, marginToLimit: number): boolean {
  const strict = operator === '<' || operator === '>' || operator === '!='
  return strict ? marginToLimit > 0 : marginToLimit >= 0
}

function measure(metric: Metric, { label, stats }: Target): Measurement {
  if (stats.requests === 0) return { value: null, reason: `${label} recorded no requests` }
  const name = metricName(metric)
  const notAvailable = {
    value: null,
    reason: `${name} has no value for ${label} (Locust wrote N/A)`
  }
  const time = (ms: number | null): Measurement => (ms === null ? notAvailable : { value: ms })
  switch (metric.kind) {
    case 'min':
      return time(stats.minMs)
    case 'max':
      return time(stats.maxMs)
    case 'avg':
      return time(stats.avgMs)
    case 'median':
      return time(stats.medianMs)
    case 'percentile': {
      const column = stats.percentiles.find(
        (percentile) => Math.abs(percentile.quantile - metric.quantile) < QUANTILE_TOLERANCE
      )
      if (column) return time(column.ms)
      const written = stats.percentiles.map((percentile) => percentile.label).join(', ') || 'none'
      return {
        value: null,
        reason:
          `Locust wrote no ${metric.quantile}% column (columns written: ${written}); use one of ` +
          `those, or add ${metric.quantile / 100} to locust.stats.PERCENTILES_TO_REPORT in the locustfile`
      }
    }
    case 'rps':
      return { value: stats.rps }
    case 'fail_rps':
      return { value: stats.failRps }
    case 'requests':
      return { value: stats.requests }
    case 'failures':
      return { value: stats.failures }
    case 'fail_ratio':
      return { value: stats.failures / stats.requests }
  }
}

/** A metric's value for one endpoint (or the aggregate) as rules see it; null when not measured. */
export function metricValue(metric: Metric, stats: EndpointStats): number | null {
  return measure(metric, { label: '', stats }).value
}
