import { DEFAULT_FAILURE_RULE } from '../../src/thresholds/defaults.js'
import { evaluateThresholds } from '../../src/thresholds/evaluate.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import type { LocustResults } from '../../src/results/model.js'
import type { RuleResult } from '../../src/thresholds/model.js'
import { loadStatsFixture } from './stats-fixture.js'

/** basic: GET / (3254 requests, all fine) and GET /missing (1079 requests, all 404). */
const basic = await loadStatsFixture('basic')
/** multi: GET /items, POST /items (all failing), `GET /api: v2 "beta"`; percentiles 50/95/99.5/100. */
const multi = await loadStatsFixture('multi')
/** idle: the users never sent a request. */
const idle = await loadStatsFixture('idle')

/**
 * The rule's own result (rules without a failure metric come with the default guard, left out
 * here); a fixed rule's applied limit is its own, so it is checked here.
 */
function evaluateOne(rule: string, results: LocustResults | undefined): Omit<RuleResult, 'limit'> {
  const evaluation = evaluateThresholds(parseThresholds(rule, { percentiles: 'any' }), results)
  const own = evaluation.results.filter((result) => !result.rule.isDefault)
  expect(own).toHaveLength(1)
  expect(evaluation.passed).toBe(evaluation.results.every((result) => result.verdict === 'pass'))
  // The interval and its method are checked in statistics.test.ts and baseline-rules.test.ts.
  const { limit, interval, method, ...result } = own[0]
  expect(limit).toBe(result.rule.limit)
  expect(interval === undefined || interval.low <= result.actual!).toBe(true)
  expect(method === undefined || typeof method === 'string').toBe(true)
  return result
}

/** A copy of the basic results where the given change is applied to the "GET /" row. */
function basicWithIndexRow(
  change: (row: LocustResults['endpoints'][number]) => void
): LocustResults {
  const copy = structuredClone(basic)
  change(copy.endpoints[0])
  return copy
}

describe('aggregate rules against real Locust 2.12 output', () => {
  test.each([
    // Locust's own Aggregated row: 4333 requests, 1079 failures, 541.70/s, median 1, p95 4.
    ['requests > 4000', 4333, 'pass'],
    ['requests >= 4334', 4333, 'fail'],
    ['failures == 0', 1079, 'fail'],
    ['failures < 1100', 1079, 'pass'],
    ['fail_ratio < 30%', 1079 / 4333, 'pass'],
    ['fail_ratio < 1%', 1079 / 4333, 'fail'],
    ['fail_ratio <= 0.25', 1079 / 4333, 'pass'],
    ['rps >= 500', 541.6971790816687, 'pass'],
    ['rps >= 600', 541.6971790816687, 'fail'],
    ['fail_rps < 100', 134.89297397394887, 'fail'],
    ['median <= 1ms', 1, 'pass'],
    ['avg < 3ms', 3.3318716824371104, 'fail'],
    ['min == 0', 0, 'pass'],
    ['max < 1s', 1021, 'fail'],
    ['p50 < 2', 1, 'pass'],
    ['p95 < 500ms', 4, 'pass'],
    ['p99 <= 8', 8, 'pass'],
    ['p99.9 <= 2s', 1000, 'pass'],
    ['p99.99 < 1000', 1000, 'fail'],
    ['p100 <= 1000', 1000, 'pass']
  ])('%s → %s, %s', (rule, actual, verdict) => {
    expect(evaluateOne(rule, basic)).toEqual({ rule: expect.anything(), actual, verdict })
  })

  test.each([
    ['<', 'fail'],
    ['<=', 'pass'],
    ['==', 'pass'],
    ['!=', 'fail'],
    ['>=', 'pass'],
    ['>', 'fail']
  ])('p95 %s 4 (p95 is exactly 4 ms) → %s', (operator, verdict) => {
    expect(evaluateOne(`p95 ${operator} 4`, basic).verdict).toBe(verdict)
  })

  test('a limit in seconds compares exactly: p95 <= 0.004s holds for a p95 of 4 ms', () => {
    expect(evaluateOne('p95 <= 0.004s', basic).verdict).toBe('pass')
  })

  test('passed is true only when every rule holds, and results keep the rule order', () => {
    const passing = evaluateThresholds(
      parseThresholds('p95 < 500ms\nrequests > 1000\nfail_ratio < 30%'),
      basic
    )
    expect(passing.passed).toBe(true)
    const failing = evaluateThresholds(
      parseThresholds('p95 < 500ms\nfailures == 0\nrps > 1'),
      basic
    )
    expect(failing.passed).toBe(false)
    expect(failing.results.map((result) => [result.rule.line, result.verdict])).toEqual([
      [1, 'pass'],
      [2, 'fail'],
      [3, 'pass']
    ])
  })

  test('no rules: the default guard fail_ratio < 1% alone judges the run', () => {
    const evaluation = evaluateThresholds([], basic)
    expect(evaluation.passed).toBe(false)
    expect(evaluation.results).toMatchObject([
      { rule: DEFAULT_FAILURE_RULE, actual: 1079 / 4333, limit: 0.01, verdict: 'fail' }
    ])
  })
})

describe('the default failure guard', () => {
  const rulesOf = (text: string) =>
    evaluateThresholds(parseThresholds(text), basic).results.map((result) => [
      result.rule.text,
      result.rule.isDefault === true,
      result.verdict
    ])

  test('a gate on response times alone does not pass a run with 25% failed requests', () => {
    // Fast connection errors lower p95: without the guard this gate passed a dead target.
    expect(rulesOf('p95 < 500ms')).toEqual([
      ['p95 < 500ms', false, 'pass'],
      ['fail_ratio < 1%', true, 'fail']
    ])
  })

  test.each([
    'fail_ratio < 30%',
    'failures < 2000',
    'fail_rps < 1000',
    '"GET /missing": fail_ratio <= 100%'
  ])('any explicit failure rule replaces it: %s', (rule) => {
    expect(rulesOf(`p95 < 500ms\n${rule}`)).toEqual([
      ['p95 < 500ms', false, 'pass'],
      [rule, false, 'pass']
    ])
  })
})

describe('endpoint selectors', () => {
  test('method and name select one endpoint', () => {
    expect(evaluateOne('"GET /missing": fail_ratio == 100%', basic)).toEqual({
      rule: expect.anything(),
      actual: 1,
      verdict: 'pass'
    })
    expect(evaluateOne('GET /: requests == 3254', basic).verdict).toBe('pass')
  })

  test('the name alone selects the endpoint', () => {
    expect(evaluateOne('/missing: failures == 1079', basic).verdict).toBe('pass')
    expect(evaluateOne('/: max <= 1021ms', basic)).toEqual({
      rule: expect.anything(),
      actual: 1021,
      verdict: 'pass'
    })
  })

  test('a name shared by several methods: the rule must hold for each, the worst value is shown', () => {
    // GET /items: 536 requests, none failed; POST /items: 154 requests, all failed.
    expect(evaluateOne('/items: requests > 100', multi)).toEqual({
      rule: expect.anything(),
      actual: 154,
      verdict: 'pass'
    })
    expect(evaluateOne('/items: requests > 200', multi)).toEqual({
      rule: expect.anything(),
      actual: 154,
      verdict: 'fail',
      reason:
        'POST /items breaks it with 154; a rule on "/items" applies to each of GET /items, POST /items'
    })
    expect(evaluateOne('/items: fail_ratio < 1%', multi)).toEqual({
      rule: expect.anything(),
      actual: 1,
      verdict: 'fail',
      reason:
        'POST /items breaks it with 100%; a rule on "/items" applies to each of GET /items, POST /items'
    })
    expect(evaluateOne('/items: avg < 7ms', multi)).toMatchObject({ actual: 7.181818181818182 })
    expect(evaluateOne('/items: avg > 1ms', multi)).toMatchObject({ actual: 2.4421641791044775 })
  })

  test('method and name pick only that method', () => {
    expect(evaluateOne('GET /items: fail_ratio == 0', multi)).toEqual({
      rule: expect.anything(),
      actual: 0,
      verdict: 'pass'
    })
  })

  test('a quoted name with a colon and quotes in it', () => {
    // The endpoint's method is GET and its name is `GET /api: v2 "beta"`.
    expect(evaluateOne('"GET /api: v2 \\"beta\\"": requests == 184', multi).verdict).toBe('pass')
    expect(evaluateOne('"GET GET /api: v2 \\"beta\\"": p95 == 2', multi).verdict).toBe('pass')
  })

  test('an endpoint that never ran is not evaluated, naming the closest endpoints seen', () => {
    expect(evaluateOne('"GET /api/items": failures == 0', multi)).toEqual({
      rule: expect.anything(),
      actual: null,
      verdict: 'not_evaluated',
      reason:
        'no requests to "GET /api/items"; the endpoint never ran (names seen: GET /items, POST /items, GET GET /api: v2 "beta")'
    })
    expect(evaluateOne('/item: requests > 0', basic).reason).toBe(
      'no requests to "/item"; the endpoint never ran (names seen: GET /, GET /missing)'
    )
  })

  test('with many endpoints seen, the reason lists the five closest and counts the rest', () => {
    const many = structuredClone(basic)
    many.endpoints = Array.from({ length: 12 }, (_, index) => ({
      ...basic.endpoints[0],
      name: `/api/v${index}`
    }))
    expect(evaluateOne('/api/v: p95 < 5', many).reason).toBe(
      'no requests to "/api/v"; the endpoint never ran (names seen: GET /api/v0, GET /api/v1, ' +
        'GET /api/v2, GET /api/v3, GET /api/v4, and 7 more)'
    )
  })

  test('a selector when no endpoint ran at all', () => {
    expect(evaluateOne('/: p95 < 5', idle).reason).toBe(
      'no requests to "/"; the endpoint never ran (names seen: none)'
    )
  })
})

describe('percentile columns', () => {
  test('a percentile Locust was told to write is found', () => {
    expect(evaluateOne('GET /items: p99.5 < 20ms', multi)).toEqual({
      rule: expect.anything(),
      actual: 10,
      verdict: 'pass'
    })
  })

  test('a percentile whose column is absent fails with the columns that exist', () => {
    expect(evaluateOne('p99 < 2s', multi)).toEqual({
      rule: expect.anything(),
      actual: null,
      verdict: 'not_evaluated',
      reason:
        'Locust wrote no 99% column (columns written: 50%, 95%, 99.5%, 100%); use one of those, ' +
        'or add 0.99 to locust.stats.PERCENTILES_TO_REPORT in the locustfile'
    })
  })
})

describe('no data', () => {
  test('a test that sent no request fails every aggregate rule, even where Locust wrote 0', () => {
    // Locust 2.12 writes max 0 (not N/A) and failures 0 when nothing ran: neither may pass.
    for (const rule of ['max < 50ms', 'failures == 0', 'fail_ratio < 1%', 'p95 < 5', 'rps >= 0']) {
      expect(evaluateOne(rule, idle)).toEqual({
        rule: expect.anything(),
        actual: null,
        verdict: 'not_evaluated',
        reason: 'the whole test recorded no requests'
      })
    }
  })

  test('a response time Locust wrote as N/A fails with a reason', () => {
    const results = basicWithIndexRow((row) => {
      row.avgMs = null
      row.percentiles.find((percentile) => percentile.quantile === 95)!.ms = null
    })
    for (const [rule, metric] of [
      ['GET /: avg < 5', 'avg'],
      ['GET /: p95 < 5', 'p95']
    ]) {
      expect(evaluateOne(rule, results)).toEqual({
        rule: expect.anything(),
        actual: null,
        verdict: 'not_evaluated',
        reason: `${metric} has no value for GET / (Locust wrote N/A)`
      })
    }
  })

  test('an endpoint row with no requests fails fail_ratio rather than dividing by zero', () => {
    const results = basicWithIndexRow((row) => {
      row.requests = 0
    })
    expect(evaluateOne('GET /: fail_ratio < 1%', results)).toEqual({
      rule: expect.anything(),
      actual: null,
      verdict: 'not_evaluated',
      reason: 'GET / recorded no requests'
    })
  })

  test('without results no rule is evaluated', () => {
    const evaluation = evaluateThresholds(parseThresholds('p95 < 5\n/x: requests > 1'), undefined)
    expect(evaluation.passed).toBe(false)
    expect(evaluation.results.map((result) => result.reason)).toEqual([
      'no results to measure: Locust wrote no readable output',
      'no results to measure: Locust wrote no readable output',
      'no results to measure: Locust wrote no readable output'
    ])
    expect(new Set(evaluation.results.map((result) => result.verdict))).toEqual(
      new Set(['not_evaluated'])
    )
  })
})
