import { describe, expect, test } from '@jest/globals'
import type { RunReport } from '../../src/report/model.js'
import { renderTerminal } from '../../src/report/terminal.js'
import {
  errorReport,
  expectGolden,
  failingReport,
  hostileReport,
  manyEndpointsReport,
  passingReport
} from './reports.js'

// eslint-disable-next-line no-control-regex -- ANSI sequences start with ESC
const ANSI = /\u001b\[[0-9;]*m/g

/** Terminal columns, counted here without a width library: CJK ideographs and 🚀 take two. */
function stringWidthOf(line: string): number {
  return Array.from(line.replace(ANSI, '')).reduce(
    (n, c) => n + (/[\u3000-\u9fff]|\u{1F680}/u.test(c) ? 2 : c === '\u0301' ? 0 : 1),
    0
  )
}

describe('renderTerminal', () => {
  test('failing.txt golden (no colour, 100 columns; UPDATE_GOLDEN=1 rewrites it)', async () => {
    expectGolden('failing.txt', renderTerminal(await failingReport(), { width: 100 }))
  })

  test('colour only when asked, and colour changes nothing but the escape sequences', async () => {
    const report = await failingReport()
    const plain = renderTerminal(report)
    const coloured = renderTerminal(report, { color: true })
    expect(plain).not.toContain('\u001b')
    expect(coloured).toContain('\u001b[31m✖ FAILED\u001b[39m')
    expect(coloured.replace(ANSI, '')).toBe(plain)
  })

  test('verdict line, error and partial note', async () => {
    expect(renderTerminal(await passingReport())).toMatch(
      /^✔ PASSED {2}Load test passed: All 5 thresholds held\.\n {2}4,333 requests · 1,079 failures/
    )
    const error = renderTerminal(errorReport())
    expect(error).toMatch(/^⚠ ERROR {2}Load test could not run\.\n/)
    expect(error).toContain('  Error: locust exited with code 1 before writing results')
    expect(error).toContain('  Locust wrote no readable results.')
    expect(error).not.toContain('Endpoints')
  })

  test('a table too wide puts each name whole on its own line above its figures', async () => {
    const output = renderTerminal(await hostileReport(), { width: 110 })
    const table = output.split('Endpoints\n')[1].split('\n\n')[0].split('\n')
    for (const line of table) expect(Array.from(line).length).toBeLessThanOrEqual(110)
    expect(table[0]).toMatch(/^ {2}Requests +Failures +Median +p95 +p99 +Avg +Max +RPS$/)
    expect(table).toContain('  GET /x|<script>alert(1)</script>')
    expect(table).toContain('  GET /```code``` & *bold* _it_ [link](javascript:alert(1))')
    expect(table.slice(-2)).toEqual([
      '  Aggregated',
      expect.stringMatching(/^ +424 +139 \(32\.78%\) .* 141\.3\/s$/)
    ])
    // Every figure is right-aligned: the figure lines end at the same column.
    const figures = table.filter((_, index) => index === 0 || index % 2 === 0)
    expect(new Set(figures.map((line) => Array.from(line).length)).size).toBe(1)
  })

  test('at 80 columns every report fits in 80 columns; only a URL may run past', async () => {
    const reports = [
      await failingReport(),
      await hostileReport(),
      errorReport(),
      await manyEndpointsReport(3)
    ]
    for (const report of reports) {
      const output = renderTerminal(report, { width: 80 })
      for (const line of output.split('\n')) {
        if (stringWidthOf(line) <= 80) continue
        // A word too long for any line is printed whole rather than broken.
        expect(line.trim().split(' ').at(-1)).toMatch(/^https:\/\/\S{70,}$/)
      }
    }
  })

  test('names are never cut, at 80 columns or in a CI log', async () => {
    for (const width of [80, undefined]) {
      const joined = renderTerminal(await hostileReport(), { width }).replace(/\n {2,}/g, ' ')
      expect(joined).toContain('GET /line break, "quoted" — ünïcødé 日本')
      expect(joined).toContain('/```code``` & *bold* _it_ [link](javascript:alert(1))')
      const long = renderTerminal(await manyEndpointsReport(2), { width })
      const name = (await manyEndpointsReport(2)).results!.endpoints[0].name
      expect(long.replace(/\n {4}/g, '')).toContain(`GET ${name}`)
    }
  })

  test('a cancelled run and one that could not run state no verdict on their thresholds', async () => {
    const passing = await passingReport()
    for (const verdict of ['cancelled', 'error'] as const) {
      const output = renderTerminal({ ...passing, verdict, partial: true })
      const [heading] = output.split('\n')
      expect(heading).toMatch(
        /^(■ CANCELLED {2}Load test cancelled|⚠ ERROR {2}Load test could not run)\.$/
      )
      expect(output).not.toMatch(
        /thresholds held|threshold held|thresholds failed|threshold failed/
      )
    }
  })

  test.each(['/日本語', '/🚀', '/cafe\u0301'])(
    'wide characters and emoji count as two columns when aligning (%s)',
    async (name) => {
      const report = await passingReport()
      const results = report.results!
      const wide: RunReport = {
        ...report,
        results: { ...results, endpoints: [{ ...results.endpoints[0], name }] }
      }
      const rows = renderTerminal(wide).split('Endpoints\n')[1].split('\n').slice(0, 3)
      expect(new Set(rows.map(stringWidthOf)).size).toBe(1)
    }
  )

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
