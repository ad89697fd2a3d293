import * as core from '@actions/core'
import { executeRun } from '../engine.js'
import { nodeFiles } from '../inputs/files.js'
import { InputError } from '../inputs/model.js'
import { parseInputs, type RawInputs } from '../inputs/parse.js'
import { INPUT_NAMES } from '../inputs/spec.js'
import { failedRulesSentence, progressLine } from '../report/sentences.js'
import { PROGRESS_LOG_INTERVAL_MS, throttled } from '../run/progress.js'
import { actionState } from './core-state.js'
import { CleanupRecorder } from './state.js'

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
    const concluded = await executeRun(config, {
      signal: cancellation.signal,
      log: (line) => core.info(line),
      warn: (line) => core.warning(line),
      onProgress: throttled(PROGRESS_LOG_INTERVAL_MS, (progress) =>
        core.info(progressLine(progress))
      ),
      onStarted: (resource) => cleanup.started(resource),
      onBackendDone: () => cleanup.finished()
    })

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
