import type { Progress } from '../run/progress.js'
import type { RunReport } from './model.js'
import type { Verdict } from './outcome.js'
import type { Evaluation } from '../thresholds/model.js'
import { describeRule, formatMetricValue } from '../thresholds/format.js'

/**
 * One sentence naming each rule that kept the gate shut (failed, or not evaluated) with its
 * measured value or the reason, for the step's failure message.
 */
export function failedRulesSentence(evaluation: Evaluation): string {
  const shut = evaluation.results.filter(
    (result) => result.verdict === 'fail' || result.verdict === 'not_evaluated'
  )
  const details = shut.map((result) => {
    const measured =
      result.verdict === 'not_evaluated'
        ? `not evaluated: ${result.reason ?? 'not measured'}`
        : `actual ${formatMetricValue(result.rule.metric, result.actual)}`
    const label = result.rule.isDefault
      ? `${describeRule(result.rule)}, the default`
      : describeRule(result.rule)
    return `${label} (${measured})`
  })
  const failed = shut.filter((result) => result.verdict === 'fail').length
  const what =
    failed === shut.length
      ? 'failed'
      : failed === 0
        ? 'were not evaluated'
        : 'failed or were not evaluated'
  return `${shut.length} of ${evaluation.results.length} thresholds ${what}: ${details.join('; ')}`
}

/** The step log's one sentence on a run's verdict (the failure message when the step fails). */
export function verdictSentence(report: RunReport): string {
  const { results } = report.evaluation
  switch (report.verdict) {
    case 'cancelled':
      // The backend says what it stopped ("every task was stopped"); that is worth more.
      return report.error ?? 'The load test was cancelled; the results so far are reported.'
    case 'error':
      return report.error ?? 'The load test did not complete.'
    case 'failed':
      return report.facts.aborted === undefined
        ? failedRulesSentence(report.evaluation)
        : `The run was ${report.facts.aborted.message}. ${failedRulesSentence(report.evaluation)}`
    case 'inconclusive': {
      const undecided = results.filter((result) => result.verdict === 'inconclusive')
      const names = undecided.map((result) => describeRule(result.rule)).join(', ')
      return `${undecided.length} of ${results.length} thresholds inconclusive (${names}): the data cannot tell the change from noise; the rest held.`
    }
    case 'invalid': {
      const [first, ...more] = report.unfitReasons ?? []
      const others = more.length === 0 ? '' : ` (and ${more.length} more reason(s) in the report)`
      return `The run is unfit to judge: ${first ?? 'see the report'}${others}`
    }
    case 'passed': {
      const count = (verdict: string) =>
        results.filter((result) => result.verdict === verdict).length
      const skipped = count('skipped')
      const skippedNote = skipped === 0 ? '' : `, ${skipped} skipped (no baseline to compare)`
      return `${count('pass')} of ${results.length} thresholds held${skippedNote}.`
    }
  }
}

/** Why a verdict that fails by default let the step pass: the input that says so. */
export function policyNote(verdict: Verdict): string {
  switch (verdict) {
    case 'failed':
      return '(fail-on-threshold is false, so the step passes.)'
    case 'inconclusive':
      return '(on-inconclusive is pass, so the step passes.)'
    case 'invalid':
      return '(on-invalid is pass, so the step passes.)'
    default:
      return ''
  }
}

/**
 * A one-line progress report:
 * "42s / 60s · 20 users · 2 workers · 512.3 req/s · p95 120 ms · 0.5% failed (106)".
 */
export function progressLine(progress: Progress): string {
  const parts = [`${Math.round(progress.elapsedSeconds)}s / ${Math.round(progress.totalSeconds)}s`]
  if (progress.users !== undefined) parts.push(`${progress.users} users`)
  if (progress.workers !== undefined) parts.push(`${progress.workers} workers`)
  if (progress.rps !== undefined) parts.push(`${progress.rps.toFixed(1)} req/s`)
  if (progress.p95Ms !== undefined) parts.push(`p95 ${progress.p95Ms} ms`)
  if (progress.failRatio !== undefined) {
    const count = progress.failures === undefined ? '' : ` (${progress.failures})`
    parts.push(`${(progress.failRatio * 100).toFixed(1)}% failed${count}`)
  }
  if (progress.message) parts.push(progress.message)
  return parts.join(' · ')
}
