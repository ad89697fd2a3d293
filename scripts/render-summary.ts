/**
 * Renders a job summary (summary.md) the way GitHub shows it, Mermaid charts included, and saves a
 * screenshot: to look at the report rather than at its source.
 *
 *     npx tsx scripts/render-summary.ts <summary.md> [out.png]
 *
 * Needs Chromium (`chromium`, or CHROMIUM=/path/to/chrome) and the mermaid devDependency. The
 * page is written beside the PNG and loads mermaid from node_modules through file://; Chromium runs
 * headless with a fresh profile and no network. Mermaid's parse errors are printed and make the
 * script exit 1.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import MarkdownIt from 'markdown-it'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const MERMAID = pathToFileURL(join(ROOT, 'node_modules/mermaid/dist/mermaid.esm.min.mjs')).href

/** GitHub-like page: markdown to HTML, ```mermaid blocks handed to mermaid as GitHub does. */
export function summaryPage(markdown: string): string {
  const md = new MarkdownIt({ html: true, linkify: false })
  const fence = md.renderer.rules.fence
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index]
    if (token.info.trim() !== 'mermaid') return fence(tokens, index, options, env, self)
    return `<pre class="mermaid">${md.utils.escapeHtml(token.content)}</pre>`
  }
  return `<!doctype html>
<html><head><meta charset="utf-8">
<style>
  body { font: 14px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328;
         max-width: 900px; margin: 16px auto; }
  table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 4px 10px; }
  blockquote { color: #59636e; border-left: 4px solid #d0d7de; margin: 0; padding: 0 12px; }
  pre { background: #f6f8fa; padding: 12px; overflow: auto; }
  pre.mermaid { background: none; }
</style></head>
<body>
${md.render(markdown)}
<div id="mermaid-errors"></div>
<script type="module">
  import mermaid from '${MERMAID}'
  mermaid.initialize({ startOnLoad: false })
  const errors = []
  // Rendered one by one with our own ids: headless virtual time makes mermaid's own ids collide.
  let index = 0
  for (const block of document.querySelectorAll('pre.mermaid')) {
    try {
      const { svg } = await mermaid.render('summary-chart-' + index++, block.textContent)
      block.innerHTML = svg
    } catch (error) {
      errors.push(String(error.message ?? error))
    }
  }
  document.getElementById('mermaid-errors').textContent = errors.join(' | ')
  document.body.dataset.rendered = 'yes'
</script>
</body></html>
`
}

function chromium(args: string[]): string {
  const binary = process.env.CHROMIUM ?? 'chromium'
  const profile = mkdtempSync(join(tmpdir(), 'render-summary-profile-'))
  try {
    return execFileSync(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--allow-file-access-from-files',
        `--user-data-dir=${profile}`,
        // Without it, headless Chromium may stop the page before mermaid's module has run.
        '--run-all-compositor-stages-before-draw',
        '--virtual-time-budget=15000',
        ...args
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 }
    )
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

function main(): void {
  const [input, output = input.replace(/\.md$/, '') + '.png'] = process.argv.slice(2)
  if (input === undefined) {
    console.error('usage: npx tsx scripts/render-summary.ts <summary.md> [out.png]')
    process.exit(2)
  }
  const pagePath = resolve(output.replace(/\.png$/, '') + '.html')
  writeFileSync(pagePath, summaryPage(readFileSync(input, 'utf8')))
  const url = pathToFileURL(pagePath).href
  // Headless Chromium now and then ends the page before its module script ran: try again then.
  let dom = ''
  for (let attempt = 1; attempt <= 3 && !dom.includes('data-rendered="yes"'); attempt++) {
    dom = chromium(['--dump-dom', url])
  }
  if (!dom.includes('data-rendered="yes"')) {
    console.error(`${pagePath}: Chromium ended the page three times before mermaid ran; try again.`)
    process.exit(1)
  }
  const errors = /<div id="mermaid-errors">([^<]+)<\/div>/.exec(dom)?.[1]
  const charts = (dom.match(/<svg[^>]*aria-roledescription="xychart"/g) ?? []).length
  chromium(['--window-size=1000,3200', `--screenshot=${resolve(output)}`, '--hide-scrollbars', url])
  console.log(
    `${resolve(output)}: ${charts} chart(s) rendered${errors ? `; errors: ${errors}` : ''}`
  )
  if (errors) process.exit(1)
}

main()
