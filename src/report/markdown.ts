/**
 * The job summary: a run report as GitHub-flavoured markdown with Mermaid charts. Verdict first,
 * then what explains it. Every piece of user-controlled text goes through ./escape.ts, and the
 * result always fits in maxBytes: endpoint rows are cut (least important first) and the cut said.
 *
 * How src/report/ is laid out, and where a new section of the summary goes:
 * - model.ts: the RunReport every rendering draws; outcome.ts: verdict → exit code and step outcome.
 * - What a section says, whatever draws it: figures derived from the results (percentiles, order,
 *   chart series) in figures.ts; words and label/value pairs in content.ts; one-line sentences
 *   for logs and the step's failure message in sentences.ts; numbers formatted in format.ts.
 * - How it is drawn: here for the summary (a `…Section` function, added to renderMarkdown in its
 *   place), terminal.ts for the CLI, comment.ts for the PR comment (a short pick of the same
 *   sections), json.ts and outputs.ts for machines; comparison.ts is the baseline comparison's
 *   cells, shared by all three texts. escape.ts makes user-controlled text safe in each.
 * So a new section is its content in figures.ts or content.ts, a `…Section` here, and, when the
 * terminal shows it too, the same content drawn in terminal.ts.
 */
import { MAX_RECORDS_KEPT } from '../results/failures.js'
import type { EndpointStats, ExceptionRecord, LocustResults, NotKept } from '../results/model.js'
import { metricFamily, type MetricFamily } from '../thresholds/metrics.js'
import type { RuleResult, RuleVerdict } from '../thresholds/model.js'
import {
  fencedBlock,
  htmlText,
  inlineCode,
  markdownLink,
  markdownText,
  markdownWithCode,
  mermaidText,
  tableCode
} from './escape.js'
import {
  chartSeries,
  failRatio,
  orderEndpoints,
  orderFailures,
  percentileMs,
  type ChartSeries
} from './figures.js'
import {
  failuresWarning,
  headline,
  NO_RESULTS_NOTE,
  PARTIAL_NOTE,
  ROUNDS_CHART_NOTES,
  roundsSentence,
  runFacts,
  thresholdsSentence,
  validityNotes,
  VERDICT_ICONS,
  VERDICT_TITLES,
  verdictTitle
} from './content.js'
import { comparisonMarkdown, leadingRuleLine } from './comparison.js'
import { changingIds, changingIdsAdvice, MAX_ENDPOINT_ROWS } from './dynamic-urls.js'
import { formatCount, formatLimit, formatSeconds, formatValue, machineValue } from './format.js'
import type { RunFacts } from '../run/facts.js'
import type { RunReport } from './model.js'

/** GitHub refuses a step summary larger than 1 MiB. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024
/** Room left under the limit for anything the action appends to the summary. */
const DEFAULT_MAX_BYTES = SUMMARY_LIMIT_BYTES - 32 * 1024

const MAX_THRESHOLD_ROWS = 200
const MAX_FAILURE_ROWS = 20
const MAX_COMPARISON_ROWS = 60
const MAX_EXCEPTIONS = 10
const MAX_TRACEBACK_CHARS = 4000
const MAX_ERROR_CHARS = 2000
const MAX_ERROR_LINES = 60
const CHART_POINTS = 60

export interface MarkdownOptions {
  /** Upper bound of the rendered size in UTF-8 bytes; default 1 MiB minus a 32 KiB margin. */
  maxBytes?: number
}

export function renderMarkdown(report: RunReport, options: MarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const results = report.results
  const leading = [
    verdictSection(report),
    thresholdsSection(report.evaluation.results),
    comparisonSection(report)
  ]
  const trailing = results
    ? [
        failuresSection(results),
        exceptionsSection(results.exceptions, results.exceptionsNotKept),
        factsSection(report)
      ]
    : [factsSection(report)]
  if (results) trailing.push(chartsSection(results, report))

  const fixedBytes = byteLength(joinSections([...leading, ...trailing]))
  const endpointBudget = maxBytes - fixedBytes - SECTION_SEPARATOR.length
  const endpoints = results ? endpointsSection(results, endpointBudget) : ''
  const full = joinSections([...leading, endpoints, ...trailing])
  if (byteLength(full) <= maxBytes) return full

  // Only a maxBytes smaller than the bounded sections (a few KiB, at most ~200 KiB) gets here.
  const compact = joinSections([
    verdictSection(report),
    `_The full summary would exceed ${formatCount(maxBytes)} bytes; every figure is in results.json._`
  ])
  return byteLength(compact) <= maxBytes ? compact : `${verdictHeading(report)}\n`
}

/** The job summary of a run that ended before it had anything to report (e.g. invalid inputs). */
export function errorSummary(message: string): string {
  return joinSections([
    [`## ${VERDICT_ICONS.error} ${VERDICT_TITLES.error}`, '', ...errorBlocks(message)]
      .join('\n')
      .trimEnd()
  ])
}

const SECTION_SEPARATOR = '\n\n'

const VERDICT_CELLS: Record<RuleVerdict, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '❓ inconclusive',
  skipped: '⏭️ skipped',
  not_evaluated: '➖ not evaluated'
}

function joinSections(sections: string[]): string {
  return `${sections.filter((section) => section !== '').join(SECTION_SEPARATOR)}\n`
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function verdictHeading(report: RunReport): string {
  return `## ${VERDICT_ICONS[report.verdict]} ${verdictTitle(report)}`
}

function verdictSection(report: RunReport): string {
  const lines = [verdictHeading(report), '']
  for (const note of validityNotes(report))
    lines.push(`> **${note.label}:** ${markdownText(note.text)}`, '')
  if (report.error !== undefined) lines.push(...errorBlocks(report.error))
  if (report.partial) lines.push(`> **Partial results:** ${PARTIAL_NOTE}`, '')
  const warning = failuresWarning(report)
  if (warning !== undefined) lines.push(`> **Warning:** ${markdownText(warning)}`, '')
  if (!report.results) lines.push(NO_RESULTS_NOTE, '')
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
  return lines.join('\n')
}

/**
 * An error message: its first line as the error, then its other lines as they were written: lines
 * quoted from a log (indented, e.g. a Python traceback) as code blocks, the others as text.
 */
function errorBlocks(error: string): string[] {
  const [first, ...rest] = error.split(/\r?\n/)
  const blocks = [`> **Error:** ${markdownWithCode(first, MAX_ERROR_CHARS)}`, '']
  let quoted: string[] = []
  const flush = () => {
    if (quoted.length > 0)
      blocks.push(fencedBlock(lastChars(dedent(quoted), MAX_TRACEBACK_CHARS)), '')
    quoted = []
  }
  for (const line of rest.slice(-MAX_ERROR_LINES)) {
    if (/^\s/.test(line)) {
      quoted.push(line)
    } else {
      flush()
      if (line.trim() !== '') blocks.push(markdownWithCode(line, MAX_ERROR_CHARS), '')
    }
  }
  flush()
  return blocks
}

function dedent(lines: string[]): string {
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length)
  )
  return lines.map((line) => line.slice(indent)).join('\n')
}

/** Failing rules first, then the unmeasured and the undecided, then the rest; else as written. */
const VERDICT_ORDER: Record<RuleVerdict, number> = {
  fail: 0,
  not_evaluated: 1,
  inconclusive: 2,
  pass: 3,
  skipped: 4
}

function thresholdsSection(results: RuleResult[]): string {
  if (results.length === 0) return ''
  const shown = [...results]
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict])
    .slice(0, MAX_THRESHOLD_ROWS)
  // The reason column only when a rule has one: an empty column is noise.
  const reasons = shown.some((result) => (result.reason ?? '') !== '')
  const rows = shown.map((result) => {
    const family = metricFamily(result.rule.metric)
    const interval =
      result.interval && result.actual !== null && result.interval.high !== result.interval.low
        ? ` (${formatValue(result.interval.low, family)}–${result.interval.high === null ? '∞' : formatValue(result.interval.high, family)})`
        : ''
    return tableRow([
      result.rule.isDefault
        ? `${tableCode(result.rule.text)} (default)`
        : tableCode(result.rule.text),
      formatValue(result.actual, family) + interval,
      markdownText(formatLimit(result)),
      VERDICT_CELLS[result.verdict],
      ...(reasons ? [markdownText(result.reason ?? '')] : [])
    ])
  })
  return [
    '### Thresholds',
    '',
    tableRow(['Rule', 'Actual (interval)', 'Limit', 'Result', ...(reasons ? ['Reason'] : [])]),
    tableRow([':--', '--:', '--:', ':-:', ...(reasons ? [':--'] : [])]),
    ...rows,
    ...cutNote(shown.length, results.length, 'thresholds', 'failing first')
  ].join('\n')
}

function comparisonSection(report: RunReport): string {
  const lines = comparisonMarkdown(report, MAX_COMPARISON_ROWS, MAX_ERROR_CHARS)
  return lines.length === 0 ? '' : ['### Compared with the baseline', '', ...lines].join('\n')
}

const ENDPOINT_HEADER = [
  tableRow(['Method', 'Name', 'Requests', 'Failures', 'Median', 'p95', 'p99', 'Avg', 'Max', 'RPS']),
  tableRow([':--', ':--', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:'])
]

/** The endpoint table, with as many rows (most important first) as fit in budgetBytes. */
function endpointsSection(results: LocustResults, budgetBytes: number): string {
  const ordered = orderEndpoints(results.endpoints)
  const total = endpointRow(results.aggregate, true)
  const worstNote = cutNote(0, ordered.length, 'endpoints', 'failing first, then the busiest')
  const frameBytes = byteLength(
    ['### Endpoints', '', ...ENDPOINT_HEADER, total, ...worstNote].join('\n')
  )
  let available = budgetBytes - frameBytes
  const rows: string[] = []
  for (const endpoint of ordered.slice(0, MAX_ENDPOINT_ROWS)) {
    const row = endpointRow(endpoint, false)
    available -= byteLength(row) + 1
    if (available < 0) break
    rows.push(row)
  }
  return [
    '### Endpoints',
    '',
    ...ENDPOINT_HEADER,
    ...rows,
    total,
    ...cutNote(rows.length, ordered.length, 'endpoints', 'failing first, then the busiest'),
    ...changingIdsNote(results.endpoints)
  ].join('\n')
}

function changingIdsNote(endpoints: readonly EndpointStats[]): string[] {
  const group = changingIds(endpoints)
  return group === undefined ? [] : ['', `_${markdownWithCode(changingIdsAdvice(group), 600)}_`]
}

function endpointRow(stats: EndpointStats, isTotal: boolean): string {
  const failures =
    stats.failures > 0
      ? `${formatCount(stats.failures)} (${formatValue(failRatio(stats), 'ratio')})`
      : '0'
  const cells = [
    formatCount(stats.requests),
    failures,
    formatValue(stats.medianMs, 'time'),
    formatValue(percentileMs(stats, 95), 'time'),
    formatValue(percentileMs(stats, 99), 'time'),
    formatValue(stats.avgMs, 'time'),
    formatValue(stats.maxMs, 'time'),
    formatValue(stats.rps, 'rate')
  ]
  if (isTotal) return tableRow(['', '**Aggregated**', ...cells.map((cell) => `**${cell}**`)])
  return tableRow([markdownText(stats.method, 20), markdownText(stats.name, 200), ...cells])
}

function failuresSection(results: LocustResults): string {
  if (results.failures.length === 0) return ''
  const shown = orderFailures(results.failures).slice(0, MAX_FAILURE_ROWS)
  return [
    '### Top failures',
    '',
    tableRow(['Occurrences', 'Method', 'Name', 'Error']),
    tableRow(['--:', ':--', ':--', ':--']),
    ...shown.map((failure) =>
      tableRow([
        formatCount(failure.occurrences),
        markdownText(failure.method, 20),
        markdownText(failure.name, 200),
        markdownText(failure.error, 500)
      ])
    ),
    ...cutNote(shown.length, results.failures.length, 'distinct failures', 'most frequent first'),
    ...notKeptNote(results.failuresNotKept, 'distinct failures')
  ].join('\n')
}

function exceptionsSection(exceptions: ExceptionRecord[], notKept?: NotKept): string {
  if (exceptions.length === 0) return ''
  const shown = [...exceptions].sort((a, b) => b.count - a.count).slice(0, MAX_EXCEPTIONS)
  const blocks = shown.map((exception) => {
    const nodes = exception.nodes.trim() === '' ? '' : ` (on ${exception.nodes})`
    return [
      '<details>',
      `<summary>${formatCount(exception.count)} × ${htmlText(exception.message + nodes)}</summary>`,
      '',
      fencedBlock(lastChars(exception.traceback, MAX_TRACEBACK_CHARS) || '(no traceback)'),
      '',
      '</details>'
    ].join('\n')
  })
  return [
    '### Exceptions',
    '',
    blocks.join('\n\n'),
    ...cutNote(shown.length, exceptions.length, 'exceptions', 'most frequent first'),
    ...notKeptNote(notKept, 'exceptions')
  ].join('\n')
}

/** The end of a traceback is where the error is, so a long one loses its beginning. */
function lastChars(text: string, maxChars: number): string {
  const chars = Array.from(text)
  return chars.length <= maxChars ? text : `…\n${chars.slice(-maxChars).join('')}`
}

function factsSection(report: RunReport): string {
  const items = runFacts(report, { text: (text) => markdownText(text), literal: inlineCode })
  for (const link of report.facts.links ?? [])
    items.push([markdownText(link.label, 80), linkText(link)])
  return ['### Run', '', ...items.map(([label, value]) => `- **${label}:** ${value}`)].join('\n')
}

function linkText(link: NonNullable<RunFacts['links']>[number]): string {
  return markdownLink(link.value ?? link.url ?? '', link.url)
}

/** One line of a chart: its legend name and colour. */
interface Line {
  name: string
  colour: string
  colourName: string
  values: number[] | null
}

interface Chart {
  title: string
  axis: string
  family: MetricFamily
  lines: Line[]
  /** What to say instead of a chart whose lines are all zero or unknown. */
  empty: string
  /** The y-axis reaches this at least (users: the count asked for, so a shortfall shows). */
  axisAtLeast?: number
}

/**
 * Colours from Okabe and Ito's palette (told apart by colour-blind eyes), only those with a
 * contrast of at least 3:1, WCAG's minimum for graphics, on both GitHub backgrounds (#ffffff and
 * #0d1117): its orange, yellow, sky blue and black fail one of them.
 */
const COLOURS = {
  green: '#009E73',
  blue: '#0072B2',
  vermillion: '#D55E00',
  pink: '#CC79A7'
}

/** A run shorter than this gets one small chart: a few report periods make no curve worth more. */
const SHORT_RUN_SECONDS = 60
/** Tall enough for eleven 14 px tick labels apart: at 260 px high they touched (seen rendered). */
const SMALL_CHART = { width: 640, height: 320 }
/**
 * Mermaid asks d3 for about ten ticks, so an axis shorter than this ticks at halves: an axis of
 * counts (users) ends here at least.
 */
const MIN_COUNT_AXIS = 10

function line(name: string, colourName: keyof typeof COLOURS, values: number[] | null): Line {
  return { name, colour: COLOURS[colourName], colourName, values }
}

function charts(series: ChartSeries): Chart[] {
  return [
    {
      title: 'Users',
      axis: 'Users',
      family: 'count',
      lines: [line('users', 'green', series.users)],
      empty: 'No users ran.'
    },
    {
      title: 'Requests per second',
      axis: 'Requests/s',
      family: 'rate',
      lines: [line('requests', 'blue', series.requestsPerSecond)],
      empty: 'No requests were made.'
    },
    {
      title: 'Failed requests per second',
      axis: 'Failures/s',
      family: 'rate',
      lines: [line('failures', 'vermillion', series.failuresPerSecond)],
      empty: 'No request failed: no failures chart.'
    },
    responseTimeChart(series)
  ]
}

function responseTimeChart(series: ChartSeries): Chart {
  return {
    title: 'Response time in ms',
    axis: 'ms',
    family: 'time',
    lines: [
      line('p50', 'blue', series.p50),
      line('p95', 'pink', series.p95),
      line('p99', 'vermillion', series.p99)
    ],
    empty: 'No response times were recorded.'
  }
}

/** Failure metrics: a failing rule on one of them makes failures part of the verdict. */
const FAILURE_METRICS: ReadonlySet<string> = new Set(['failures', 'fail_ratio', 'fail_rps'])

/**
 * What a short run's verdict rests on besides response times: users that never reached the count
 * asked for (an unfit run), or failures a rule failed on (an aborted run, often).
 */
function verdictCharts(report: RunReport, span: LocustResults['historySpan']) {
  return {
    users: !report.facts.loadShape && span !== null && span.peakUsers < report.facts.users,
    failures: report.evaluation.results.some(
      (result) => result.verdict === 'fail' && FAILURE_METRICS.has(result.rule.metric.kind)
    )
  }
}

function chartsSection(results: LocustResults, report: RunReport): string {
  const rounds = report.rounds
  const series = chartSeries(results, CHART_POINTS)
  if (series === null) {
    return '### Over time\n\n_No charts: the stats history holds fewer than two samples._'
  }
  const span = results.historySpan
  const short = span !== null && span.lastTimestamp - span.first.timestamp < SHORT_RUN_SECONDS
  const all = charts(series)
  const [users, , failures, responseTimes] = all
  const behind = verdictCharts(report, span)
  if (behind.users) {
    users.title = `Users (${formatCount(report.facts.users)} requested)`
    users.axisAtLeast = report.facts.users
  }
  const shown = short
    ? [...(behind.users ? [users] : []), ...(behind.failures ? [failures] : []), responseTimes]
    : all
  const blocks = shown.map((chart) => chartBlock(chart, series, short ? SMALL_CHART : undefined))
  const alsoShown = [...(behind.users ? ['users'] : []), ...(behind.failures ? ['failures'] : [])]
  const notes = short
    ? [
        `_A short run: response times${alsoShown.length > 0 ? ` and the ${alsoShown.join(' and ')} behind its verdict` : ' only'}, each point covering ${formatSeconds(series.intervalSeconds)}; runs of a minute or more get charts of users, requests and failures too._`
      ]
    : [
        `_Each point covers ${formatSeconds(series.intervalSeconds)} of the run; requests and failures per second are counted from Locust's cumulative totals._`
      ]
  if (rounds) notes.push(`_${ROUNDS_CHART_NOTES[rounds.design]}_`)
  if (series.gaps.length > 0) {
    const gaps = series.gaps
      .slice(0, 5)
      .map(([from, to]) => `${formatSeconds(from)} to ${formatSeconds(to)}`)
      .join(', ')
    notes.push(
      `_No samples from ${gaps}${series.gaps.length > 5 ? ', and more' : ''}: the lines join the samples on either side, and the requests there are averaged over the gap._`
    )
  }
  return ['### Over time', '', blocks.join('\n\n'), '', notes.join('\n\n')].join('\n')
}

function chartBlock(
  chart: Chart,
  series: ChartSeries,
  size: { width: number; height: number } | undefined
): string {
  const lines = chart.lines
    .map((line) => ({
      ...line,
      values: line.values?.map((v) => machineValue(v, chart.family) ?? 0)
    }))
    .filter(
      (line): line is Line & { values: number[] } =>
        line.values !== undefined && line.values.some((v) => v > 0)
    )
  if (lines.length === 0) return `_${chart.empty}_`
  const legend =
    lines.length === 1
      ? ''
      : ` (${lines.map((line) => `${line.name} ${line.colourName}`).join(', ')})`
  const palette = lines.map((line) => line.colour).join(', ')
  const sizing =
    size === undefined ? '' : `"xyChart": {"width": ${size.width}, "height": ${size.height}}, `
  const top = niceCeiling(Math.max(chart.axisAtLeast ?? 0, ...lines.flatMap((line) => line.values)))
  return [
    '```mermaid',
    `%%{init: {${sizing}"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `  title "${mermaidText(chart.title + legend)}"`,
    `  x-axis "${mermaidText('Elapsed time (s)')}" ${axisNumber(series.fromSeconds)} --> ${axisNumber(series.toSeconds)}`,
    `  y-axis "${mermaidText(chart.axis)}" 0 --> ${chart.family === 'count' ? Math.max(MIN_COUNT_AXIS, top) : top}`,
    ...lines.map((line) => `  line [${line.values.join(', ')}]`),
    '```'
  ].join('\n')
}

function axisNumber(seconds: number): number {
  return Number(seconds.toFixed(1))
}

/**
 * Mermaid labels the ticks d3 gives for an axis (about ten, at steps of 1, 2 or 5 × 10ⁿ). These
 * tops get at most eleven ticks, the top one labelled: a top of 3 would get sixteen (steps of
 * 0.2), whose labels run into each other on a small chart, and one of 2.5 none at its top.
 */
const NICE_FACTORS = [1, 1.6, 2, 3.5, 4, 5, 8, 10]

/** A round upper bound for a y-axis, so charts start at 0 and end on a tidy value above the data. */
function niceCeiling(max: number): number {
  if (!(max > 0)) return 1
  const magnitude = 10 ** Math.floor(Math.log10(max))
  const factor = NICE_FACTORS.find((candidate) => candidate * magnitude >= max) ?? 10
  return Number((factor * magnitude).toPrecision(12))
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

/** The sentence saying what was cut, or nothing when everything is shown. */
/** What the reader dropped beyond the most frequent records (results/failures.ts). */
function notKeptNote(notKept: NotKept | undefined, what: string): string[] {
  if (notKept === undefined) return []
  return [
    '',
    `_${formatCount(notKept.records)} less frequent ${what} (${formatCount(notKept.occurrences)} occurrences) are not in this report or results.json, only in Locust's CSV: the ${formatCount(MAX_RECORDS_KEPT)} most frequent are kept._`
  ]
}

function cutNote(shown: number, total: number, what: string, order: string): string[] {
  if (shown >= total) return []
  return [
    '',
    `_Showing ${formatCount(shown)} of ${formatCount(total)} ${what} (${order}); all of them are in results.json._`
  ]
}
