/**
 * The report for a terminal (the CLI): verdict, thresholds, endpoints, failures and facts as
 * aligned plain text within the given width, coloured (node:util styleText) only when asked.
 * Columns are measured in terminal cells (string-width: East Asian wide characters and emoji take
 * two). User-controlled text loses its control characters, so an endpoint name cannot move the
 * cursor or recolour the terminal.
 */
import cliTruncate from 'cli-truncate'
import { styleText } from 'node:util'
import stringWidth from 'string-width'
import wrapAnsi from 'wrap-ansi'
import type { EndpointStats, LocustResults } from '../results/model.js'
import type { Change } from '../baseline/model.js'
import type { RuleResult, RuleVerdict } from '../thresholds/model.js'
import { comparisonCells, comparisonSentence } from './comparison.js'
import { changingIds, changingIdsAdvice } from './dynamic-urls.js'
import {
  failuresWarning,
  headline,
  ruleLabel,
  NO_RESULTS_NOTE,
  PARTIAL_NOTE,
  runFacts,
  roundsSentence,
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
  /**
   * Columns available (at least 60; default 100, e.g. for a CI log). Text wraps to fit; a table too
   * wide for it puts each name on a line of its own above its figures. Only a word longer than the
   * width (a URL) is longer.
   */
  width?: number
}

const DEFAULT_WIDTH = 100
const MIN_WIDTH = 60
const MAX_ENDPOINT_ROWS = 50
const MAX_FAILURE_ROWS = 10
const MAX_COMPARISON_ROWS = 12
const MAX_EXCEPTION_ROWS = 5
const MAX_ERROR_CHARS = 2000
const MAX_LABEL_WIDTH = 24
const INDENT = '  '

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow'

export function renderTerminal(report: RunReport, options: TerminalOptions = {}): string {
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH)
  // Whether to colour is the caller's decision (--no-color, NO_COLOR, a TTY), not the stream's.
  const paint = (text: string, style: Style | undefined) =>
    options.color && style && text !== '' ? styleText(style, text, { validateStream: false }) : text
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

/** A run stopped or unable to run has no verdict on its thresholds: its heading says only that. */
const WITHOUT_THRESHOLDS_SENTENCE: ReadonlySet<Verdict> = new Set(['error', 'cancelled'])

function verdictSection(report: RunReport, context: Context): string {
  const { paint } = context
  const [mark, style] = VERDICT_MARKS[report.verdict]
  const title = `${paint(mark, style)}  ${paint(verdictTitle(report), 'bold')}`
  const lines = [
    WITHOUT_THRESHOLDS_SENTENCE.has(report.verdict)
      ? `${title}.`
      : `${title}: ${thresholdsSentence(report.evaluation.results)}`
  ]
  for (const note of validityNotes(report))
    lines.push(`${INDENT}${paint(`${note.label}:`, style)} ${oneLine(note.text)}`)
  if (report.error !== undefined) {
    // Lines after the first (log excerpts, tracebacks) keep their own lines and indentation.
    const [first, ...rest] = truncate(report.error, MAX_ERROR_CHARS).split(/\r?\n/)
    lines.push(`${paint('Error:', style)} ${oneLine(first)}`)
    for (const line of rest) lines.push(`${INDENT}${oneLine(line)}`)
  }
  if (report.partial) lines.push(`${paint('Partial results:', 'yellow')} ${PARTIAL_NOTE}`)
  const warning = failuresWarning(report)
  if (warning !== undefined) lines.push(`${paint('Warning:', 'yellow')} ${warning}`)
  if (!report.results) lines.push(NO_RESULTS_NOTE)
  else lines.push(headline(report.results.aggregate, (text) => paint(text, 'bold')))
  const rounds = roundsSentence(report, { text: oneLine, literal: oneLine })
  if (rounds !== undefined) lines.push(rounds)
  const [heading, ...details] = lines
  return [
    wrap('', heading, context.width, INDENT),
    ...details.map((line) => wrap(INDENT, line, context.width, INDENT.repeat(2)))
  ].join('\n')
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
      : [
          line,
          context.paint(
            wrap(`${REASON_INDENT}↳ `, oneLine(reason), context.width, `${REASON_INDENT}  `),
            'dim'
          )
        ]
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
    return section(
      title,
      wrap(INDENT, oneLine(report.baselineNote), context.width, INDENT),
      context
    )
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
    wrap(
      INDENT,
      `${oneLine(comparison.baselineSource)}${source}: ${comparisonSentence(comparison)}`,
      context.width,
      INDENT.repeat(2)
    ),
    ...table(
      ['Endpoint', 'Metric', 'Baseline', 'Now', 'Δ', 'Δ %', 'Change'],
      rows,
      ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
      0,
      context,
      // Δ % carries the interval; the plain Δ goes first when 80 columns cannot hold both.
      [4]
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
  const lines = table(header, rows, aligns, 1, context, ENDPOINT_OPTIONAL_COLUMNS)
  if (shown.length < ordered.length) {
    lines.push(
      context.paint(
        wrap(
          INDENT,
          `Showing ${formatCount(shown.length)} of ${formatCount(ordered.length)} endpoints (failing first, then the busiest); all of them are in results.json.`,
          context.width,
          INDENT
        ),
        'dim'
      )
    )
  }
  const group = changingIds(results.endpoints)
  if (group !== undefined) lines.push(`${INDENT}${oneLine(changingIdsAdvice(group))}`)
  return section('Endpoints', lines.join('\n'), context)
}

/** Columns an endpoint table leaves out, in this order, when its figures alone are too wide. */
const ENDPOINT_OPTIONAL_COLUMNS = [7, 8] // Avg, then Max

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
  const labelWidth = Math.max(...items.map(([label]) => stringWidth(label)))
  const hanging = ' '.repeat(INDENT.length + labelWidth + 2)
  const lines = items.map(([label, value]) =>
    wrap(
      `${INDENT}${context.paint(padEnd(label, labelWidth), 'dim')}  `,
      value,
      context.width,
      hanging
    )
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

const GAP = '  '
/** A name or rule wrapped into a column narrower than this reads badly: it gets lines of its own. */
const MIN_FLEX_WIDTH = 24

/**
 * Aligned columns, the header first; each row is one string. When the table is wider than the
 * terminal, the flexible column (a name or a rule, never cut) wraps within the room left; when
 * that room is too narrow, each row's cells up to it go on a line of their own, above its other
 * cells, left out of which are the columns named in `optional` (in their order) while they are
 * still too wide. Colour is applied after padding so escape sequences never skew alignment.
 */
function table(
  header: string[],
  rows: Cell[][],
  aligns: Align[],
  flexColumn: number,
  context: Context,
  optional: number[] = []
): string[] {
  const headerCells = header.map((text): Cell => ({ text, style: 'dim' }))
  const all = [headerCells, ...rows]
  const widths = header.map((_, column) =>
    Math.max(...all.map((row) => stringWidth(row[column].text)))
  )
  const widthOf = (columns: number[]) =>
    INDENT.length +
    columns.reduce((sum, column) => sum + widths[column], 0) +
    GAP.length * (columns.length - 1)
  const everyColumn = header.map((_, column) => column)
  const room = context.width - (widthOf(everyColumn) - widths[flexColumn])
  if (room >= Math.min(widths[flexColumn], MIN_FLEX_WIDTH)) {
    widths[flexColumn] = Math.min(widths[flexColumn], room)
    return all.map((row) => alignedRow(row, everyColumn, widths, aligns, flexColumn, context))
  }
  let figures = everyColumn.filter((column) => column > flexColumn)
  for (const column of optional) {
    if (widthOf(figures) <= context.width) break
    figures = figures.filter((kept) => kept !== column)
  }
  const named = everyColumn.filter((column) => column <= flexColumn)
  return [
    alignedRow(headerCells, figures, widths, aligns, -1, context),
    ...rows.map((row) => {
      const name = named
        .map((column) => row[column])
        .filter((cell) => cell.text !== '')
        .map((cell) => context.paint(cell.text, cell.style))
        .join(' ')
      return [
        wrap(INDENT, name, context.width, INDENT.repeat(2), true),
        alignedRow(row, figures, widths, aligns, -1, context)
      ].join('\n')
    })
  ]
}

/** One row's cells of `columns`, padded to `widths`; the flexible cell wraps within its width. */
function alignedRow(
  row: Cell[],
  columns: number[],
  widths: number[],
  aligns: Align[],
  flexColumn: number,
  context: Context
): string {
  const last = columns[columns.length - 1]
  const cellLines = columns.map((column) =>
    column === flexColumn
      ? wrapAnsi(row[column].text, widths[column], { hard: true }).split('\n')
      : [row[column].text]
  )
  const height = Math.max(...cellLines.map((lines) => lines.length))
  return Array.from({ length: height }, (_, line) => {
    const cells = columns.map((column, index) => {
      const text = cellLines[index][line] ?? ''
      const width = widths[column]
      // A left-aligned last column is not padded: no trailing spaces, coloured or not.
      const padded =
        aligns[column] === 'right'
          ? padStart(text, width)
          : column === last
            ? text
            : padEnd(text, width)
      return context.paint(padded, row[column].style)
    })
    return `${INDENT}${cells.join(GAP)}`.trimEnd()
  }).join('\n')
}

/**
 * `prefix` then `text` wrapped at spaces to `width` columns, later lines indented by `indent`; a
 * word longer than a line (a URL) is kept whole, unless `breakWords`.
 */
function wrap(
  prefix: string,
  text: string,
  width: number,
  indent: string,
  breakWords = false
): string {
  // The text's own leading spaces (a traceback's indentation) stay with its first line.
  const [, leading, body] = /^( *)(.*)$/s.exec(text)!
  const first = prefix + leading
  const room = Math.max(1, width - Math.max(stringWidth(first), stringWidth(indent)))
  const lines = wrapAnsi(body, room, { hard: breakWords }).split('\n')
  return lines.map((line, index) => (index === 0 ? first : indent) + line).join('\n')
}

/** Cuts text to at most maxWidth terminal columns, "…" marking the cut. */
function fit(text: string, maxWidth: number): string {
  return cliTruncate(text, maxWidth, { position: 'end' })
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)))
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text
}
