/**
 * The CLI's own help texts (examples, exit codes, notes) fitted to an 80-column terminal, the
 * width commander wraps its option lists to: prose is re-wrapped; an example command too long for
 * a line is broken at spaces into shell continuation lines, so it can still be copied.
 */
import { Help, type Option } from 'commander'
import wrapAnsi from 'wrap-ansi'

export const HELP_WIDTH = 80
const CONTINUATION_INDENT = '      '

/** `text` with every line at most `width` columns. */
export function fitHelp(text: string, width = HELP_WIDTH): string {
  return text
    .split('\n\n')
    .map((paragraph) =>
      isExamples(paragraph) ? fitExamples(paragraph, width) : fitProse(paragraph, width)
    )
    .join('\n\n')
}

function isExamples(paragraph: string): boolean {
  return paragraph.split('\n').some((line) => /^\s+\$ /.test(line))
}

/** A paragraph of prose, its lines joined and wrapped again; short ones are left as written. */
function fitProse(paragraph: string, width: number): string {
  const lines = paragraph.split('\n')
  if (lines.every((line) => line.length <= width)) return paragraph
  const indent = /^\s*/.exec(lines.find((line) => line.trim() !== '') ?? '')![0]
  const words = lines.map((line) => line.trim()).join(' ')
  return wrapAnsi(words, width - indent.length, { hard: false, trim: true })
    .split('\n')
    .map((line) => indent + line)
    .join('\n')
}

/** Example commands: a long one continues on the next lines, each ending in ` \`. */
function fitExamples(paragraph: string, width: number): string {
  return paragraph
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width) return [line]
      const continued = line.endsWith(' \\')
      const body = continued ? line.slice(0, -2) : line
      const lines = [/^\s*/.exec(body)![0]]
      // Words, a quoted argument ("p95 < 500ms") or a trailing # comment being one word.
      for (const word of body.trim().match(/#.*$|"[^"]*"|'[^']*'|\S+/g) ?? []) {
        const current = lines[lines.length - 1]
        const fresh = current.trim() === ''
        if (!fresh && current.length + 1 + word.length + 2 > width) lines.push(CONTINUATION_INDENT)
        lines[lines.length - 1] += (lines[lines.length - 1].trim() === '' ? '' : ' ') + word
      }
      return lines.map((text, index) =>
        index === lines.length - 1 && !continued ? text : `${text} \\`
      )
    })
    .join('\n')
}

/**
 * An option's description with its default and choices as a person writes them: commander quotes
 * every string in them ("(default: "0.95")", "choices: "pass", "fail"").
 */
export function optionDescription(this: Help, option: Option): string {
  const text = Help.prototype.optionDescription.call(this, option)
  const description = option.description ?? ''
  if (!text.startsWith(description)) return text
  return description + text.slice(description.length).replace(/"([^"]*)"/g, '$1')
}
