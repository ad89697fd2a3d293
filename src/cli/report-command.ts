/**
 * `distributed-locust report <results-dir>`: judges CSVs Locust already wrote (Locust 1.1 and
 * later, run by this tool or anywhere else) with the same thresholds, baseline and report as `run`.
 */
import { type Command, Option } from 'commander'
import { fitHelp } from './help.js'
import { resolve } from 'node:path'
import { lookUpBaselineFile } from '../baseline/read.js'
import { nodeFiles } from '../inputs/files.js'
import { LIMITS } from '../inputs/parse.js'
import { readConfidenceOption } from './spec-options.js'
import { policyOf } from '../report/outcome.js'
import { judgeResults } from '../engine.js'
import { renderTerminal } from '../report/terminal.js'
import { backendFor } from '../backend/registry.js'
import { factsFromHistory } from '../run/history-facts.js'
import { findCsvPrefix } from '../results/read.js'
import type { ThresholdRule } from '../thresholds/model.js'
import { parseThresholds, ThresholdSyntaxError } from '../thresholds/parse.js'
import { NO_COLOR_OPTION, wantsColor, type CliEnvironment } from './console.js'

const EXAMPLES = `
Examples:
  $ distributed-locust report results/ --threshold "p95 < 500ms" --threshold "fail_ratio < 1%"
  $ distributed-locust report nightly/ --thresholds-file load/thresholds.txt \\
      --baseline last-week/results.json --threshold "p95 < baseline * 1.1" --out judged/

The folder holds Locust's <prefix>_stats.csv (and, when written, _stats_history.csv, _failures.csv,
_exceptions.csv). summary.md and results.json are written to --out (default: the results folder).
Exit codes (docs/outcomes.md): 0 passed (or inconclusive, let through), 1 a threshold failed,
2 usage error, no readable results or a --baseline with nothing at its path, 3 the run is unfit
to judge (a master.log or worker-N.log in the folder says Locust saturated its CPU; see
--on-invalid), 4 inconclusive under --on-inconclusive fail, 130/143 interrupted by SIGINT/SIGTERM.`

interface ReportOptions {
  threshold?: string[]
  thresholdsFile?: string
  baseline?: string
  out?: string
  prefix?: string
  onInvalid: 'fail' | 'pass'
  color?: boolean
  confidence?: string
  onInconclusive?: string
}

/** Adds the `report` command; `done` receives its exit code. */
export function addReportCommand(
  program: Command,
  environment: CliEnvironment,
  done: (exitCode: number) => void
): void {
  program
    .command('report')
    .description('judge a folder of existing Locust CSV results against thresholds and a baseline')
    .argument('<results-dir>', "folder holding Locust's CSV files")
    .addOption(
      new Option(
        '--threshold <rule>',
        'a pass/fail rule such as "p95 < 500ms"; repeat for more'
      ).argParser((value: string, previous: string[] = []) => [...previous, value])
    )
    .option('--thresholds-file <path>', 'a file of rules, one per line (# comments)')
    .option(
      '--baseline <path>',
      'a previous run\'s results.json (or its folder), for rules such as "p95 < baseline * 1.1"'
    )
    .option('-o, --out <dir>', 'where summary.md and results.json go (default: <results-dir>)')
    .option('--prefix <prefix>', 'the CSV prefix, when the folder holds several runs')
    .option('--confidence <c>', "confidence of a baseline rule's verdict (0.5–0.999)", '0.95')
    .addOption(
      new Option('--on-inconclusive <what>', 'pass (with a warning) or fail when undecided')
        .choices(['pass', 'fail'])
        .default('pass')
    )
    .addOption(
      new Option(
        '--on-invalid <fail|pass>',
        'what a run unfit to judge does: fail (exit 3) or pass with a warning'
      )
        .choices(['fail', 'pass'])
        .default('fail')
    )
    .option(...NO_COLOR_OPTION)
    .addHelpText('after', fitHelp(EXAMPLES))
    .action(async (resultsDir: string, options: ReportOptions) => {
      done(await judgeExistingResults(resultsDir, options, environment))
    })
}

async function judgeExistingResults(
  resultsDirText: string,
  options: ReportOptions,
  environment: CliEnvironment
): Promise<number> {
  const { stdout, stderr, cwd } = environment
  const resultsDir = resolve(cwd, resultsDirText)
  const thresholds = readRules(options, cwd)
  if (thresholds instanceof Error) {
    stderr.write(
      `Invalid options; nothing was judged.\n${thresholds.message}\n(add --help for usage)\n`
    )
    return 2
  }
  const confidence = readConfidenceOption(options.confidence)
  if (typeof confidence !== 'number') {
    stderr.write(
      `Invalid options; nothing was judged.\n${confidence.problem}\n(add --help for usage)\n`
    )
    return 2
  }
  let prefix = options.prefix
  try {
    prefix ??= await findCsvPrefix(resultsDir)
  } catch (error) {
    stderr.write(`${(error as Error).message}\n`)
    return 2
  }
  const baseline =
    options.baseline === undefined
      ? undefined
      : await lookUpBaselineFile(resolve(cwd, options.baseline), '--baseline')
  if (baseline && 'note' in baseline) stderr.write(`${baseline.note}\n`)

  // The same facts as the backend that judges CSVs made elsewhere.
  const judging = backendFor('none')
  const concluded = await judgeResults(
    {
      thresholds,
      facts: {
        backend: judging.kind,
        backendLabel: judging.label,
        locustRanElsewhere: true,
        users: 0,
        spawnRate: 0,
        workers: 0,
        runTimeSeconds: 0
      },
      baseline,
      resultsDir,
      confidence,
      policy: policyOf({
        onInconclusive: options.onInconclusive === 'fail' ? 'fail' : 'pass',
        onInvalid: options.onInvalid
      }),
      reportDir: options.out === undefined ? undefined : resolve(cwd, options.out)
    },
    { csvPrefix: prefix, partial: false, facts: await factsFromHistory(resultsDir, prefix) }
  )
  const color = wantsColor(options.color, environment)
  stdout.write(`${renderTerminal(concluded.report, { color, width: stdout.columns })}\n`)
  stdout.write(`Report written to ${concluded.summaryPath} and ${concluded.resultsJsonPath}\n`)
  return concluded.report.outcome.exitCode
}

/** The rules of --threshold then --thresholds-file, or an Error naming each problem. */
function readRules(options: ReportOptions, cwd: string): ThresholdRule[] | Error {
  const sources = [{ origin: '--threshold', text: (options.threshold ?? []).join('\n') }]
  if (options.thresholdsFile !== undefined) {
    const path = resolve(cwd, options.thresholdsFile)
    const cannotRead = (why: string) => new Error(`--thresholds-file: cannot read ${path}: ${why}`)
    // Read as the run's inputs read it: a device or a huge file is refused, not read without end.
    if (nodeFiles.kind(path) === 'other')
      return cannotRead('not a regular file (a device or a pipe)')
    let text: string | undefined
    try {
      text = nodeFiles.read(path, LIMITS.thresholdsFileBytes)
    } catch (error) {
      return cannotRead((error as Error).message)
    }
    if (text === undefined) {
      return cannotRead(`larger than ${LIMITS.thresholdsFileBytes / 1024} KiB`)
    }
    sources.push({ origin: `--thresholds-file ${options.thresholdsFile}`, text })
  }
  const rules: ThresholdRule[] = []
  const problems: string[] = []
  for (const source of sources) {
    try {
      rules.push(...parseThresholds(source.text))
    } catch (error) {
      if (!(error instanceof ThresholdSyntaxError)) throw error
      problems.push(
        ...error.problems.map(
          (problem) => `${source.origin}: ${problem.message.replace(/^thresholds /, '')}`
        )
      )
    }
  }
  return problems.length > 0 ? new Error(problems.join('\n')) : rules
}
