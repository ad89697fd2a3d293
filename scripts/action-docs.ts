/**
 * Keeps the generated parts of the documentation in step with their sources; tests fail when they
 * differ, and `npx tsx scripts/action-docs.ts` rewrites them all:
 * - action.yml's inputs, from src/inputs/spec.ts, and the README's inputs and outputs tables, from
 *   action.yml;
 * - every `<!-- example: examples/workflows/<file> -->` section of the README and docs/, a copy of
 *   that workflow file;
 * - every reference to this action (`<owner>/<name>@<ref>`) and to its published image
 *   (`ghcr.io/<owner>/distributed-locust:<version>`) in the documentation, the example workflows
 *   and the CloudFormation template's default image, from package.json's `repository` and
 *   `version`. Publishing under another owner is changing `repository` and running this script.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
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

/** The example workflows a page includes: the paths its `<!-- example: … -->` markers name. */
export function includedExamples(page: string): string[] {
  return [...page.matchAll(/<!-- example: (\S+\.ya?ml) -->/g)].map((match) => match[1])
}

/** Fills each `<!-- example: path -->` section with the file at that path, as a YAML block. */
export function renderExamples(page: string, read: (path: string) => string): string {
  return includedExamples(page).reduce(
    (text, path) => fillSection(text, `example: ${path}`, `\`\`\`yaml\n${read(path)}\`\`\``),
    page
  )
}

/** What users write to use this action and its image, from package.json. */
export interface Published {
  /** `owner/name` on GitHub. */
  repository: string
  /** The ref workflows pin: the moving major tag (`v1`), or the exact version before 1.0.0. */
  ref: string
  /** The published container image at this version. */
  image: string
}

export function published(packageJson: string): Published {
  const { repository, version } = JSON.parse(packageJson) as {
    repository?: string | { url?: string }
    version: string
  }
  const url = typeof repository === 'string' ? repository : (repository?.url ?? '')
  // npm's forms: a GitHub URL (https, git+https, git@), or the shorthand github:owner/name.
  const name = /^(?:.*github\.com[/:]|github:)?([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url)?.[1]
  if (!name) throw new Error(`package.json has no GitHub repository (got "${url}")`)
  const major = Number(version.split('.')[0])
  return {
    repository: name,
    // 0.x promises no compatibility between minor versions, so a moving v0 would break workflows.
    ref: major >= 1 ? `v${major}` : `v${version}`,
    image: `ghcr.io/${name.split('/')[0].toLowerCase()}/distributed-locust:${version}`
  }
}

/** References to this action and its image, whatever owner and version they name now. */
const ACTION_REFERENCE = /(?<![\w.-])[\w.-]+\/distributed-locust@[\w.-]+/g
const IMAGE_REFERENCE = /ghcr\.io\/[\w.-]+\/distributed-locust:[\w.-]+/g

export function pinReferences(text: string, to: Published): string {
  const uses = `${to.repository}@${to.ref}`
  return text.replace(ACTION_REFERENCE, uses).replace(IMAGE_REFERENCE, to.image)
}

/** Every file that names the action or its image. */
export function referencingFiles(): string[] {
  const folder = (dir: string, pattern: RegExp) =>
    readdirSync(dir)
      .filter((name) => pattern.test(name))
      .map((name) => join(dir, name))
  return ['README.md', 'CONTRIBUTING.md', 'cloudformation/README.md', 'docker/README.md']
    .concat(folder('docs', /\.md$/), folder('examples/workflows', /\.ya?ml$/))
    .concat('cloudformation/src/template.yaml')
    .filter((path) => existsSync(path))
}

/** Pages that may include example workflows. */
export function pagesWithExamples(): string[] {
  return referencingFiles().filter((path) => path.endsWith('.md'))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rewrite = (path: string, change: (text: string) => string) => {
    const before = readFileSync(path, 'utf8')
    const after = change(before)
    if (after !== before) {
      writeFileSync(path, after)
      console.log(`rewrote ${path}`)
    }
  }
  rewrite('action.yml', renderActionInputs)
  const to = published(readFileSync('package.json', 'utf8'))
  for (const path of referencingFiles()) rewrite(path, (text) => pinReferences(text, to))
  rewrite('README.md', (text) => renderReadme(text, readFileSync('action.yml', 'utf8')))
  for (const path of pagesWithExamples()) {
    rewrite(path, (text) => renderExamples(text, (example) => readFileSync(example, 'utf8')))
  }
  execFileSync('npm', ['run', '-s', 'build:template'], { stdio: 'inherit' })
  execFileSync('npx', ['prettier', '--log-level', 'warn', '--write', ...referencingFiles()], {
    stdio: 'inherit'
  })
}
