import { describe, expect, test } from '@jest/globals'
import { renderComment } from '../../src/report/comment.js'
import { renderMarkdown, SUMMARY_LIMIT_BYTES } from '../../src/report/markdown.js'
import { renderTerminal } from '../../src/report/terminal.js'
import type { RunReport } from '../../src/report/model.js'
import { fencedBlocks, mermaidProblems, tableCellCounts } from './markdown-check.js'
import {
  errorReport,
  guardedReport,
  expectGolden,
  failingReport,
  hostileReport,
  manyEndpointsReport,
  partialReport,
  passingReport
} from './reports.js'

const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

/** Every structural promise of the summary, checked on any rendering. */
function expectWellFormed(markdown: string): void {
  for (const table of tableCellCounts(markdown)) expect(new Set(table).size).toBe(1)
  for (const block of fencedBlocks(markdown).filter((b) => b.info === 'mermaid')) {
    expect(mermaidProblems(block)).toEqual([])
  }
  expect(markdown.endsWith('\n')).toBe(true)
}

describe('renderMarkdown golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
  test.each([
    ['passing.md', passingReport],
    ['failing.md', failingReport],
    ['partial.md', partialReport],
    ['error.md', async () => errorReport()],
    ['hostile.md', hostileReport]
  ])('%s', async (file, build) => {
    const markdown = renderMarkdown(await build())
    expectWellFormed(markdown)
    expectGolden(file, markdown)
  })

  test('many-endpoints-cut.md: rows cut to a small budget, the cut said', async () => {
    const markdown = renderMarkdown(await manyEndpointsReport(60), { maxBytes: 12_000 })
    expect(bytes(markdown)).toBeLessThanOrEqual(12_000)
    expectWellFormed(markdown)
    expectGolden('many-endpoints-cut.md', markdown)
  })
})

describe('renderMarkdown', () => {
  test('puts the verdict first and the sections in the documented order', async () => {
    const markdown = renderMarkdown(await failingReport())
    const order = [
      '## ❌',
      '### Thresholds',
      '### Endpoints',
      '### Top failures',
      '### Run',
      '### Over time'
    ]
    const positions = order.map((heading) => markdown.indexOf(heading))
    expect(positions[0]).toBe(0)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(positions.every((position) => position >= 0)).toBe(true)
  })

  test('headings name each verdict', async () => {
    expect(renderMarkdown(await passingReport())).toMatch(/^## ✅ Load test passed\n/)
    expect(renderMarkdown(await failingReport())).toMatch(
      /^## ❌ Load test failed its thresholds\n/
    )
    expect(renderMarkdown(errorReport())).toMatch(/^## ⚠️ Load test could not run\n/)
    // Seen rendered: ❔ (a white outline) all but vanished on GitHub's light page.
    const undecided = { ...(await passingReport()), verdict: 'inconclusive' as const }
    expect(renderMarkdown(undecided)).toMatch(/^## ❓ Load test inconclusive\n/)
  })

  test('an error shows the message, and partial results say so', async () => {
    const markdown = renderMarkdown(await partialReport())
    expect(markdown).toContain('> **Error:** Worker task 3 of 4 stopped')
    expect(markdown).toContain('**Partial results:**')
    expect(renderMarkdown(errorReport())).not.toContain('Partial results')
    expect(renderMarkdown(errorReport())).toContain('Locust wrote no readable results.')
  })

  test('the Locust fact carries how it came to run, or the warning that it is not the one asked for', async () => {
    const passing = await passingReport()
    const note =
      '`locust-version` asks for 2.32.1, but the Locust already installed (2.12.1) ran instead'
    const report = { ...passing, facts: { ...passing.facts, locustNote: note } }
    expect(renderMarkdown(report)).toContain(
      '- **Locust:** 2.12.1 (\\`locust-version\\` asks for 2.32.1, but the Locust already installed (2.12.1) ran instead)'
    )
    expect(renderMarkdown(await passingReport())).toContain('- **Locust:** 2.12.1\n')
  })

  test('the thresholds table has a reason column only when a rule has a reason', async () => {
    // Seen rendered: every passing run carried an empty "Reason" column.
    expect(renderMarkdown(await passingReport())).toContain(
      '| Rule | Actual (interval) | Limit | Result |\n'
    )
    const failing = await failingReport()
    expect(failing.evaluation.results.some((result) => result.reason)).toBe(true)
    expect(renderMarkdown(failing)).toContain(
      '| Rule | Actual (interval) | Limit | Result | Reason |'
    )
  })

  test('a paired run: run time per round and side, sentences that start with a capital', async () => {
    // Seen rendered: "8s requested, 56.1s measured" for 3 rounds of 8s a side, "… after 0s of
    // warm-up", and "… round by round. baseline http://…".
    const report = await passingReport()
    const side = { aggregate: report.results!.aggregate, endpoints: report.results!.endpoints }
    report.facts.runTimeSeconds = 8
    report.rounds = {
      design: 'interleaved',
      warmupSeconds: 0,
      roundSeconds: 8,
      order: 'seed 7',
      hosts: { candidate: 'http://127.0.0.1:8081', baseline: 'http://127.0.0.1:8080' },
      candidate: [side, side, side],
      baseline: [side, side, side],
      candidatePooled: side,
      baselinePooled: side,
      skipped: []
    }
    const markdown = renderMarkdown(report)
    expect(markdown).toContain('- **Run time:** 8s per round and side requested')
    expect(markdown).toContain('Interleaved rounds: 3 judged, 8s each, the sides in turn')
    expect(markdown).toContain('round by round. Baseline `http://127.0.0.1:8080`: p95')
    // One history for both sides: the charts say so, lest a side's stretch read as a change.
    expect(markdown).toContain(
      '_The lines run through every round, the baseline and the candidate in turn: they show how the run went; how the sides compare is above._'
    )
  })

  test('an aborted run says "Aborted" once, in the summary, the comment and the terminal', async () => {
    // Seen rendered: "Aborted: Aborted at 0:15 by fail_ratio < 1% abort after 5s (…)".
    const report = await failingReport()
    const message = 'aborted at 0:15 by fail_ratio < 1% abort after 5s (1.12%, breached since 0:09)'
    report.facts.aborted = { rule: 'fail_ratio < 1% abort after 5s', atSeconds: 15, message }
    const texts = [
      renderMarkdown(report),
      renderComment(report, '<!-- m -->', 'Load test'),
      renderTerminal(report, { width: 200 })
    ]
    for (const text of texts) {
      expect(text).not.toMatch(/Aborted:(\*\*)? Aborted/)
      expect(text).toMatch(/Aborted:(\*\*)? at 0:15 by fail\\?_ratio/)
    }
  })

  test('endpoint table: failing first, then the busiest, aggregate last in bold', async () => {
    const markdown = renderMarkdown(await failingReport())
    const rows = markdown.split('\n').filter((line) => /^\| (GET|) +\|/.test(line))
    expect(rows.map((row) => row.split(' | ')[1])).toEqual(['/missing', '/', '**Aggregated**'])
    expect(rows[2]).toContain('**4,333**')
  })

  test('user-controlled text is escaped where it is prose and literal where it is code', async () => {
    const markdown = renderMarkdown(await hostileReport())
    expectWellFormed(markdown)
    expect(markdown).not.toMatch(/^#+ not a heading/m)
    expect(markdown).toContain(
      '- **Host:** ``http://127.0.0.1:8089/|<img src=x onerror=alert(1)>` ## not a heading``'
    )
    expect(markdown).toContain('/x&#124;&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(markdown).toContain('\\*bold\\* \\_it\\_ \\[link\\](javascript:alert(1))')
    // The newline in an endpoint name becomes a space instead of ending the table row.
    expect(markdown).toContain('| GET | /line break, "quoted" — ünïcødé 日本 |')
  })

  test('a traceback with backtick runs and </details> stays inside its fence', async () => {
    const markdown = renderMarkdown(await hostileReport())
    const [traceback] = fencedBlocks(markdown).filter((block) => block.info === 'text')
    expect(traceback.fence.length).toBeGreaterThan(3)
    expect(traceback.lines.at(-1)).toBe(
      '    raise ValueError("bad `value` <b>|</b>\\n```\\n</details>")'
    )
    expect(markdown).toContain(
      '<summary>69 × bad `value` &lt;b&gt;|&lt;/b&gt; ``` &lt;/details&gt; (on local)</summary>'
    )
  })

  test('charts of a 10 s run: small charts of p50/p95/p99 and of the failures a rule failed on', async () => {
    const markdown = renderMarkdown(await failingReport())
    const charts = fencedBlocks(markdown).filter((block) => block.info === 'mermaid')
    expect(charts.map((chart) => chart.lines[2])).toEqual([
      '  title "Failed requests per second"',
      '  title "Response time in ms (p50 blue, p95 pink, p99 vermillion)"'
    ])
    expect(charts[1].lines.filter((line) => line.startsWith('  line'))).toHaveLength(3)
    expect(markdown).toContain('_A short run: response times and the failures behind its verdict,')
    const passing = renderMarkdown(await passingReport())
    expect(fencedBlocks(passing).filter((block) => block.info === 'mermaid')).toHaveLength(1)
    expect(passing).toContain('_A short run: response times only,')
  })

  test('an error: backticked names as code, a quoted traceback as a code block, never flattened', () => {
    const report: RunReport = {
      ...errorReport(),
      error: [
        'Locust could not load the locustfile; check the `locustfile` input.',
        '  Traceback (most recent call last):',
        '    File "/app/locustfile.py", line 3, in <module>',
        '      import faker',
        "  ModuleNotFoundError: No module named 'faker'",
        '(from master.log)'
      ].join('\n')
    }
    const markdown = renderMarkdown(report)
    expect(markdown).toContain(
      '> **Error:** Locust could not load the locustfile; check the `locustfile` input.\n\n' +
        '```text\nTraceback (most recent call last):\n  File "/app/locustfile.py", line 3, in <module>\n' +
        "    import faker\nModuleNotFoundError: No module named 'faker'\n```\n\n(from master.log)\n"
    )
    expect(markdown).not.toContain('\\`')
  })

  test('a run with failures and no failure rule: the default guard is shown and warned about', async () => {
    const markdown = renderMarkdown(await guardedReport())
    expect(markdown).toContain(
      '> **Warning:** 1,079 of 4,333 requests failed (24.9%) and no threshold checks failures, ' +
        'so the default fail\\_ratio &lt; 1% judged them.'
    )
    expect(markdown).toContain(
      '| `fail_ratio < 1%` (default) | 24.9% (23.84%–26%) | &lt; 1% | ❌ fail |'
    )
  })

  test('with fewer than two history samples it says why there are no charts', async () => {
    const markdown = renderMarkdown(await hostileReport())
    expect(markdown).toContain('_No charts: the stats history holds fewer than two samples._')
    expect(markdown).not.toContain('```mermaid')
  })

  test('5000 endpoints with long names stay under the 1 MiB summary limit and say what was cut', async () => {
    const report = await manyEndpointsReport(5000)
    const markdown = renderMarkdown(report)
    expect(bytes(markdown)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES - 32 * 1024)
    expectWellFormed(markdown)
    const shownRows = markdown
      .split('\n')
      .filter((line) => line.startsWith('| GET | /api/v1/tenant-'))
    // A few dozen rows: thousands are unreadable (results.json keeps them all).
    expect(shownRows.length).toBe(50)
    expect(markdown).toContain(
      `_Showing ${shownRows.length.toLocaleString('en-US')} of 5,000 endpoints (failing first, then the busiest); all of them are in results.json._`
    )
    // Every failing endpoint (one in seven) is kept, ahead of the passing ones.
    const failingCount = report.results!.endpoints.filter((e) => e.failures > 0).length
    const failuresCell = (row: string) => row.split(' | ')[3]
    expect(shownRows.slice(0, failingCount).every((row) => failuresCell(row) !== '0')).toBe(true)
    expect(shownRows.slice(failingCount).every((row) => failuresCell(row) === '0')).toBe(true)
    // What follows the table survives the cut.
    expect(markdown).toContain('**Aggregated**')
    expect(markdown).toContain('### Run')
    expect(markdown).toContain('### Over time')
  })

  test('more than 200 thresholds: failing rules first, then the rest in line order, the cut said', async () => {
    const report = await passingReport()
    const rule = report.evaluation.results[0]
    const results = Array.from({ length: 250 }, (_, index) => ({
      ...rule,
      rule: { ...rule.rule, line: index + 1, text: `p95 < 500ms # rule ${index + 1}` },
      verdict: index % 50 === 49 ? ('fail' as const) : ('pass' as const)
    }))
    const markdown = renderMarkdown({
      ...report,
      evaluation: { passed: false, inconclusive: false, confidence: 0.95, results }
    })
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `p95 < 500ms # rule '))
    expect(rows).toHaveLength(200)
    expect(rows.slice(0, 5).every((row) => row.includes('❌ fail'))).toBe(true)
    expect(rows[0]).toContain('rule 50`')
    expect(rows[4]).toContain('rule 250`')
    expect(rows[5]).toContain('rule 1`')
    // 195 passing rules after them: 1 to 198 without 50, 100 and 150.
    expect(rows.at(-1)).toContain('rule 198`')
    expect(markdown).toContain(
      '_Showing 200 of 250 thresholds (failing first); all of them are in results.json._'
    )
  })

  test('honours a smaller maxBytes, and falls back to the verdict when even the frame is too big', async () => {
    const report: RunReport = await manyEndpointsReport(5000)
    for (const maxBytes of [200_000, 20_000, 3_000, 600, 40]) {
      const markdown = renderMarkdown(report, { maxBytes })
      expect(bytes(markdown)).toBeLessThanOrEqual(maxBytes)
      expect(markdown).toMatch(/^## ✅ Load test passed/)
    }
    expect(renderMarkdown(report, { maxBytes: 600 })).toContain(
      '_The full summary would exceed 600 bytes; every figure is in results.json._'
    )
  })
})
