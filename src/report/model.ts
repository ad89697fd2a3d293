import type { LocustResults } from '../results/model.js'
import type { Evaluation } from '../thresholds/model.js'

export type BackendKind = 'local' | 'aws'

/** Facts about how the run was made, shown in the report. */
export interface RunFacts {
  backend: BackendKind
  host?: string
  users: number
  spawnRate: number
  workers: number
  /** Workers that actually connected to the master, when known. */
  workersConnected?: number
  /** Requested run time in seconds. */
  runTimeSeconds: number
  /** Measured wall-clock duration of the test in seconds, when known. */
  durationSeconds?: number
  locustVersion?: string
  startedAt?: string
  endedAt?: string
  /** Backend-specific identifiers (execution ARN, run id, console links…), rendered as a list. */
  links?: { label: string; url?: string; value?: string }[]
}

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
}
