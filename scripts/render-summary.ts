/**
 * Renders a job summary (summary.md) or a PR comment the way GitHub shows it, Mermaid charts
 * included, in GitHub's light and dark modes, and saves a screenshot of each: to look at the
 * report rather than at its source.
 *
 *     npx tsx scripts/render-summary.ts <summary.md> [out.png]   # writes out.light.png, out.dark.png
 *
 * Needs Chromium (Debian's `chromium`, or CHROMIUM=/path/to/chrome) and the mermaid devDependency.
 * The pages are written beside the PNGs and load mermaid from node_modules through file://;
 * Chromium runs headless with a fresh profile and no network. Mermaid's parse errors are printed
 * and make the script exit 1.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import MarkdownIt from 'markdown-it'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const MERMAID = pathToFileURL(join(ROOT, 'node_modules/mermaid/dist/mermaid.esm.min.mjs')).href

/** The screenshot: GitHub's width for a job summary, as tall as the page up to this. */
const WIDTH = 1000
const MAX_HEIGHT = 8000

/** GitHub's page colours in each mode (Primer's canvas, text, border, code and link colours). */
const MODES = {
  light: {
    mermaidTheme: 'default',
    canvas: '#ffffff',
    text: '#1f2328',
    muted: '#59636e',
    border: '#d0d7de',
    code: '#f6f8fa',
    link: '#0969da'
  },
  dark: {
    mermaidTheme: 'dark',
    canvas: '#0d1117',
    text: '#f0f6fc',
    muted: '#9198a1',
    border: '#3d444d',
    code: '#151b23',
    link: '#4493f8'
  }
} as const
type Mode = keyof typeof MODES

/** GitHub-like page: markdown to HTML, ```mermaid blocks handed to mermaid as GitHub does. */
export function summaryPage(markdown: string, mode: Mode = 'light'): string {
  const colours = MODES[mode]
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
  body { font: 14px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
         color: ${colours.text}; background: ${colours.canvas}; max-width: 900px; margin: 16px auto; }
  table { border-collapse: collapse; }
  td, th { border: 1px solid ${colours.border}; padding: 4px 10px; }
  blockquote { color: ${colours.muted}; border-left: 4px solid ${colours.border}; margin: 0; padding: 0 12px; }
  pre, code { background: ${colours.code}; }
  a { color: ${colours.link}; }
  pre { padding: 12px; overflow: auto; }
  pre.mermaid { background: none; }
</style></head>
<body>
${md.render(markdown)}
<div id="mermaid-errors"></div>
<script type="module">
  import mermaid from '${MERMAID}'
  mermaid.initialize({
    startOnLoad: false,
    theme: '${colours.mermaidTheme}',
    themeVariables: { background: '${colours.canvas}' }
  })
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
  // The screenshot is cut to the page's height: a short summary is not a tall blank picture.
  document.body.dataset.height = String(Math.ceil(document.body.getBoundingClientRect().bottom))
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
  const markdown = readFileSync(input, 'utf8')
  const failed = (Object.keys(MODES) as Mode[]).filter(
    (mode) => !render(markdown, output.replace(/\.png$/, '') + `.${mode}`, mode)
  )
  if (failed.length > 0) process.exit(1)
}

/** Renders one mode to <base>.html and <base>.png; false when mermaid could not draw a chart. */
function render(markdown: string, base: string, mode: Mode): boolean {
  const pagePath = resolve(`${base}.html`)
  const output = `${base}.png`
  writeFileSync(pagePath, summaryPage(markdown, mode))
  const url = pathToFileURL(pagePath).href
  // Headless Chromium now and then ends the page before its module script ran: try again then.
  let dom = ''
  for (let attempt = 1; attempt <= 3 && !dom.includes('data-rendered="yes"'); attempt++) {
    dom = chromium(['--dump-dom', url])
  }
  if (!dom.includes('data-rendered="yes"')) {
    console.error(`${pagePath}: Chromium ended the page three times before mermaid ran; try again.`)
    return false
  }
  const errors = /<div id="mermaid-errors">([^<]+)<\/div>/.exec(dom)?.[1]
  const charts = (dom.match(/<svg[^>]*aria-roledescription="xychart"/g) ?? []).length
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? MAX_HEIGHT)
  chromium([
    `--window-size=${WIDTH},${Math.min(MAX_HEIGHT, height + 16)}`,
    `--screenshot=${resolve(output)}`,
    '--hide-scrollbars',
    url
  ])
  console.log(
    `${resolve(output)}: ${charts} chart(s) rendered${errors ? `; errors: ${errors}` : ''}`
  )
  return !errors
}

main()
