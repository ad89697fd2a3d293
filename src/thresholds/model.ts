/**
 * Threshold rules ("p95 < 500ms", "\"GET /api\": fail_ratio < 1%", "p95 < baseline * 1.1") and
 * their evaluation.
 */

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
  /**
   * A fixed limit, normalised: milliseconds for times, a fraction for fail_ratio, plain numbers
   * otherwise. Absent on a baseline rule, whose limit comes from the baseline.
   */
  limit?: number
  /** Set on a baseline rule ("p95 < baseline * 1.1"): how the limit follows from the baseline. */
  baseline?: BaselineBound
  /** True for the guard applied when no rule checks failures (see defaults.ts); line is then 0. */
  isDefault?: boolean
  /**
   * "… abort after 30s": the run is stopped once the rule has been breached this long without a
   * break, judged on the live figures (./abort.ts); it is judged after the run as any rule too.
   */
  abortAfterSeconds?: number
}

/**
 * The limit of a baseline rule: baseline value × factor + offset, the offset in the metric's
 * normalised unit. "baseline * 1.1" is factor 1.1, "baseline + 50ms" is offset 50.
 */
export interface BaselineBound {
  factor: number
  offset: number
}

/**
 * inconclusive: the data cannot decide a baseline rule: its interval straddles its limit, it reads a
 * figure the data cannot bound, or its baseline was measured under other conditions; it neither
 * passes nor fails, `on-inconclusive` decides.
 * skipped: a baseline rule without a baseline to compare; it does not fail the gate.
 * not_evaluated: the rule could not be measured (its endpoint never ran, Locust wrote N/A or no
 * such column, no results at all). It neither passes nor fails silently: the gate does not pass.
 */
export type RuleVerdict = 'pass' | 'fail' | 'inconclusive' | 'skipped' | 'not_evaluated'

export interface RuleResult {
  rule: ThresholdRule
  /** The measured value in the rule's normalised unit; null when it could not be measured. */
  actual: number | null
  /** The limit applied (fixed, or computed from the baseline); null when there was none. */
  limit: number | null
  /** A baseline rule's baseline value, measured like `actual`; null when unknown. */
  baselineValue?: number | null
  verdict: RuleVerdict
  /**
   * Why a rule was not evaluated (e.g. the endpoint never ran), why several targets failed, or
   * why a baseline rule is inconclusive ("40 requests: p99 unknowable").
   */
  reason?: string
  /** The bounds of `actual` at the confidence (docs/thresholds.md); absent when not measured. */
  interval?: Interval
  /** A baseline rule's bounds on the baseline value and on now ÷ baseline. */
  baselineInterval?: Interval
  ratio?: Interval & { value: number }
  /** How the bounds were made: "histogram", "csv-percentiles", "binomial", "poisson", "exact". */
  method?: string
  /** How many baseline runs a baseline rule was judged against. */
  baselineRuns?: number
  /**
   * A run of rounds: how many rounds the rule was judged over (paired rounds for a baseline rule
   * of an interleaved or duet run); its intervals hold the spread between them.
   */
  rounds?: number
}

/** One-sided bounds at the confidence: `high` is null when the data cannot bound it. */
export interface Interval {
  low: number
  high: number | null
}

export interface Evaluation {
  /** True when no rule failed or went unevaluated (skipped and inconclusive rules do not). */
  passed: boolean
  /** True when at least one rule is inconclusive. */
  inconclusive: boolean
  /** The confidence the bounds were made at (the `confidence` input). */
  confidence: number
  results: RuleResult[]
}
