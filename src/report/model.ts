import type { Comparison } from '../baseline/model.js'
import type { LocustResults } from '../results/model.js'
import type { RunFacts } from '../run/facts.js'
import type { Evaluation } from '../thresholds/model.js'

/**
 * The verdict of a whole run:
 * - passed: the test ran and every threshold held;
 * - failed: the test ran and at least one threshold was breached;
 * - error: the test could not run (or not to the end); results may be partial.
 */
export type Verdict = 'passed' | 'failed' | 'error'

export interface RunReport {
  verdict: Verdict
  facts: RunFacts
  /** Absent when Locust produced no readable output at all. */
  results?: LocustResults
  evaluation: Evaluation
  /** Set when the run did not complete: what went wrong, in words for the user. */
  error?: string
  /** True when the results cover only part of the planned run. */
  partial: boolean
  /** The comparison with the baseline, when one was found and there are results. */
  comparison?: Comparison
  /** Why there is no comparison although a baseline was asked for (none found, unusable). */
  baselineNote?: string
  /** True when SIGINT/SIGTERM (or a cancelled workflow) stopped the run: headed "cancelled". */
  cancelled?: boolean
}
