/**
 * `distributed-locust`: the same inputs, backends and engine as the action, from a terminal.
 * Exit codes: 0 passed, 1 a threshold failed, 2 usage or infrastructure error, 3 unfit to judge;
 * 130/143 when interrupted by SIGINT/SIGTERM (partial results are kept).
 */
import { Command, CommanderError } from 'commander'
import { fitHelp, optionDescription } from './help.js'
import { join } from 'node:path'
import type { BaselineLookup } from '../baseline/model.js'
import { lookUpBaselineFile } from '../baseline/read.js'
import { backendFor } from '../backend/registry.js'
import { Interruption } from '../interrupt.js'
import { executeRun, type StartedResource } from '../engine.js'
import { parseGateInputs } from '../inputs/gate.js'
import { parseInputs, type RawInputs } from '../inputs/parse.js'
import type { InputSpec } from '../inputs/spec.js'
import { plainText } from '../report/escape.js'
import { renderTerminal } from '../report/terminal.js'
import {
  calibrateRunFolder,
  calibrationRun,
  DEFAULT_GATE_ROUNDS,
  isCalibration
} from '../run/calibration.js'
import { EXIT, NO_COLOR_OPTION, RunConsole, wantsColor, type CliEnvironment } from './console.js'
import { addDeployCommand } from './deploy-command.js'
import { addDoctorCommand } from './doctor-command.js'
import { addBaselineCommand } from './baseline-command.js'
import { addCalibrateCommand, writeCalibration, type RunLoadTest } from './calibrate-command.js'
import { addReportCommand } from './report-command.js'
import {
  addInputOptions,
  FLAGGED_INPUTS,
  parseFlagValues,
  type FlagValues
} from './spec-options.js'

const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

/** --help lists each backend's own inputs under a heading of its own. */
function helpGroup(spec: InputSpec): string | undefined {
  if (spec.backend === undefined) return undefined
  return `With --backend ${spec.backend} only:`
}

const EXAMPLES = `
Examples:
  $ distributed-locust run -f examples/locustfile.py -H http://127.0.0.1:8080 \\
      -u 50 -r 10 -t 30s -w 2 --threshold "p95 < 500ms" --threshold "fail_ratio < 1%"
  $ distributed-locust run -f load/locustfile.py --data load/stages.json --data load/rows.csv \\
      -t 2m -w 4 --thresholds-file load/thresholds.txt --out results
  $ distributed-locust run --backend aws --stack-name distributed-locust --aws-region eu-west-1 \\
      -f load/locustfile.py -H https://staging.example.com -u 200 -t 5m -w 10 --threshold "p95 < 800ms"

Exit codes (docs/outcomes.md): 0 passed (or inconclusive, let through), 1 a threshold failed,
2 usage or infrastructure error (Locust could not run, timeout), 3 the run is unfit to judge (see
--on-invalid), 4 inconclusive under --on-inconclusive fail, 130/143 interrupted by SIGINT/SIGTERM
(partial results kept).`

/** The flag that sets an input, for messages: 'users' → '--users (-u)'. */
export function flagOf(input: string): string {
  const spec = FLAGGED_INPUTS.find((flag) => flag.name === input)
  if (!spec) return input
  const [short, long] = spec.cli.flags.split(/[ ,]+/).filter((word) => word.startsWith('-'))
  return long ? `${long} (${short})` : short
}

export async function main(
  argv: string[],
  environment: CliEnvironment = processEnvironment()
): Promise<number> {
  const { stdout, stderr } = environment
  let exitCode: number = EXIT.error
  const program = new Command('distributed-locust')
    .description(
      'Run a distributed Locust load test (one master, N workers) and judge it against thresholds.'
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text)
    })
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ optionDescription })

  const run = program
    .command('run')
    .description(
      'run a load test, print the report and write it with the CSVs into the results folder'
    )
    .addHelpText('after', fitHelp(EXAMPLES))
  const rawInputs = addInputOptions(run, FLAGGED_INPUTS, helpGroup)
  run.option(...NO_COLOR_OPTION)
  const runFromFlags: RunLoadTest = (flags, color, gateRounds) => {
    flags.raw['results-dir'] ??= join('locust-results', timestampForFolder(environment.now()))
    return runLoadTest(flags, color, environment, gateRounds)
  }
  run.action(async (values: Record<string, unknown>) => {
    const color = wantsColor(values.color, environment)
    exitCode = await runFromFlags(rawInputs(values), color, DEFAULT_GATE_ROUNDS)
  })
  addReportCommand(program, environment, (code) => (exitCode = code))
  addDoctorCommand(program, environment, flagOf, (code) => (exitCode = code))
  addDeployCommand(program, environment, flagOf, (code) => (exitCode = code))
  addBaselineCommand(program, environment, (code) => (exitCode = code))
  addCalibrateCommand(program, environment, runFromFlags, (code) => (exitCode = code))
  program.addHelpText('after', fitHelp(EXAMPLES))

  try {
    await program.parseAsync(argv)
    if (argv.length <= 2) {
      program.outputHelp()
      return EXIT.error
    }
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.help'
        ? EXIT.passed
        : EXIT.error
    }
    // Anything else (a results folder that cannot be written, …) is an infrastructure error.
    stderr.write(plainText(`distributed-locust: ${(error as Error).message}\n`))
    return EXIT.error
  }
}

/**
 * A load test from the run's flags, reported; a `mode: calibrate` run judges no rule and is
 * calibrated afterwards for a gate of `gateRounds` paired rounds (./calibrate-command.ts).
 */
async function runLoadTest(
  flags: FlagValues,
  color: boolean,
  environment: CliEnvironment,
  gateRounds: number
): Promise<number> {
  const { stdout, stderr } = environment
  const parsed = parseFlagValues(
    flags,
    parseInputs,
    { ...environment, flagOf },
    'Invalid options; nothing was started.'
  )
  if (parsed === undefined) return EXIT.error
  const calibrating = isCalibration(parsed)
  const { config, ignored } = calibrating ? calibrationRun(parsed) : { config: parsed }
  if (ignored !== undefined) stderr.write(`${ignored}\n`)

  const baseline = calibrating ? undefined : await baselineOf(flags.raw, config.workingDirectory)
  if (baseline && 'note' in baseline) stderr.write(`${baseline.note}\n`)

  const terminal = new RunConsole(stderr)
  // What the backend started and has not stopped yet: stopped here should the run crash or be
  // stopped at once, since the CLI has no post step to do it.
  let started: StartedResource[] = []
  const stopStarted = async (): Promise<void> => {
    const leftover = started
    started = []
    for (const { backend, handle } of leftover) {
      await backendFor(backend)
        .cleanup([handle], (line) => terminal.log(line))
        .catch((error: unknown) =>
          terminal.log(`Could not stop what the run started: ${(error as Error).message}`)
        )
    }
  }
  const interruption = new Interruption(
    (message) => terminal.log(message),
    (signal) =>
      `${signal} received: stopping Locust and keeping the results so far (again to stop at once)…`
  )
  interruption.listen()
  try {
    terminal.log(
      backendFor(config.backend.kind).runsLocustfile
        ? `Running ${config.locustfile} with ${config.users} users on ${config.workers} worker(s) for ${config.runTime} (${config.backend.kind} backend)`
        : `Judging the Locust CSVs in ${config.resultsDir} (${config.backend.kind} backend)`
    )
    const concluded = await executeRun(
      config,
      {
        signal: interruption.controller.signal,
        forceStop: interruption.forceStop,
        log: (line) => terminal.log(line),
        warn: (line) => terminal.log(`Warning: ${line}`),
        onProgress: (progress) => terminal.progress(progress),
        onStarted: (resource) => started.push(resource),
        onBackendDone: (outcome) => {
          started = []
          // The report shows the error on one line; a Python traceback reads better as Locust wrote it.
          if (outcome.error !== undefined) terminal.log(outcome.error)
          terminal.finish()
        }
      },
      { baseline }
    )
    stdout.write(`${renderTerminal(concluded.report, { color, width: stdout.columns })}\n`)
    stdout.write(`Report, results and Locust logs in ${config.resultsDir}\n`)
    // Also after a cancel: the rounds completed until then still calibrate.
    const calibrated = calibrating
      ? await writeCalibration(
          config.resultsDir,
          await calibrateRunFolder(config, { gateRounds, width: stdout.columns ?? 80 }),
          environment
        )
      : EXIT.passed

    const interruptedBy = interruption.signal
    if (interruptedBy !== undefined) return SIGNAL_EXIT_CODES[interruptedBy] ?? EXIT.error
    const { exitCode } = concluded.report.outcome
    return exitCode === EXIT.passed ? calibrated : exitCode
  } finally {
    await stopStarted()
    terminal.finish()
    interruption.stopListening()
  }
}

/** `--baseline`: a results.json or its folder; `auto` needs a GitHub Actions run to look in. */
async function baselineOf(
  raw: RawInputs,
  workingDirectory: string
): Promise<BaselineLookup | undefined> {
  const source = parseGateInputs({ baseline: raw.baseline }, workingDirectory).baseline
  switch (source.kind) {
    case 'none':
      return undefined
    case 'path':
      return lookUpBaselineFile(source.path, '--baseline')
    case 'auto':
      return {
        note: '--baseline auto works in the GitHub Action only; give a results.json or its folder. Baseline rules are skipped.'
      }
  }
}

/** "2026-11-28T01-16-45" — sortable, and valid in folder names everywhere. */
function timestampForFolder(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/:/g, '-')
}

function processEnvironment(): CliEnvironment {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date()
  }
}
