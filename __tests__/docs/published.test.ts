/**
 * What users copy names what is published: package.json's `repository` and `version` decide how
 * every workflow refers to the action and which image the stack runs by default
 * (`npx tsx scripts/action-docs.ts` rewrites them); the release workflow publishes exactly those.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import {
  includedExamples,
  pagesWithExamples,
  pinReferences,
  published,
  referencingFiles,
  renderExamples
} from '../../scripts/action-docs.js'
import { changelogEntry, releaseVersion } from '../../scripts/release.js'

const packageJson = readFileSync('package.json', 'utf8')
const { version } = JSON.parse(packageJson) as { version: string }
const release = published(packageJson)
const read = (path: string) => readFileSync(path, 'utf8')

describe('how users refer to the action and its image', () => {
  test('comes from package.json: the major tag from 1.0.0 on, the exact version before', () => {
    const pkg = (url: string, v: string) => JSON.stringify({ repository: { url }, version: v })
    expect(
      published(pkg('git+https://github.com/Octo-Org/distributed-locust.git', '1.4.2'))
    ).toEqual({
      repository: 'Octo-Org/distributed-locust',
      ref: 'v1',
      image: 'ghcr.io/octo-org/distributed-locust:1.4.2'
    })
    expect(published(pkg('https://github.com/a/distributed-locust', '0.3.1')).ref).toBe('v0.3.1')
    expect(() => published(JSON.stringify({ version: '1.0.0' }))).toThrow(/no GitHub repository/)
  })

  test('rewriting pins every reference, whatever owner or ref it named', () => {
    const to = published(
      JSON.stringify({ repository: 'github:new-owner/distributed-locust', version: '2.0.1' })
    )
    const text = [
      'uses: your-org/distributed-locust@v1',
      'uses: ./',
      'uses: actions/checkout@v5',
      'image: ghcr.io/someone/distributed-locust:0.1.0'
    ].join('\n')
    expect(pinReferences(text, to)).toBe(
      [
        'uses: new-owner/distributed-locust@v2',
        'uses: ./',
        'uses: actions/checkout@v5',
        'image: ghcr.io/new-owner/distributed-locust:2.0.1'
      ].join('\n')
    )
  })

  test.each(referencingFiles())('%s names the published action and image', (path) => {
    const text = read(path)
    expect(pinReferences(text, release)).toBe(text)
  })

  test(`the stack's default image is the release's: ${release.image}`, () => {
    // Only the parameters are read: CloudFormation's short tags (!Ref, !Sub) may stay unresolved.
    type Template = { Parameters: Record<string, { Default?: string }> }
    const template = (path: string) => parse(read(path), { logLevel: 'silent' }) as Template
    const source = template('cloudformation/src/template.yaml')
    const built = template('cloudformation/template.yaml')
    expect(source.Parameters.ContainerImage.Default).toBe(release.image)
    expect(built.Parameters.ContainerImage.Default).toBe(release.image)
    expect(release.image.endsWith(`:${version}`)).toBe(true)
  })
})

describe('example workflows', () => {
  const example = (name: string) =>
    parse(read(`examples/workflows/${name}`)) as {
      on: Record<string, unknown>
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>
    }
  const ours = (name: string) =>
    Object.values(example(name).jobs)
      .flatMap((job) => job.steps)
      .find((step) => step.uses?.startsWith(`${release.repository}@`))

  test('a pull-request gate on the runner, one on AWS, and a big run started by hand', () => {
    expect(Object.keys(example('pr-gate-local.yml').on)).toContain('pull_request')
    expect(ours('pr-gate-local.yml')?.with?.backend ?? 'local').toBe('local')
    expect(Object.keys(example('pr-gate-aws.yml').on)).toContain('pull_request')
    expect(ours('pr-gate-aws.yml')?.with?.backend).toBe('aws')
    expect(Object.keys(example('big-run-aws.yml').on)).toEqual(['workflow_dispatch'])
    expect(ours('big-run-aws.yml')?.with?.backend).toBe('aws')
  })

  test.each(pagesWithExamples())('%s shows each included example as the file is', (path) => {
    const page = read(path)
    expect(renderExamples(page, read)).toBe(page)
  })

  test('the README shows the pull-request gate', () => {
    expect(includedExamples(read('README.md'))).toContain('examples/workflows/pr-gate-local.yml')
  })
})

describe('releases', () => {
  test('a release is package.json’s version, with its CHANGELOG entry as notes', () => {
    expect(releaseVersion(`v${version}`, version)).toBe(version)
    expect(releaseVersion(version, version)).toBe(version)
    expect(() => releaseVersion('v9.9.9', version)).toThrow(`package.json says ${version}`)
    expect(() => releaseVersion('latest', version)).toThrow('release tags are vX.Y.Z')
    expect(changelogEntry(read('CHANGELOG.md'), version)).toMatch(/\S/)
    const changelog =
      '# Changelog\n\n## Unreleased\n\n- b\n\n## 1.1.0 — 2026-12-01\n\n- a\n\n## 1.0.0\n\n- c\n'
    expect(changelogEntry(changelog, '1.1.0')).toBe('- a')
    expect(() => changelogEntry(changelog, '1.2.0')).toThrow('no "## 1.2.0" section')
  })

  test('the release workflow builds both architectures and pushes the version to ghcr.io', () => {
    const text = read('.github/workflows/release.yml')
    const workflow = parse(text) as {
      on: { push: { tags: string[] }; workflow_dispatch: { inputs: Record<string, unknown> } }
      permissions: Record<string, string>
    }
    expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['version'])
    expect(workflow.permissions).toEqual({ contents: 'write', packages: 'write' })
    expect(text).toContain('npx tsx scripts/release.ts')
    expect(text).toContain('--platform linux/amd64,linux/arm64')
    expect(text).toContain('image=ghcr.io/$owner/distributed-locust')
    expect(text).toContain('--tag "$IMAGE:$VERSION" --push docker/')
  })
})
