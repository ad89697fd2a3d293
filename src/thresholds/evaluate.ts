/** Evaluates threshold rules against one run's Locust results. Pure: no I/O. */

import { distance } from 'fastest-levenshtein'
import type { EndpointStats, LocustResults } from '../results/model.js'
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

type Measurement = { value: number } | { value: null; reason: string }

export function evaluateThresholds(
  rules: ThresholdRule[],
  results: LocustResults | undefined
): Evaluation {
  const ruleResults = rules.map((rule) => evaluateRule(rule, results))
  return { passed: ruleResults.every((result) => result.verdict === 'pass'), results: ruleResults }
}

function evaluateRule(rule: ThresholdRule, results: LocustResults | undefined): RuleResult {
  if (!results) {
    return failed(rule, 'no results to measure: Locust wrote no readable output')
  }
  if (rule.selector === undefined) {
    return judge(rule, [{ label: 'the whole test', stats: results.aggregate }])
  }
  const targets = selectEndpoints(rule.selector, results.endpoints)
  if (targets.length === 0) return failed(rule, neverRanReason(rule.selector, results.endpoints))
  return judge(rule, targets)
}

function endpointLabel(stats: EndpointStats): string {
  return stats.method === '' ? stats.name : `${stats.method} ${stats.name}`
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
function judge(rule: ThresholdRule, targets: Target[]): RuleResult {
  const measured: { target: Target; value: number }[] = []
  for (const target of targets) {
    const measurement = measure(rule.metric, target)
    if (measurement.value === null) return failed(rule, measurement.reason)
    measured.push({ target, value: measurement.value })
  }
  const worst = measured.reduce((a, b) =>
    margin(rule.operator, b.value, rule.limit) < margin(rule.operator, a.value, rule.limit) ? b : a
  )
  const verdict = holds(rule.operator, margin(rule.operator, worst.value, rule.limit))
    ? 'pass'
    : 'fail'
  if (verdict === 'pass' || targets.length === 1) return { rule, actual: worst.value, verdict }
  const reason =
    `${worst.target.label} breaks it with ${formatMetricValue(rule.metric, worst.value)}; a rule on ` +
    `"${rule.selector}" applies to each of ${targets.map((target) => target.label).join(', ')}`
  return { rule, actual: worst.value, verdict, reason }
}

function failed(rule: ThresholdRule, reason: string): RuleResult {
  return { rule, actual: null, verdict: 'fail', reason }
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
