/**
 * Number formatting for every rendering of a report. Human text follows the threshold language's
 * formatter (src/thresholds/format.ts), so a p95 reads the same in a rule's verdict and in the
 * endpoint table; machine values (results.json, action outputs) are rounded here, in one place.
 */
import { describeBound, formatMetricValue } from '../thresholds/format.js'
import type { MetricFamily } from '../thresholds/metrics.js'
import type { Metric, RuleResult } from '../thresholds/model.js'

/** A metric of each family, to format a figure that is not a rule's value in the same way. */
const FAMILY_METRICS: Record<MetricFamily, Metric> = {
  time: { kind: 'avg' },
  ratio: { kind: 'fail_ratio' },
  rate: { kind: 'rps' },
  count: { kind: 'requests' }
}

/** Decimals kept in machine values: enough for any threshold, few enough to keep diffs stable. */
const MACHINE_DECIMALS: Record<MetricFamily, number> = { time: 3, ratio: 6, rate: 3, count: 0 }

/** A figure for people: "4,333", "2.76 ms", "24.9%", "541.7/s"; "n/a" when unknown. */
export function formatValue(value: number | null | undefined, family: MetricFamily): string {
  const known = value === undefined || (value !== null && !Number.isFinite(value)) ? null : value
  return formatMetricValue(FAMILY_METRICS[family], known)
}

/** A whole number with thousands separators: "4,333". */
export function formatCount(value: number): string {
  return formatValue(value, 'count')
}

/**
 * A rule's limit as a condition: "< 500 ms", ">= 100/s"; a baseline rule's shows where it comes
 * from: "< 440 ms (baseline × 1.1)", or "< baseline × 1.1" when there was no baseline.
 */
export function formatLimit({ rule, limit }: RuleResult): string {
  if (rule.baseline === undefined || limit === null)
    return `${rule.operator} ${describeBound(rule)}`
  return `${rule.operator} ${formatMetricValue(rule.metric, limit)} (${describeBound(rule)})`
}

/** A duration in seconds the way Locust's --run-time writes it: "45s", "5m", "1h30m", "8.2s". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'n/a'
  if (seconds < 60) return `${Number(seconds.toFixed(1))}s`
  const whole = Math.round(seconds)
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const rest = whole % 60
  return [hours && `${hours}h`, minutes && `${minutes}m`, rest && `${rest}s`]
    .filter(Boolean)
    .join('')
}

/** A figure for machines (results.json): rounded per family; null when unknown. */
export function machineValue(
  value: number | null | undefined,
  family: MetricFamily
): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null
  const factor = 10 ** MACHINE_DECIMALS[family]
  return Math.round(value * factor) / factor
}

/** A figure as an action output: the machine value as a plain decimal string, '' when unknown. */
export function outputValue(value: number | null | undefined, family: MetricFamily): string {
  const rounded = machineValue(value, family)
  return rounded === null ? '' : String(rounded)
}
