/** Threshold rules ("p95 < 500ms", "\"GET /api\": fail_ratio < 1%") and their evaluation. */

export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!='

/**
 * What a rule measures. Percentiles are written "p95", "p99.9", "p50"; "median" is Locust's
 * median column. Times are milliseconds, fail_ratio a fraction (0.01 = 1%), rates per second.
 */
export type Metric =
  | { kind: 'min' | 'max' | 'avg' | 'median' }
  | { kind: 'percentile'; quantile: number }
  | { kind: 'rps' | 'fail_rps' | 'requests' | 'failures' | 'fail_ratio' }

export interface ThresholdRule {
  /** The rule as the user wrote it (trimmed, comment removed). */
  text: string
  /** 1-based line in the thresholds input. */
  line: number
  /** Endpoint selector ("GET /api/items" or "/health"); undefined means the aggregate. */
  selector?: string
  metric: Metric
  operator: ComparisonOperator
  /** Normalised limit: milliseconds for times, a fraction for fail_ratio, plain numbers otherwise. */
  limit: number
}

export type RuleVerdict = 'pass' | 'fail'

export interface RuleResult {
  rule: ThresholdRule
  /** The measured value in the rule's normalised unit; null when it could not be measured. */
  actual: number | null
  verdict: RuleVerdict
  /** Why a rule failed without a comparison, e.g. the endpoint never ran. */
  reason?: string
}

export interface Evaluation {
  passed: boolean
  results: RuleResult[]
}
