/**
 * Making user-controlled text (endpoint names, error messages, hosts, tracebacks) safe to render.
 * Nothing that passes through here can start HTML, a link, emphasis or math in markdown, split a
 * table cell, close a code fence, break a Mermaid block, or send an escape sequence to a terminal,
 * nor become a GitHub mention, issue reference or link (summaries are also posted as PR comments,
 * where a mention pings people and a reference shows up on the issue).
 */

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g
/**
 * C0/C1 control characters but the line feed (ESC starts terminal sequences), plus the bidi
 * overrides that make text display differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Text for a terminal or a workflow annotation: line breaks and tabs kept, other controls dropped. */
export function plainText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(TERMINAL_CONTROLS, '')
}

/** CONTROLS but the tab. */
const TERMINAL_CONTROLS = new RegExp(CONTROLS.source.replace('\\u0009', '\\u0008'), 'g')

/**
 * What GitHub links in text: mentions (`@octocat`, `@org/team`), issue and pull request references
 * (`#3`, `org/repo#3`, `GH-3`) and autolinked URLs (`https://…`, `www.…`, `a@b.c`). A zero-width
 * space after the marker reads the same and links nothing. (`&#124;` is an entity made here; a
 * lower-case `gh-3`, as in run ids, is no reference.)
 */
const GITHUB_LINKS =
  /(@)(?=[\p{L}\p{N}_-])|(?<!&)(#)(?=\d)|\b(GH-)(?=\d)|\b([Hh][Tt][Tt][Pp][Ss]?:|[Ff][Tt][Pp]:)(?=\/\/)|\b([Ww]{3})(?=\.)/gu
const ZERO_WIDTH_SPACE = '&#8203;'

function unlinked(escaped: string): string {
  return escaped.replace(GITHUB_LINKS, (marker) => `${marker}${ZERO_WIDTH_SPACE}`)
}

/** One line of plain text: line breaks and tabs become spaces, other control characters go. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, '')
}

/** At most maxChars characters (not UTF-16 units, so no emoji is cut in half), "…" marking a cut. */
export function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text)
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}…`
}

/**
 * Inline markdown text, safe in a paragraph, list item or table cell. HTML-significant characters
 * and `|` become entities (CommonMark never reads an entity as syntax); emphasis, code, link and
 * strikethrough markers are backslash-escaped; `$` (GitHub math) becomes an entity; mentions,
 * references and URLs are unlinked.
 */
export function markdownText(text: string, maxChars = 300): string {
  return unlinked(truncate(oneLine(text), maxChars).replace(/[&<>|$\\`*_[\]~]/g, markdownEscape))
}

const MARKDOWN_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
  $: '&#36;'
}

function markdownEscape(char: string): string {
  return MARKDOWN_ENTITIES[char] ?? `\\${char}`
}

/** Only plain http(s) URLs become links; anything else is shown as text. */
const SAFE_URL = /^https?:\/\/[^\s<>()[\]"'`\\|]+$/

/** `[text](url)` with the text escaped, or just the text when the URL is absent or not plain http(s). */
export function markdownLink(text: string, url: string | undefined, maxChars = 200): string {
  const shown = markdownText(text, maxChars)
  return url === undefined || !SAFE_URL.test(url) ? shown : `[${shown}](${url})`
}

/**
 * Inline markdown text in which `backticked` parts (how our messages name inputs and commands)
 * become code spans instead of showing literal backticks.
 */
export function markdownWithCode(text: string, maxChars = 300): string {
  return truncate(oneLine(text), maxChars)
    .split(/`([^`]+)`/)
    .map((part, index) => (index % 2 === 1 ? inlineCode(part) : markdownText(part, maxChars)))
    .join('')
}

/**
 * A code span, shown literally (no HTML, emphasis or autolink inside): the backtick fence is
 * longer than any backtick run inside, and padding keeps edge backticks and spaces.
 */
export function inlineCode(text: string, maxChars = 200): string {
  return codeSpan(truncate(oneLine(text), maxChars))
}

/**
 * A code span for a GFM table cell: as inlineCode, with `|` written `\|`, which GFM tables read as
 * a literal pipe even inside code.
 */
export function tableCode(text: string, maxChars = 200): string {
  return codeSpan(truncate(oneLine(text), maxChars).replace(/\|/g, '\\|'))
}

function codeSpan(content: string): string {
  const fence = '`'.repeat(longestRun(content, '`') + 1)
  const padded = /^[` ]|[` ]$/.test(content) ? ` ${content} ` : content
  return `${fence}${padded}${fence}`
}

/** Text inside an HTML element (e.g. <summary>), where markdown is not read but HTML is. */
export function htmlText(text: string, maxChars = 300): string {
  return unlinked(
    truncate(oneLine(text), maxChars).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char])
  )
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/** Multi-line text shown literally in a fenced code block that nothing inside can close. */
export function fencedBlock(text: string, info = 'text'): string {
  const body = text
    .replace(LINE_BREAKS, '\n')
    .replace(/\t/g, '    ')
    .replace(/[^\S\n]+$/gm, '')
    .replace(CONTROLS, '')
    .replace(/^\n+|\n+$/g, '')
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1))
  return `${fence}${info}\n${body}\n${fence}`
}

/** A Mermaid title or axis label: only letters, digits, spaces and a little harmless punctuation. */
export function mermaidText(text: string, maxChars = 80): string {
  return truncate(oneLine(text).replace(/[^\p{L}\p{N} ()/.,%+-]/gu, ''), maxChars).trim()
}

function longestRun(text: string, char: string): number {
  let longest = 0
  let current = 0
  for (const c of text) {
    current = c === char ? current + 1 : 0
    if (current > longest) longest = current
  }
  return longest
}
