import type { Comparison } from '../baseline/model.js'
import type { LocustResults } from '../results/model.js'
import type { RunFacts } from '../run/facts.js'
import type { Evaluation } from '../thresholds/model.js'
import type { RoundsFigures } from '../thresholds/round-figures.js'

import type { StepOutcome, Verdict } from './outcome.js'

/** The verdicts and what each means for the step: ./outcome.ts and docs/outcomes.md. */
export type { Verdict }

export interface RunReport {
  verdict: Verdict
  /** What the verdict means for the step under the user's policy (./outcome.ts). */
  outcome: StepOutcome
  facts: RunFacts
  /** Absent when Locust produced no readable output at all. */
  results?: LocustResults
  evaluation: Evaluation
  /** Set when the run did not complete: what went wrong, in words for the user. */
  error?: string
  /** Why the run is unfit to judge (verdict `invalid`), most telling first; absent or empty when fit. */
  unfitReasons?: string[]
  /** Why the baseline cannot decide its rules: measured under other conditions; absent when it can. */
  baselineNotComparable?: string
  /** True when the results cover only part of the planned run. */
  partial: boolean
  /** The comparison with the baseline, when one was found and there are results. */
  comparison?: Comparison
  /** The run was accepted as the new baseline (`accept-baseline`): the history starts again from it. */
  acceptedAsBaseline?: boolean
  /** Every run of the baseline history, newest first (the first is the compared one), when any. */
  baselineHistory?: BaselineHistoryEntry[]
  /** Why there is no comparison although a baseline was asked for (none found, unusable). */
  baselineNote?: string
  /**
   * A run of rounds (rounds.json): the design, the rounds judged and skipped, each side pooled.
   * `results` then hold the candidate side pooled over its rounds.
   */
  rounds?: RoundsFigures
  /** Why a rounds.json beside the results could not be judged (the run is judged as one round). */
  roundsNote?: string
}

/** One run of the baseline history, as the report names it. */
export interface BaselineHistoryEntry {
  source: string
  runId?: string
  runUrl?: string
}
