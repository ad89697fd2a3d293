/**
 * The sticky comment and the results artifact through the real clients (@actions/github's
 * Octokit, @actions/artifact) against the fake GitHub, reached only by the standard variables.
 */
import { jest } from '@jest/globals'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { FakeGitHub } from '../support/fake-github.js'
import { removeDir, tempDir } from '../support/helpers.js'

// @actions/github fixes its API URL when first imported: the fake must be known before.
const fake = await FakeGitHub.start()
const savedEnv = { ...process.env }
Object.assign(process.env, fake.env(1))
const { gitHubClient, httpStatus } = await import('../../src/github/client.js')
const { upsertStickyComment } = await import('../../src/github/comment.js')
const { gitHubRun } = await import('../../src/github/context.js')
const { earlierArtifacts, uploadResultsArtifact } = await import('../../src/github/artifacts.js')

jest.setTimeout(30_000)

let work: string
beforeEach(() => {
  work = tempDir('github')
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true) // @actions/core's log lines
})
afterEach(() => {
  jest.restoreAllMocks()
  removeDir(work)
  process.env = { ...savedEnv, ...fake.env(1) }
})
afterAll(async () => {
  process.env = savedEnv
  await fake.close()
})

describe('sticky comment', () => {
  const marker = '<!-- distributed-locust: perf / load / checkout -->'
  const comment = (issueNumber: number, text: string) => ({
    owner: fake.owner,
    repo: fake.repo,
    issueNumber,
    marker,
    body: `${marker}\n${text}`
  })

  test('created once, then updated in place, found on a later page of a busy PR', async () => {
    const github = gitHubClient('token-1')
    for (let index = 0; index < 120; index++) fake.addComment(7, `review remark ${index}`)
    fake.addComment(7, `quoting it: ${marker}`) // mentions the marker but does not start with it

    const first = await upsertStickyComment(github, comment(7, 'first run'))
    expect(first.action).toBe('created')
    for (let index = 0; index < 30; index++) fake.addComment(7, `more remarks ${index}`)
    const second = await upsertStickyComment(github, comment(7, 'second run'))
    expect(second).toEqual({ action: 'updated', url: first.url })

    const ours = fake.comments.get(7)!.filter((c) => c.body.startsWith(marker))
    expect(ours.map((c) => c.body)).toEqual([`${marker}\nsecond run`])
    expect(fake.comments.get(7)).toHaveLength(152)
    expect(
      fake.requests
        .filter((r) => r.path.includes('/comments'))
        .every((r) => r.authorization === 'token token-1')
    ).toBe(true)
  })

  test('a read-only token fails with 403, which the caller turns into a warning', async () => {
    fake.readOnly = true
    try {
      const error = await upsertStickyComment(gitHubClient('fork-token'), comment(8, 'x')).catch(
        (e: unknown) => e
      )
      expect(httpStatus(error)).toBe(403)
      expect(fake.comments.get(8)).toBeUndefined()
    } finally {
      fake.readOnly = false
    }
  })
})

describe('results artifact', () => {
  function resultsFolder(p95: number): string {
    const dir = join(work, `results-${p95}`)
    mkdirSync(join(dir, 'logs'), { recursive: true })
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ schemaVersion: 1, p95 }))
    writeFileSync(join(dir, 'locust_stats.csv'), 'Type,Name\n')
    writeFileSync(join(dir, 'logs', 'master.log'), 'started\n')
    return dir
  }

  test('uploaded from one run, found and extracted by a later run of the workflow', async () => {
    // Run 100 on main succeeded and uploaded; run 101 on main failed; run 102 is the PR's.
    fake.runs.push(
      { id: 100, workflowId: 55, branch: 'main', conclusion: 'success' },
      { id: 101, workflowId: 55, branch: 'main', conclusion: 'failure' },
      { id: 102, workflowId: 55, branch: 'feature', conclusion: null },
      { id: 103, workflowId: 66, branch: 'main', conclusion: 'success' }
    )
    Object.assign(process.env, fake.env(100))
    const main = gitHubRun(process.env, {})!
    const uploaded = await uploadResultsArtifact('locust-results', resultsFolder(410), main)
    expect(uploaded.url).toBe(
      `https://github.com/octo-org/shop/actions/runs/100/artifacts/${uploaded.id}`
    )
    expect(fake.artifacts.map((a) => [a.runId, a.name])).toEqual([[100, 'locust-results']])

    Object.assign(process.env, fake.env(102))
    const pr = gitHubRun(process.env, {})!
    const destination = join(work, 'baseline')
    const found = []
    for await (const artifact of earlierArtifacts(
      gitHubClient('t'),
      't',
      pr,
      'locust-results',
      'main'
    ))
      found.push(artifact)
    expect(found.map(({ runId, runUrl }) => ({ runId, runUrl }))).toEqual([
      { runId: '100', runUrl: 'https://github.com/octo-org/shop/actions/runs/100' }
    ])
    await found[0].download(destination)
    expect(JSON.parse(readFileSync(join(destination, 'results.json'), 'utf8'))).toEqual({
      schemaVersion: 1,
      p95: 410
    })
    expect(readFileSync(join(destination, 'logs', 'master.log'), 'utf8')).toBe('started\n')
  })

  test('no successful run with the artifact: none found', async () => {
    Object.assign(process.env, fake.env(102))
    const pr = gitHubRun(process.env, {})!
    const found = earlierArtifacts(gitHubClient('t'), 't', pr, 'other-name', 'main')
    expect((await found.next()).done).toBe(true)
  })
})
