/**
 * The action's outputs, all built here from the report and where it was written. The figures are
 * the rounded ones of results.json (./format.ts), so an output always equals the matching field
 * there.
 */
import { aggregateRow } from '../baseline/compare.js'
import type { Comparison } from '../baseline/model.js'
import type { Metric } from '../thresholds/model.js'
import { failRatio, percentileMs } from './figures.js'
import { outputValue } from './format.js'
import type { RunReport } from './model.js'

/** Where the run's results and the report on them were written. */
export interface ReportLocation {
  resultsDir: string
  summaryPath: string
  resultsJsonPath: string
}

/** Every output action.yml declares, by name; '' for what is not known. */
export function actionOutputs(report: RunReport, location: ReportLocation): Record<string, string> {
  return {
    verdict: report.verdict,
    ...resultOutputs(report),
    'results-dir': location.resultsDir,
    'summary-path': location.summaryPath,
    'results-json': location.resultsJsonPath
  }
}

/**
 * The outputs that describe the result: passed ("true"/"false"), skipped (baseline rules without a
 * baseline), requests, failures, fail-ratio (a fraction), rps, p50, p95, p99 (milliseconds),
 * cost-usd (aws backend), and the deltas against the baseline.
 */
export function resultOutputs(report: RunReport): Record<string, string> {
  const total = report.results?.aggregate
  const percentile = (quantile: number) => (total ? percentileMs(total, quantile) : null)
  return {
    passed: String(report.outcome.passed),
    skipped: String(
      report.evaluation.results.filter((result) => result.verdict === 'skipped').length
    ),
    requests: outputValue(total?.requests, 'count'),
    failures: outputValue(total?.failures, 'count'),
    'fail-ratio': outputValue(total ? failRatio(total) : null, 'ratio'),
    rps: outputValue(total?.rps, 'rate'),
    p50: outputValue(percentile(50) ?? total?.medianMs, 'time'),
    p95: outputValue(percentile(95), 'time'),
    p99: outputValue(percentile(99), 'time'),
    'cost-usd': report.facts.cost?.usd === undefined ? '' : report.facts.cost.usd.toFixed(4),
    ...baselineOutputs(report.comparison)
  }
}

/**
 * The main deltas against the baseline: baseline-run-id, p95-delta (ms), p95-change, rps-change
 * (ratios, 0.3 = 30 % more) and fail-ratio-delta (a fraction); '' without a comparison.
 */
function baselineOutputs(comparison: Comparison | undefined): Record<string, string> {
  const row = (metric: Metric) => (comparison ? aggregateRow(comparison, metric) : undefined)
  const p95 = row({ kind: 'percentile', quantile: 95 })
  return {
    'baseline-run-id': comparison?.baselineRunId ?? '',
    'p95-delta': outputValue(p95?.delta, 'time'),
    'p95-change': outputValue(p95?.deltaRatio, 'ratio'),
    'rps-change': outputValue(row({ kind: 'rps' })?.deltaRatio, 'ratio'),
    'fail-ratio-delta': outputValue(row({ kind: 'fail_ratio' })?.delta, 'ratio')
  }
}
