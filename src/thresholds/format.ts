/** How threshold values and rules are shown to people: the one place that formats them. */

import { metricFamily, metricName } from './metrics.js'
import type { Metric, ThresholdRule } from './model.js'

/**
 * Rounds to a few decimals but keeps two significant digits of small values, so a tiny
 * non-zero value (a 0.004% failure ratio) never shows as 0.
 */
function numberFormat(maximumFractionDigits: number): Intl.NumberFormat {
  return new Intl.NumberFormat('en-US', {
    maximumFractionDigits,
    maximumSignificantDigits: 2,
    roundingPriority: 'morePrecision'
  })
}

const TIME_FORMAT = numberFormat(2)
const PERCENT_FORMAT = numberFormat(2)
const RATE_FORMAT = numberFormat(1)
const COUNT_FORMAT = numberFormat(0)

/**
 * A value in the metric's normalised unit, for people: "512 ms", "1.25%", "104.2/s", "4,333".
 * Null (not measured) is "n/a".
 */
export function formatMetricValue(metric: Metric, value: number | null): string {
  if (value === null) return 'n/a'
  switch (metricFamily(metric)) {
    case 'time':
      return `${TIME_FORMAT.format(value)} ms`
    case 'ratio':
      return `${PERCENT_FORMAT.format(value * 100)}%`
    case 'rate':
      return `${RATE_FORMAT.format(value)}/s`
    case 'count':
      return COUNT_FORMAT.format(value)
  }
}

/**
 * The rule in a normalised form: "p95 < 500 ms", "GET /api/items: fail_ratio < 1%",
 * "p95 < baseline × 1.1".
 */
export function describeRule(rule: ThresholdRule): string {
  const comparison = `${metricName(rule.metric)} ${rule.operator} ${describeBound(rule)}`
  return rule.selector === undefined ? comparison : `${rule.selector}: ${comparison}`
}

/** The right-hand side of a rule: "500 ms", "baseline × 1.1", "baseline + 50 ms", "baseline". */
export function describeBound(rule: ThresholdRule): string {
  if (rule.baseline === undefined) return formatMetricValue(rule.metric, rule.limit ?? null)
  const { factor, offset } = rule.baseline
  const parts = ['baseline']
  if (factor !== 1) parts.push(`× ${factor}`)
  if (offset !== 0)
    parts.push(`${offset < 0 ? '−' : '+'} ${formatMetricValue(rule.metric, Math.abs(offset))}`)
  return parts.join(' ')
}
