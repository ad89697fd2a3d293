/**
 * Parses the threshold language, one rule per line:
 *
 *     [selector:] metric operator limit[unit] [abort after duration]   # comment
 *     [selector:] metric operator baseline [* factor | + amount[unit] | - amount[unit]]
 *
 * A selector is quoted ("GET /api/items", with \" and \\ escapes) or unquoted; an unquoted
 * selector runs up to the last ":" of the rule, since the comparison itself never contains one.
 * A "#" starts a comment at the start of a line or after a space, so names like "/page#top" need
 * no quotes. Pure: no I/O.
 */

import { closest, distance } from 'fastest-levenshtein'
import {
  isSimpleMetricName,
  KNOWN_METRIC_NAMES,
  LOCUST_DEFAULT_PERCENTILES,
  MAX_PERCENTILE_DECIMALS,
  metricFamily,
  metricName
} from './metrics.js'
import { DistributedLocustError } from '../errors.js'
import { parseDuration } from '../inputs/read.js'
import type { BaselineBound, ComparisonOperator, Metric, ThresholdRule } from './model.js'

export interface ThresholdProblem {
  /** 1-based line in the thresholds input. */
  line: number
  /** 1-based column of the offending text. */
  column: number
  /** What is wrong, without the position. */
  reason: string
  /** The likely intended text (a metric, operator or limit), when there is one. */
  suggestion?: string
  /** The full message: "thresholds line 3, column 1: unknown metric …". */
  message: string
}

/** Every problem found in the thresholds; line, column and suggestion are the first problem's. */
export class ThresholdSyntaxError extends DistributedLocustError {
  readonly line: number
  readonly column: number
  readonly suggestion?: string

  constructor(readonly problems: ThresholdProblem[]) {
    super(problems.map((problem) => problem.message).join('\n'))
    this.line = problems[0].line
    this.column = problems[0].column
    this.suggestion = problems[0].suggestion
  }
}

/** A problem on the line being parsed; `index` is 0-based in that line. */
class LineProblem extends Error {
  constructor(
    readonly index: number,
    readonly reason: string,
    readonly suggestion?: string
  ) {
    super(reason)
  }
}

const OPERATORS: readonly ComparisonOperator[] = ['<', '<=', '>', '>=', '==', '!=']
const OPERATOR_LIST = OPERATORS.join(' ')

/** Operators from other languages and their meaning here. */
const OPERATOR_LOOKALIKES = new Map<string, ComparisonOperator>([
  ['=', '=='],
  ['===', '=='],
  ['=<', '<='],
  ['=>', '>='],
  ['<>', '!='],
  ['!==', '!=']
])

/** Metric names from other tools and the metric they mean here. */
const METRIC_LOOKALIKES = new Map([
  ['mean', 'avg'],
  ['average', 'avg'],
  ['errors', 'failures'],
  ['error_rate', 'fail_ratio'],
  ['error_ratio', 'fail_ratio'],
  ['failure_rate', 'fail_ratio'],
  ['fail_rate', 'fail_ratio'],
  ['reqs', 'requests'],
  ['count', 'requests'],
  ['throughput', 'rps']
])

/** A metric further away than this from every known name gets no "did you mean". */
const MAX_SUGGESTION_DISTANCE = 2

const VALID_METRICS_HINT =
  'valid metrics: min, max, avg, median, p50 … p100 (any percentile Locust writes, e.g. p95, ' +
  'p99.9), rps, fail_rps, requests, failures, fail_ratio'

export interface ParseOptions {
  /**
   * The percentiles Locust will write, or 'any' when the locustfile sets its own
   * (locust.stats.PERCENTILES_TO_REPORT). Default: the columns every Locust we run writes.
   */
  percentiles?: readonly number[] | 'any'
}

export function parseThresholds(text: string, options: ParseOptions = {}): ThresholdRule[] {
  const rules: ThresholdRule[] = []
  const problems: ThresholdProblem[] = []
  const percentiles = options.percentiles ?? LOCUST_DEFAULT_PERCENTILES
  text.split(/\r?\n/).forEach((lineText, lineIndex) => {
    const line = lineIndex + 1
    try {
      const rule = parseLine(lineText, line)
      if (rule) {
        checkRuleAgainstLocust(rule, lineText, percentiles)
        rules.push(rule)
      }
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error
      const column = error.index + 1
      problems.push({
        line,
        column,
        reason: error.reason,
        suggestion: error.suggestion,
        message: `thresholds line ${line}, column ${column}: ${error.reason}`
      })
    }
  })
  if (problems.length > 0) throw new ThresholdSyntaxError(problems)
  return rules
}

/** Parses one line; undefined for a blank or comment-only line. Throws LineProblem. */
function parseLine(lineText: string, line: number): ThresholdRule | undefined {
  const start = lineText.search(/\S/)
  if (start < 0 || lineText[start] === '#') return undefined
  const quoted = lineText[start] === '"' ? readQuotedSelector(lineText, start) : undefined
  const end = commentStart(lineText, quoted?.end ?? start)
  const ruleText = lineText.slice(start, end).trimEnd()

  let selector: string | undefined
  let comparisonStart: number
  if (quoted) {
    selector = quoted.value
    const colon = skipSpaces(lineText, quoted.end, end)
    if (lineText[colon] !== ':') {
      throw new LineProblem(
        colon,
        `expected ":" after the quoted selector, e.g. ${quoted.source}: p95 < 500ms`
      )
    }
    if (selector === '') {
      throw new LineProblem(
        start,
        'empty selector ""; to test the aggregate, write the rule without a selector'
      )
    }
    comparisonStart = colon + 1
  } else {
    const colon = lineText.lastIndexOf(':', end - 1)
    if (colon >= start) {
      selector = lineText.slice(start, colon).trim()
      if (selector === '') {
        throw new LineProblem(
          colon,
          'missing endpoint name before ":"; to test the aggregate, remove the ":"'
        )
      }
    }
    if (selector !== undefined) refuseQuoteLookalikes(selector, start)
    comparisonStart = colon >= start ? colon + 1 : start
  }

  const abort = readAbortClause(lineText, comparisonStart, end)
  const comparison = parseComparison(
    lineText,
    comparisonStart,
    abort?.start ?? end,
    selector !== undefined
  )
  if (abort && comparison.baseline) {
    throw new LineProblem(
      abort.start,
      `"abort after" needs a fixed limit: the baseline is compared after the run, not while it runs; e.g. ${metricName(comparison.metric)} < ${exampleLimit(comparison.metric)} abort after 30s`
    )
  }
  return {
    text: ruleText,
    line,
    ...(selector === undefined ? {} : { selector }),
    ...comparison,
    ...(abort ? { abortAfterSeconds: abort.seconds } : {})
  }
}

/** The longest an abort rule may wait: a day, as the longest run. */
const MAX_ABORT_SECONDS = 86_400

/**
 * A trailing "abort after <duration>" (30s, 2m, 1m30s): where it starts and its seconds, or
 * undefined when the rule has none. The limit's units never contain the word "abort".
 */
function readAbortClause(
  lineText: string,
  from: number,
  end: number
): { start: number; seconds: number } | undefined {
  const keyword = /(?<=\s)abort\b/i.exec(lineText.slice(from, end))
  if (!keyword) return undefined
  const start = from + keyword.index
  const afterKeyword = start + keyword[0].length
  const example = 'e.g. fail_ratio < 5% abort after 30s'
  const clause = /^\s+after(?:\s+(\S+))?\s*$/i.exec(lineText.slice(afterKeyword, end))
  if (!clause) throw new LineProblem(start, `expected "abort after <duration>", ${example}`)
  const durationText = clause[1] ?? ''
  const durationStart = afterKeyword + clause[0].lastIndexOf(durationText)
  const seconds = durationText === '' ? undefined : parseDuration(durationText.toLowerCase())
  if (seconds === undefined || !/[hms]$/i.test(durationText)) {
    throw new LineProblem(
      durationText === '' ? start : durationStart,
      durationText === ''
        ? `missing duration after "abort after", ${example}`
        : `expected a duration such as 30s, 2m or 1m30s after "abort after" but found "${durationText}"`
    )
  }
  if (seconds > MAX_ABORT_SECONDS) {
    throw new LineProblem(durationStart, `"abort after ${durationText}" is longer than a day`)
  }
  return { start, seconds }
}

interface QuotedSelector {
  value: string
  /** The selector as written, quotes included. */
  source: string
  /** Index just after the closing quote. */
  end: number
}

function readQuotedSelector(lineText: string, openQuote: number): QuotedSelector {
  let value = ''
  for (let index = openQuote + 1; index < lineText.length; index++) {
    const char = lineText[index]
    if (char === '"') {
      return { value, source: lineText.slice(openQuote, index + 1), end: index + 1 }
    }
    // Only \" and \\ are escapes; any other backslash is kept, so Windows-like names stay intact.
    if (char === '\\' && (lineText[index + 1] === '"' || lineText[index + 1] === '\\')) {
      index++
      value += lineText[index]
    } else {
      value += char
    }
  }
  throw new LineProblem(openQuote, 'unterminated quoted selector; close it with " before the ":"')
}

/** Index where a comment starts ("#" at the line start or after a space), or the line length. */
function commentStart(lineText: string, from: number): number {
  for (let index = from; index < lineText.length; index++) {
    if (lineText[index] === '#' && (index === 0 || /\s/.test(lineText[index - 1]))) return index
  }
  return lineText.length
}

function skipSpaces(lineText: string, from: number, end: number): number {
  let index = from
  while (index < end && /\s/.test(lineText[index])) index++
  return index
}

/** The next run of non-space characters, for quoting in messages. */
function wordAt(lineText: string, index: number, end: number): string {
  return /^\S+/.exec(lineText.slice(index, end))?.[0] ?? ''
}

type Comparison = Pick<ThresholdRule, 'metric' | 'operator' | 'limit' | 'baseline'>

function parseComparison(
  lineText: string,
  from: number,
  end: number,
  hasSelector: boolean
): Comparison {
  const metricStart = skipSpaces(lineText, from, end)
  const metricText = /^[^\s<>=!]*/.exec(lineText.slice(metricStart, end))![0]
  if (metricText === '') {
    const found = wordAt(lineText, metricStart, end)
    throw new LineProblem(
      metricStart,
      found === ''
        ? `missing comparison after the selector, e.g. ${lineText.slice(0, metricStart).trim()} p95 < 500ms`
        : `expected a metric before "${found}"; ${VALID_METRICS_HINT}`
    )
  }
  const metric = parseMetric(metricText, metricStart, hasSelector)

  const operatorStart = skipSpaces(lineText, metricStart + metricText.length, end)
  const operatorText = /^[<>=!]*/.exec(lineText.slice(operatorStart, end))![0]
  const operator = parseOperator(operatorText, operatorStart, lineText, end, metricText)

  const limitStart = skipSpaces(lineText, operatorStart + operatorText.length, end)
  if (startsWithBaseline(lineText, limitStart, end)) {
    const baseline = parseBaselineBound(lineText, limitStart, end, metric, metricText, operator)
    return { metric, operator, baseline }
  }
  const numberText = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(lineText.slice(limitStart, end))?.[0]
  if (numberText === undefined) {
    const found = wordAt(lineText, limitStart, end)
    const nearBaseline = /^[a-z]+/i.exec(found)?.[0] ?? ''
    if (
      nearBaseline !== '' &&
      distance(nearBaseline.toLowerCase(), BASELINE) <= MAX_SUGGESTION_DISTANCE
    ) {
      throw new LineProblem(
        limitStart,
        `unknown limit "${found}"; did you mean "${BASELINE}"?`,
        BASELINE
      )
    }
    throw new LineProblem(
      limitStart,
      found === ''
        ? `missing limit after "${operator}", e.g. ${metricText} ${operator} ${exampleLimit(metric)}`
        : `expected a non-negative number after "${operator}" but found "${found}", e.g. ${metricText} ${operator} ${exampleLimit(metric)}`
    )
  }

  const unitStart = skipSpaces(lineText, limitStart + numberText.length, end)
  const unitText = /^(?:[A-Za-z%]+|\/s)/.exec(lineText.slice(unitStart, end))?.[0] ?? ''
  const trailingStart = skipSpaces(lineText, unitStart + unitText.length, end)
  if (trailingStart < end) {
    const found = wordAt(lineText, trailingStart, end)
    const commentHint = found.startsWith('#') ? '; a comment needs a space before "#"' : ''
    throw new LineProblem(trailingStart, `unexpected "${found}" after the limit${commentHint}`)
  }

  const limit = normaliseLimit(metric, numberText, unitText.toLowerCase(), limitStart, unitStart)
  refuseHugeLimit(metric, numberText, limit, limitStart)
  return { metric, operator, limit }
}

function parseMetric(metricText: string, index: number, hasSelector: boolean): Metric {
  const name = metricText.toLowerCase()
  if (isSimpleMetricName(name)) return { kind: name }

  const percentile = /^p(\d+(?:\.(\d+))?)$/.exec(name)
  if (percentile) {
    const quantile = Number(percentile[1])
    if (quantile > 100) {
      throw new LineProblem(
        index,
        `percentile "${metricText}" is above 100; the highest is p100`,
        'p100'
      )
    }
    if ((percentile[2] ?? '').replace(/0+$/, '').length > MAX_PERCENTILE_DECIMALS) {
      throw new LineProblem(
        index,
        `percentile "${metricText}" has more than ${MAX_PERCENTILE_DECIMALS} decimals, which Locust never writes`
      )
    }
    return { kind: 'percentile', quantile }
  }

  const lookalike = METRIC_LOOKALIKES.get(name)
  const nearest = lookalike ?? closest(name, KNOWN_METRIC_NAMES)
  if (lookalike || distance(name, nearest) <= MAX_SUGGESTION_DISTANCE) {
    throw new LineProblem(
      index,
      `unknown metric "${metricText}"; did you mean "${nearest}"?`,
      nearest
    )
  }
  // A rule without ":" that starts with a path or an HTTP method is an endpoint missing its ":".
  const looksLikeEndpoint = metricText.includes('/') || /^[A-Z]+$/.test(metricText)
  const selectorHint =
    hasSelector || !looksLikeEndpoint
      ? ''
      : `; to test one endpoint, write its name then ":" before the metric (quote a name that holds " #"), e.g. GET /health: max < 50ms`
  throw new LineProblem(
    index,
    `unknown metric "${metricText}"${selectorHint}; ${VALID_METRICS_HINT}`
  )
}

function parseOperator(
  operatorText: string,
  index: number,
  lineText: string,
  end: number,
  metricText: string
): ComparisonOperator {
  const operator = OPERATORS.find((candidate) => candidate === operatorText)
  if (operator) return operator
  const lookalike = OPERATOR_LOOKALIKES.get(operatorText)
  if (lookalike) {
    throw new LineProblem(
      index,
      `unknown operator "${operatorText}"; did you mean "${lookalike}"?`,
      lookalike
    )
  }
  if (operatorText !== '') {
    throw new LineProblem(index, `unknown operator "${operatorText}"; use one of ${OPERATOR_LIST}`)
  }
  const found = wordAt(lineText, index, end)
  throw new LineProblem(
    index,
    found === ''
      ? `missing operator and limit after "${metricText}"; use one of ${OPERATOR_LIST}, e.g. ${metricText} < 500`
      : `expected an operator (${OPERATOR_LIST}) after "${metricText}" but found "${found}"`
  )
}

function exampleLimit(metric: Metric): string {
  switch (metricFamily(metric)) {
    case 'time':
      return '500ms'
    case 'ratio':
      return '1%'
    case 'rate':
      return '100'
    case 'count':
      return '1000'
  }
}

/**
 * Converts the limit to the metric's normalised unit (ms, fraction, plain number). Scaling is done
 * on the decimal text ("0.004e3") so "0.004s" is exactly 4 ms, not 4.000000000000001.
 */
function normaliseLimit(
  metric: Metric,
  numberText: string,
  unit: string,
  limitIndex: number,
  unitIndex: number
): number {
  const name = metricName(metric)
  const value = Number(numberText)
  switch (metricFamily(metric)) {
    case 'time':
      if (unit === '' || unit === 'ms') return value
      if (unit === 's') return Number(`${numberText}e3`)
      if (unit === '%') {
        throw new LineProblem(
          unitIndex,
          `"%" does not apply to ${name}, a response time; use ms or s`
        )
      }
      throw new LineProblem(
        unitIndex,
        `unknown unit "${unit}" for ${name}; use ms or s (ms when omitted)`
      )
    case 'ratio':
      if (unit === '%') {
        if (value > 100) {
          throw new LineProblem(limitIndex, `${name} limit ${numberText}% is above 100%`)
        }
        return Number(`${numberText}e-2`)
      }
      if (unit !== '') {
        throw new LineProblem(
          unitIndex,
          `${name} takes a percentage (1%) or a fraction (0.01), not "${unit}"`
        )
      }
      refuseWholeRatio(name, numberText, value, limitIndex)
      return value
    case 'rate':
      if (unit === '' || unit === '/s') return value
      throw new LineProblem(
        unitIndex,
        `${name} is a rate per second and takes no unit, not "${unit}"`
      )
    case 'count':
      if (unit === '') return value
      throw new LineProblem(unitIndex, `${name} is a count and takes no unit, not "${unit}"`)
  }
}

// Baseline bounds: "baseline", "baseline * 1.1", "baseline + 50ms", "baseline - 10".

const BASELINE = 'baseline'

function startsWithBaseline(lineText: string, index: number, end: number): boolean {
  return /^baseline(?![A-Za-z0-9_])/i.test(lineText.slice(index, end))
}

/** Parses what follows the operator of a baseline rule, from the word "baseline" to the end. */
function parseBaselineBound(
  lineText: string,
  baselineStart: number,
  end: number,
  metric: Metric,
  metricText: string,
  operator: ComparisonOperator
): BaselineBound {
  const example = `e.g. ${metricText} ${operator} ${BASELINE} * 1.1 or ${metricText} ${operator} ${BASELINE} + ${exampleLimit(metric)}`
  const signStart = skipSpaces(lineText, baselineStart + BASELINE.length, end)
  if (signStart === end) return { factor: 1, offset: 0 }
  const sign = lineText[signStart]
  if (sign !== '*' && sign !== '+' && sign !== '-') {
    const found = wordAt(lineText, signStart, end)
    throw new LineProblem(
      signStart,
      `expected "*", "+" or "-" after "${BASELINE}" but found "${found}"; ${example}`
    )
  }
  const amountStart = skipSpaces(lineText, signStart + 1, end)
  const numberText = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(lineText.slice(amountStart, end))?.[0]
  if (numberText === undefined) {
    const found = wordAt(lineText, amountStart, end)
    throw new LineProblem(
      amountStart,
      `expected a non-negative number after "${BASELINE} ${sign}"${found === '' ? '' : ` but found "${found}"`}; ${example}`
    )
  }
  const unitStart = skipSpaces(lineText, amountStart + numberText.length, end)
  const unitText = /^(?:[A-Za-z%]+|\/s)/.exec(lineText.slice(unitStart, end))?.[0] ?? ''
  const trailingStart = skipSpaces(lineText, unitStart + unitText.length, end)
  if (trailingStart < end) {
    const found = wordAt(lineText, trailingStart, end)
    throw new LineProblem(
      trailingStart,
      `unexpected "${found}" after the baseline bound; ${example}`
    )
  }
  if (sign === '*') {
    if (unitText !== '') {
      throw new LineProblem(unitStart, `a factor takes no unit, not "${unitText}"; ${example}`)
    }
    const factor = Number(numberText)
    if (factor === 0) {
      throw new LineProblem(
        amountStart,
        `a factor of 0 makes the limit 0 whatever the baseline; ${example}`
      )
    }
    return { factor, offset: 0 }
  }
  const amount = normaliseLimit(metric, numberText, unitText.toLowerCase(), amountStart, unitStart)
  return { factor: 1, offset: sign === '-' ? -amount : amount }
}

// Checks that catch, before the run, rules that would otherwise fail (or pass) for the wrong
// reason after it.

/** Quote characters that are not the straight `"` a selector is quoted with. */
const QUOTE_LOOKALIKES =
  "'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
const WRAPPED_IN_LOOKALIKES = new RegExp(`^[${QUOTE_LOOKALIKES}]|[${QUOTE_LOOKALIKES}]$`)
const LOOKALIKE_EDGES = new RegExp(`^[${QUOTE_LOOKALIKES}\\s]+|[${QUOTE_LOOKALIKES}\\s]+$`, 'g')

/**
 * A selector wrapped in curly, single or back quotes (an editor's “smart quotes”) would be taken
 * as part of the endpoint name and match nothing after the whole run.
 */
function refuseQuoteLookalikes(selector: string, index: number): void {
  if (!WRAPPED_IN_LOOKALIKES.test(selector)) return
  const fixed = `"${selector.replace(LOOKALIKE_EDGES, '').replace(/["\\]/g, '\\$&')}"`
  throw new LineProblem(
    index,
    `the selector ${selector} is wrapped in quotes that do not quote a selector (only straight double quotes do); write ${fixed}`,
    fixed
  )
}

/** `fail_ratio < 1` would mean 100%, which always holds: a whole number is almost surely a percentage. */
function refuseWholeRatio(name: string, numberText: string, value: number, index: number): void {
  if (value < 1) return
  const fraction = String(Number(`${numberText}e-2`))
  throw new LineProblem(
    index,
    `${name} without "%" is a fraction (1 = 100%), so ${numberText} would hold whatever fails; ` +
      `write "${numberText}%" or "${fraction}"`,
    `${numberText}%`
  )
}

/** Above these a limit is a typo, not a load test: a day of response time, a trillion requests. */
const MAX_LIMITS: Record<ReturnType<typeof metricFamily>, number> = {
  time: 86_400_000,
  ratio: 1,
  rate: 1e9,
  count: 1e12
}

function refuseHugeLimit(metric: Metric, numberText: string, limit: number, index: number): void {
  const max = MAX_LIMITS[metricFamily(metric)]
  if (limit <= max) return
  const shown =
    numberText.length > 20
      ? `${numberText.slice(0, 12)}… (${numberText.length} digits)`
      : numberText
  throw new LineProblem(
    index,
    `limit ${shown} is too large for ${metricName(metric)}; the largest accepted is ${max.toLocaleString('en-US')}${metricFamily(metric) === 'time' ? ' ms (a day)' : ''}`
  )
}

/** A percentile rule needs a column Locust writes; a p59 rule would otherwise fail after the run. */
function checkRuleAgainstLocust(
  rule: ThresholdRule,
  lineText: string,
  percentiles: readonly number[] | 'any'
): void {
  const metric = rule.metric
  if (metric.kind !== 'percentile' || percentiles === 'any') return
  if (percentiles.some((written) => Math.abs(written - metric.quantile) < 1e-9)) return
  const names = percentiles.map((quantile) => `p${quantile}`)
  const nearest = closest(`p${metric.quantile}`, names)
  // The metric comes after any selector, so its last occurrence is the metric itself.
  const index = lineText.toLowerCase().lastIndexOf(`p${metric.quantile}`)
  throw new LineProblem(
    Math.max(0, index),
    `Locust writes no ${metric.quantile}% column, so p${metric.quantile} cannot be measured; it writes ` +
      `${names.join(', ')} (set locust.stats.PERCENTILES_TO_REPORT in the locustfile for others); did you mean "${nearest}"?`,
    nearest
  )
}
