/** The pieces of a GitHub runner the action touches, for tests that run the action in process. */
import { afterAll, afterEach, beforeEach, jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, removeDir, tempDir } from './helpers.js'

/**
 * The runner around the action: INPUT_* variables, GITHUB_OUTPUT, GITHUB_STATE and the job
 * summary in a temporary folder, stdout (workflow commands) captured. @actions/core keeps the first
 * summary path it sees, so one runner serves a whole test file; `reset()` starts a fresh step.
 */
export class Runner {
  readonly dir = tempDir('e2e-aws-runner')
  readonly summaryPath = join(this.dir, 'summary.md')
  private runs = 0
  private readonly outputPath = join(this.dir, 'output.txt')
  private readonly statePath = join(this.dir, 'state.txt')
  private readonly savedEnv = { ...process.env }
  private stdout: string[] = []
  private signalListeners = 0

  /** A fresh step: empty files, GITHUB_* set, no inputs, stdout captured. */
  reset(): void {
    this.restore()
    for (const file of [this.summaryPath, this.outputPath, this.statePath]) writeFileSync(file, '')
    Object.assign(process.env, this.env())
    this.stdout = []
    this.signalListeners = process.listenerCount('SIGINT')
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      this.stdout.push(String(chunk))
      return true
    })
  }

  /** The GITHUB_* variables of this runner (for a step run as a child process). */
  env(): Record<string, string> {
    return {
      GITHUB_WORKSPACE: REPO,
      GITHUB_STEP_SUMMARY: this.summaryPath,
      GITHUB_OUTPUT: this.outputPath,
      GITHUB_STATE: this.statePath,
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_JOB: 'load-test'
    }
  }

  /** Puts back the environment and stdout as they were before `reset()`. */
  restore(): void {
    jest.restoreAllMocks()
    for (const name of Object.keys(process.env)) {
      if (!(name in this.savedEnv)) delete process.env[name]
    }
    Object.assign(process.env, this.savedEnv)
    process.exitCode = undefined // core.setFailed sets it; the test decides, not jest's exit code
  }

  /**
   * After a test that failed while its step ran on (`const step = run()` and a wait that threw):
   * cancels that step as the runner would (SIGINT, then SIGINT again) and waits for it to end, so
   * it cannot write into the next test's log or files, nor leave its tasks running.
   */
  async settle(): Promise<void> {
    const running = () => process.listenerCount('SIGINT') > this.signalListeners
    for (const waitMs of [90_000, 30_000]) {
      if (!running()) return
      process.emit('SIGINT', 'SIGINT')
      const deadline = Date.now() + waitMs
      while (running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    }
  }

  remove(): void {
    this.restore()
    removeDir(this.dir)
  }

  /** A results folder of its own for the next run: a folder holding earlier results is refused. */
  freshResultsDir(): string {
    return join(this.dir, `results-${++this.runs}`)
  }

  setInputs(inputs: Record<string, string>): void {
    for (const [name, value] of Object.entries(inputs)) {
      process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
    }
  }

  /** Outputs as the runner reads them from GITHUB_OUTPUT ("name<<delimiter\nvalue\ndelimiter"). */
  outputs(): Record<string, string> {
    return readDelimitedFile(this.outputPath)
  }

  /** What the main step saved for the post step (GITHUB_STATE, same format). */
  savedState(): Record<string, string> {
    return readDelimitedFile(this.statePath)
  }

  /** Makes the saved state readable by core.getState, as the runner does for the post step. */
  loadStateForPostStep(): void {
    for (const [name, value] of Object.entries(this.savedState())) {
      process.env[`STATE_${name}`] = value
    }
  }

  summary(): string {
    return readFileSync(this.summaryPath, 'utf8')
  }

  /** The step log so far (stdout, workflow commands included). */
  log(): string {
    return this.stdout.join('')
  }

  /** Messages of ::error:: commands, unescaped. */
  errors(): string[] {
    return this.commands('error')
  }

  warnings(): string[] {
    return this.commands('warning')
  }

  private commands(kind: string): string[] {
    return this.stdout
      .join('')
      .split('\n')
      .filter((line) => line.startsWith(`::${kind}::`))
      .map((line) =>
        line
          .slice(`::${kind}::`.length)
          .replaceAll('%0D', '\r')
          .replaceAll('%0A', '\n')
          .replaceAll('%25', '%')
      )
  }
}

function readDelimitedFile(path: string): Record<string, string> {
  const text = readFileSync(path, 'utf8')
  return Object.fromEntries(
    [...text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)].map((match) => [match[1], match[3]])
  )
}

/** Long enough for Runner.settle to cancel a step left running and see it end. */
export const SETTLE_TIMEOUT_MS = 150_000

/** A runner for the tests of a file (or describe block): a fresh step for each, removed after all. */
export function useRunner(): Runner {
  const runner = new Runner()
  beforeEach(() => runner.reset())
  afterEach(async () => {
    await runner.settle()
    runner.restore()
  }, SETTLE_TIMEOUT_MS)
  afterAll(() => runner.remove())
  return runner
}
