/**
 * What `@github/local-action` relies on (docs/development.md, "Trying the action locally"): it
 * swaps `@actions/core` for its own module, imports the entry it is given, calls the `run()` that
 * entry exports, then lists the outputs its stand-in received. So the entries export `run`,
 * importing them starts nothing, and every output goes through `setOutput` of `@actions/core`.
 */
import { jest } from '@jest/globals'
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { useWorkDir } from '../support/hooks.js'

/** The stand-in for `@actions/core`, as local-action's: records instead of writing to the runner. */
const real = await import('@actions/core')
const outputs: Record<string, string> = {}
const failures: string[] = []
const state: Record<string, string> = {}
const summary = { addRaw: () => summary, write: async () => summary }
jest.unstable_mockModule('@actions/core', () => ({
  ...real,
  getInput: (name: string) =>
    (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
  setOutput: (name: string, value: unknown) => {
    outputs[name] = String(value)
  },
  setFailed: (message: string) => failures.push(message),
  setSecret: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  saveState: (name: string, value: string) => {
    state[name] = value
  },
  getState: (name: string) => state[name] ?? '',
  summary
}))

const work = useWorkDir('local-action')

test('src/index.ts and src/post.ts export run() and start nothing when imported', async () => {
  const main = await import('../../src/index.js')
  const post = await import('../../src/post.js')
  expect(typeof main.run).toBe('function')
  expect(typeof post.run).toBe('function')
  expect(outputs).toEqual({})
  expect(failures).toEqual([])
})

test('run() from src/index.ts gives every output to the @actions/core it imports', async () => {
  const resultsDir = join(work.dir, 'results')
  cpSync('__tests__/fixtures/locust-2.12.1-basic', resultsDir, { recursive: true })
  const inputs = {
    backend: 'none',
    'results-dir': resultsDir,
    thresholds: 'fail_ratio < 50%',
    'artifact-name': '',
    'comment-on-pr': 'never'
  }
  for (const [name, value] of Object.entries(inputs)) {
    process.env[`INPUT_${name.toUpperCase()}`] = value
  }
  const written = jest.spyOn(process.stdout, 'write')
  try {
    const { run } = await import('../../src/index.js')
    await run()
  } finally {
    for (const name of Object.keys(inputs)) delete process.env[`INPUT_${name.toUpperCase()}`]
  }

  expect(failures).toEqual([])
  expect(outputs).toMatchObject({
    verdict: 'passed',
    passed: 'true',
    requests: '4333',
    'results-dir': resultsDir
  })
  const printed = written.mock.calls.map(([text]) => String(text)).join('')
  expect(printed).not.toContain('::set-output')
  written.mockRestore()
})
