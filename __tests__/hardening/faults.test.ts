/**
 * Faults around a run: the post step finding a recorded pid taken by another program, and the
 * results folder deleted while Locust runs. Real processes and real Locust.
 */
import { jest } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { run } from '../../src/action/main.js'
import { chmodSync } from 'node:fs'
import { createLocalBackend } from '../../src/backend/local/backend.js'
import { localBackend } from '../../src/backend/local/module.js'
import { processStartTime } from '../../src/backend/local/process-groups.js'
import {
  isAlive,
  removeDir,
  runConfig,
  startTarget,
  tempDir,
  writeIn,
  type Target
} from '../support/helpers.js'
import { Runner } from '../support/runner.js'

jest.setTimeout(60_000)

/** A stand-in for another program: a process leading its own group, as Locust's do. */
function otherProgram(): number {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' })
  child.unref()
  return child.pid as number
}

describe('the post step stops a recorded process group only while it is still the one recorded', () => {
  const started: number[] = []
  afterAll(() => {
    for (const pid of started.filter(isAlive)) process.kill(-pid, 'SIGKILL')
  })

  test('another program with a recorded pid is left alone, and said so', async () => {
    const pid = otherProgram()
    started.push(pid)
    const lines: string[] = []
    // What the state says of Locust's process that had this pid before it ended.
    await localBackend.cleanup([{ pid, startTime: '12345' }], (line) => lines.push(line))
    await sleep(200)
    expect(isAlive(pid)).toBe(true)
    expect(lines).toEqual([
      'Stopped 0 leftover Locust process group(s).',
      `Left pid ${pid} alone: Locust's process with that pid has ended and another program has the pid now.`
    ])
  })

  test('the process recorded is stopped, its whole group with it', async () => {
    const pid = otherProgram()
    started.push(pid)
    const startTime = processStartTime(pid)
    expect(startTime).toMatch(/\S/)
    const lines: string[] = []
    await localBackend.cleanup([{ pid, startTime: startTime as string }], (line) =>
      lines.push(line)
    )
    expect(isAlive(pid)).toBe(false)
    expect(lines).toEqual(['Stopped 1 leftover Locust process group(s).'])
  })
})

describe('the results folder deleted mid-run', () => {
  let target: Target
  let work: string
  const runner = new Runner()
  beforeAll(async () => {
    target = await startTarget()
    work = tempDir('deleted')
    runner.reset()
  })
  afterAll(async () => {
    await target.stop()
    runner.remove()
    removeDir(work)
  })

  test('the step fails saying the folder was deleted, and writes the summary again', async () => {
    writeIn(
      work,
      'locustfile.py',
      `from locust import HttpUser, constant, task


class Visitor(HttpUser):
    wait_time = constant(0.2)

    @task
    def home(self):
        self.client.get("/")
`
    )
    const results = join(work, 'results')
    runner.setInputs({
      'working-directory': work,
      host: target.url,
      'run-time': '4s',
      'results-dir': 'results'
    })
    const running = run()
    // Once Locust has written into the folder, another step "cleans up".
    while (!existsSync(join(results, 'locust_stats_history.csv'))) await sleep(100)
    rmSync(results, { recursive: true, force: true })
    await running

    expect(runner.errors().join('\n')).toBe(
      `The results folder ${results} was deleted while the test ran, so Locust's CSVs, report and logs are lost; make sure no other step or program removes \`results-dir\` during the run.`
    )
    expect(runner.outputs()).toMatchObject({ verdict: 'error' })
    expect(readFileSync(join(results, 'summary.md'), 'utf8')).toContain(
      'was deleted while the test ran'
    )
  })
})

test('cancelled while Locust is being installed: the install stops at once and nothing starts', async () => {
  const work = tempDir('cancel-setup')
  try {
    // A Python whose `-m venv` hangs, as pip does on a slow network.
    const python = writeIn(work, 'python3', '#!/bin/sh\nexec /bin/sleep 60\n')
    chmodSync(python, 0o755)
    const backend = createLocalBackend({
      python,
      env: { PATH: join(work, 'no-locust-here'), RUNNER_TEMP: work }
    })
    const cancellation = new AbortController()
    const lines: string[] = []
    const started = Date.now()
    setTimeout(() => cancellation.abort(), 500)
    const outcome = await backend.run(
      runConfig({ locustfile: join(work, 'locustfile.py'), resultsDir: join(work, 'results') }),
      { signal: cancellation.signal, log: (line) => lines.push(line) }
    )
    expect(outcome.error).toBe('The run was cancelled before Locust started.')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(lines.join('\n')).toContain('installing locust==')
  } finally {
    removeDir(work)
  }
})
