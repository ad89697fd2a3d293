import { describe, expect, test } from '@jest/globals'
import type { RunReport } from '../../src/report/model.js'
import { renderTerminal } from '../../src/report/terminal.js'
import {
  errorReport,
  expectGolden,
  failingReport,
  hostileReport,
  passingReport
} from './reports.js'

// eslint-disable-next-line no-control-regex -- ANSI sequences start with ESC
const ANSI = /\u001b\[[0-9;]*m/g

describe('renderTerminal', () => {
  test('failing.txt golden (no colour, 100 columns; UPDATE_GOLDEN=1 rewrites it)', async () => {
    expectGolden('failing.txt', renderTerminal(await failingReport(), { width: 100 }))
  })

  test('colour only when asked, and colour changes nothing but the escape sequences', async () => {
    const report = await failingReport()
    const plain = renderTerminal(report)
    const coloured = renderTerminal(report, { color: true })
    expect(plain).not.toContain('\u001b')
    expect(coloured).toContain('\u001b[31m✖ FAILED\u001b[0m')
    expect(coloured.replace(ANSI, '')).toBe(plain)
  })

  test('verdict line, error and partial note', async () => {
    expect(renderTerminal(await passingReport())).toMatch(
      /^✔ PASSED {2}Load test passed: All 5 thresholds held\.\n {2}4,333 requests · 1,079 failures/
    )
    const error = renderTerminal(errorReport())
    expect(error).toMatch(
      /^⚠ ERROR {2}Load test could not run: 2 of 2 thresholds were not evaluated\.\n/
    )
    expect(error).toContain('  Error: locust exited with code 1 before writing results')
    expect(error).toContain('  Locust wrote no readable results.')
    expect(error).not.toContain('Endpoints')
  })

  test('tables fit the given width; the name column is cut, numbers never', async () => {
    const output = renderTerminal(await hostileReport(), { width: 110 })
    const table = output.split('Endpoints\n')[1].split('\n\n')[0].split('\n')
    for (const line of table) expect(Array.from(line).length).toBeLessThanOrEqual(110)
    expect(table[0]).toMatch(
      /^ {2}Method {2}Name +Requests +Failures +Median +p95 +p99 +Avg +Max +RPS$/
    )
    expect(table.at(-1)).toMatch(/^ {10}Aggregated +424 +139 \(32\.78%\) .* 141\.3\/s$/)
    // Every numeric column is right-aligned: the rows end at the same column.
    expect(new Set(table.map((line) => Array.from(line).length)).size).toBe(1)
  })

  test('wide characters count as two columns when aligning', async () => {
    const report = await passingReport()
    const results = report.results!
    const wide: RunReport = {
      ...report,
      results: { ...results, endpoints: [{ ...results.endpoints[0], name: '/日本語' }] }
    }
    const rows = renderTerminal(wide).split('Endpoints\n')[1].split('\n').slice(0, 3)
    const columns = (line: string) =>
      Array.from(line).reduce((n, c) => n + (/[\u3000-\u9fff]/.test(c) ? 2 : 1), 0)
    expect(new Set(rows.map(columns)).size).toBe(1)
  })

  test('control characters in user text cannot reach the terminal', async () => {
    const report = await passingReport()
    const results = report.results!
    const hostile: RunReport = {
      ...report,
      error: 'boom\u001b[2J\u001b]0;pwned\u0007',
      facts: { ...report.facts, host: 'http://x\u001b[31m\u009b1m' },
      results: {
        ...results,
        endpoints: [{ ...results.endpoints[0], name: '/a\u001b[1A\rb\u202etxt' }]
      }
    }
    const output = renderTerminal(hostile)
    const controls = Array.from(output).filter((char) => {
      const code = char.codePointAt(0)!
      return (code < 0x20 && char !== '\n') || (code >= 0x7f && code <= 0x9f) || char === '\u202e'
    })
    expect(controls).toEqual([])
    expect(output).toContain('/a[1A btxt')
  })
})

test('a run unfit to judge and a baseline not comparable are said right under the verdict', async () => {
  const report: RunReport = {
    ...(await passingReport()),
    verdict: 'invalid',
    unfitReasons: [
      'Only 1 of the 2 workers asked for connected: the load was not the one planned.'
    ],
    baselineNotComparable:
      'The baseline was measured under other conditions (users 20 now, 10 in the baseline).'
  }
  const [heading, first, second] = renderTerminal(report, { width: 100 }).split('\n')
  expect(heading).toMatch(/^⊘ INVALID {2}Load test run unfit to judge/)
  expect(first).toMatch(/^\s+Unfit to judge: Only 1 of the 2 workers asked for connected/)
  expect(second).toMatch(/^\s+Baseline not comparable: The baseline was measured under other/)
})
