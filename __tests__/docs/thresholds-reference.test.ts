/**
 * docs/thresholds.md's reference for the threshold language says what the parser does: the same metrics,
 * the units of each metric's family, the percentiles Locust writes, and rules that parse.
 */
import { readFileSync } from 'node:fs'
import {
  KNOWN_METRIC_NAMES,
  LOCUST_DEFAULT_PERCENTILES,
  metricFamily
} from '../../src/thresholds/metrics.js'
import { parseThresholds } from '../../src/thresholds/parse.js'

const readme = readFileSync('docs/thresholds.md', 'utf8')

function between(name: string): string {
  const start = readme.indexOf(`<!-- ${name} -->`)
  const end = readme.indexOf(`<!-- /${name} -->`)
  expect(start).toBeGreaterThan(-1)
  expect(end).toBeGreaterThan(start)
  return readme.slice(start, end)
}

/** The metrics table as [metric, what it measures, units] rows. */
const metricRows: string[][] = between('metrics')
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim())
  )
const documentedNames = metricRows.map(([metric]) => metric.replace(/`/g, ''))

/** What the units cell must say for each family of metric. */
const FAMILY_UNITS = {
  time: 'time: `ms` or `s`; a bare number is ms',
  rate: 'rate: none or `/s`',
  count: 'count: no unit',
  ratio: 'ratio: `%`'
}

describe('the threshold reference (docs/thresholds.md)', () => {
  test('lists exactly the metrics the parser knows, percentiles as pN', () => {
    const parserNames = KNOWN_METRIC_NAMES.filter((name) => !/^p\d/.test(name)).concat('pN')
    expect([...documentedNames].sort()).toEqual([...parserNames].sort())
  })

  test("gives each metric its family's units", () => {
    for (const [metric, , units] of metricRows) {
      const name = metric.replace(/`/g, '').replace('pN', 'p95')
      const [rule] = parseThresholds(`${name} >= 0`)
      expect({ metric, units }).toEqual({
        metric,
        units: expect.stringContaining(FAMILY_UNITS[metricFamily(rule.metric)])
      })
    }
  })

  test('names the percentiles Locust writes by default', () => {
    const listed = /Locust writes the percentiles `([^`]+)`/.exec(readme)?.[1]
    expect(listed?.split(', ').map(Number)).toEqual(LOCUST_DEFAULT_PERCENTILES)
  })

  test('its ten rules to copy parse, with the limits their comments promise', () => {
    const block = /```\n([\s\S]*?)```/.exec(between('rules'))?.[1] ?? ''
    const rules = parseThresholds(block)
    expect(rules).toHaveLength(10)
    const limit = (text: string) => rules.find((rule) => rule.text.startsWith(text))?.limit
    expect(limit('p99 < 1.5s')).toBe(1500)
    expect(limit('fail_ratio < 1%')).toBe(0.01)
    expect(limit('"POST /api/orders": median < 300')).toBe(300)
    expect(rules.find((rule) => rule.text.startsWith('/checkout'))?.selector).toBe('/checkout')
  })

  test('the refusals it quotes are the parser’s', () => {
    const refusal = (rule: string) => {
      try {
        parseThresholds(rule)
        return 'accepted'
      } catch (error) {
        return (error as Error).message
      }
    }
    expect(refusal('fail_ratio < 1')).toContain('write "1%" or "0.01"')
    expect(refusal('p97 < 300')).toContain('Locust writes no 97% column')
    expect(refusal('\u201cGET /x\u201d: p95 < 1s')).toContain('write "GET /x"')
    expect(refusal('mean < 300')).toContain('did you mean "avg"?')
    expect(refusal('error_rate < 1%')).toContain('did you mean "fail_ratio"?')
    expect(refusal('p95 = 300')).toContain('did you mean "=="?')
    expect(parseThresholds('/a:b: p95 < 1s')[0].selector).toBe('/a:b')
    expect(parseThresholds('p95 < 0.5s')[0].limit).toBe(500)
  })
})
