/**
 * `distributed-locust calibrate`: the noise band of A/A rounds against one target, the smallest
 * slowdown a paired gate can catch, and the rules and round length to write
 * (../thresholds/calibrate.ts). Either runs the rounds itself (the run's options, `--rounds`
 * default 5: `mode: calibrate`) or reads a folder of rounds run before (`--from <dir>`, or the
 * folder as the argument). Prints it, writes calibration.md beside the results and, in a GitHub
 * Actions job, appends it to the job summary. Exit 0 when calibrated, 2 otherwise (or the run's
 * own exit code when it did not end well).
 */
import { appendFile } from 'node:fs/promises'
import { fitHelp } from './help.js'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { readConfidenceOption } from './spec-options.js'
import type { InputSpec } from '../inputs/spec.js'
import { ROUNDS_FILE } from '../results/rounds.js'
import {
  calibrateFolder,
  DEFAULT_GATE_ROUNDS,
  writeCalibrationFile,
  type CalibratedFolder
} from '../run/calibration.js'
import { CALIBRATION_ROUNDS } from '../run/rounds.js'
import { EXIT, NO_COLOR_OPTION, wantsColor, type CliEnvironment } from './console.js'
import { addInputOptions, FLAGGED_INPUTS, type FlagValues } from './spec-options.js'

const MAX_GATE_ROUNDS = 20

/**
 * Run options a calibration has no use for: it compares no versions (its own --confidence is the
 * gate's it calibrates for).
 */
const NOT_FOR_CALIBRATION = new Set([
  'mode',
  'baseline-host',
  'baseline',
  'confidence',
  'on-inconclusive'
])

const HELP = `
Without --from, it runs ${CALIBRATION_ROUNDS} (--rounds) A/A rounds of the locustfile against --host
(the options of \`run\`), then calibrates them. With --from (or the folder as the argument), it
reads ${ROUNDS_FILE} and the round folders of a run of rounds against one target (4 or more rounds
give a useful band). Consecutive rounds are paired among themselves like a baseline and a
candidate. Method: docs/thresholds.md#calibrate.

Examples:
  $ distributed-locust calibrate -f examples/locustfile.py -H http://127.0.0.1:8080 \\
      -u 20 -t 30s -w 2 --rounds 6 --warmup 5s
  $ distributed-locust calibrate --from locust-results/2026-12-07T17-00-00 --gate-rounds 3`

interface CalibrateOptions {
  from?: string
  gateRounds: string
  confidence: string
  color?: boolean
}

/** Runs a load test from the run's flags, as `run` does, calibrating it when it is `mode: calibrate`. */
export type RunLoadTest = (flags: FlagValues, color: boolean, gateRounds: number) => Promise<number>

export function addCalibrateCommand(
  program: Command,
  environment: CliEnvironment,
  runLoadTest: RunLoadTest,
  done: (exitCode: number) => void
): void {
  const command = program
    .command('calibrate')
    .description(
      'run A/A rounds against one target (or read them) and suggest the rules and run time of a paired gate'
    )
    .argument('[results-dir]', `the same as --from`)
    .option('--from <dir>', `calibrate a results folder with ${ROUNDS_FILE} instead of running`)
    .option('--gate-rounds <n>', 'paired rounds the gate will run', String(DEFAULT_GATE_ROUNDS))
    .option('--confidence <c>', "confidence of the gate's verdicts (0.5–0.999)", '0.95')
    .option(...NO_COLOR_OPTION)
  const runInputs = FLAGGED_INPUTS.filter((spec) => !NOT_FOR_CALIBRATION.has(spec.name)).map(
    (spec) =>
      spec.name === 'rounds'
        ? {
            ...spec,
            cli: { ...spec.cli, help: 'A/A rounds to run', defaultNote: String(CALIBRATION_ROUNDS) }
          }
        : spec
  )
  const rawInputs = addInputOptions(command, runInputs, (spec: InputSpec) =>
    spec.backend === undefined ? 'Run options:' : `With --backend ${spec.backend} only:`
  )
  command
    .addHelpText('after', fitHelp(HELP))
    .action(async (argument: string | undefined, values) => {
      const options = values as CalibrateOptions & Record<string, unknown>
      const flags = rawInputs(options)
      const given = Object.entries(flags.raw).filter(([, value]) => value !== undefined)
      const from = options.from ?? argument
      if (options.from !== undefined && argument !== undefined) {
        done(usageError(environment, 'give the folder once: either --from <dir> or the argument.'))
        return
      }
      if (from !== undefined && given.length > 0) {
        const names = given.map(([name]) => name).join(', ')
        done(
          usageError(
            environment,
            `--from calibrates rounds run before, so the run's options (${names}) have nothing to do: leave them out, or leave out the folder to run new rounds.`
          )
        )
        return
      }
      const gateRounds = gateRoundsOf(options.gateRounds)
      if (typeof gateRounds === 'string') {
        done(usageError(environment, gateRounds))
        return
      }
      if (from === undefined) {
        flags.raw.mode = 'calibrate'
        flags.raw.confidence = options.confidence
        done(await runLoadTest(flags, wantsColor(options.color, environment), gateRounds))
        return
      }
      done(
        await calibrateExisting(resolve(environment.cwd, from), options, gateRounds, environment)
      )
    })
}

function usageError(environment: CliEnvironment, message: string): number {
  environment.stderr.write(
    `Invalid options; nothing was calibrated.\n${message}\n(add --help for usage)\n`
  )
  return EXIT.error
}

/** The number of paired rounds, or why it is not one. */
function gateRoundsOf(text: string): number | string {
  const gateRounds = Number(text)
  if (!Number.isSafeInteger(gateRounds) || gateRounds < 1 || gateRounds > MAX_GATE_ROUNDS) {
    return `option --gate-rounds must be a whole number from 1 to ${MAX_GATE_ROUNDS}, got "${text}"`
  }
  return gateRounds
}

async function calibrateExisting(
  resultsDir: string,
  options: CalibrateOptions,
  gateRounds: number,
  environment: CliEnvironment
): Promise<number> {
  const confidence = readConfidenceOption(options.confidence)
  if (typeof confidence !== 'number') return usageError(environment, confidence.problem)
  const calibrated = await calibrateFolder(resultsDir, {
    confidence,
    gateRounds,
    width: environment.stdout.columns ?? 80
  })
  return writeCalibration(resultsDir, calibrated, environment)
}

/**
 * Prints a calibration and writes it to calibration.md in the results folder and to the job
 * summary (in GitHub Actions); a folder that cannot be calibrated is said on stderr (exit 2).
 */
export async function writeCalibration(
  resultsDir: string,
  calibrated: CalibratedFolder | { problem: string },
  environment: CliEnvironment
): Promise<number> {
  const { stdout, stderr } = environment
  if ('problem' in calibrated) {
    stderr.write(`${calibrated.problem}.\n`)
    return EXIT.error
  }
  stdout.write(`${calibrated.text}\n`)
  const { markdown } = calibrated
  const path = await writeCalibrationFile(resultsDir, markdown)
  const summary = environment.env.GITHUB_STEP_SUMMARY
  if (summary) await appendFile(summary, `${markdown}\n`)
  stdout.write(`Calibration written to ${path}\n`)
  return EXIT.passed
}
