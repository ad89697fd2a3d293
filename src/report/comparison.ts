/**
 * The comparison with a baseline in words and figures, shared by the job summary, the PR comment
 * and the terminal: each draws the same cells its own way.
 */
import type { Change, Comparison, ComparisonRow } from '../baseline/model.js'
import { describeRule } from '../thresholds/format.js'
import { metricFamily, metricName } from '../thresholds/metrics.js'
import type { RuleResult } from '../thresholds/model.js'
import { inlineCode, markdownLink, markdownText, tableCode } from './escape.js'
import { formatCount, formatLimit, formatValue } from './format.js'
import type { RunReport } from './model.js'

export interface ComparisonCells {
  label: string
  metric: string
  baseline: string
  current: string
  /** "+120 ms", "−3.1/s", "+0.5%"; "n/a" when a figure is missing. */
  delta: string
  /**
   * "+30% (+12 to +48%)": the change with the bounds of now ÷ baseline at the confidence; "n/a"
   * when the baseline is 0 or missing.
   */
  deltaPercent: string
  /** The arrow follows the figure (▲ up, ▼ down); the word says whether that is good. */
  trend: string
}

const CHANGE_WORDS: Record<Change, string> = {
  worse: 'worse',
  better: 'better',
  same: 'within noise',
  unknown: 'n/a'
}

export function comparisonCells(row: ComparisonRow): ComparisonCells {
  const family = metricFamily(row.metric)
  const arrow = row.delta === null || row.change === 'same' ? '=' : row.delta > 0 ? '▲' : '▼'
  return {
    label: row.label,
    metric: metricName(row.metric),
    baseline: formatValue(row.baseline, family),
    current: formatValue(row.current, family),
    delta: row.delta === null ? 'n/a' : signed(row.delta, formatValue(Math.abs(row.delta), family)),
    deltaPercent:
      row.deltaRatio === null
        ? 'n/a'
        : signed(row.deltaRatio, formatValue(Math.abs(row.deltaRatio), 'ratio')) +
          (row.ratioInterval ? ` (${ratioBounds(row.ratioInterval)})` : ''),
    trend: `${arrow} ${CHANGE_WORDS[row.change]}`
  }
}

/** The bounds of now ÷ baseline as changes: "−4% to +12%", "+3% to ∞". */
function ratioBounds(interval: { low: number; high: number | null }): string {
  const change = (ratio: number): string =>
    signed(ratio - 1, formatValue(Math.abs(ratio - 1), 'ratio'))
  return `${change(interval.low)} to ${interval.high === null ? '∞' : change(interval.high)}`
}

/** How many rows changed beyond the noise, for a one-line verdict on the comparison. */
export function comparisonSentence(comparison: Comparison): string {
  const worse = comparison.rows.filter((row) => row.change === 'worse').length
  const better = comparison.rows.filter((row) => row.change === 'better').length
  if (worse === 0 && better === 0) return 'No figure moved beyond the noise from the baseline.'
  return `${worse} ${worse === 1 ? 'figure' : 'figures'} worse and ${better} better than the baseline beyond the noise; the rest are within it.`
}

function signed(value: number, magnitude: string): string {
  if (value === 0) return magnitude
  return `${value > 0 ? '+' : '−'}${magnitude}`
}

/** The comparison as a GFM table of at most maxRows rows (the worst first), with a cut note. */
export function comparisonTable(comparison: Comparison, maxRows: number): string {
  return rowsTable(comparison.rows, maxRows)
}

function rowsTable(rows: readonly ComparisonRow[], maxRows: number): string {
  const shown = rows.slice(0, maxRows)
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`
  const lines = [
    row(['Endpoint', 'Metric', 'Baseline', 'Now', 'Δ', 'Δ %', 'Change']),
    row([':--', ':--', '--:', '--:', '--:', '--:', ':--']),
    ...shown.map((comparisonRow) => {
      const cells = comparisonCells(comparisonRow)
      return row([
        markdownText(cells.label, 120),
        cells.metric,
        cells.baseline,
        cells.current,
        cells.delta,
        cells.deltaPercent,
        cells.trend
      ])
    })
  ]
  if (shown.length < rows.length) {
    lines.push(
      '',
      `_Showing ${formatCount(shown.length)} of ${formatCount(rows.length)} figures (the worst first); all of them are in results.json._`
    )
  }
  return lines.join('\n')
}

/**
 * The rule people must read first, in one line with its numbers: the first failing rule, else the
 * first inconclusive one; undefined when none. "p95 < baseline × 1.1 failed: 85 ms against a limit
 * of 44 ms; now ÷ baseline ×2.13 (×1.71 to ×2.6)".
 */
export function leadingRuleLine(results: readonly RuleResult[]): string | undefined {
  const lead =
    results.find((result) => result.verdict === 'fail') ??
    results.find((result) => result.verdict === 'inconclusive')
  if (!lead || lead.actual === null) return undefined
  const family = metricFamily(lead.rule.metric)
  const outcome = lead.verdict === 'fail' ? 'failed' : 'is inconclusive'
  const interval = lead.interval
    ? ` (${formatValue(lead.interval.low, family)} to ${lead.interval.high === null ? '∞' : formatValue(lead.interval.high, family)})`
    : ''
  const ratio = lead.ratio
    ? `; now ÷ baseline ×${lead.ratio.value.toFixed(2)} (×${lead.ratio.low.toFixed(2)} to ${lead.ratio.high === null ? '∞' : `×${lead.ratio.high.toFixed(2)}`})`
    : ''
  // The reason may be a whole sentence: its full stop would double the line's.
  const why =
    lead.verdict === 'inconclusive' && lead.reason ? `: ${lead.reason.replace(/\.$/, '')}` : ''
  return `${tableCode(describeRule(lead.rule))} ${outcome}: ${formatValue(lead.actual, family)}${interval} against ${markdownText(formatLimit(lead))}${ratio}${markdownText(why)}.`
}

/**
 * Where the baseline came from, as a markdown line: its source and, when known, its run. A paired
 * run's baseline is its own other side: said in words, only its host as code.
 */
function baselineSourceLine(comparison: Comparison, rounds: RunReport['rounds']): string {
  const pairedHost = rounds?.baselinePooled ? rounds.hosts.baseline : undefined
  const source =
    pairedHost === undefined
      ? inlineCode(comparison.baselineSource, 200)
      : `the baseline side of this run, ${inlineCode(pairedHost, 200)}`
  const id = comparison.baselineRunId
  if (id === undefined) return `Baseline: ${source}.`
  const run = markdownLink(`run ${id}`, comparison.baselineRunUrl)
  return `Baseline: ${source}, from ${run}.`
}

/**
 * The markdown of the comparison with the baseline: where the baseline came from, the sentence and
 * the table; or the note that says why there is none. No lines when no baseline was asked for.
 */
export function comparisonMarkdown(
  report: Pick<RunReport, 'comparison' | 'baselineNote' | 'rounds'>,
  maxRows: number,
  maxNoteChars: number
): string[] {
  if (report.comparison) {
    // Changes beyond the noise first (worse, then better); the rest folded away.
    const beyond = report.comparison.rows.filter(
      (row) => row.change === 'worse' || row.change === 'better'
    )
    const within = report.comparison.rows.filter(
      (row) => row.change !== 'worse' && row.change !== 'better'
    )
    const lines = [
      `${baselineSourceLine(report.comparison, report.rounds)} ${comparisonSentence(report.comparison)}`
    ]
    if (beyond.length > 0) lines.push('', rowsTable(beyond, maxRows))
    if (within.length > 0) {
      lines.push(
        '',
        '<details>',
        `<summary>${formatCount(within.length)} ${within.length === 1 ? 'figure' : 'figures'} within the noise</summary>`,
        '',
        rowsTable(within, maxRows),
        '',
        '</details>'
      )
    }
    return lines
  }
  if (report.baselineNote !== undefined) {
    return [`_${markdownText(report.baselineNote, maxNoteChars)}_`]
  }
  return []
}
