/** Evaluates threshold rules against one run's Locust results. Pure: no I/O. */

import { distance } from 'fastest-levenshtein'
import { endpointLabel, type EndpointStats, type LocustResults } from '../results/model.js'
import { withDefaultGuard } from './defaults.js'
import { formatMetricValue } from './format.js'
import { metricName } from './metrics.js'
import type { ComparisonOperator, Evaluation, Metric, RuleResult, ThresholdRule } from './model.js'

/** How many endpoint names a "never ran" reason lists, closest to the selector first. */
const NAMES_SEEN_SHOWN = 5

/** Two quantiles closer than this are the same column (99.9 written two ways). */
const QUANTILE_TOLERANCE = 1e-9

interface Target {
  /** How the reason names it: "GET /api/items", or "the whole test" for the aggregate. */
  label: string
  stats: EndpointStats
}

/** A target with the limit it must hold, and for a baseline rule the baseline value behind it. */
interface BoundTarget extends Target {
  limit: number
  baselineValue?: number
}

type Measurement = { value: number } | { value: null; reason: string }

/** The figures a baseline rule compares with: a previous run's aggregate and endpoints. */
type BaselineFigures = Pick<LocustResults, 'aggregate' | 'endpoints'>

/**
 * Judges every rule, plus the default failure guard when none of them checks failures (see
 * defaults.ts). Baseline rules ("p95 < baseline * 1.1") need `baseline`; without it, or
 * when the baseline lacks what a rule measures, they are skipped: not a failure of the gate.
 */
export function evaluateThresholds(
  rules: ThresholdRule[],
  results: LocustResults | undefined,
  baseline?: BaselineFigures
): Evaluation {
  const ruleResults = withDefaultGuard(rules, baseline !== undefined).map((rule) =>
    evaluateRule(rule, results, baseline)
  )
  // A rule that could not be measured keeps the gate shut as a failed one does; a skipped one not.
  const passed = ruleResults.every(
    (result) => result.verdict === 'pass' || result.verdict === 'skipped'
  )
  return { passed, results: ruleResults }
}

function evaluateRule(
  rule: ThresholdRule,
  results: LocustResults | undefined,
  baseline: BaselineFigures | undefined
): RuleResult {
  if (!results) {
    return notEvaluated(rule, 'no results to measure: Locust wrote no readable output')
  }
  const targets =
    rule.selector === undefined
      ? [{ label: 'the whole test', stats: results.aggregate }]
      : selectEndpoints(rule.selector, results.endpoints)
  if (rule.selector !== undefined && targets.length === 0) {
    return notEvaluated(rule, neverRanReason(rule.selector, results.endpoints))
  }
  const bound = bindLimits(rule, targets, baseline)
  return Array.isArray(bound) ? judge(rule, bound) : bound
}

/** Each target with its limit; a skipped result when a baseline rule has nothing to compare. */
function bindLimits(
  rule: ThresholdRule,
  targets: Target[],
  baseline: BaselineFigures | undefined
): BoundTarget[] | RuleResult {
  if (rule.baseline === undefined) {
    return targets.map((target) => ({ ...target, limit: rule.limit ?? Number.NaN }))
  }
  if (!baseline) return skipped(rule, 'no baseline')
  const { factor, offset } = rule.baseline
  const bound: BoundTarget[] = []
  for (const target of targets) {
    const baselineStats =
      rule.selector === undefined
        ? baseline.aggregate
        : baseline.endpoints.find((stats) => endpointLabel(stats) === target.label)
    if (!baselineStats) {
      return skipped(rule, `no baseline for ${target.label}: it did not run in the baseline`)
    }
    const measured = measure(rule.metric, { label: target.label, stats: baselineStats })
    if (measured.value === null) return skipped(rule, `no baseline value: ${measured.reason}`)
    bound.push({
      ...target,
      limit: measured.value * factor + offset,
      baselineValue: measured.value
    })
  }
  return bound
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

/** The rule holds when it holds for every target; the actual value shown is the worst one. */
function judge(rule: ThresholdRule, targets: BoundTarget[]): RuleResult {
  const measured: { target: BoundTarget; value: number; margin: number }[] = []
  for (const target of targets) {
    const measurement = measure(rule.metric, target)
    if (measurement.value === null) return notEvaluated(rule, measurement.reason)
    const value = measurement.value
    measured.push({ target, value, margin: margin(rule.operator, value, target.limit) })
  }
  const worst = measured.reduce((a, b) => (b.margin < a.margin ? b : a))
  const verdict = holds(rule.operator, worst.margin) ? 'pass' : 'fail'
  const result: RuleResult = {
    rule,
    actual: worst.value,
    limit: worst.target.limit,
    ...(worst.target.baselineValue === undefined
      ? {}
      : { baselineValue: worst.target.baselineValue }),
    verdict
  }
  if (verdict === 'pass' || targets.length === 1) return result
  const reason =
    `${worst.target.label} breaks it with ${formatMetricValue(rule.metric, worst.value)}; a rule on ` +
    `"${rule.selector}" applies to each of ${targets.map((target) => target.label).join(', ')}`
  return { ...result, reason }
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
