import type { Progress } from '../run/progress.js'
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

/** A one-line progress report: "42s / 60s · 20 users · 512.3 req/s · 0.5% failed". */
export function progressLine(progress: Progress): string {
  const parts = [`${Math.round(progress.elapsedSeconds)}s / ${Math.round(progress.totalSeconds)}s`]
  if (progress.users !== undefined) parts.push(`${progress.users} users`)
  if (progress.rps !== undefined) parts.push(`${progress.rps.toFixed(1)} req/s`)
  if (progress.failRatio !== undefined)
    parts.push(`${(progress.failRatio * 100).toFixed(1)}% failed`)
  if (progress.message) parts.push(progress.message)
  return parts.join(' · ')
}
