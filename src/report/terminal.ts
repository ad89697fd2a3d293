/**
 * The report for a terminal (the CLI): verdict, thresholds, endpoints, failures and facts as
 * aligned plain text, coloured with ANSI sequences only when asked. User-controlled text loses its
 * control characters, so an endpoint name cannot move the cursor or recolour the terminal.
 */
import type { EndpointStats, LocustResults } from '../results/model.js'
import type { Change } from '../baseline/model.js'
import type { RuleResult, RuleVerdict } from '../thresholds/model.js'
import { comparisonCells, comparisonSentence } from './comparison.js'
import {
  failuresWarning,
  headline,
  ruleLabel,
  NO_RESULTS_NOTE,
  PARTIAL_NOTE,
  runFacts,
  thresholdsSentence,
  validityNotes,
  verdictTitle
} from './content.js'
import { oneLine, truncate } from './escape.js'
import { failRatio, orderEndpoints, orderFailures, percentileMs } from './figures.js'
import { metricFamily } from '../thresholds/metrics.js'
import { formatCount, formatLimit, formatValue } from './format.js'
import type { RunReport, Verdict } from './model.js'

export interface TerminalOptions {
  /** Colour with ANSI escape sequences (only for a TTY that wants colour). */
  color?: boolean
  /** Columns available; tables shrink their name column to fit. Default 100. */
  width?: number
}

const DEFAULT_WIDTH = 100
const MIN_WIDTH = 60
const MAX_ENDPOINT_ROWS = 50
const MAX_FAILURE_ROWS = 10
const MAX_COMPARISON_ROWS = 12
const MAX_EXCEPTION_ROWS = 5
const MAX_ERROR_CHARS = 2000
/** A cut name column still shows this much ("Aggregated" whole), even if the table overflows. */
const MIN_FLEX_WIDTH = 12
const MAX_LABEL_WIDTH = 24
const INDENT = '  '

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow'
const ANSI: Record<Style, string> = {
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m'
}
const RESET = '\u001b[0m'

export function renderTerminal(report: RunReport, options: TerminalOptions = {}): string {
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH)
  const paint = (text: string, style: Style | undefined) =>
    options.color && style && text !== '' ? `${ANSI[style]}${text}${RESET}` : text
  const context: Context = { width, paint }
  const sections = [
    verdictSection(report, context),
    thresholdsSection(report.evaluation.results, context),
    comparisonSection(report, context)
  ]
  if (report.results) {
    sections.push(
      endpointsSection(report.results, context),
      failuresSection(report.results, context)
    )
  }
  sections.push(factsSection(report, context))
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`
}

interface Context {
  width: number
  paint: (text: string, style: Style | undefined) => string
}

const VERDICT_MARKS: Record<Verdict, [string, Style]> = {
  passed: ['✔ PASSED', 'green'],
  inconclusive: ['? INCONCLUSIVE', 'yellow'],
  failed: ['✖ FAILED', 'red'],
  invalid: ['⊘ INVALID', 'red'],
  error: ['⚠ ERROR', 'yellow'],
  cancelled: ['■ CANCELLED', 'yellow']
}

function verdictSection(report: RunReport, { paint }: Context): string {
  const [mark, style] = VERDICT_MARKS[report.verdict]
  const lines = [
    `${paint(mark, style)}  ${paint(verdictTitle(report), 'bold')}: ${thresholdsSentence(report.evaluation.results)}`
  ]
  for (const note of validityNotes(report))
    lines.push(`${INDENT}${paint(`${note.label}:`, style)} ${oneLine(note.text)}`)
  if (report.error !== undefined) {
    // Lines after the first (log excerpts, tracebacks) keep their own lines and indentation.
    const [first, ...rest] = truncate(report.error, MAX_ERROR_CHARS).split(/\r?\n/)
    lines.push(`${INDENT}${paint('Error:', style)} ${oneLine(first)}`)
    for (const line of rest) lines.push(`${INDENT}${INDENT}${oneLine(line)}`)
  }
  if (report.partial) lines.push(`${INDENT}${paint('Partial results:', 'yellow')} ${PARTIAL_NOTE}`)
  const warning = failuresWarning(report)
  if (warning !== undefined) lines.push(`${INDENT}${paint('Warning:', 'yellow')} ${warning}`)
  if (!report.results) lines.push(`${INDENT}${NO_RESULTS_NOTE}`)
  else lines.push(`${INDENT}${headline(report.results.aggregate, (text) => paint(text, 'bold'))}`)
  return lines.join('\n')
}

function thresholdsSection(results: RuleResult[], context: Context): string {
  if (results.length === 0) return ''
  const rows = results.map((result): Cell[] => {
    const family = metricFamily(result.rule.metric)
    return [
      VERDICT_CELLS[result.verdict],
      { text: oneLine(ruleLabel(result.rule)) },
      { text: formatValue(result.actual, family) },
      { text: formatLimit(result) }
    ]
  })
  const [header, ...lines] = table(
    ['', 'Rule', 'Actual', 'Limit'],
    rows,
    THRESHOLD_ALIGNS,
    1,
    context
  )
  // A reason is a sentence: it gets its own line under its rule rather than a cramped column.
  const withReasons = lines.flatMap((line, index) => {
    const reason = results[index].reason
    return reason === undefined
      ? [line]
      : [line, context.paint(`${REASON_INDENT}↳ ${oneLine(reason)}`, 'dim')]
  })
  return section('Thresholds', [header, ...withReasons].join('\n'), context)
}

const VERDICT_CELLS: Record<RuleVerdict, Cell> = {
  pass: { text: '✔ pass', style: 'green' },
  fail: { text: '✖ fail', style: 'red' },
  inconclusive: { text: '? inconclusive', style: 'yellow' },
  skipped: { text: '- skip', style: 'yellow' },
  not_evaluated: { text: '– not evaluated', style: 'yellow' }
}

const THRESHOLD_ALIGNS: Align[] = ['left', 'left', 'right', 'right']
const REASON_INDENT = ' '.repeat(INDENT.length + '✖ fail'.length + 2)

const CHANGE_STYLES: Record<Change, Style | undefined> = {
  worse: 'red',
  better: 'green',
  same: undefined,
  unknown: 'dim'
}

function comparisonSection(report: RunReport, context: Context): string {
  const title = 'Compared with the baseline'
  if (!report.comparison) {
    if (report.baselineNote === undefined) return ''
    return section(title, `${INDENT}${oneLine(report.baselineNote)}`, context)
  }
  const { comparison } = report
  const shown = comparison.rows.slice(0, MAX_COMPARISON_ROWS)
  const rows = shown.map((row): Cell[] => {
    const cells = comparisonCells(row)
    return [
      { text: oneLine(cells.label) },
      { text: cells.metric },
      { text: cells.baseline },
      { text: cells.current },
      { text: cells.delta },
      { text: cells.deltaPercent },
      { text: cells.trend, style: CHANGE_STYLES[row.change] }
    ]
  })
  const source =
    comparison.baselineRunId === undefined ? '' : ` (run ${oneLine(comparison.baselineRunId)})`
  const lines = [
    `${INDENT}${oneLine(comparison.baselineSource)}${source}: ${comparisonSentence(comparison)}`,
    ...table(
      ['Endpoint', 'Metric', 'Baseline', 'Now', 'Δ', 'Δ %', 'Change'],
      rows,
      ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
      0,
      context
    )
  ]
  if (shown.length < comparison.rows.length) {
    lines.push(
      context.paint(
        `${INDENT}Showing ${formatCount(shown.length)} of ${formatCount(comparison.rows.length)} figures (regressions first); all of them are in results.json.`,
        'dim'
      )
    )
  }
  return section(title, lines.join('\n'), context)
}

function endpointsSection(results: LocustResults, context: Context): string {
  const ordered = orderEndpoints(results.endpoints)
  const shown = ordered.slice(0, MAX_ENDPOINT_ROWS)
  const rows = [
    ...shown.map((stats) => endpointCells(stats, false)),
    endpointCells(results.aggregate, true)
  ]
  const header = [
    'Method',
    'Name',
    'Requests',
    'Failures',
    'Median',
    'p95',
    'p99',
    'Avg',
    'Max',
    'RPS'
  ]
  const aligns: Align[] = ['left', 'left', ...Array<Align>(8).fill('right')]
  const lines = table(header, rows, aligns, 1, context)
  if (shown.length < ordered.length) {
    lines.push(
      context.paint(
        `${INDENT}Showing ${formatCount(shown.length)} of ${formatCount(ordered.length)} endpoints (failing first, then the busiest); all of them are in results.json.`,
        'dim'
      )
    )
  }
  return section('Endpoints', lines.join('\n'), context)
}

function endpointCells(stats: EndpointStats, isTotal: boolean): Cell[] {
  const style: Style | undefined = isTotal ? 'bold' : undefined
  const failures =
    stats.failures > 0
      ? `${formatCount(stats.failures)} (${formatValue(failRatio(stats), 'ratio')})`
      : '0'
  return [
    { text: isTotal ? '' : oneLine(stats.method) },
    { text: isTotal ? 'Aggregated' : oneLine(stats.name), style },
    { text: formatCount(stats.requests), style },
    { text: failures, style: stats.failures > 0 ? 'red' : style },
    { text: formatValue(stats.medianMs, 'time'), style },
    { text: formatValue(percentileMs(stats, 95), 'time'), style },
    { text: formatValue(percentileMs(stats, 99), 'time'), style },
    { text: formatValue(stats.avgMs, 'time'), style },
    { text: formatValue(stats.maxMs, 'time'), style },
    { text: formatValue(stats.rps, 'rate'), style }
  ]
}

function failuresSection(results: LocustResults, context: Context): string {
  const lines: string[] = []
  const failures = orderFailures(results.failures).slice(0, MAX_FAILURE_ROWS)
  for (const failure of failures) {
    const where = oneLine(`${failure.method} ${failure.name}`.trim())
    const line = `${INDENT}${formatCount(failure.occurrences)} × ${where}: ${oneLine(failure.error)}`
    lines.push(context.paint(fit(line, context.width), 'red'))
  }
  const exceptions = [...results.exceptions]
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_EXCEPTION_ROWS)
  for (const exception of exceptions) {
    const line = `${INDENT}${formatCount(exception.count)} × exception: ${oneLine(exception.message)}`
    lines.push(context.paint(fit(line, context.width), 'yellow'))
  }
  const hidden =
    results.failures.length - failures.length + (results.exceptions.length - exceptions.length)
  if (hidden > 0) {
    lines.push(context.paint(`${INDENT}… and ${formatCount(hidden)} more in results.json`, 'dim'))
  }
  return lines.length === 0 ? '' : section('Failures and exceptions', lines.join('\n'), context)
}

function factsSection(report: RunReport, context: Context): string {
  const items = runFacts(report, { text: oneLine, literal: oneLine })
  for (const link of report.facts.links ?? []) {
    items.push([fit(oneLine(link.label), MAX_LABEL_WIDTH), oneLine(link.url ?? link.value ?? '')])
  }
  const labelWidth = Math.max(...items.map(([label]) => displayWidth(label)))
  const lines = items.map(
    ([label, value]) => `${INDENT}${context.paint(padEnd(label, labelWidth), 'dim')}  ${value}`
  )
  return section('Run', lines.join('\n'), context)
}

function section(title: string, body: string, context: Context): string {
  return `${context.paint(title, 'bold')}\n${body}`
}

type Align = 'left' | 'right'

interface Cell {
  text: string
  style?: Style
}

/**
 * Aligned columns; when the table is wider than the terminal, the flexible column (the name or
 * rule) is cut to fit. Colour is applied after padding so escape sequences never skew alignment.
 */
function table(
  header: string[],
  rows: Cell[][],
  aligns: Align[],
  flexColumn: number,
  context: Context
): string[] {
  const all: Cell[][] = [header.map((text) => ({ text, style: 'dim' })), ...rows]
  const widths = header.map((_, column) =>
    Math.max(...all.map((row) => displayWidth(row[column].text)))
  )
  const gaps = INDENT.length + 2 * (widths.length - 1)
  const total = gaps + widths.reduce((sum, width) => sum + width, 0)
  if (total > context.width)
    widths[flexColumn] = Math.max(MIN_FLEX_WIDTH, widths[flexColumn] - (total - context.width))
  return all.map((row) => {
    const last = row.length - 1
    const cells = row.map((cell, column) => {
      const text = fit(cell.text, widths[column])
      // A left-aligned last column is not padded: no trailing spaces, coloured or not.
      const padded =
        aligns[column] === 'right'
          ? padStart(text, widths[column])
          : column === last
            ? text
            : padEnd(text, widths[column])
      return context.paint(padded, cell.style)
    })
    return `${INDENT}${cells.join('  ')}`.trimEnd()
  })
}

/** Cuts text to at most maxWidth terminal columns, "…" marking the cut. */
function fit(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text
  let width = 0
  let kept = ''
  for (const char of text) {
    width += charWidth(char)
    if (width > maxWidth - 1) break
    kept += char
  }
  return `${kept}…`
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text
}

function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += charWidth(char)
  return width
}

/** Combining marks take no column; East Asian wide characters and most emoji take two. */
function charWidth(char: string): number {
  if (/\p{Mn}|\p{Me}|\u200b|\ufe0f/u.test(char)) return 0
  const code = char.codePointAt(0) ?? 0
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  return wide ? 2 : 1
}
