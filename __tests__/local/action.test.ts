/** The action's main step (`run()`) with backend local and real Locust, inputs given as INPUT_* variables. */
import { jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import { REPO, removeDir, startTarget, tempDir, writeIn, type Target } from './helpers.js'

jest.setTimeout(40_000)

let target: Target
let work: string
// @actions/core keeps the first job summary path it sees, so the whole file shares one.
const summaryDir = tempDir('action-summary')
const summaryPath = join(summaryDir, 'summary.md')
let stdout: string[]
const savedEnv = { ...process.env }

beforeAll(async () => {
  target = await startTarget()
})
afterAll(async () => {
  await target.stop()
  removeDir(summaryDir)
})
beforeEach(() => {
  work = tempDir('action')
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
  for (const file of [summaryPath, join(work, 'output.txt'), join(work, 'state.txt')])
    writeFileSync(file, '')
  Object.assign(process.env, {
    GITHUB_WORKSPACE: REPO,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: join(work, 'output.txt'),
    GITHUB_STATE: join(work, 'state.txt')
  })
})
afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...savedEnv }
  process.exitCode = undefined // core.setFailed sets it; the test decides, not jest's exit code
  removeDir(work)
})

function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.toUpperCase()}`] = value
}

/** Outputs as the runner reads them from GITHUB_OUTPUT ("name<<delimiter\nvalue\ndelimiter"). */
function outputs(): Record<string, string> {
  const text = readFileSync(join(work, 'output.txt'), 'utf8')
  return Object.fromEntries(
    [...text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)].map((match) => [match[1], match[3]])
  )
}

const errors = (): string => stdout.filter((line) => line.startsWith('::error')).join('')

test('a passing run: outputs, job summary and a step that succeeds', async () => {
  const resultsDir = join(work, 'results')
  setInputs({
    backend: 'local',
    locustfile: 'examples/locustfile.py',
    host: target.url,
    users: '6',
    'spawn-rate': '6',
    'run-time': '3s',
    workers: '2',
    thresholds: 'fail_ratio < 50%\nrequests > 10',
    'results-dir': resultsDir
  })
  await run()

  expect(errors()).toBe('')
  expect(process.exitCode).toBeUndefined()
  const values = outputs()
  expect(values).toMatchObject({
    passed: 'true',
    verdict: 'passed',
    'results-dir': resultsDir,
    'summary-path': join(resultsDir, 'summary.md')
  })
  expect(Number(values.requests)).toBeGreaterThan(10)
  const summary = readFileSync(summaryPath, 'utf8')
  expect(summary).toBe(readFileSync(join(resultsDir, 'summary.md'), 'utf8'))
  expect(summary).toMatch(/^## ✅ Load test passed/)
  expect(summary).toContain('| `requests > 10` |')
  expect(summary).toContain('**Workers:** 2 of 2 connected')
  expect(readFileSync(join(work, 'state.txt'), 'utf8')).toContain('started-resources')
})

test('a breached threshold fails the step with the rule and its measured value', async () => {
  setInputs({
    locustfile: 'examples/locustfile.py',
    host: target.url,
    users: '4',
    'run-time': '3s',
    workers: '1',
    thresholds: 'requests > 1000000',
    'results-dir': join(work, 'results')
  })
  await run()

  expect(process.exitCode).toBe(1)
  expect(errors()).toMatch(
    /^::error::1 of 1 thresholds failed: requests > 1,000,000 \(actual \d+\)/
  )
  expect(outputs()).toMatchObject({ passed: 'false', verdict: 'failed' })
})

test('a locustfile syntax error fails the step quoting Python, with a summary that says so', async () => {
  writeIn(work, 'broken.py', 'from locust import HttpUser\nclass Broken(HttpUser)\n    pass\n')
  setInputs({
    'working-directory': work,
    locustfile: 'broken.py',
    host: target.url,
    'run-time': '3s',
    thresholds: 'failures == 0',
    'results-dir': 'results'
  })
  await run()

  expect(process.exitCode).toBe(1)
  expect(errors()).toContain('Locust could not load the locustfile')
  expect(errors()).toContain('SyntaxError: expected')
  expect(outputs()).toMatchObject({
    passed: 'false',
    verdict: 'error',
    'results-dir': join(work, 'results')
  })
  expect(readFileSync(summaryPath, 'utf8')).toContain('SyntaxError')
})
