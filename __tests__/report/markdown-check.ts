/**
 * Structural checks of markdown source, the way GitHub reads it: tables, fenced blocks and Mermaid
 * xychart-beta blocks. (What the markdown renders to is checked with a real parser in
 * render.test.ts.) Small on purpose: each rule mirrors one of the GFM spec's.
 */

export interface FencedBlock {
  fence: string
  info: string
  lines: string[]
}

/** Fenced code blocks as CommonMark closes them: by a line of at least as many backticks. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = []
  const lines = markdown.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const opening = /^(`{3,})([^`]*)$/.exec(lines[index])
    if (!opening) continue
    const fence = opening[1]
    const body: string[] = []
    index++
    while (index < lines.length && !new RegExp(`^${fence}\`*\\s*$`).test(lines[index])) {
      body.push(lines[index])
      index++
    }
    blocks.push({ fence, info: opening[2].trim(), lines: body })
  }
  return blocks
}

/** Every table as its rows' cell counts, splitting on pipes that GFM does not read as escaped. */
export function tableCellCounts(markdown: string): number[][] {
  const tables: number[][] = []
  let current: number[] | undefined
  for (const line of proseLines(markdown)) {
    if (line.startsWith('|')) {
      current ??= []
      current.push(line.split(/(?<!\\)\|/).length - 2)
    } else if (current) {
      tables.push(current)
      current = undefined
    }
  }
  if (current) tables.push(current)
  return tables
}

/** Lines outside fenced blocks (code spans kept, since GFM splits table cells before them). */
function proseLines(markdown: string): string[] {
  const result: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    if (fence === undefined) {
      const opening = /^(`{3,})[^`]*$/.exec(line)
      if (opening) fence = opening[1]
      else result.push(line)
    } else if (new RegExp(`^${fence}\`*\\s*$`).test(line)) {
      fence = undefined
    }
  }
  return result
}

const MERMAID_LINE = [
  /^%%\{init: \{("xyChart": \{"width": \d+, "height": \d+\}, )?"themeVariables": \{"xyChart": \{"plotColorPalette": "#[0-9A-F]{6}(, #[0-9A-F]{6})*"\}\}\}\}%%$/,
  /^xychart-beta$/,
  /^ {2}title "[^"]*"$/,
  /^ {2}x-axis "[^"]*" \d+(\.\d+)? --> \d+(\.\d+)?$/,
  /^ {2}y-axis "[^"]*" 0 --> \d+(\.\d+)?$/,
  /^ {2}line \[-?\d+(\.\d+)?(, -?\d+(\.\d+)?)*\]$/
]

/** Problems with a Mermaid xychart-beta block: lines of the wrong form, lines of unequal length. */
export function mermaidProblems(block: FencedBlock): string[] {
  const problems = block.lines
    .filter((line) => !MERMAID_LINE.some((form) => form.test(line)))
    .map((line) => `unexpected line: ${line}`)
  const lengths = new Set(
    block.lines.filter((line) => line.startsWith('  line')).map((line) => line.split(',').length)
  )
  const palette = /"plotColorPalette": "([^"]*)"/.exec(block.lines[0])?.[1].split(', ') ?? []
  const series = block.lines.filter((line) => line.startsWith('  line')).length
  if (palette.length !== series)
    problems.push(`${palette.length} palette colours for ${series} line series`)
  if (lengths.size !== 1)
    problems.push(`line series of different lengths: ${[...lengths].join(', ')}`)
  return problems
}
