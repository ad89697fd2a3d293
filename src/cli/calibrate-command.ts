/**
 * `distributed-locust calibrate <results-dir>`: the noise band of A/A rounds against one target
 * (a results folder with rounds.json, e.g. from `run --rounds 6` without a baseline host), the
 * smallest slowdown a paired gate can catch, and the rules and round length to write
 * (../thresholds/calibrate.ts). Prints it, writes calibration.md beside the results and, in a
 * GitHub Actions job, appends it to the job summary. Exit 0 when calibrated, 2 otherwise.
 */
import { appendFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import type { InputProblem } from '../inputs/model.js'
import { inputReader } from '../inputs/read.js'
import { ROUNDS_FILE } from '../results/rounds.js'
import { calibrateFolder } from '../run/calibration.js'
import { EXIT, type CliEnvironment } from './console.js'

const CALIBRATION_FILE = 'calibration.md'
/** Rounds a gate usually runs (the `rounds` input's default). */
const DEFAULT_GATE_ROUNDS = 3
const MAX_GATE_ROUNDS = 20

const HELP = `
The folder holds ${ROUNDS_FILE} and its round folders: A/A rounds of one build against one target
(4 or more rounds give a useful band). Consecutive rounds are paired among themselves like a
baseline and a candidate. Method: docs/thresholds.md#calibrate.

Example:
  $ distributed-locust calibrate locust-results/2026-12-07T17-00-00 --gate-rounds 3`

interface CalibrateOptions {
  gateRounds: string
  confidence: string
}

export function addCalibrateCommand(
  program: Command,
  environment: CliEnvironment,
  done: (exitCode: number) => void
): void {
  program
    .command('calibrate')
    .description(
      'measure the noise of A/A rounds and suggest the rules and run time of a paired gate'
    )
    .argument('<results-dir>', `a results folder with ${ROUNDS_FILE} (A/A rounds)`)
    .option('--gate-rounds <n>', 'paired rounds the gate will run', String(DEFAULT_GATE_ROUNDS))
    .option('--confidence <c>', "confidence of the gate's verdicts (0.5–0.999)", '0.95')
    .addHelpText('after', HELP)
    .action(async (resultsDir: string, options: CalibrateOptions) => {
      done(await runCalibration(resolve(environment.cwd, resultsDir), options, environment))
    })
}

async function runCalibration(
  resultsDir: string,
  options: CalibrateOptions,
  environment: CliEnvironment
): Promise<number> {
  const { stdout, stderr } = environment
  const problems: InputProblem[] = []
  const confidence = inputReader(
    { confidence: options.confidence },
    problems,
    (input) => `option --${input}`
  ).number('confidence')
  const gateRounds = Number(options.gateRounds)
  if (!Number.isSafeInteger(gateRounds) || gateRounds < 1 || gateRounds > MAX_GATE_ROUNDS) {
    problems.push({
      input: 'gate-rounds',
      message: `option --gate-rounds must be a whole number from 1 to ${MAX_GATE_ROUNDS}, got "${options.gateRounds}"`
    })
  }
  if (confidence === undefined || problems.length > 0) {
    stderr.write(
      `Invalid options; nothing was calibrated.\n${problems.map((p) => p.message).join('\n')}\n`
    )
    return EXIT.error
  }
  const calibrated = await calibrateFolder(resultsDir, {
    confidence,
    gateRounds,
    width: stdout.columns ?? 80
  })
  if ('problem' in calibrated) {
    stderr.write(`${calibrated.problem}.\n`)
    return EXIT.error
  }
  stdout.write(`${calibrated.text}\n`)
  const { markdown } = calibrated
  const path = join(resultsDir, CALIBRATION_FILE)
  await writeFile(path, markdown)
  const summary = environment.env.GITHUB_STEP_SUMMARY
  if (summary) await appendFile(summary, `${markdown}\n`)
  stdout.write(`Calibration written to ${path}\n`)
  return EXIT.passed
}
