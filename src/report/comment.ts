/**
 * The sticky pull-request comment: short, found again by a hidden marker and updated in place.
 * Verdict, failed rules, the comparison's top rows, and links to the full summary and the
 * artifact. User-controlled text goes through ./escape.ts, as in the summary: no mentions (an
 * "@" is shown as text inside code or escaped), no live HTML.
 */
import { describeRule } from '../thresholds/format.js'
import { formatLimit, formatValue } from './format.js'
import { comparisonMarkdown, leadingRuleLine } from './comparison.js'
import {
  headline,
  roundsSentence,
  thresholdsSentence,
  validityNotes,
  namedVerdict,
  VERDICT_ICONS
} from './content.js'
import { inlineCode, markdownLink, markdownText, tableCode } from './escape.js'
import { metricFamily } from '../thresholds/metrics.js'
import type { RunReport } from './model.js'

/** GitHub refuses comment bodies above 65,536 characters; the comment stays far below. */
const MAX_FAILED_RULES = 10
const MAX_COMPARISON_ROWS = 8
const MAX_ERROR_CHARS = 500

export interface CommentLinks {
  /** The workflow run's page, where the full job summary is. */
  runUrl?: string
  /** The results artifact's page. */
  artifactUrl?: string
}

/**
 * The hidden marker that identifies one comment: one per workflow, job and test name, so two
 * load-test jobs of a workflow keep two comments. Only letters, digits and a few separators are
 * kept, so the key can never close the HTML comment.
 */
export function commentMarker(key: { workflow: string; job: string; name: string }): string {
  const part = (text: string) =>
    text
      .replace(/[^\p{L}\p{N} ._/-]/gu, '')
      .replace(/-{2,}/g, '-')
      .trim()
  return `<!-- distributed-locust: ${part(key.workflow)} / ${part(key.job)} / ${part(key.name)} -->`
}

export function renderComment(
  report: RunReport,
  marker: string,
  title: string,
  links: CommentLinks = {}
): string {
  const lines = [
    marker,
    `### ${VERDICT_ICONS[report.verdict]} ${namedVerdict(markdownText(title, 100), report.verdict)}`,
    ''
  ]
  for (const note of validityNotes(report))
    lines.push(`> **${note.label}:** ${markdownText(note.text, MAX_ERROR_CHARS)}`, '')
  if (report.error !== undefined) {
    lines.push(`> **Error:** ${markdownText(report.error, MAX_ERROR_CHARS)}`, '')
  }
  const lead = leadingRuleLine(report.evaluation.results)
  if (lead !== undefined) lines.push(`**${lead}**`, '')
  lines.push(thresholdsSentence(report.evaluation.results))
  const rounds = roundsSentence(report, { text: (text) => markdownText(text), literal: inlineCode })
  if (rounds !== undefined) lines.push('', rounds)
  if (report.results)
    lines.push(
      '',
      headline(report.results.aggregate, (text) => `**${text}**`)
    )
  if (report.facts.cost !== undefined) {
    lines.push('', `Cost: ${markdownText(report.facts.cost.note, 300)}`)
  }

  // Failing rules first, then the undecided ones.
  const failed = [
    ...report.evaluation.results.filter((result) => result.verdict === 'fail'),
    ...report.evaluation.results.filter((result) => result.verdict === 'inconclusive')
  ]
  if (failed.length > 0) {
    lines.push('', '| Rule | Actual | Limit | Result |', '| :-- | --: | --: | :-- |')
    for (const result of failed.slice(0, MAX_FAILED_RULES)) {
      const actual =
        result.actual === null
          ? markdownText(result.reason ?? 'not measured', 200)
          : formatValue(result.actual, metricFamily(result.rule.metric))
      const outcome = result.verdict === 'fail' ? '❌ fail' : '❓ inconclusive'
      lines.push(
        `| ${tableCode(describeRule(result.rule))} | ${actual} | ${markdownText(formatLimit(result))} | ${outcome} |`
      )
    }
    if (failed.length > MAX_FAILED_RULES) {
      lines.push('', `_and ${failed.length - MAX_FAILED_RULES} more rules in the summary._`)
    }
  }

  const comparison = comparisonMarkdown(report, MAX_COMPARISON_ROWS, MAX_ERROR_CHARS)
  if (comparison.length > 0) lines.push('', ...comparison)

  const linkItems = [
    links.runUrl === undefined
      ? undefined
      : markdownLink('Full report (job summary)', links.runUrl),
    links.artifactUrl === undefined
      ? undefined
      : markdownLink('Results artifact (CSVs, HTML report, logs)', links.artifactUrl)
  ].filter((item) => item !== undefined)
  if (linkItems.length > 0) lines.push('', linkItems.join(' · '))
  return `${lines.join('\n')}\n`
}

/**
 * The comment of a run that ended before it had a report (invalid inputs, a refused baseline, a
 * failed start): it replaces the last one, so that no earlier verdict stays on the pull request.
 */
export function renderErrorComment(
  marker: string,
  title: string,
  message: string,
  links: CommentLinks = {}
): string {
  const lines = [
    marker,
    `### ${VERDICT_ICONS.error} ${namedVerdict(markdownText(title, 100), 'error')}`,
    '',
    `> **Error:** ${markdownText(message, MAX_ERROR_CHARS)}`
  ]
  if (links.runUrl !== undefined)
    lines.push('', markdownLink('Full report (job summary)', links.runUrl))
  return `${lines.join('\n')}\n`
}
