import * as core from '@actions/core'
import { actionState } from './action/core-state.js'
import { CleanupRecorder } from './action/state.js'
import { createBackend } from './backend/index.js'
import type { Progress } from './backend/types.js'
import { concludeRun } from './engine.js'
import { nodeFiles } from './inputs/files.js'
import { InputError } from './inputs/model.js'
import { INPUT_NAMES, parseInputs, type RawInputs } from './inputs/parse.js'
import { failedRulesSentence, progressLine } from './report/sentences.js'

/** The action's main step: inputs → backend → results → thresholds → report. */
export async function run(): Promise<void> {
  const cancellation = new AbortController()
  const cancel = (signal: NodeJS.Signals): void => {
    core.warning(`Received ${signal}: stopping the load test and keeping the results so far.`)
    cancellation.abort()
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    const config = parseInputs(readActionInputs(), {
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      env: process.env,
      files: nodeFiles
    })
    const cleanup = new CleanupRecorder(actionState)
    const backend = await createBackend(config.backend)
    const outcome = await backend.run(config, {
      signal: cancellation.signal,
      log: (line) => core.info(line),
      onProgress: throttled(10_000, (progress: Progress) => core.info(progressLine(progress))),
      onStarted: (resources) => cleanup.started(resources)
    })
    cleanup.finished()

    const concluded = await concludeRun(config, outcome)
    for (const [name, value] of Object.entries(concluded.outputs)) core.setOutput(name, value)
    if (process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(concluded.markdown).write()
    } else {
      core.info(`No job summary on this runner; the report is at ${concluded.summaryPath}`)
    }

    const { report } = concluded
    if (report.verdict === 'error') {
      core.setFailed(report.error ?? 'The load test did not complete.')
    } else if (report.verdict === 'failed') {
      const sentence = failedRulesSentence(report.evaluation)
      if (config.failOnThreshold) core.setFailed(sentence)
      else core.warning(`${sentence} (fail-on-threshold is false, so the step passes).`)
    } else {
      core.info(`All ${report.evaluation.results.length} thresholds passed.`)
    }
  } catch (error) {
    if (error instanceof InputError) {
      core.setFailed(`Invalid inputs; nothing was started.\n${error.message}`)
    } else {
      core.setFailed((error as Error).message)
    }
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
  }
}

function readActionInputs(): RawInputs {
  return Object.fromEntries(INPUT_NAMES.map((name) => [name, core.getInput(name)]))
}

/** Calls `action` at most once per `intervalMs`, so long runs do not flood the step log. */
function throttled<T>(intervalMs: number, action: (value: T) => void): (value: T) => void {
  let last = -Infinity
  return (value) => {
    const now = Date.now()
    if (now - last < intervalMs) return
    last = now
    action(value)
  }
}
