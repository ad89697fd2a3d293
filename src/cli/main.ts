/**
 * `distributed-locust`: the same inputs, backends and engine as the action, from a terminal.
 * Exit codes: 0 passed, 1 a threshold failed, 2 usage or infrastructure error; 130/143 when
 * interrupted by SIGINT/SIGTERM (partial results are kept).
 */
import { Command, CommanderError, Option } from 'commander'
import { join } from 'node:path'
import { createBackend } from '../backend/index.js'
import { concludeRun } from '../engine.js'
import { nodeFiles } from '../inputs/files.js'
import { InputError } from '../inputs/model.js'
import { parseInputs, type RawInputs } from '../inputs/parse.js'
import { renderTerminal } from '../report/terminal.js'
import { RunConsole, type Output } from './console.js'

export const EXIT = { passed: 0, thresholdFailed: 1, error: 2 } as const
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

export interface CliEnvironment {
  stdout: Output
  stderr: Output
  env: NodeJS.ProcessEnv
  cwd: string
  /** The current time, for the default results folder name. */
  now: () => Date
}

/** One `run` flag and the action input it feeds; the table drives parsing, help and messages. */
interface FlagSpec {
  input: string
  flags: string
  description: string
  repeatable?: boolean
  /** Heading the flag is listed under in --help (default: Options). */
  group?: string
}

const AWS_GROUP = 'AWS backend (--backend aws; credentials from the standard AWS chain):'

const RUN_FLAGS: FlagSpec[] = [
  {
    input: 'locustfile',
    flags: '-f, --locustfile <path>',
    description: 'the Locust test (default: locustfile.py)'
  },
  { input: 'host', flags: '-H, --host <url>', description: 'base URL of the system under test' },
  {
    input: 'users',
    flags: '-u, --users <n>',
    description: 'peak number of concurrent users (default: 10)'
  },
  {
    input: 'spawn-rate',
    flags: '-r, --spawn-rate <n>',
    description: 'users started per second (default: users, at most 100)'
  },
  {
    input: 'run-time',
    flags: '-t, --run-time <time>',
    description: 'test duration in Locust form: 90s, 5m, 1h30m (default: 1m)'
  },
  {
    input: 'workers',
    flags: '-w, --workers <n>',
    description: 'Locust workers: processes (local) or Fargate tasks (aws) (default: 1)'
  },
  {
    input: 'thresholds',
    flags: '--threshold <rule>',
    description: 'a pass/fail rule such as "p95 < 500ms"; repeat for more',
    repeatable: true
  },
  {
    input: 'thresholds-file',
    flags: '--thresholds-file <path>',
    description: 'a file of rules, one per line (# comments)'
  },
  {
    input: 'data',
    flags: '--data <path>',
    description:
      'an extra file or folder the test needs (shipped to remote workers); repeat for more',
    repeatable: true
  },
  {
    input: 'locust-args',
    flags: '--locust-args <args>',
    description: 'extra Locust flags, quoted as in a shell'
  },
  {
    input: 'results-dir',
    flags: '-o, --out <dir>',
    description: 'results folder (default: ./locust-results/<timestamp>)'
  },
  {
    input: 'timeout-minutes',
    flags: '--timeout-minutes <n>',
    description: 'stop everything after this long (default: run time + 10)'
  },
  {
    input: 'backend',
    flags: '--backend <name>',
    description: 'where Locust runs: local or aws (default: local)'
  },
  {
    input: 'locust-version',
    flags: '--locust-version <version>',
    description: 'install this Locust with pip when none is installed'
  },
  {
    input: 'stack-name',
    flags: '--stack-name <name>',
    description: 'the deployed distributed-locust stack; its outputs give everything below',
    group: AWS_GROUP
  },
  {
    input: 'aws-region',
    flags: '--aws-region <region>',
    description: 'AWS region, e.g. eu-west-1 (default: AWS_REGION or AWS_DEFAULT_REGION)',
    group: AWS_GROUP
  },
  {
    input: 'state-machine-arn',
    flags: '--state-machine-arn <arn>',
    description: "the stack's run state machine (with --bucket, instead of --stack-name)",
    group: AWS_GROUP
  },
  {
    input: 'bucket',
    flags: '--bucket <name>',
    description: "S3 bucket for the test bundle and the results (default: the stack's)",
    group: AWS_GROUP
  },
  {
    input: 'cluster',
    flags: '--cluster <name-or-arn>',
    description: "ECS cluster the tasks run in (default: the stack's)",
    group: AWS_GROUP
  },
  {
    input: 'task-definition',
    flags: '--task-definition <name-or-arn>',
    description: "task definition family[:revision] or ARN (default: the stack's)",
    group: AWS_GROUP
  },
  {
    input: 'subnets',
    flags: '--subnet <id>',
    description:
      "a subnet of the tasks, e.g. subnet-0123456789abcdef0; repeat for more (default: the stack's)",
    repeatable: true,
    group: AWS_GROUP
  },
  {
    input: 'security-groups',
    flags: '--security-group <id>',
    description:
      "a security group of the tasks, e.g. sg-0123456789abcdef0; repeat for more (default: the stack's)",
    repeatable: true,
    group: AWS_GROUP
  },
  {
    input: 'assign-public-ip',
    flags: '--assign-public-ip',
    description: 'give the tasks public IPs (subnets without a NAT gateway)',
    group: AWS_GROUP
  }
]

const EXAMPLES = `
Examples:
  $ distributed-locust run -f examples/locustfile.py -H http://127.0.0.1:8080 \\
      -u 50 -r 10 -t 30s -w 2 --threshold "p95 < 500ms" --threshold "fail_ratio < 1%"
  $ distributed-locust run -f load/locustfile.py --data load/stages.json --data load/rows.csv \\
      -t 2m -w 4 --thresholds-file load/thresholds.txt --out results
  $ distributed-locust run --backend aws --stack-name distributed-locust --aws-region eu-west-1 \\
      -f load/locustfile.py -H https://staging.example.com -u 200 -t 5m -w 10 --threshold "p95 < 800ms"

Exit codes: 0 every threshold passed, 1 a threshold failed, 2 usage or infrastructure error
(Locust could not run, timeout), 130/143 interrupted by SIGINT/SIGTERM (partial results kept).`

/** The flag that sets an input, for messages: 'users' → '--users/-u'. */
export function flagOf(input: string): string {
  const spec = RUN_FLAGS.find((flag) => flag.input === input)
  if (!spec) return input
  const [short, long] = spec.flags.split(/[ ,]+/).filter((word) => word.startsWith('-'))
  return long ? `${long}/${short}` : short
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

  const run = program
    .command('run')
    .description(
      'run a load test, print the report and write it with the CSVs into the results folder'
    )
    .addHelpText('after', EXAMPLES)
  const options = RUN_FLAGS.map((spec) => {
    const option = new Option(spec.flags, spec.description)
    if (spec.group) option.helpGroup(spec.group)
    if (spec.repeatable)
      option.argParser((value: string, previous: string[] = []) => [...previous, value])
    run.addOption(option)
    return { spec, option }
  })
  run.option('--no-color', 'plain text without ANSI colours (also when NO_COLOR is set)')
  run.action(async (values: Record<string, unknown>) => {
    const raw: RawInputs = Object.fromEntries(
      options.map(({ spec, option }) => {
        const value = values[option.attributeName()] as string | string[] | boolean | undefined
        // A switch such as --assign-public-ip feeds its input the words the action accepts.
        const text = typeof value === 'boolean' ? String(value) : value
        return [spec.input, Array.isArray(text) ? text.join('\n') : text]
      })
    )
    raw['results-dir'] ??= join('locust-results', timestampForFolder(environment.now()))
    const color = values.color !== false && Boolean(stdout.isTTY) && !environment.env.NO_COLOR
    exitCode = await runLoadTest(raw, color, environment)
  })
  program.addHelpText('after', EXAMPLES)

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
    stderr.write(`distributed-locust: ${(error as Error).message}\n`)
    return EXIT.error
  }
}

async function runLoadTest(
  raw: RawInputs,
  color: boolean,
  environment: CliEnvironment
): Promise<number> {
  const { stdout, stderr } = environment
  let config
  try {
    config = parseInputs(raw, {
      cwd: environment.cwd,
      env: environment.env,
      files: nodeFiles,
      displayName: flagOf
    })
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    stderr.write(
      `Invalid options; nothing was started.\n${error.message}\n(add --help for usage)\n`
    )
    return EXIT.error
  }

  const terminal = new RunConsole(stderr)
  const cancellation = new AbortController()
  let interruptedBy: NodeJS.Signals | undefined
  const interrupt = (signal: NodeJS.Signals): void => {
    if (interruptedBy !== undefined) {
      terminal.log(`${signal} again: stopping at once.`)
      process.exit(SIGNAL_EXIT_CODES[signal] ?? EXIT.error)
    }
    interruptedBy = signal
    terminal.log(
      `${signal} received: stopping Locust and keeping the results so far (again to stop at once)…`
    )
    cancellation.abort()
  }
  process.on('SIGINT', interrupt)
  process.on('SIGTERM', interrupt)
  try {
    terminal.log(
      `Running ${config.locustfile} with ${config.users} users on ${config.workers} worker(s) for ${config.runTime} (${config.backend} backend)`
    )
    const backend = await createBackend(config.backend)
    const outcome = await backend.run(config, {
      signal: cancellation.signal,
      log: (line) => terminal.log(line),
      onProgress: (progress) => terminal.progress(progress)
    })
    // The report shows the error on one line; a Python traceback reads better as Locust wrote it.
    if (outcome.error !== undefined) terminal.log(outcome.error)
    terminal.finish()
    const concluded = await concludeRun(config, outcome)
    stdout.write(`${renderTerminal(concluded.report, { color, width: stdout.columns })}\n`)
    stdout.write(`Report, results and Locust logs in ${outcome.resultsDir}\n`)

    if (interruptedBy !== undefined) return SIGNAL_EXIT_CODES[interruptedBy] ?? EXIT.error
    switch (concluded.report.verdict) {
      case 'passed':
        return EXIT.passed
      case 'failed':
        return config.failOnThreshold ? EXIT.thresholdFailed : EXIT.passed
      case 'error':
        return EXIT.error
    }
  } finally {
    terminal.finish()
    process.off('SIGINT', interrupt)
    process.off('SIGTERM', interrupt)
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
