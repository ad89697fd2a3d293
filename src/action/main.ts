import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import type { BackendSettings } from '../backend/registry.js'
import { DEFAULT_HISTORY_SIZE } from '../baseline/history.js'
import { executeRun } from '../engine.js'
import { gitHubRun } from '../github/context.js'
import { Interruption } from '../interrupt.js'
import { nodeFiles } from '../inputs/files.js'
import { parseGateInputs, type GateSettings } from '../inputs/gate.js'
import { InputError, type InputProblem } from '../inputs/model.js'
import { parseInputs, type RawInputs } from '../inputs/parse.js'
import { INPUT_NAMES } from '../inputs/spec.js'
import { markdownLink, markdownText, plainText } from '../report/escape.js'
import { errorSummary } from '../report/markdown.js'
import { policyNote, progressLine, verdictSentence } from '../report/sentences.js'
import {
  calibrateRunFolder,
  calibrationRun,
  DEFAULT_GATE_ROUNDS,
  isCalibration,
  writeCalibrationFile
} from '../run/calibration.js'
import type { RunConfig } from '../run/config.js'
import { hostSecrets } from '../run/host.js'
import { PROGRESS_LOG_INTERVAL_MS, throttled } from '../run/progress.js'
import { actionState } from './core-state.js'
import { commentError, findBaseline, publishResults } from './gate.js'
import { CleanupRecorder } from './state.js'

/** The action's main step: inputs → backend → results → thresholds → report. */
export async function run(): Promise<void> {
  const interruption = new Interruption(
    (message) => core.warning(message),
    (signal) => `Received ${signal}: stopping the load test and keeping the results so far.`
  )
  interruption.listen()
  let reported = false
  // Until the report replaces it, an error still replaces the PR comment (no stale PASS stays).
  let commentOnError = (_message: string): Promise<void> => Promise.resolve()
  try {
    const inputs = readActionInputs()
    // The runner masks these in every later log line, whatever prints them.
    for (const secret of hostSecrets(inputs.host?.trim())) core.setSecret(secret)
    const gitHub = gitHubRun(process.env, readEventPayload())
    commentOnError = (message) =>
      commentError(gateSettingsForError(inputs), gitHub, plainText(message), core)
    const parsed = parseActionInputs(inputs)
    const { gate } = parsed
    const calibrating = isCalibration(parsed.config)
    const { config, ignored } = calibrating
      ? calibrationRun(parsed.config)
      : { config: parsed.config }
    if (ignored !== undefined) core.warning(ignored)
    const baseline = calibrating
      ? undefined
      : gate.acceptBaseline
        ? {
            note: 'accept-baseline: this run becomes the new baseline, so baseline rules are skipped.'
          }
        : await findBaseline(gate, config, gitHub)
    if (baseline && 'note' in baseline) {
      if (baseline.unusable) core.warning(plainText(baseline.note))
      else core.info(plainText(baseline.note))
    }
    const cleanup = new CleanupRecorder(actionState)
    const runFacts = gitHub ? { runId: gitHub.runId, runUrl: gitHub.runUrl } : {}
    const concluded = await executeRun(
      config,
      {
        signal: interruption.controller.signal,
        forceStop: interruption.forceStop,
        log: (line) => core.info(plainText(line)),
        warn: (line) => core.warning(plainText(line)),
        onProgress: throttled(PROGRESS_LOG_INTERVAL_MS, (progress) =>
          core.info(progressLine(progress))
        ),
        onStarted: (resource) => cleanup.started(resource),
        onBackendDone: () => cleanup.finished()
      },
      { baseline, facts: runFacts, acceptAsBaseline: gate.acceptBaseline }
    )

    for (const [name, value] of Object.entries(concluded.outputs)) core.setOutput(name, value)
    reported = true
    // Also after a cancel: the rounds completed until then still calibrate.
    const calibrated = calibrating
      ? await calibrateRunFolder(config, { gateRounds: DEFAULT_GATE_ROUNDS })
      : undefined
    if (calibrated && !('problem' in calibrated)) {
      core.info(calibrated.text)
      await writeCalibrationFile(config.resultsDir, calibrated.markdown)
    }
    const published = await publishResults(gate, config, concluded, gitHub, core, {
      calibration: calibrating
    })
    if (process.env.GITHUB_STEP_SUMMARY) {
      const artifactLine =
        published.artifactUrl === undefined
          ? ''
          : `\n${markdownLink('Download the results', published.artifactUrl)} (CSVs, HTML report, logs, results.json).\n`
      const calibration =
        calibrated === undefined
          ? ''
          : 'problem' in calibrated
            ? `**No calibration:** ${markdownText(calibrated.problem)}.\n\n`
            : `${calibrated.markdown}\n`
      await core.summary.addRaw(calibration + concluded.markdown + artifactLine).write()
    } else {
      core.info(`No job summary on this runner; the report is at ${concluded.summaryPath}`)
    }

    const { report } = concluded
    const sentence = plainText(verdictSentence(report))
    if (report.outcome.fails) core.setFailed(sentence)
    else if (calibrated && 'problem' in calibrated) {
      // The run went to its end but its rounds cannot calibrate: the step did not do its job.
      core.setOutput('verdict', 'error')
      core.setOutput('passed', 'false')
      core.setFailed(plainText(calibrated.problem))
    } else if (report.outcome.warns) core.warning(`${sentence} ${policyNote(report.verdict)}`)
    else core.info(sentence)
  } catch (error) {
    const message =
      error instanceof InputError
        ? `Invalid inputs; nothing was started.\n${error.message}`
        : (error as Error).message
    if (!reported) {
      await reportError(message)
      await commentOnError(message)
    }
    core.setFailed(plainText(message))
  } finally {
    interruption.stopListening()
  }
}

/** Every input checked at once, the run's and the gate's, before anything starts. */
function parseActionInputs(raw: RawInputs): {
  config: RunConfig<BackendSettings>
  gate: GateSettings
} {
  const problems: InputProblem[] = []
  const collect = <T>(parse: () => T): T | undefined => {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(...error.problems)
      return undefined
    }
  }
  const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const config = collect(() => parseInputs(raw, { cwd, env: process.env, files: nodeFiles }))
  const gate = collect(() => parseGateInputs(raw, config?.workingDirectory ?? cwd))
  if (!config || !gate) throw new InputError(problems)
  return { config, gate }
}

/** The gate's settings for the comment on an error: as given, or their defaults when invalid. */
function gateSettingsForError(raw: RawInputs): GateSettings {
  try {
    return parseGateInputs(raw, process.env.GITHUB_WORKSPACE ?? process.cwd())
  } catch {
    return {
      baseline: { kind: 'none' },
      historySize: DEFAULT_HISTORY_SIZE,
      acceptBaseline: false,
      commentOnPr: 'auto',
      githubToken: raw['github-token']?.trim() || undefined,
      testName: raw['test-name']?.trim() || undefined
    }
  }
}

/** The event that started the workflow (GITHUB_EVENT_PATH); empty outside a runner. */
function readEventPayload(): unknown {
  const path = process.env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return {}
  }
}

/** Outputs and a short job summary for a run that ended before any report: verdict `error`. */
async function reportError(message: string): Promise<void> {
  core.setOutput('verdict', 'error')
  core.setOutput('passed', 'false')
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(errorSummary(message)).write()
}

function readActionInputs(): RawInputs {
  return Object.fromEntries(INPUT_NAMES.map((name) => [name, core.getInput(name)]))
}
