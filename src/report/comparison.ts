/**
 * The comparison with a baseline in words and figures, shared by the job summary, the PR comment
 * and the terminal: each draws the same cells its own way.
 */
import type { Change, Comparison, ComparisonRow } from '../baseline/model.js'
import { metricFamily, metricName } from '../thresholds/metrics.js'
import { inlineCode, markdownLink, markdownText } from './escape.js'
import { formatCount, formatValue } from './format.js'
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

/** The comparison as a GFM table of at most maxRows rows (regressions first), with a cut note. */
export function comparisonTable(comparison: Comparison, maxRows: number): string {
  const shown = comparison.rows.slice(0, maxRows)
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
  if (shown.length < comparison.rows.length) {
    lines.push(
      '',
      `_Showing ${formatCount(shown.length)} of ${formatCount(comparison.rows.length)} figures (regressions first); all of them are in results.json._`
    )
  }
  return lines.join('\n')
}

/** Where the baseline came from, as a markdown line: its source and, when known, its run. */
export function baselineSourceLine(comparison: Comparison): string {
  const source = inlineCode(comparison.baselineSource, 200)
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
  report: Pick<RunReport, 'comparison' | 'baselineNote'>,
  maxRows: number,
  maxNoteChars: number
): string[] {
  if (report.comparison) {
    return [
      `${baselineSourceLine(report.comparison)} ${comparisonSentence(report.comparison)}`,
      '',
      comparisonTable(report.comparison, maxRows)
    ]
  }
  if (report.baselineNote !== undefined) {
    return [`_${markdownText(report.baselineNote, maxNoteChars)}_`]
  }
  return []
}
