import { AbortWatch, clock } from '../../src/thresholds/abort.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import type { EndpointStats } from '../../src/results/model.js'

function stats(requests: number, failures: number, p95 = 40): EndpointStats {
  return {
    method: '',
    name: 'Aggregated',
    requests,
    failures,
    medianMs: requests > 0 ? 20 : null,
    avgMs: requests > 0 ? 22 : null,
    minMs: requests > 0 ? 3 : null,
    maxMs: requests > 0 ? 300 : null,
    avgContentSize: 100,
    rps: requests / 10,
    failRps: failures / 10,
    percentiles: [{ label: '95%', quantile: 95, ms: requests > 0 ? p95 : null }]
  }
}

/** A sample of the whole test at `elapsedSeconds` with these totals. */
function sample(elapsedSeconds: number, requests: number, failures: number, p95 = 40) {
  return { elapsedSeconds, figures: { aggregate: stats(requests, failures, p95), endpoints: [] } }
}

describe('an abort rule judged on the live figures', () => {
  test('aborts once the rule has been breached for its time without a break', () => {
    const watch = new AbortWatch(parseThresholds('fail_ratio < 5% abort after 30s'))
    expect(watch.active).toBe(true)
    expect(watch.observe(sample(5, 100, 0))).toBeUndefined()
    expect(watch.observe(sample(10, 200, 40))).toBeUndefined() // breached from 10 s
    expect(watch.observe(sample(35, 400, 240))).toBeUndefined()
    expect(watch.observe(sample(40, 500, 340))).toEqual({
      rule: 'fail_ratio < 5% abort after 30s',
      atSeconds: 40,
      breachedSinceSeconds: 10,
      message: 'aborted at 0:40 by fail_ratio < 5% abort after 30s (68%, breached since 0:10)'
    })
  })

  test('a sample that holds the rule starts the count again', () => {
    const watch = new AbortWatch(parseThresholds('p95 < 500ms abort after 20s'))
    expect(watch.observe(sample(5, 100, 0, 900))).toBeUndefined()
    expect(watch.observe(sample(20, 200, 0, 400))).toBeUndefined()
    expect(watch.observe(sample(25, 300, 0, 900))).toBeUndefined()
    expect(watch.observe(sample(40, 400, 0, 900))).toBeUndefined()
    expect(watch.observe(sample(45, 500, 0, 900))?.breachedSinceSeconds).toBe(25)
  })

  test('a breach in the first figures is dated from the start: they cover the test from it', () => {
    // A dead target: every request fails from the first worker report on.
    const watch = new AbortWatch(parseThresholds('fail_ratio < 5% abort after 30s'))
    expect(watch.observe(sample(0, 0, 0))).toBeUndefined() // no requests yet: not measured
    expect(watch.observe(sample(5, 300, 300))).toBeUndefined()
    expect(watch.observe(sample(30, 1800, 1800))?.message).toBe(
      'aborted at 0:30 by fail_ratio < 5% abort after 30s (100%, breached since 0:00)'
    )
  })

  test('rules without "abort after" never abort, and a sample read twice counts once', () => {
    const plain = new AbortWatch(parseThresholds('fail_ratio < 5%'))
    expect(plain.active).toBe(false)
    expect(plain.observe(sample(100, 10, 10))).toBeUndefined()
    const watch = new AbortWatch(parseThresholds('failures == 0 abort after 0s'))
    expect(watch.observe(sample(5, 10, 0))).toBeUndefined()
    expect(watch.observe(sample(5, 10, 1))).toBeUndefined()
    expect(watch.observe(sample(10, 20, 1))?.atSeconds).toBe(10)
  })

  test('an endpoint rule is judged on that endpoint, and the first breached rule is named', () => {
    const rules = parseThresholds(
      ['"GET /slow": p95 < 1s abort after 10s', 'fail_ratio < 50% abort after 10s'].join('\n')
    )
    const watch = new AbortWatch(rules)
    const slow = { ...stats(50, 0, 4000), method: 'GET', name: '/slow' }
    const at = (elapsedSeconds: number) => ({
      elapsedSeconds,
      figures: { aggregate: stats(100, 60), endpoints: [slow] }
    })
    expect(watch.observe(at(5))).toBeUndefined()
    expect(watch.observe(at(15))?.rule).toBe('"GET /slow": p95 < 1s abort after 10s')
  })

  test.each([
    [0, '0:00'],
    [130, '2:10'],
    [59.6, '1:00'],
    [3723, '1:02:03']
  ])('%s s into the test is %s', (seconds, shown) => {
    expect(clock(seconds)).toBe(shown)
  })
})
