import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { main } from '../../src/cli/main.js'
import { INPUTS } from '../../src/inputs/spec.js'
import { renderReadme } from '../../scripts/action-docs.js'

const actionYml = readFileSync('action.yml', 'utf8')
const action = parse(actionYml) as {
  runs: { using: string; main: string; post: string }
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
  branding: { icon: string; color: string }
}

/** Rows of the README table between `<!-- name -->` and `<!-- /name -->`, as trimmed cells. */
function readmeTable(name: string): string[][] {
  const readme = readFileSync('README.md', 'utf8')
  const section = readme.slice(
    readme.indexOf(`<!-- ${name} -->`),
    readme.indexOf(`<!-- /${name} -->`)
  )
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
    )
}

describe('action.yml', () => {
  test('runs on node24 with a main and a post step from dist/', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main/index.js',
      post: 'dist/post/index.js'
    })
    expect(action.branding.icon).toBeTruthy()
  })

  test('declares exactly the inputs of src/inputs/spec.ts, in its order, with its defaults and descriptions', () => {
    const declared = Object.entries(action.inputs).map(([name, input]) => ({
      name,
      default: input.default ?? '',
      description: input.description.trim()
    }))
    const specified = INPUTS.map((input) => ({
      name: input.name,
      default: input.default,
      description: input.description
    }))
    expect(declared).toEqual(specified)
  })

  test('documents every input and output', () => {
    for (const [name, entry] of [
      ...Object.entries(action.inputs),
      ...Object.entries(action.outputs)
    ]) {
      expect({ name, long: entry.description.trim().length > 20 }).toEqual({ name, long: true })
    }
  })
})

describe('README tables follow src/inputs/spec.ts and action.yml', () => {
  test('inputs: names, defaults and descriptions', () => {
    const expected = INPUTS.map((input) => [
      `\`${input.name}\``,
      input.default ? `\`${input.default}\`` : '',
      input.description
        .trim()
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\|/g, '\\|')
    ])
    expect(readmeTable('inputs')).toEqual(expected)
  })

  test('outputs: names and descriptions', () => {
    const expected = Object.entries(action.outputs).map(([name, output]) => [
      `\`${name}\``,
      output.description.trim().replace(/\s*\n\s*/g, ' ')
    ])
    expect(readmeTable('outputs')).toEqual(expected)
  })

  test('regenerating the tables is stable (npx tsx scripts/action-docs.ts)', () => {
    const once = renderReadme('<!-- inputs -->\n<!-- outputs -->\n', actionYml)
    expect(renderReadme(once, actionYml)).toBe(once)
  })
})

describe('docs/cli.md names every flag of the CLI', () => {
  const cliPage = readFileSync('docs/cli.md', 'utf8')

  test.each(['run', 'report', 'doctor'])('distributed-locust %s', async (command) => {
    let help = ''
    const output = { write: (text: string) => ((help += text), true) }
    await main(['node', 'distributed-locust', command, '--help'], {
      stdout: output,
      stderr: output,
      env: {},
      cwd: process.cwd(),
      now: () => new Date(0)
    })
    const flags = [...new Set(help.match(/(?<=^|[\s,])--[a-z][\w-]*/gm))].filter(
      (flag) => flag !== '--help'
    )
    expect(flags.length).toBeGreaterThan(2)
    const section = cliPage.split(/^## /m).find((part) => part.startsWith(`\`${command}\``)) ?? ''
    expect(flags.filter((flag) => !new RegExp(`${flag}(?![\\w-])`).test(section))).toEqual([])
  })
})
