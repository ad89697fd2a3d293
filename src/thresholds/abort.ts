/**
 * Abort rules ("fail_ratio < 5% abort after 30s"): judged by the one rule engine (./evaluate.ts)
 * on the live figures the master writes while the test runs (src/run/live-stats.ts), each sample
 * as the CSVs are judged after the run. A rule that has been breached for its time without a break
 * ends the run. Pure: the backends read the samples and send the abort command.
 */
import type { RunFigures } from './estimates.js'
import { evaluateRule } from './evaluate.js'
import { formatMetricValue } from './format.js'
import type { Evaluation, ThresholdRule } from './model.js'

/** The live figures at one moment of the test. */
export interface LiveSample {
  /** Seconds since the test started. */
  elapsedSeconds: number
  figures: RunFigures
}

export interface AbortDecision {
  /** The rule as the user wrote it. */
  rule: string
  /** Seconds into the test when the run was aborted. */
  atSeconds: number
  /** Seconds into the test since when the rule was breached. */
  breachedSinceSeconds: number
  /** "aborted at 2:10 by fail_ratio < 5% abort after 30s (100%, breached since 1:40)". */
  message: string
}

interface RuleWatch {
  rule: ThresholdRule & { abortAfterSeconds: number }
  /** When the current breach began; undefined while the rule holds or cannot be measured. */
  breachedSince?: number
  /** The rule could be measured in the previous sample. */
  measured: boolean
}

/** The rules that carry "abort after", in the order written. */
export function abortRules(
  rules: readonly ThresholdRule[]
): (ThresholdRule & { abortAfterSeconds: number })[] {
  return rules.filter(
    (rule): rule is ThresholdRule & { abortAfterSeconds: number } =>
      rule.abortAfterSeconds !== undefined
  )
}

/**
 * Follows the samples of one run. A breach is dated from the first sample that shows it; but when
 * the rule could not be measured in the sample before (its endpoint had not run yet), from that
 * sample: the figures are totals since the test started, so all of them were measured after it.
 * A sample that holds the rule, or cannot measure it, ends the breach.
 */
export class AbortWatch {
  private readonly watches: RuleWatch[]
  private previousSeconds = 0
  private seen = false

  constructor(rules: readonly ThresholdRule[]) {
    this.watches = abortRules(rules).map((rule) => ({ rule, measured: false }))
  }

  /** True when any rule can abort the run (the backends then watch the live figures). */
  get active(): boolean {
    return this.watches.length > 0
  }

  /** The first rule breached for its time by this sample, if any. Samples must come in order. */
  observe(sample: LiveSample): AbortDecision | undefined {
    const now = sample.elapsedSeconds
    if (this.seen && now <= this.previousSeconds) return undefined // the same sample read again
    let decision: AbortDecision | undefined
    for (const watch of this.watches) {
      const result = evaluateRule(watch.rule, sample.figures, [], 0.95)
      if (result.verdict === 'fail') {
        watch.breachedSince ??= watch.measured ? now : this.previousSeconds
        if (decision === undefined && now - watch.breachedSince >= watch.rule.abortAfterSeconds) {
          const measured = formatMetricValue(watch.rule.metric, result.actual)
          decision = {
            rule: watch.rule.text,
            atSeconds: now,
            breachedSinceSeconds: watch.breachedSince,
            message: `aborted at ${clock(now)} by ${watch.rule.text} (${measured}, breached since ${clock(watch.breachedSince)})`
          }
        }
      } else {
        watch.breachedSince = undefined
      }
      watch.measured = result.verdict !== 'not_evaluated'
    }
    this.previousSeconds = now
    this.seen = true
    return decision
  }
}

/** Seconds into the test as a clock: "2:10", "1:02:03". */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds))
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const rest = String(whole % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`
}

/**
 * The evaluation after the run with the abort on record: the rule that aborted it fails with the
 * abort's message, whatever the partial figures say of it at the end (a run cut short is failed).
 */
export function withAbort(
  evaluation: Evaluation,
  aborted: { rule: string; message: string }
): Evaluation {
  const results = evaluation.results.map((result) =>
    result.rule.text === aborted.rule && result.rule.isDefault !== true
      ? { ...result, verdict: 'fail' as const, reason: aborted.message }
      : result
  )
  return { ...evaluation, passed: false, results }
}
