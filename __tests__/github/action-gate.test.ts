/**
 * The PR gate end to end: the action's main step with real Locust against a loopback server whose
 * latency can be raised, the fake GitHub for the REST API and the artifact service (reached only
 * by the runner's standard variables), and a workflow seen over several runs: a push to main
 * leaves its results artifact, a pull request that makes p95 50 % slower fails
 * `p95 < baseline * 1.1` against it, comments once and updates that comment when re-run; a fork
 * without permission only warns.
 */
import { jest } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeGitHub } from '../support/fake-github.js'
import { REPO, removeDir, tempDir, writeIn } from '../support/helpers.js'

// @actions/github fixes its API URL when first imported: the fake must be known before.
const fake = await FakeGitHub.start()
const savedEnv = { ...process.env }
Object.assign(process.env, fake.env(1))
const { run } = await import('../../src/action/main.js')

jest.setTimeout(120_000)

const WORKFLOW_ID = 77
const MARKER = '<!-- distributed-locust: perf / load-test / checkout -->'

/**
 * A loopback service answering GET / after `delayMs`: the switch a pull request "regresses".
 * Seconds, not milliseconds: on a busy machine scheduling adds up to a few hundred milliseconds to
 * the tail, which must stay small next to the 50 % the test is about.
 */
let delayMs = 3000
let target: Server
let targetUrl: string
const summaryDir = tempDir('gate-summary')
const summaryPath = join(summaryDir, 'summary.md')
let work: string
let stdout: string[]

beforeAll(async () => {
  target = createServer((_request, response) => {
    setTimeout(() => response.end('ok\n'), delayMs)
  })
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`
  work = tempDir('gate')
  writeIn(
    work,
    'locustfile.py',
    [
      'from locust import HttpUser, constant, task',
      '',
      'class Shopper(HttpUser):',
      '    wait_time = constant(0.05)',
      '',
      '    @task',
      '    def home(self):',
      '        self.client.get("/")',
      ''
    ].join('\n')
  )
})
afterAll(async () => {
  process.env = savedEnv
  target.closeAllConnections()
  await new Promise((resolve) => target.close(resolve))
  await fake.close()
  removeDir(work)
  removeDir(summaryDir)
})
afterEach(() => {
  jest.restoreAllMocks()
  process.exitCode = undefined // core.setFailed sets it; the test decides
})

type Event =
  | { kind: 'push'; branch: string }
  | { kind: 'pull_request'; number: number; head: string; fromFork?: boolean }

/** One run of the workflow's load-test job: the runner's variables, inputs and event, then run(). */
async function runJob(
  runId: number,
  event: Event,
  overrides: Record<string, string> = {}
): Promise<{ log: string; outputs: Record<string, string> }> {
  // A re-run starts on a fresh runner, so no earlier attempt's results are in its folder.
  const dir = join(work, `run-${runId}`)
  removeDir(dir)
  const eventPath = join(work, `event-${runId}.json`)
  const payload =
    event.kind === 'push'
      ? { ref: `refs/heads/${event.branch}`, repository: { default_branch: 'main' } }
      : {
          number: event.number,
          pull_request: {
            number: event.number,
            head: {
              ref: event.head,
              repo: { full_name: event.fromFork ? 'someone/shop' : `${fake.owner}/${fake.repo}` }
            },
            base: { ref: 'main', repo: { full_name: `${fake.owner}/${fake.repo}` } }
          },
          repository: { default_branch: 'main' }
        }
  writeFileSync(eventPath, JSON.stringify(payload))
  for (const file of [summaryPath, join(work, 'output.txt'), join(work, 'state.txt')])
    writeFileSync(file, '')
  // A re-run is the same workflow run, in progress again.
  const previous = fake.runs.findIndex((known) => known.id === runId)
  if (previous >= 0) fake.runs.splice(previous, 1)
  fake.runs.push({
    id: runId,
    workflowId: WORKFLOW_ID,
    branch: event.kind === 'push' ? event.branch : event.head,
    conclusion: null
  })

  process.env = {
    ...savedEnv,
    ...fake.env(runId),
    GITHUB_WORKSPACE: work,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: join(work, 'output.txt'),
    GITHUB_STATE: join(work, 'state.txt'),
    GITHUB_EVENT_NAME: event.kind,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKFLOW: 'perf',
    GITHUB_JOB: 'load-test',
    GITHUB_REF_NAME: event.kind === 'push' ? event.branch : `${event.number}/merge`,
    ...(event.kind === 'pull_request'
      ? { GITHUB_HEAD_REF: event.head, GITHUB_BASE_REF: 'main' }
      : {})
  }
  const inputs: Record<string, string> = {
    backend: 'local',
    locustfile: 'locustfile.py',
    host: targetUrl,
    // About 100 requests of 3 s or more in 8 s: enough for a p95 that can be bounded (at least 70).
    users: '50',
    'spawn-rate': '50',
    'run-time': '12s',
    workers: '1',
    thresholds: 'p95 < baseline * 1.1\nfail_ratio < 1%',
    'results-dir': dir,
    baseline: 'auto',
    'artifact-name': 'locust-results',
    'comment-on-pr': 'auto',
    'github-token': 'ghs_fake',
    'test-name': 'checkout',
    ...overrides
  }
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.toUpperCase()}`] = value

  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
  await run()
  jest.restoreAllMocks()
  const text = readFileSync(join(work, 'output.txt'), 'utf8')
  const outputs = Object.fromEntries(
    [...text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)].map((match) => [match[1], match[3]])
  )
  const finished = fake.runs.find((candidate) => candidate.id === runId)!
  finished.conclusion = process.exitCode === 1 ? 'failure' : 'success'
  return { log: stdout.join(''), outputs }
}

const lines = (log: string, prefix: string) =>
  log.split('\n').filter((line) => line.startsWith(prefix))

test("a PR made 50 % slower fails against main's baseline; one comment, updated on re-run; the artifact is uploaded each time", async () => {
  // 1. A push to main: no baseline yet, so the baseline rule is skipped and the run passes.
  delayMs = 3000
  const main = await runJob(100, { kind: 'push', branch: 'main' })
  expect(lines(main.log, '::error')).toEqual([])
  expect(main.outputs).toMatchObject({ verdict: 'passed', 'baseline-run-id': '' })
  expect(main.log).toContain(
    'No baseline yet: no successful run of this workflow on main has a valid, unexpired "locust-results" artifact.'
  )
  const mainJson = JSON.parse(readFileSync(join(work, 'run-100/results.json'), 'utf8'))
  expect(mainJson.thresholds[0]).toMatchObject({
    verdict: 'skipped',
    reason: 'skipped: no baseline'
  })
  expect(mainJson.facts).toMatchObject({
    runId: '100',
    runUrl: 'https://github.com/octo-org/shop/actions/runs/100'
  })
  expect(fake.artifacts.map((a) => [a.runId, a.name])).toEqual([[100, 'locust-results']])
  expect(fake.comments.size).toBe(0) // a push has no pull request to comment on
  const mainP95 = Number(main.outputs.p95)

  // 2. A pull request whose change makes every request 50 % slower: beyond doubt at the
  // confidence with the hundred-odd requests of a short run.
  delayMs = 4500
  const pr = await runJob(200, { kind: 'pull_request', number: 12, head: 'slow-checkout' })
  expect(process.exitCode).toBe(1)
  expect(lines(pr.log, '::error')[0]).toMatch(
    /^::error::1 of 2 thresholds failed: p95 < baseline × 1\.1 \(actual [\d,]+ ms\)/
  )
  expect(pr.outputs).toMatchObject({ verdict: 'failed', 'baseline-run-id': '100' })
  expect(Number(pr.outputs['p95-change'])).toBeGreaterThan(0.15)
  const prJson = JSON.parse(readFileSync(join(work, 'run-200/results.json'), 'utf8'))
  expect(prJson.thresholds[0]).toMatchObject({ verdict: 'fail', baseline: mainP95 })
  expect(prJson.baseline).toMatchObject({
    runId: '100',
    source: 'artifact "locust-results" of main'
  })
  expect(prJson.baselineHistory).toEqual([
    {
      source: 'artifact "locust-results" of main',
      runId: '100',
      runUrl: 'https://github.com/octo-org/shop/actions/runs/100'
    }
  ])
  // Uploaded although the gate failed, and linked from the summary and the comment.
  const prArtifact = fake.artifacts.find((a) => a.runId === 200)!
  const artifactUrl = `https://github.com/octo-org/shop/actions/runs/200/artifacts/${prArtifact.id}`
  expect(readFileSync(summaryPath, 'utf8')).toContain(`[Download the results](${artifactUrl})`)
  const [comment] = fake.comments.get(12)!
  expect(comment.body.startsWith(`${MARKER}\n### ❌ checkout failed its thresholds`)).toBe(true)
  expect(comment.body).toContain('| `p95 < baseline × 1.1` |')
  expect(comment.body).toMatch(
    /\| Aggregated \| p95 \| [\d,.]+ ms \| [\d,.]+ ms \| \+[\d,.]+ ms \| \+[\d.]+% \(\+[\d.]+% to \+[\d.]+%\) \| ▲ worse \|/
  )
  expect(comment.body).toContain(`[Results artifact (CSVs, HTML report, logs)](${artifactUrl})`)
  expect(comment.body).toContain(
    '[Full report (job summary)](https://github.com/octo-org/shop/actions/runs/200)'
  )

  // 3. A fix (a little faster than main) lands and the job is re-run: the same workflow run, so
  // the same comment, now passing, and the first attempt's artifact replaced, not a name conflict.
  delayMs = 2700
  const rerun = await runJob(200, { kind: 'pull_request', number: 12, head: 'slow-checkout' })
  expect(lines(rerun.log, '::warning')).toEqual([])
  expect(rerun.outputs.verdict).toBe('passed')
  expect(rerun.log).toContain('Updated the comment on pull request #12')
  expect(fake.comments.get(12)).toHaveLength(1)
  expect(fake.comments.get(12)![0].id).toBe(comment.id)
  expect(fake.comments.get(12)![0].body).toContain('### ✅ checkout passed')
  const rerunArtifacts = fake.artifacts.filter((a) => a.runId === 200)
  expect(rerunArtifacts).toHaveLength(1)
  expect(rerunArtifacts[0].id).not.toBe(prArtifact.id)
})

test("a fork's read-only token: a warning, and the verdict is the thresholds' alone", async () => {
  // Judging existing CSVs (backend none) keeps this about the comment, not about latency.
  const csvs = join(work, 'fork-results')
  cpSync(join(REPO, '__tests__/fixtures/locust-1.1-benchmark'), csvs, { recursive: true })
  fake.readOnly = true
  try {
    const forked = await runJob(
      300,
      { kind: 'pull_request', number: 13, head: 'contrib', fromFork: true },
      { backend: 'none', 'results-dir': csvs, thresholds: 'fail_ratio < 1%', baseline: '' }
    )
    expect(lines(forked.log, '::error')).toEqual([])
    expect(process.exitCode).toBeUndefined()
    expect(forked.outputs.verdict).toBe('passed')
    expect(lines(forked.log, '::warning')).toEqual([
      '::warning::No PR comment on #13: this pull request comes from a fork, and GitHub gives fork runs a read-only token. The job summary has the full report.'
    ])
    expect(fake.comments.get(13)).toBeUndefined()
  } finally {
    fake.readOnly = false
  }
})

test('backend none judges CSVs Locust wrote elsewhere: same report, artifact and comment', async () => {
  const csvs = join(work, 'nightly')
  cpSync(join(REPO, '__tests__/fixtures/locust-1.1-benchmark'), csvs, { recursive: true })
  const judged = await runJob(
    400,
    { kind: 'pull_request', number: 14, head: 'nightly' },
    {
      backend: 'none',
      locustfile: '',
      host: '',
      'results-dir': csvs,
      thresholds: 'p95 < 100ms\nfail_ratio < 1%',
      baseline: '',
      'test-name': 'nightly'
    }
  )
  expect(lines(judged.log, '::error')).toEqual([])
  expect(judged.outputs).toMatchObject({ verdict: 'passed', requests: '69424', p95: '85' })
  expect(readFileSync(join(csvs, 'results.json'), 'utf8')).toContain('"backend": "none"')
  expect(fake.artifacts.filter((a) => a.runId === 400)).toHaveLength(1)
  expect(fake.comments.get(14)![0].body).toContain('### ✅ nightly passed')
})

test('a missing explicit baseline is refused before the run, and an error replaces the PASS comment', async () => {
  const csvs = join(work, 'refused')
  cpSync(join(REPO, '__tests__/fixtures/locust-1.1-benchmark'), csvs, { recursive: true })
  const judge = { backend: 'none', locustfile: '', host: '', 'results-dir': csvs }
  const pullRequest = { kind: 'pull_request', number: 15, head: 'typo' } as const
  const passed = await runJob(500, pullRequest, {
    ...judge,
    thresholds: 'fail_ratio < 1%',
    baseline: '',
    'artifact-name': ''
  })
  expect(passed.outputs.verdict).toBe('passed')
  expect(fake.comments.get(15)![0].body).toContain('### ✅ checkout passed')

  const refused = await runJob(500, pullRequest, {
    ...judge,
    thresholds: 'p95 < baseline * 1.1',
    baseline: 'nightly-baseline/results.json',
    'artifact-name': ''
  })
  expect(process.exitCode).toBe(1)
  expect(refused.outputs.verdict).toBe('error')
  expect(lines(refused.log, '::error')[0]).toContain(
    `Input 'baseline': no baseline at ${join(work, 'nightly-baseline/results.json')};`
  )
  // Nothing was judged: the results.json is still the passing run's.
  expect(JSON.parse(readFileSync(join(csvs, 'results.json'), 'utf8')).verdict).toBe('passed')
  const [comment] = fake.comments.get(15)!
  expect(fake.comments.get(15)).toHaveLength(1)
  expect(comment.body).toContain('### ⚠️ checkout could not run')
  expect(comment.body).toContain('no baseline at')
  expect(comment.body).not.toContain('passed')

  // Invalid inputs replace it as well (and nothing starts).
  await runJob(500, pullRequest, { ...judge, users: 'lots', baseline: '', 'artifact-name': '' })
  expect(fake.comments.get(15)![0].body).toContain("Input 'users'")
})

test('baseline: auto judges against the last valid runs of main, back to the one accepted after an intended change', async () => {
  const judgeOn = async (runId: number, event: Event, overrides: Record<string, string> = {}) => {
    const csvs = join(work, `history-${runId}`)
    cpSync(join(REPO, '__tests__/fixtures/locust-1.1-benchmark'), csvs, { recursive: true })
    return runJob(runId, event, {
      backend: 'none',
      locustfile: '',
      host: '',
      'results-dir': csvs,
      thresholds: 'p95 < baseline * 1.1\nfail_ratio < 1%',
      'test-name': 'history',
      ...overrides
    })
  }
  const main = { kind: 'push', branch: 'main' } as const
  await judgeOn(700, main)
  const accepted = await judgeOn(701, main, { 'accept-baseline': 'true' })
  expect(accepted.log).toContain('accept-baseline: this run becomes the new baseline')
  const acceptedJson = JSON.parse(readFileSync(join(work, 'history-701/results.json'), 'utf8'))
  expect(acceptedJson).toMatchObject({ acceptedAsBaseline: true, verdict: 'passed' })
  await judgeOn(702, main)
  const pr = await judgeOn(703, { kind: 'pull_request', number: 16, head: 'feature' })
  expect(pr.outputs.verdict).toBe('passed')
  const prJson = JSON.parse(readFileSync(join(work, 'history-703/results.json'), 'utf8'))
  // 702, then 701 (accepted: older runs, 700 and the first test's, no longer count).
  expect(prJson.baselineHistory.map((entry: { runId: string }) => entry.runId)).toEqual([
    '702',
    '701'
  ])
})
