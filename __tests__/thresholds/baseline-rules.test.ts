/** Baseline rules: their grammar, and their verdicts against a baseline, a regression, or none. */
import { evaluateThresholds } from '../../src/thresholds/evaluate.js'
import { describeRule } from '../../src/thresholds/format.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import type { EndpointStats, LocustResults } from '../../src/results/model.js'
import { loadStatsFixture } from './stats-fixture.js'
import { syntaxError } from './syntax-error.js'

/** basic: GET / (p95 4 ms, p99 9 ms) and GET /missing (all 404); aggregate p95 4 ms. */
const basic = await loadStatsFixture('basic')

/** A copy of `results` where every response time is scaled and the throughput multiplied. */
function slowedDown(results: LocustResults, timeFactor: number, rpsFactor = 1): LocustResults {
  const scale = (stats: EndpointStats): EndpointStats => ({
    ...stats,
    medianMs: stats.medianMs === null ? null : stats.medianMs * timeFactor,
    avgMs: stats.avgMs === null ? null : stats.avgMs * timeFactor,
    rps: stats.rps * rpsFactor,
    percentiles: stats.percentiles.map((p) => ({
      ...p,
      ms: p.ms === null ? null : p.ms * timeFactor
    }))
  })
  return {
    ...results,
    aggregate: scale(results.aggregate),
    endpoints: results.endpoints.map(scale)
  }
}

describe('grammar', () => {
  test.each([
    ['p95 < baseline * 1.10', { factor: 1.1, offset: 0 }, 'p95 < baseline × 1.1'],
    ['p95 < baseline + 50ms', { factor: 1, offset: 50 }, 'p95 < baseline + 50 ms'],
    ['p95 < baseline+0.05s', { factor: 1, offset: 50 }, 'p95 < baseline + 50 ms'],
    ['rps > baseline * 0.9', { factor: 0.9, offset: 0 }, 'rps > baseline × 0.9'],
    ['rps >= baseline - 10', { factor: 1, offset: -10 }, 'rps >= baseline − 10/s'],
    [
      'fail_ratio <= baseline + 0.5%',
      { factor: 1, offset: 0.005 },
      'fail_ratio <= baseline + 0.5%'
    ],
    ['avg <= Baseline', { factor: 1, offset: 0 }, 'avg <= baseline'],
    [
      '"GET /api": p99 < baseline * 1.2  # per endpoint',
      { factor: 1.2, offset: 0 },
      'GET /api: p99 < baseline × 1.2'
    ]
  ])('%s', (text, bound, described) => {
    const [rule] = parseThresholds(text)
    expect(rule.baseline).toEqual(bound)
    expect(rule.limit).toBeUndefined()
    expect(describeRule(rule)).toBe(described)
  })

  test.each([
    ['p95 < baseline / 2', 16, '"*", "+" or "-"'],
    ['p95 < baseline * 0', 18, 'a factor of 0'],
    ['p95 < baseline * 1.1ms', 21, 'a factor takes no unit'],
    ['p95 < baseline + 5%', 19, '"%" does not apply to p95'],
    ['fail_ratio < baseline + 2', 25, 'write "2%" or "0.02"'],
    ['p95 < baseline * ', 18, 'expected a non-negative number after "baseline *"'],
    ['p95 < baseline * 1.1 2', 22, 'unexpected "2" after the baseline bound'],
    ['p95 < basline * 1.1', 7, 'did you mean "baseline"?']
  ])('%s is refused at column %d', (text, column, reason) => {
    const error = syntaxError(text)
    expect(error.column).toBe(column)
    expect(error.message).toContain(reason)
  })
})

describe('verdicts', () => {
  const rules = parseThresholds(
    [
      'p95 < baseline * 1.1',
      'rps > baseline * 0.9',
      'fail_ratio <= baseline + 0.5%',
      '"GET /": p99 < baseline * 1.2',
      'p95 < 500ms'
    ].join('\n')
  )

  test('the same figures as the baseline pass, with the computed limits', () => {
    const evaluation = evaluateThresholds(rules, basic, [basic])
    expect(evaluation.passed).toBe(true)
    expect(evaluation.results.map((r) => [r.verdict, r.baselineValue, r.limit])).toEqual([
      ['pass', 4, 4 * 1.1],
      ['pass', basic.aggregate.rps, basic.aggregate.rps * 0.9],
      // Equal figures, but the limit is inside the failure ratio's interval: undecided.
      ['inconclusive', 1079 / 4333, 1079 / 4333 + 0.005],
      ['pass', 9, 9 * 1.2],
      ['pass', undefined, 500]
    ])
  })

  test('a 3× slower run with 20 % less throughput fails the baseline rules only', () => {
    const evaluation = evaluateThresholds(rules, slowedDown(basic, 3, 0.8), [basic])
    expect(evaluation.passed).toBe(false)
    expect(evaluation.results.map((r) => [r.rule.text, r.verdict])).toEqual([
      ['p95 < baseline * 1.1', 'fail'],
      ['rps > baseline * 0.9', 'fail'],
      ['fail_ratio <= baseline + 0.5%', 'inconclusive'],
      // GET /'s p99.9 is 1 s: between p99 and p99.9 the CSV points cannot bound p99 tightly.
      ['"GET /": p99 < baseline * 1.2', 'inconclusive'],
      ['p95 < 500ms', 'pass']
    ])
    expect(evaluation.results[0]).toMatchObject({ actual: 4 * 3, baselineValue: 4 })
    expect(evaluation.results[0].ratio!.low).toBeGreaterThan(1.1)
  })

  test('a 30 % slower p95 of 4 ms is not known to break the limit: inconclusive, with its interval', () => {
    // 4 ms → 5.2 ms: Locust's 1 ms step, the sampling noise of 4,333 requests and the run-to-run
    // noise one baseline run cannot measure straddle ×1.1.
    const [result] = evaluateThresholds(
      parseThresholds('p95 < baseline * 1.1'),
      slowedDown(basic, 1.3, 1),
      [basic]
    ).results
    expect(result.verdict).toBe('inconclusive')
    expect(result.reason).toMatch(
      /straddles the limit; one run against one, so a rounding step of run-to-run noise is assumed/
    )
    expect(result.ratio!.low).toBeLessThan(1.1)
    expect(result.ratio!.high).toBeGreaterThan(1.1)
  })

  test('a change within one rounding step is never a regression', () => {
    const [result] = evaluateThresholds(
      parseThresholds('p95 < baseline * 1.1'),
      slowedDown(basic, 1.25, 1),
      [basic]
    ).results
    expect(result.actual).toBe(5)
    expect(result.verdict).not.toBe('fail')
  })

  test('too few requests for p99 make the rule inconclusive, never failed', () => {
    const few = structuredClone(basic)
    few.aggregate.requests = 40
    const [result] = evaluateThresholds(
      parseThresholds('p99 < baseline * 1.1'),
      slowedDown(few, 3, 1),
      [basic]
    ).results
    expect(result.verdict).toBe('inconclusive')
    expect(result.reason).toMatch(/^40 requests: p99 unknowable \(needs at least \d+\)$/)
  })

  test('the spread between several baseline runs widens the interval', () => {
    const one = evaluateThresholds(parseThresholds('p95 < baseline * 1.1'), basic, [basic])
      .results[0]
    const spread = [0.5, 1, 2].map((factor) => slowedDown(basic, factor, 1))
    const three = evaluateThresholds(parseThresholds('p95 < baseline * 1.1'), basic, spread)
      .results[0]
    expect(three.baselineRuns).toBe(3)
    expect(three.ratio!.high! - three.ratio!.low).toBeGreaterThan(one.ratio!.high! - one.ratio!.low)
  })

  test('without a baseline, baseline rules are skipped and do not fail the gate', () => {
    const evaluation = evaluateThresholds(rules, slowedDown(basic, 1.3, 0.8))
    // The skipped failure rule guards nothing, so the default fail_ratio < 1% applies (and this
    // run's 25% failed requests break it): only the skipped rules themselves leave the gate open.
    expect(evaluation.results.map((r) => [r.verdict, r.reason, r.limit])).toEqual([
      ['skipped', 'skipped: no baseline', null],
      ['skipped', 'skipped: no baseline', null],
      ['skipped', 'skipped: no baseline', null],
      ['skipped', 'skipped: no baseline', null],
      ['pass', undefined, 500],
      ['fail', undefined, 0.01]
    ])
    const withFailureRule = evaluateThresholds(
      [...rules, ...parseThresholds('fail_ratio < 50%')],
      slowedDown(basic, 1.3, 0.8)
    )
    expect(withFailureRule.passed).toBe(true)
  })

  test('an endpoint new since the baseline is skipped, naming it', () => {
    const baseline = { ...basic, endpoints: basic.endpoints.filter((e) => e.name !== '/') }
    const [result] = evaluateThresholds(parseThresholds('"GET /": p99 < baseline * 1.2'), basic, [
      baseline
    ]).results
    expect(result).toMatchObject({
      verdict: 'skipped',
      reason: 'skipped: no baseline for GET /: it did not run in the baseline'
    })
  })

  test('a baseline without the figure (no requests) skips the rule with the reason', () => {
    const baseline = { ...basic, aggregate: { ...basic.aggregate, requests: 0 } }
    const [result] = evaluateThresholds(parseThresholds('p95 < baseline'), basic, [
      baseline
    ]).results
    expect(result.verdict).toBe('skipped')
    expect(result.reason).toBe('skipped: no baseline value: the whole test recorded no requests')
  })

  test('a current run that never reached the endpoint is not evaluated: the gate does not pass', () => {
    const [result] = evaluateThresholds(parseThresholds('"GET /gone": p95 < baseline * 2'), basic, [
      basic
    ]).results
    expect(result.verdict).toBe('not_evaluated')
    expect(result.reason).toContain('never ran')
  })
})
