/**
 * Keeps action.yml's inputs in step with src/inputs/spec.ts, and the README's inputs and outputs
 * tables with action.yml. `npx tsx scripts/action-docs.ts` rewrites them; tests fail when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse, stringify } from 'yaml'
import { INPUTS } from '../src/inputs/spec.js'

interface ActionMetadata {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

const cell = (text: string): string =>
  text
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')

/** action.yml with its `inputs:` block (up to `outputs:`) written from the spec. */
export function renderActionInputs(actionYml: string): string {
  const inputs = Object.fromEntries(
    INPUTS.map((input) => [input.name, { description: input.description, default: input.default }])
  )
  const from = actionYml.indexOf('\ninputs:\n') + 1
  const to = actionYml.indexOf('\noutputs:', from)
  if (from === 0 || to < 0) throw new Error('action.yml has no inputs: block before outputs:')
  const block = stringify({ inputs }, { lineWidth: 0, singleQuote: true })
  return `${actionYml.slice(0, from)}${block}${actionYml.slice(to)}`
}

export function renderInputsTable(actionYml: string): string {
  const { inputs } = parse(actionYml) as ActionMetadata
  const rows = Object.entries(inputs).map(([name, input]) => {
    const fallback =
      input.default === undefined || input.default === '' ? '' : `\`${input.default}\``
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`
  })
  return ['| input | default | description |', '| --- | --- | --- |', ...rows].join('\n')
}

export function renderOutputsTable(actionYml: string): string {
  const { outputs } = parse(actionYml) as ActionMetadata
  const rows = Object.entries(outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
  )
  return ['| output | description |', '| --- | --- |', ...rows].join('\n')
}

/** Replaces the text between `<!-- name -->` and `<!-- /name -->` (adding the end marker if absent). */
export function fillSection(readme: string, name: string, content: string): string {
  const start = `<!-- ${name} -->`
  const end = `<!-- /${name} -->`
  const from = readme.indexOf(start)
  if (from < 0) throw new Error(`README has no ${start} marker`)
  const to = readme.indexOf(end, from)
  const after = to < 0 ? readme.slice(from + start.length) : readme.slice(to + end.length)
  return `${readme.slice(0, from)}${start}\n\n${content}\n\n${end}${after}`
}

export function renderReadme(readme: string, actionYml: string): string {
  return fillSection(
    fillSection(readme, 'inputs', renderInputsTable(actionYml)),
    'outputs',
    renderOutputsTable(actionYml)
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync('action.yml', renderActionInputs(readFileSync('action.yml', 'utf8')))
  const readme = readFileSync('README.md', 'utf8')
  writeFileSync('README.md', renderReadme(readme, readFileSync('action.yml', 'utf8')))
}
