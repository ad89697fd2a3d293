import { parseThresholds } from '../../src/thresholds/parse.js'
import type { ThresholdRule } from '../../src/thresholds/model.js'
import { syntaxError } from './syntax-error.js'

/** Parses a single rule and returns it. */
function parseOne(text: string): ThresholdRule {
  const rules = parseThresholds(text, { percentiles: 'any' })
  expect(rules).toHaveLength(1)
  return rules[0]
}

describe('the example from the issue', () => {
  const example = [
    'p95 < 500ms',
    'p99.9 <= 2s',
    'avg < 200            # milliseconds by default',
    'fail_ratio < 1%',
    'failures == 0',
    'rps >= 100',
    'requests > 1000',
    '"GET /api/items": p95 < 800ms',
    '/health: max < 50ms'
  ].join('\n')

  test('parses every line into a rule', () => {
    expect(parseThresholds(example)).toEqual([
      {
        text: 'p95 < 500ms',
        line: 1,
        metric: { kind: 'percentile', quantile: 95 },
        operator: '<',
        limit: 500
      },
      {
        text: 'p99.9 <= 2s',
        line: 2,
        metric: { kind: 'percentile', quantile: 99.9 },
        operator: '<=',
        limit: 2000
      },
      { text: 'avg < 200', line: 3, metric: { kind: 'avg' }, operator: '<', limit: 200 },
      {
        text: 'fail_ratio < 1%',
        line: 4,
        metric: { kind: 'fail_ratio' },
        operator: '<',
        limit: 0.01
      },
      { text: 'failures == 0', line: 5, metric: { kind: 'failures' }, operator: '==', limit: 0 },
      { text: 'rps >= 100', line: 6, metric: { kind: 'rps' }, operator: '>=', limit: 100 },
      {
        text: 'requests > 1000',
        line: 7,
        metric: { kind: 'requests' },
        operator: '>',
        limit: 1000
      },
      {
        text: '"GET /api/items": p95 < 800ms',
        line: 8,
        selector: 'GET /api/items',
        metric: { kind: 'percentile', quantile: 95 },
        operator: '<',
        limit: 800
      },
      {
        text: '/health: max < 50ms',
        line: 9,
        selector: '/health',
        metric: { kind: 'max' },
        operator: '<',
        limit: 50
      }
    ])
  })
})

describe('metrics', () => {
  test.each([
    ['min', { kind: 'min' }],
    ['max', { kind: 'max' }],
    ['avg', { kind: 'avg' }],
    ['median', { kind: 'median' }],
    ['rps', { kind: 'rps' }],
    ['fail_rps', { kind: 'fail_rps' }],
    ['requests', { kind: 'requests' }],
    ['failures', { kind: 'failures' }],
    ['MAX', { kind: 'max' }],
    ['Fail_Ratio', { kind: 'fail_ratio' }]
  ])('%s', (name, metric) => {
    expect(parseOne(`${name} < 0.5`).metric).toEqual(metric)
  })

  test.each([
    ['p50', 50],
    ['p66', 66],
    ['p75', 75],
    ['p80', 80],
    ['p90', 90],
    ['p95', 95],
    ['p98', 98],
    ['p99', 99],
    ['p99.9', 99.9],
    ['p99.99', 99.99],
    ['p100', 100],
    ['p99.9000000', 99.9],
    ['P95', 95]
  ])('percentile %s', (name, quantile) => {
    expect(parseOne(`${name} < 500`).metric).toEqual({ kind: 'percentile', quantile })
  })

  test.each([
    ['p0', 0],
    ['p33.3', 33.3],
    ['p99.999999', 99.999999]
  ])('percentile %s, when the locustfile sets its own percentiles', (name, quantile) => {
    expect(parseThresholds(`${name} < 500`, { percentiles: 'any' })[0].metric).toEqual({
      kind: 'percentile',
      quantile
    })
  })
})

describe('operators', () => {
  test.each(['<', '<=', '>', '>=', '==', '!='])('%s, with and without spaces', (operator) => {
    expect(parseOne(`p95 ${operator} 500`).operator).toBe(operator)
    expect(parseOne(`p95${operator}500`).operator).toBe(operator)
  })
})

describe('limits and units', () => {
  test.each([
    ['p95 < 500', 500],
    ['p95 < 500ms', 500],
    ['p95 < 500 ms', 500],
    ['p95 < 500MS', 500],
    ['p95 < 2s', 2000],
    ['p95 < 1.5 s', 1500],
    ['p95 < 0.004s', 4],
    ['p95 < .5', 0.5],
    ['avg < 2.75ms', 2.75],
    ['fail_ratio < 1%', 0.01],
    ['fail_ratio < 0.1%', 0.001],
    ['fail_ratio < 1 %', 0.01],
    ['fail_ratio < 100%', 1],
    ['fail_ratio < 0.01', 0.01],
    ['fail_ratio <= 0.999', 0.999],
    ['rps >= 100', 100],
    ['rps >= 104.2/s', 104.2],
    ['fail_rps < 0.5', 0.5],
    ['requests > 1000', 1000],
    ['failures == 0', 0]
  ])('%s → %d', (text, limit) => {
    expect(parseOne(text).limit).toBe(limit)
  })
})

describe('comments, blank lines and line numbers', () => {
  test('skips blank and comment lines, strips trailing comments, keeps line numbers', () => {
    const rules = parseThresholds(
      '# latency\n\n   \n  p95 < 500ms   # the SLO\r\n\t# errors\r\nfailures == 0 # a comment'
    )
    expect(rules.map((rule) => [rule.line, rule.text])).toEqual([
      [4, 'p95 < 500ms'],
      [6, 'failures == 0']
    ])
  })

  test('an empty text has no rules', () => {
    expect(parseThresholds('')).toEqual([])
    expect(parseThresholds('\n# nothing yet\n')).toEqual([])
  })

  test('a "#" inside a quoted selector is part of the name, one after it starts a comment', () => {
    const rule = parseOne('"Checkout #2": p95 < 800ms # checkout # flow')
    expect(rule.selector).toBe('Checkout #2')
    expect(rule.text).toBe('"Checkout #2": p95 < 800ms')
  })

  test('a "#" with no space before it is part of an unquoted name', () => {
    const rule = parseOne('/page#top: min > .5 # fragment')
    expect(rule.selector).toBe('/page#top')
    expect(rule.limit).toBe(0.5)
  })
})

describe('selectors', () => {
  test.each([
    ['"GET /api/items": p95 < 800ms', 'GET /api/items'],
    ['"GET /api: v2": p95 < 800ms', 'GET /api: v2'],
    ['"GET /api: v2 \\"beta\\"": p95 < 800ms', 'GET /api: v2 "beta"'],
    ['"C:\\\\temp\\\\x": p95 < 800ms', 'C:\\temp\\x'],
    ['"C:\\temp": p95 < 800ms', 'C:\\temp'],
    ['"  padded  " : p95 < 800ms', '  padded  '],
    ['"a": p95 < 800ms', 'a'],
    ['/health: max < 50ms', '/health'],
    ['  /health  :max<50ms', '/health'],
    ['GET /health: max < 50ms', 'GET /health'],
    ['http://example.com/a:b: p95 < 5', 'http://example.com/a:b'],
    ['/a: b: p95 < 5', '/a: b'],
    ['Ünïcode | name: p95 < 5', 'Ünïcode | name']
  ])('%s → %s', (text, selector) => {
    const rule = parseOne(text)
    expect(rule.selector).toBe(selector)
    expect(rule.limit).toBeGreaterThan(0)
  })

  test('a rule without selector has none', () => {
    expect(parseOne('p95 < 500').selector).toBeUndefined()
    expect('selector' in parseOne('p95 < 500')).toBe(false)
  })
})

describe('syntax errors', () => {
  test.each([
    ['p95x < 500ms', 1, 'unknown metric "p95x"; did you mean "p95"?', 'p95'],
    ['p99,9 < 2s', 1, 'unknown metric "p99,9"; did you mean "p99.9"?', 'p99.9'],
    ['fail-ratio < 1%', 1, 'unknown metric "fail-ratio"; did you mean "fail_ratio"?', 'fail_ratio'],
    ['  medain < 5', 3, 'unknown metric "medain"; did you mean "median"?', 'median'],
    ['mean < 4', 1, 'unknown metric "mean"; did you mean "avg"?', 'avg'],
    ['error_rate < 1%', 1, 'unknown metric "error_rate"; did you mean "fail_ratio"?', 'fail_ratio'],
    ['/x: p95x < 5', 5, 'unknown metric "p95x"; did you mean "p95"?', 'p95'],
    ['p101 < 5', 1, 'percentile "p101" is above 100; the highest is p100', 'p100'],
    [
      'p99.9999999 < 5',
      1,
      'percentile "p99.9999999" has more than 6 decimals, which Locust never writes',
      undefined
    ],
    ['p95 = 5', 5, 'unknown operator "="; did you mean "=="?', '=='],
    ['p95 === 5', 5, 'unknown operator "==="; did you mean "=="?', '=='],
    ['p95 =< 5', 5, 'unknown operator "=<"; did you mean "<="?', '<='],
    ['p95 => 5', 5, 'unknown operator "=>"; did you mean ">="?', '>='],
    ['p95 <> 5', 5, 'unknown operator "<>"; did you mean "!="?', '!='],
    ['p95 !== 5', 5, 'unknown operator "!=="; did you mean "!="?', '!='],
    ['p95 << 5', 5, 'unknown operator "<<"; use one of < <= > >= == !=', undefined],
    ['p95 500', 5, 'expected an operator (< <= > >= == !=) after "p95" but found "500"', undefined],
    [
      'p95',
      4,
      'missing operator and limit after "p95"; use one of < <= > >= == !=, e.g. p95 < 500',
      undefined
    ],
    ['p95 <', 6, 'missing limit after "<", e.g. p95 < 500ms', undefined],
    ['fail_ratio <', 13, 'missing limit after "<", e.g. fail_ratio < 1%', undefined],
    [
      'rps > abc',
      7,
      'expected a non-negative number after ">" but found "abc", e.g. rps > 100',
      undefined
    ],
    [
      'requests > -5',
      12,
      'expected a non-negative number after ">" but found "-5", e.g. requests > 1000',
      undefined
    ],
    ['p95 < 5%', 8, '"%" does not apply to p95, a response time; use ms or s', undefined],
    ['max < 5m', 8, 'unknown unit "m" for max; use ms or s (ms when omitted)', undefined],
    ['p95 < 5 sec', 9, 'unknown unit "sec" for p95; use ms or s (ms when omitted)', undefined],
    ['requests > 5ms', 13, 'requests is a count and takes no unit, not "ms"', undefined],
    ['failures == 1%', 14, 'failures is a count and takes no unit, not "%"', undefined],
    ['rps > 5%', 8, 'rps is a rate per second and takes no unit, not "%"', undefined],
    ['fail_rps > 5s', 13, 'fail_rps is a rate per second and takes no unit, not "s"', undefined],
    [
      'fail_ratio < 5ms',
      15,
      'fail_ratio takes a percentage (1%) or a fraction (0.01), not "ms"',
      undefined
    ],
    [
      'fail_ratio < 5',
      14,
      'fail_ratio without "%" is a fraction (1 = 100%), so 5 would hold whatever fails; write "5%" or "0.05"',
      '5%'
    ],
    ['fail_ratio < 101%', 14, 'fail_ratio limit 101% is above 100%', undefined],
    [
      'p95 < 500ms#note',
      12,
      'unexpected "#note" after the limit; a comment needs a space before "#"',
      undefined
    ],
    ['p95 < 500 ms extra', 14, 'unexpected "extra" after the limit', undefined],
    ['p95 < 1,000', 8, 'unexpected ",000" after the limit', undefined],
    [
      '"GET /x: p95 < 5',
      1,
      'unterminated quoted selector; close it with " before the ":"',
      undefined
    ],
    [
      '"GET /x" p95 < 5',
      10,
      'expected ":" after the quoted selector, e.g. "GET /x": p95 < 500ms',
      undefined
    ],
    [
      '"": p95 < 5',
      1,
      'empty selector ""; to test the aggregate, write the rule without a selector',
      undefined
    ],
    [
      ': p95 < 5',
      1,
      'missing endpoint name before ":"; to test the aggregate, remove the ":"',
      undefined
    ],
    ['/x:', 4, 'missing comparison after the selector, e.g. /x: p95 < 500ms', undefined],
    ['"/x":   ', 9, 'missing comparison after the selector, e.g. "/x": p95 < 500ms', undefined],
    [
      '< 500',
      1,
      'expected a metric before "<"; valid metrics: min, max, avg, median, p50 … p100 (any percentile Locust writes, e.g. p95, p99.9), rps, fail_rps, requests, failures, fail_ratio',
      undefined
    ],
    [
      'latency < 5',
      1,
      'unknown metric "latency"; valid metrics: min, max, avg, median, p50 … p100 (any percentile Locust writes, e.g. p95, p99.9), rps, fail_rps, requests, failures, fail_ratio',
      undefined
    ],
    [
      '/health max < 50ms',
      1,
      'unknown metric "/health"; to test one endpoint, write its name then ":" before the metric (quote a name that holds " #"), e.g. GET /health: max < 50ms; valid metrics: min, max, avg, median, p50 … p100 (any percentile Locust writes, e.g. p95, p99.9), rps, fail_rps, requests, failures, fail_ratio',
      undefined
    ]
  ])('%s', (text, column, reason, suggestion) => {
    const error = syntaxError(`# first line is a comment\n${text}`)
    expect(error.message).toBe(`thresholds line 2, column ${column}: ${reason}`)
    expect(error.name).toBe('ThresholdSyntaxError')
    expect(error.line).toBe(2)
    expect(error.column).toBe(column)
    expect(error.suggestion).toBe(suggestion)
    expect(error.problems).toEqual([
      { line: 2, column, reason, suggestion, message: error.message }
    ])
  })

  test('every bad line is reported, in one error', () => {
    const error = syntaxError('p95 < 500ms\np95x < 5\nfailures == 0\nrps => 5\n\nfail_ratio < 5')
    expect(error.message).toBe(
      [
        'thresholds line 2, column 1: unknown metric "p95x"; did you mean "p95"?',
        'thresholds line 4, column 5: unknown operator "=>"; did you mean ">="?',
        'thresholds line 6, column 14: fail_ratio without "%" is a fraction (1 = 100%), so 5 would hold whatever fails; write "5%" or "0.05"'
      ].join('\n')
    )
    expect(error.problems.map((problem) => [problem.line, problem.column])).toEqual([
      [2, 1],
      [4, 5],
      [6, 14]
    ])
    expect([error.line, error.column, error.suggestion]).toEqual([2, 1, 'p95'])
  })

  test('is an Error, so callers can catch it like any other', () => {
    expect(syntaxError('p95x < 5')).toBeInstanceOf(Error)
  })
})

describe('checked before the run: rules that could only fail (or pass) for the wrong reason', () => {
  test.each([
    [
      'p59 < 300ms',
      1,
      'Locust writes no 59% column, so p59 cannot be measured; it writes p50, p66, p75, p80, p90, ' +
        'p95, p98, p99, p99.9, p99.99, p100 (set locust.stats.PERCENTILES_TO_REPORT in the ' +
        'locustfile for others); did you mean "p50"?',
      'p50'
    ],
    [
      '"/p99.5": p99.5 < 1s',
      11,
      'Locust writes no 99.5% column, so p99.5 cannot be measured; it writes p50, p66, p75, p80, ' +
        'p90, p95, p98, p99, p99.9, p99.99, p100 (set locust.stats.PERCENTILES_TO_REPORT in the ' +
        'locustfile for others); did you mean "p99.9"?',
      'p99.9'
    ],
    [
      '\u201cGET /api/items\u201d: p95 < 500ms',
      1,
      'the selector \u201cGET /api/items\u201d is wrapped in quotes that do not quote a selector ' +
        '(only straight double quotes do); write "GET /api/items"',
      '"GET /api/items"'
    ],
    [
      "'/health': max < 50ms",
      1,
      "the selector '/health' is wrapped in quotes that do not quote a selector (only straight " +
        'double quotes do); write "/health"',
      '"/health"'
    ],
    [
      'fail_ratio < 1',
      14,
      'fail_ratio without "%" is a fraction (1 = 100%), so 1 would hold whatever fails; write "1%" or "0.01"',
      '1%'
    ],
    [
      `p95 < ${'9'.repeat(100000)}`,
      7,
      'limit 999999999999… (100000 digits) is too large for p95; the largest accepted is 86,400,000 ms (a day)',
      undefined
    ],
    [
      'requests > 2000000000000',
      12,
      'limit 2000000000000 is too large for requests; the largest accepted is 1,000,000,000,000',
      undefined
    ]
  ])('%s', (text, column, reason, suggestion) => {
    const error = syntaxError(text)
    expect(error.message).toBe(`thresholds line 1, column ${column}: ${reason}`)
    expect(error.suggestion).toBe(suggestion)
  })

  test('straight double quotes and unquoted names with inner quotes still work', () => {
    expect(parseOne('"GET /api/items": p95 < 500ms').selector).toBe('GET /api/items')
    expect(parseOne("GET /it's: p95 < 500ms").selector).toBe("GET /it's")
  })
})

describe('abort rules: "… abort after <duration>"', () => {
  test('any fixed-limit rule may end the run once it has been breached that long', () => {
    expect(parseOne('fail_ratio < 5% abort after 30s')).toEqual({
      text: 'fail_ratio < 5% abort after 30s',
      line: 1,
      metric: { kind: 'fail_ratio' },
      operator: '<',
      limit: 0.05,
      abortAfterSeconds: 30
    })
    expect(
      parseOne('"GET /api": p95 < 2s ABORT AFTER 1m30s   # slow is lost').abortAfterSeconds
    ).toBe(90)
    expect(parseOne('rps >= 100 abort after 2m')).toMatchObject({
      limit: 100,
      abortAfterSeconds: 120
    })
    expect(parseOne('p95 < 500ms').abortAfterSeconds).toBeUndefined()
  })

  test.each([
    ['fail_ratio < 5% abort', 17, 'expected "abort after <duration>"'],
    ['fail_ratio < 5% abort after', 17, 'missing duration after "abort after"'],
    ['fail_ratio < 5% abort after soon', 29, 'expected a duration such as 30s, 2m or 1m30s'],
    ['fail_ratio < 5% abort after 30', 29, 'expected a duration such as 30s'],
    ['fail_ratio < 5% abort after 25h', 29, 'longer than a day'],
    ['p95 < baseline * 1.2 abort after 30s', 22, '"abort after" needs a fixed limit'],
    ['fail_ratio < 5% abort before 30s', 17, 'expected "abort after <duration>"']
  ])('%s is refused at column %d', (text, column, reason) => {
    const error = syntaxError(text)
    expect(error.column).toBe(column)
    expect(error.message).toContain(reason)
  })
})
