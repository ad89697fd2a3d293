/**
 * The summaries rendered by a real CommonMark parser with GFM tables (markdown-it, raw HTML
 * allowed as on GitHub): what a reader sees, not what the markdown source looks like.
 */
import { describe, expect, test } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { renderMarkdown } from '../../src/report/markdown.js'
import type { RunReport } from '../../src/report/model.js'
import {
  errorReport,
  failingReport,
  hostileReport,
  partialReport,
  passingReport
} from './reports.js'

const markdownIt = new MarkdownIt({ html: true, linkify: true })

/** Every tag the summary is meant to produce; anything else was injected. */
const EXPECTED_TAGS = new Set(
  'h2 h3 p strong em blockquote ul li table thead tbody tr th td code pre details summary a br'.split(
    ' '
  )
)

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => match[1].toLowerCase())
}

/** The rows of each rendered table as cell texts (tags removed, entities kept). */
function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1])
  )
}

describe.each([
  ['passing', passingReport],
  ['failing', failingReport],
  ['partial', partialReport],
  ['error', async () => errorReport()],
  ['hostile', hostileReport]
] as [string, () => Promise<RunReport>][])('%s summary rendered', (_name, build) => {
  test('has only the tags the summary produces, and only http(s) links', async () => {
    const html = markdownIt.render(renderMarkdown(await build()))
    expect(tagsOf(html).filter((tag) => !EXPECTED_TAGS.has(tag))).toEqual([])
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//)
  })
})

describe('hostile summary rendered', () => {
  test('every table cell holds the text Locust wrote, one cell each', async () => {
    const html = markdownIt.render(renderMarkdown(await hostileReport()))
    const rows = tableRows(html)
    const endpointRows = rows.filter((row) => row.length === 10)
    expect(endpointRows.map((row) => row[1])).toEqual([
      'Name',
      '/x|&lt;script&gt;alert(1)&lt;/script&gt;',
      '/line break, &quot;quoted&quot; — ünïcødé 日本',
      '/api/items?q=a|b',
      '/```code``` &amp; *bold* _it_ [link](javascript:alert(1))',
      '<strong>Aggregated</strong>'
    ])
    // The thresholds table: its header and the rules (code), whatever its number of columns.
    const ruleCells = rows
      .map((row) => row[0])
      .filter((cell) => cell === 'Rule' || cell.startsWith('<code>'))
    expect(ruleCells).toEqual([
      'Rule',
      // The failing rule first.
      '<code>&quot;/x|&lt;script&gt;alert(1)&lt;/script&gt;&quot;: failures == 0</code>',
      '<code>p95 &lt; 500ms</code>',
      '<code>&quot;/```code``` &amp; *bold* _it_ [link](javascript:alert(1))&quot;: p99 &lt; 2s</code>'
    ])
  })

  test('the traceback renders whole inside one collapsed code block', async () => {
    const report = await hostileReport()
    const html = markdownIt.render(renderMarkdown(report))
    const block =
      /<details>\n<summary>(.*)<\/summary>\n<pre><code class="language-text">([\s\S]*?)<\/code><\/pre>\n<\/details>/.exec(
        html
      )
    expect(block?.[1]).toBe('69 × bad `value` &lt;b&gt;|&lt;/b&gt; ``` &lt;/details&gt; (on local)')
    const traceback = report.results!.exceptions[0].traceback.replace(/\n+$/, '')
    expect(block?.[2]).toBe(`${markdownIt.utils.escapeHtml(traceback)}\n`)
  })

  test('the host cannot open a heading, an image or a link', async () => {
    const html = markdownIt.render(renderMarkdown(await hostileReport()))
    expect(html).toContain(
      '<li><strong>Host:</strong> <code>http://127.0.0.1:8089/|&lt;img src=x onerror=alert(1)&gt;` ## not a heading</code></li>'
    )
    expect(html).toContain(
      '<li><strong>Report [click](javascript:alert(1)):</strong> innocent</li>'
    )
  })
})

describe('failing summary rendered', () => {
  test('charts are mermaid code blocks, the execution a link', async () => {
    const html = markdownIt.render(renderMarkdown(await failingReport()))
    expect(
      html.match(/<pre><code class="language-mermaid">%%\{init: [^\n]*\nxychart-beta\n/g)
    ).toHaveLength(2)
    expect(html).toMatch(
      /<a href="https:\/\/console\.aws\.amazon\.com\/states\/home\?region=eu-west-1#\/v2\/executions\/details\/[^"]+">arn:aws:states:eu-west-1:123456789012:execution:locust:run-42<\/a>/
    )
  })
})
