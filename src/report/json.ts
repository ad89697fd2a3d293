/**
 * The machine-readable report (results.json) and the action outputs, both from the same rounded
 * figures (./format.ts), so an output always equals the matching field of results.json.
 */
import type {
  EndpointStats,
  ExceptionRecord,
  FailureRecord,
  HistoryPoint
} from '../results/model.js'
import type { ComparisonOperator, RuleResult, RuleVerdict } from '../thresholds/model.js'
import { failRatio, percentileMs, resampleHistory } from './figures.js'
import { metricFamily, metricName, type MetricFamily } from '../thresholds/metrics.js'
import { machineValue, outputValue } from './format.js'
import type { RunFacts } from '../run/facts.js'
import type { RunReport, Verdict } from './model.js'

/** Raised only when a field changes meaning or disappears; new fields keep the version. */
export const RESULTS_SCHEMA_VERSION = 1

/** At most this many history samples, on an even time grid over the whole run. */
const HISTORY_POINTS = 500

/**
 * results.json. Times are milliseconds, rates per second, ratios fractions (0.25 = 25%); a value
 * Locust could not measure (no requests, "N/A") is null.
 */
export interface ResultsJson {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION
  /** passed: every threshold held; failed: one or more did not; error: the run did not complete. */
  verdict: Verdict
  passed: boolean
  /** True when the figures cover only part of the planned run. */
  partial: boolean
  /** What went wrong when the verdict is "error". */
  error: string | null
  /** The run facts; the backend's label is for people and stays out. */
  facts: Omit<RunFacts, 'backendLabel'>
  /** Locust's "Aggregated" row; null when Locust wrote no readable results. */
  totals: EndpointJson | null
  /** One entry per endpoint, in the order Locust wrote them. */
  endpoints: EndpointJson[]
  thresholds: ThresholdJson[]
  failures: FailureRecord[]
  exceptions: ExceptionRecord[]
  history: {
    /** Aggregate rows in Locust's _stats_history.csv. */
    rowsRead: number
    /** A sample of them, at most 500, evenly spread over the run. */
    points: HistoryPoint[]
  }
  /** Optional Locust files that were not written (e.g. the history without --csv-full-history). */
  missingFiles: string[]
}

export interface EndpointJson {
  method: string
  name: string
  requests: number
  failures: number
  failRatio: number | null
  rps: number | null
  failRps: number | null
  medianMs: number | null
  avgMs: number | null
  minMs: number | null
  maxMs: number | null
  avgContentSize: number | null
  /** Every percentile Locust wrote, keyed like threshold metrics: "p50", "p95", "p99.9". */
  percentiles: Record<string, number | null>
}

export interface ThresholdJson {
  /** The rule as written, and its 1-based line in the thresholds input. */
  rule: string
  line: number
  /** The endpoint the rule is about; null for the aggregate. */
  selector: string | null
  metric: string
  family: MetricFamily
  operator: ComparisonOperator
  limit: number | null
  actual: number | null
  verdict: RuleVerdict
  /** Why the rule failed without a comparison (e.g. the endpoint never ran). */
  reason: string | null
}

export function toResultsJson(report: RunReport): ResultsJson {
  const results = report.results
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    verdict: report.verdict,
    passed: report.verdict === 'passed',
    partial: report.partial,
    error: report.error ?? null,
    facts: factsJson(report.facts),
    totals: results ? endpointJson(results.aggregate) : null,
    endpoints: results ? results.endpoints.map(endpointJson) : [],
    thresholds: report.evaluation.results.map(thresholdJson),
    failures: results?.failures ?? [],
    exceptions: results?.exceptions ?? [],
    history: {
      rowsRead: results?.historyRowsRead ?? 0,
      points: results ? resampleHistory(results.history, HISTORY_POINTS) : []
    },
    missingFiles: results?.missingFiles ?? []
  }
}

/**
 * The action outputs that describe the result: passed ("true"/"false"), requests, failures,
 * fail-ratio (a fraction), rps, p50, p95, p99 (milliseconds); '' for what is not known.
 */
export function reportOutputs(report: RunReport): Record<string, string> {
  const total = report.results?.aggregate
  const percentile = (quantile: number) => (total ? percentileMs(total, quantile) : null)
  return {
    passed: String(report.verdict === 'passed'),
    requests: outputValue(total?.requests, 'count'),
    failures: outputValue(total?.failures, 'count'),
    'fail-ratio': outputValue(total ? failRatio(total) : null, 'ratio'),
    rps: outputValue(total?.rps, 'rate'),
    p50: outputValue(percentile(50) ?? total?.medianMs, 'time'),
    p95: outputValue(percentile(95), 'time'),
    p99: outputValue(percentile(99), 'time')
  }
}

function endpointJson(stats: EndpointStats): EndpointJson {
  return {
    method: stats.method,
    name: stats.name,
    requests: stats.requests,
    failures: stats.failures,
    failRatio: machineValue(failRatio(stats), 'ratio'),
    rps: machineValue(stats.rps, 'rate'),
    failRps: machineValue(stats.failRps, 'rate'),
    medianMs: machineValue(stats.medianMs, 'time'),
    avgMs: machineValue(stats.avgMs, 'time'),
    minMs: machineValue(stats.minMs, 'time'),
    maxMs: machineValue(stats.maxMs, 'time'),
    avgContentSize: stats.avgContentSize,
    percentiles: Object.fromEntries(
      stats.percentiles.map((p) => [`p${p.quantile}`, machineValue(p.ms, 'time')])
    )
  }
}

function thresholdJson(result: RuleResult): ThresholdJson {
  const { rule } = result
  const family = metricFamily(rule.metric)
  return {
    rule: rule.text,
    line: rule.line,
    selector: rule.selector ?? null,
    metric: metricName(rule.metric),
    family,
    operator: rule.operator,
    limit: machineValue(rule.limit, family),
    actual: machineValue(result.actual, family),
    verdict: result.verdict,
    reason: result.reason ?? null
  }
}

function factsJson(facts: RunFacts): Omit<RunFacts, 'backendLabel'> {
  const json: Partial<RunFacts> = { ...facts }
  delete json.backendLabel
  return json as Omit<RunFacts, 'backendLabel'>
}
