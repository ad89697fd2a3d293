/** A previous run to compare with: its figures, where they came from, and the comparison. */
import type { EndpointStats } from '../results/model.js'
import type { RunConditions } from '../run/validity.js'
import type { Metric } from '../thresholds/model.js'

export interface Baseline {
  /** Where it was read from, for people: a path, an S3 key, an artifact of a workflow run. */
  source: string
  /** The run that produced it (its GitHub run id or load-test run id), when known. */
  runId?: string
  /** A link to that run, when known. */
  runUrl?: string
  /** That run's verdict, when its results.json records one. */
  verdict?: string
  /** That run was accepted as the new baseline after an intended change: older runs no longer count. */
  accepted?: boolean
  /** What that run was measured under, as far as its results.json says. */
  conditions?: Partial<RunConditions>
  /** Its figures; each with the windows results.json kept (absent in older files). */
  aggregate: EndpointStats
  endpoints: EndpointStats[]
}

/** Raised when a baseline exists but cannot be used (not results.json, no figures). */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BaselineError'
  }
}

/**
 * Whether a change is a regression. Response times and failure ratios get worse as they grow,
 * throughput as it shrinks; changes within the noise (the interval of now ÷ baseline holds 1, or
 * within Locust's rounding step) are "same".
 */
export type Change = 'worse' | 'better' | 'same' | 'unknown'

export interface ComparisonRow {
  /** "Aggregated", or the endpoint: "GET /api/items". */
  label: string
  metric: Metric
  baseline: number | null
  current: number | null
  /** current − baseline, in the metric's normalised unit. */
  delta: number | null
  /** delta / baseline (0.3 = 30 % more); null when the baseline is 0 or a figure is missing. */
  deltaRatio: number | null
  /** Bounds on now ÷ baseline at the confidence (high null: unbounded); absent when unknown. */
  ratioInterval?: { low: number; high: number | null }
  change: Change
}

export interface Comparison {
  baselineSource: string
  baselineRunId?: string
  baselineRunUrl?: string
  /** Regressions first (largest first), then the rest; the aggregate before endpoints on ties. */
  rows: ComparisonRow[]
  /** Endpoints that ran now but not in the baseline, and the reverse. */
  newEndpoints: string[]
  goneEndpoints: string[]
}

/**
 * What looking for a baseline found: one to compare with, or why there is none; `unusable` when
 * one was there but could not be read (worth a warning, unlike a first run without one).
 */
export type BaselineLookup =
  | {
      /** The most recent baseline run. */
      baseline: Baseline
      /** Every run of the baseline history, newest first (baseline is the first); see ./history.ts. */
      history?: Baseline[]
    }
  | { note: string; unusable?: boolean }
