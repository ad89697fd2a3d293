import type { Progress } from '../run/progress.js'
import type { Evaluation } from '../thresholds/model.js'
import { describeRule, formatMetricValue } from '../thresholds/format.js'

/** One sentence naming each failed rule with its measured value, for the step's failure message. */
export function failedRulesSentence(evaluation: Evaluation): string {
  const failed = evaluation.results.filter((result) => result.verdict === 'fail')
  const details = failed.map((result) => {
    const measured =
      result.actual === null
        ? (result.reason ?? 'not measured')
        : `actual ${formatMetricValue(result.rule.metric, result.actual)}`
    return `${describeRule(result.rule)} (${measured})`
  })
  return `${failed.length} of ${evaluation.results.length} thresholds failed: ${details.join('; ')}`
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
