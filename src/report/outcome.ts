/**
 * The outcome contract (docs/outcomes.md): for each verdict of a run, what the step, the CLI's
 * exit code and the action's `passed` output make of it under the user's policy. Pure; the one
 * place the action and the CLI turn a verdict into success or failure.
 */

/**
 * The verdict of a whole run, from the most severe down; a run has exactly one:
 * - cancelled: stopped by SIGINT/SIGTERM or a cancelled workflow; partial results are reported;
 * - error: the test could not run, or not to the end, for another reason;
 * - invalid: the test ran but is unfit to judge (e.g. users never reached the requested count);
 * - failed: at least one rule is breached (at the chosen confidence, for a baseline rule), or an
 *   abort rule ended the run early ("fail_ratio < 5% abort after 30s"; docs/live.md);
 * - inconclusive: no rule is breached, but the data cannot decide at least one of them;
 * - passed: every rule holds (skipped rules do not count against it).
 */
export const VERDICTS = [
  'cancelled',
  'error',
  'invalid',
  'failed',
  'inconclusive',
  'passed'
] as const
export type Verdict = (typeof VERDICTS)[number]

/** What the user chose to make of the verdicts that are a matter of policy. */
export interface OutcomePolicy {
  /** `fail-on-threshold`: false reports a breached rule without failing the step. */
  failOnThreshold: boolean
  /** `on-inconclusive`: pass (with a warning) or fail. */
  onInconclusive: 'pass' | 'fail'
  /** `on-invalid`: fail, or pass (with a warning). */
  onInvalid: 'pass' | 'fail'
}

export const DEFAULT_POLICY: OutcomePolicy = {
  failOnThreshold: true,
  onInconclusive: 'pass',
  onInvalid: 'fail'
}

/** The policy the inputs give, each one left out taking its default. */
export function policyOf(given: Partial<OutcomePolicy>): OutcomePolicy {
  return {
    failOnThreshold: given.failOnThreshold ?? DEFAULT_POLICY.failOnThreshold,
    onInconclusive: given.onInconclusive ?? DEFAULT_POLICY.onInconclusive,
    onInvalid: given.onInvalid ?? DEFAULT_POLICY.onInvalid
  }
}

/** The CLI's exit codes: 0 when the step would succeed, one code per verdict otherwise. */
export const EXIT_CODES = {
  passed: 0,
  failed: 1,
  error: 2,
  invalid: 3,
  inconclusive: 4,
  cancelled: 130
} as const satisfies Record<Verdict, number>

export interface StepOutcome {
  /** The step fails (the action calls setFailed; the CLI exits non-zero). */
  fails: boolean
  /** The step succeeds but the verdict deserves a warning annotation (a policy let it through). */
  warns: boolean
  /** The CLI's exit code. */
  exitCode: number
  /** The action's `passed` output: true only when the step succeeds and every rule held or was
   * let through by policy; a failed rule with `fail-on-threshold: false` is still `false`. */
  passed: boolean
}

/** What a verdict means for the step under a policy. */
export function stepOutcome(verdict: Verdict, policy: OutcomePolicy = DEFAULT_POLICY): StepOutcome {
  const failing = (fails: boolean, passed = false): StepOutcome => ({
    fails,
    warns: !fails,
    exitCode: fails ? EXIT_CODES[verdict] : 0,
    passed
  })
  switch (verdict) {
    case 'passed':
      return { fails: false, warns: false, exitCode: 0, passed: true }
    case 'inconclusive':
      return failing(policy.onInconclusive === 'fail', policy.onInconclusive === 'pass')
    case 'failed':
      return failing(policy.failOnThreshold)
    case 'invalid':
      return failing(policy.onInvalid === 'fail')
    case 'error':
    case 'cancelled':
      return failing(true)
  }
}

/**
 * The verdict of a run from what is known of it, most severe first. An abort rule ends the run
 * early on purpose, so an aborted run is failed, never unfit to judge.
 */
export function verdictOf(facts: {
  cancelled: boolean
  error: boolean
  /** An abort rule ended the run. */
  aborted?: boolean
  invalid: boolean
  anyRuleFailed: boolean
  anyRuleInconclusive: boolean
}): Verdict {
  if (facts.cancelled) return 'cancelled'
  if (facts.error) return 'error'
  if (facts.aborted === true) return 'failed'
  if (facts.invalid) return 'invalid'
  if (facts.anyRuleFailed) return 'failed'
  if (facts.anyRuleInconclusive) return 'inconclusive'
  return 'passed'
}
