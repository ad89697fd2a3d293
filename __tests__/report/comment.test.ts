/** The sticky PR comment: short, found by its marker, and harmless whatever the names hold. */
import { describe, expect, test } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { compareWithBaseline } from '../../src/baseline/compare.js'
import { parseBaseline } from '../../src/baseline/parse.js'
import { commentMarker, renderComment, renderErrorComment } from '../../src/report/comment.js'
import { toResultsJson } from '../../src/report/json.js'
import type { RunReport } from '../../src/report/model.js'
import { evaluateThresholds } from '../../src/thresholds/evaluate.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import { withBaselineUndecided } from '../../src/run/validity.js'
import { tableCellCounts } from './markdown-check.js'
import { failingReport, hostileReport } from './reports.js'

const markdownIt = new MarkdownIt({ html: true, linkify: true })
const marker = commentMarker({ workflow: 'perf', job: 'load-test', name: 'checkout' })

/** A report judged against a baseline where every response time was 30 % lower. */
async function regressedReport(): Promise<RunReport> {
  const report = await failingReport()
  const results = report.results!
  const baselineJson = toResultsJson(report)
  for (const endpoint of [baselineJson.totals!, ...baselineJson.endpoints]) {
    for (const key of Object.keys(endpoint.percentiles)) {
      const ms = endpoint.percentiles[key]
      endpoint.percentiles[key] = ms === null ? null : ms / 1.3
    }
  }
  const baseline = parseBaseline(JSON.stringify(baselineJson), 'main')
  const rules = parseThresholds('p95 < baseline * 1.1\nfail_ratio < 1%\nrps > baseline * 0.9')
  return {
    ...report,
    evaluation: evaluateThresholds(rules, results, [baseline]),
    comparison: compareWithBaseline(results, [
      { ...baseline, runId: '77', runUrl: 'https://github.com/o/r/actions/runs/77' }
    ])
  }
}

describe('marker', () => {
  test('one per workflow, job and test name; nothing in them can close the HTML comment', () => {
    expect(marker).toBe('<!-- distributed-locust: perf / load-test / checkout -->')
    expect(commentMarker({ workflow: 'a --> <b>', job: 'j', name: '@x' })).toBe(
      '<!-- distributed-locust: a - b / j / x -->'
    )
  })
})

describe('body', () => {
  test('verdict, the failing rule first with its numbers, changes beyond the noise, the rest folded; short', async () => {
    const body = renderComment(await regressedReport(), marker, 'checkout', {
      runUrl: 'https://github.com/o/r/actions/runs/78',
      artifactUrl: 'https://github.com/o/r/actions/runs/78/artifacts/5'
    })
    const lines = body.split('\n')
    expect(lines.slice(0, 4)).toEqual([
      marker,
      '### ❌ checkout failed its thresholds',
      '',
      '**`fail_ratio < 1%` failed: 24.9% (23.84% to 26%) against &lt; 1%.**'
    ])
    expect(body).toContain('| `fail_ratio < 1%` | 24.9% | &lt; 1% | ❌ fail |')
    // 4 ms against a 3.08 ms baseline: within Locust's 1 ms step, so not a regression.
    expect(body).not.toContain('| `p95 < baseline × 1.1`')
    expect(body).not.toContain('rps > baseline')
    expect(body).toContain(
      'Baseline: `main`, from [run 77](https://github.com/o/r/actions/runs/77). No figure moved beyond the noise from the baseline.'
    )
    expect(body).toContain('<details>\n<summary>18 figures within the noise</summary>')
    expect(body).toMatch(
      /\| Aggregated \| p95 \| 3\.08 ms \| 4 ms \| \+0\.92 ms \| \+30% \(−[\d.]+% to \+[\d.]+%\) \| = within noise \|/
    )
    expect(body).toContain('[Full report (job summary)](https://github.com/o/r/actions/runs/78)')
    expect(body.length).toBeLessThan(4000)
    expect(tableCellCounts(body)).toEqual([
      [4, 4, 4],
      [7, 7, 7, 7, 7, 7, 7, 7, 7, 7]
    ])
  })

  test('a clear regression: the baseline rule fails first, named with its ratio; the worse rows lead', async () => {
    const report = await regressedReport()
    const slower = structuredClone(report.results!)
    for (const stats of [slower.aggregate, ...slower.endpoints]) {
      stats.percentiles = stats.percentiles.map((p) => ({
        ...p,
        ms: p.ms === null ? null : p.ms * 4
      }))
    }
    const baseline = parseBaseline(JSON.stringify(toResultsJson(report)), 'main')
    const rules = parseThresholds('p95 < baseline * 1.1\nfail_ratio < 100%')
    const body = renderComment(
      {
        ...report,
        results: slower,
        evaluation: evaluateThresholds(rules, slower, [baseline]),
        comparison: compareWithBaseline(slower, [baseline])
      },
      marker,
      'checkout'
    )
    expect(body).toMatch(
      /\*\*`p95 < baseline × 1\.1` failed: 16 ms \([\d.]+ ms to [\d.]+ ms\) against &lt; 4\.4 ms \(baseline × 1\.1\); now ÷ baseline ×4\.00 \(×[\d.]+ to ×[\d.]+\)\.\*\*/
    )
    expect(body).toMatch(/figures? worse and 0 better than the baseline beyond the noise/)
    const firstRow = body
      .split('\n')
      .find((line) => line.startsWith('| Aggregated') || line.startsWith('| GET'))
    expect(firstRow).toContain('▲ worse')
  })

  test('what an AWS run cost is said under the headline', async () => {
    const report = await failingReport()
    const note =
      '$1.28 (Fargate $1.28 for 25.93 task-hours, S3 $0.0008; us-east-1 list prices of 2026-03)'
    const body = renderComment(
      { ...report, facts: { ...report.facts, cost: { usd: 1.28, note } } },
      '<!-- m -->',
      'Load test'
    )
    expect(body).toContain('Cost: &#36;1.28 (Fargate &#36;1.28 for 25.93 task-hours')
    expect(renderComment(report, '<!-- m -->', 'Load test')).not.toContain('Cost:')
  })

  test('hostile names render as text: no HTML, no javascript: links, no mentions', async () => {
    const report = await hostileReport()
    report.error = 'ping @octo-org/security and <img src=x onerror=alert(1)>'
    const body = renderComment(report, marker, '@everyone <b>hi</b>', {
      runUrl: 'javascript:alert(1)'
    })
    const html = markdownIt.render(body)
    expect(html).not.toMatch(/<(script|img|b)\b/)
    expect(html).not.toContain('href="javascript:')
    // Every "@" in text is followed by a zero-width space: GitHub links no mention.
    expect(body).not.toMatch(/@(?!&#8203;)/)
    expect(body.split('\n')[0]).toBe(marker)
  })
})

describe('renderErrorComment', () => {
  test('replaces the comment with the error under the same marker, mentions disarmed', () => {
    const body = renderErrorComment(marker, 'checkout', 'Input \'users\': got "@team"', {
      runUrl: 'https://github.com/o/r/actions/runs/1'
    })
    expect(body.startsWith(`${marker}\n### ⚠️ checkout could not run\n`)).toBe(true)
    expect(body).toContain("> **Error:** Input 'users'")
    expect(body).not.toMatch(/(^|[^\\`])@team/)
    expect(body).toContain('[Full report (job summary)](https://github.com/o/r/actions/runs/1)')
  })
})

test('a rule undecided for want of a comparable baseline is not blamed on noise', async () => {
  // Seen rendered: "…(×0.56 to ×1.12): The baseline was measured … its rules.." and "2 were
  // inconclusive: the data cannot tell them from noise" when noise had nothing to do with it.
  const report = await regressedReport()
  const reason =
    'The baseline was measured under other conditions (users 20 now, 10 in the baseline), so it cannot decide its rules.'
  const baselineRules = report.evaluation.results.filter((r) => r.rule.baseline !== undefined)
  report.evaluation = withBaselineUndecided(
    { ...report.evaluation, results: baselineRules },
    reason
  )
  report.verdict = 'inconclusive'
  const body = renderComment(report, marker, 'checkout')
  expect(body).toContain('so it cannot decide its rules.**')
  expect(body).not.toContain('..')
  expect(body).not.toContain('noise.')
  expect(body).toContain('were inconclusive: the data cannot decide them.')
})

test('the default test name is not said twice in the heading', async () => {
  // Seen rendered: "✅ Load test: Load test passed".
  const body = renderComment({ ...(await failingReport()), verdict: 'passed' }, marker, 'Load test')
  expect(body.split('\n')[1]).toBe('### ✅ Load test passed')
  expect(renderErrorComment(marker, 'Load test', 'boom').split('\n')[1]).toBe(
    '### ⚠️ Load test could not run'
  )
})

test('a run unfit to judge leads its comment with the reason', async () => {
  const report = { ...(await failingReport()), verdict: 'invalid' as const }
  report.unfitReasons = ['Users never reached the count requested: at most 3 of 20.']
  const body = renderComment(report, marker, 'checkout')
  const lines = body.split('\n')
  expect(lines[1]).toBe('### 🚫 checkout run unfit to judge')
  expect(lines[3]).toBe(
    '> **Unfit to judge:** Users never reached the count requested: at most 3 of 20.'
  )
})
