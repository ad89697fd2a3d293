import { isAbsolute, resolve } from 'node:path'
import { parse as parseShellWords } from 'shell-quote'
import { parseThresholds, ThresholdSyntaxError, type ParseOptions } from '../thresholds/parse.js'
import type { ThresholdRule } from '../thresholds/model.js'
import {
  BACKEND_KINDS,
  backendFor,
  isBackendKind,
  type BackendSettings
} from '../backend/registry.js'
import type { BackendModule } from '../backend/types.js'
import type { RunConfig } from '../run/config.js'
import { redactHost } from '../run/host.js'
import { definesLoadShape } from '../run/locustfile.js'
import {
  CALIBRATION_ROUNDS,
  isLoopbackHost,
  plannedLoadSeconds,
  roundsPlanOf,
  type RoundsPlan
} from '../run/rounds.js'
import { whyNotAResultsFolder } from '../run/results-layout.js'
import { isOutside } from '../run/paths.js'
import { InputError, type InputProblem } from './model.js'
import { parseSecrets } from './secrets.js'
import { defaultOf, entryOf } from './spec.js'
import {
  configFileArgument,
  exitsAtOnce,
  insteadOf,
  reservedConfigKeys,
  reservedFlagsOf
} from './locust-flags.js'
import { alternatives, inputReader, splitList, type RawInputs } from './read.js'

export type { RawInputs } from './read.js'

/** 'other' is neither a regular file nor a folder: a device such as /dev/zero, a pipe, a socket. */
export type PathKind = 'file' | 'directory' | 'missing' | 'other'

export interface InputContext {
  /** Folder that relative paths are resolved against when `working-directory` is not given. */
  cwd: string
  env: NodeJS.ProcessEnv
  /** How to name an input in messages, e.g. 'users' → '--users (-u)' for the CLI. */
  displayName?: (input: string) => string
  /**
   * What a problem with an input starts with; default "Input 'users'" (the action's wording). The
   * CLI says "option --users (-u)".
   */
  label?: (input: string) => string
  /** File access, injected so that validation itself stays free of file-system calls. */
  files: FileAccess
}

export interface FileAccess {
  kind: (path: string) => PathKind
  /** The file's text; undefined when it holds more than `maxBytes`. */
  read: (path: string, maxBytes: number) => string | undefined
  /** Creates the folder when missing; why it cannot be created or written to, else undefined. */
  prepareFolder: (path: string) => string | undefined
  /** The names in a folder; undefined when it does not exist (or cannot be listed). */
  entries?: (path: string) => string[] | undefined
}

const MAX_TIMEOUT_MINUTES = entryOf('timeout-minutes').max
/** Limits that keep a careless input from making huge messages or reading without end. */
export const LIMITS = {
  thresholdsFileBytes: 256 * 1024,
  /** Read only to look for PERCENTILES_TO_REPORT; a larger one is not looked into. */
  locustfileBytes: 4 * 1024 * 1024,
  rules: 500,
  ruleLineChars: 1_000,
  problemsPerInput: 20,
  problemChars: 400
} as const

export { INPUT_NAMES } from './spec.js'

/** Some backends ship files keyed by their path inside the working directory. */
const shippedInsideWorkingDirectory = (kind: string): string =>
  `the ${kind} backend ships files by their path inside \`working-directory\`, and this one is outside it; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`

/**
 * Builds the validated run configuration from raw inputs, or throws InputError listing every
 * problem at once. Nothing is started before this returns.
 */
export function parseInputs(raw: RawInputs, context: InputContext): RunConfig<BackendSettings> {
  const problems: InputProblem[] = []
  const name = (input: string): string => context.displayName?.(input) ?? input
  const fields = inputReader(raw, problems, (input) => inputLabel(context, input))
  const { value, fail, text, integer, number, boolean, duration, choice } = fields

  const backendText = text('backend')
  const backend = backendFor(
    isBackendKind(backendText)
      ? backendText
      : (fail('backend', backendText, `expected ${alternatives(BACKEND_KINDS)}.`),
        defaultOf('backend'))
  )

  const workingDirectory = resolve(context.cwd, text('working-directory'))
  const workingDirectoryExists = context.files.kind(workingDirectory) === 'directory'
  if (!workingDirectoryExists) {
    fail(
      'working-directory',
      value('working-directory'),
      'expected an existing folder (relative to the workspace).'
    )
  }
  const inWorkingDirectory = (path: string): string =>
    isAbsolute(path) ? path : resolve(workingDirectory, path)

  const locustfileText = text('locustfile')
  const locustfile = inWorkingDirectory(locustfileText)
  const locustfileKind = context.files.kind(locustfile)
  if (!workingDirectoryExists || !backend.runsLocustfile) {
    // Every relative path would be wrong (the working-directory problem says why), or nothing runs.
  } else if (locustfileKind !== 'file') {
    fail(
      'locustfile',
      locustfileText,
      locustfileKind === 'directory'
        ? 'that is a folder; expected a Python file such as "locustfile.py".'
        : `no file at ${locustfile}; expected a path to a Python locustfile, relative to the working directory.`
    )
  } else if (!locustfile.endsWith('.py')) {
    fail('locustfile', locustfileText, 'expected a Python file ending in ".py".')
  } else if (backend.shipsWorkingDirectory && isOutside(workingDirectory, locustfile)) {
    fail('locustfile', locustfileText, shippedInsideWorkingDirectory(backend.kind))
  }

  const data = splitList(value('data')).map((item) => {
    const path = inWorkingDirectory(item)
    if (context.files.kind(path) === 'missing') {
      fail(
        'data',
        item,
        `no file or folder at ${path}; list existing files or folders, one per line.`
      )
    } else if (
      backend.shipsWorkingDirectory &&
      workingDirectoryExists &&
      isOutside(workingDirectory, path)
    ) {
      fail('data', item, shippedInsideWorkingDirectory(backend.kind))
    }
    return path
  })

  const host = value('host') || undefined
  // Blanks only are a mistake (an empty variable in quotes), not a request for the locustfile's host.
  if (host === undefined && (raw.host ?? '') !== '') {
    fail(
      'host',
      raw.host ?? '',
      'expected a URL such as "https://staging.example.com"; leave it out for the host set in the locustfile.'
    )
  }
  const hostProblem = host === undefined ? undefined : whyNotAHost(host)
  if (host !== undefined && hostProblem !== undefined) fail('host', redactHost(host), hostProblem)

  const users = integer('users')
  const spawnRate = number('spawn-rate') ?? Math.min(users, 100)

  const { text: runTime, seconds: runTimeSeconds } = duration('run-time')
  const workers = integer('workers')
  const rounds = parseRounds(fields, { backend, host, users, workers, env: context.env })
  // What Locust runs in all: every round's warm-up and run time.
  const loadSeconds =
    runTimeSeconds === undefined ? undefined : plannedLoadSeconds(runTimeSeconds, rounds)
  if (loadSeconds !== undefined && loadSeconds >= MAX_TIMEOUT_MINUTES * 60) {
    fail(
      'run-time',
      runTime,
      `expected less than ${MAX_TIMEOUT_MINUTES / 60}h${rounds === undefined ? '' : ' over all rounds with their warm-ups'}: timeout-minutes is at most ${MAX_TIMEOUT_MINUTES} and must leave time to start and collect results.`
    )
  }

  const locustArgs = tokenizeLocustArgs(value('locust-args'), (message) =>
    fail('locust-args', value('locust-args'), message)
  )

  if (workingDirectoryExists && backend.runsLocustfile) {
    checkLocustConfigFiles(workingDirectory, locustArgs, context, problems)
  }

  // A locustfile that sets its own percentile columns may have any percentile checked.
  const percentiles =
    locustfileKind === 'file' &&
    context.files.read(locustfile, LIMITS.locustfileBytes)?.includes('PERCENTILES_TO_REPORT')
      ? 'any'
      : undefined
  if (
    rounds !== undefined &&
    locustfileKind === 'file' &&
    definesLoadShape(context.files.read(locustfile, LIMITS.locustfileBytes) ?? '')
  ) {
    fail(
      'rounds',
      value('rounds') || defaultOf('rounds'),
      'the locustfile defines a LoadTestShape, which sets the load over the whole run, while rounds start the users anew each round (also with `warmup` or `baseline-host`): remove the shape, or those inputs.'
    )
  }
  const thresholds = parseThresholdInputs(raw, context, inWorkingDirectory, problems, name, {
    percentiles
  })

  const failOnThreshold = boolean('fail-on-threshold')
  const onInvalid = choice('on-invalid')
  const timeoutMinutes = number('timeout-minutes') ?? defaultTimeout(loadSeconds)
  const confidence = number('confidence') ?? Number(entryOf('confidence').default)
  const onInconclusive = choice('on-inconclusive')
  if (
    loadSeconds !== undefined &&
    value('timeout-minutes') !== '' &&
    timeoutMinutes * 60 <= loadSeconds
  ) {
    fail(
      'timeout-minutes',
      value('timeout-minutes'),
      rounds === undefined
        ? `expected more minutes than the run time (${runTime}), leaving time to start and collect results.`
        : `expected more minutes than the rounds take (${Math.ceil(loadSeconds / 60)} min: warm-up and run time of every round), leaving time to start and collect results.`
    )
  }

  const resultsDir = inWorkingDirectory(text('results-dir'))
  const settings = backend.parseSettings(fields.settingsReader(context.env)) as BackendSettings

  const { secrets, problems: secretProblems } = parseSecrets(fields.list('secrets'))
  for (const problem of secretProblems) fail('secrets', problem.given, problem.message)
  const passedToo = secrets.filter((secret) => fields.list('pass-env').includes(secret.name))
  for (const secret of passedToo) {
    fail(
      'secrets',
      `${secret.name}=${secret.arn}`,
      `pass-env names ${secret.name} too; a variable comes from one place: remove it from one of them.`
    )
  }

  // A run writes Locust's files and its reports there: never into a system folder or over others'.
  const unfitResultsDir = backend.runsLocustfile
    ? whyNotAResultsFolder(resultsDir, context.files.entries?.(resultsDir))
    : undefined
  if (unfitResultsDir !== undefined) {
    fail(
      'results-dir',
      value('results-dir') || resultsDir,
      `${unfitResultsDir}; give a new or empty folder, or one an earlier run wrote.`
    )
  }
  // Made only once everything else is valid, so that refused inputs leave nothing behind.
  const resultsDirProblem =
    problems.length === 0 ? context.files.prepareFolder(resultsDir) : undefined
  if (resultsDirProblem !== undefined) {
    fail(
      'results-dir',
      value('results-dir') || resultsDir,
      `${resultsDirProblem}; expected a folder that can be created and written to.`
    )
  }
  if (problems.length > 0) throw new InputError(problems)
  return {
    backend: settings,
    locustfile,
    data,
    host,
    users,
    spawnRate,
    runTime,
    runTimeSeconds: runTimeSeconds ?? 0,
    workers,
    ...(rounds === undefined ? {} : { rounds }),
    locustArgs,
    thresholds,
    failOnThreshold,
    confidence,
    onInconclusive,
    onInvalid,
    timeoutMinutes,
    workingDirectory,
    resultsDir,
    ...(secrets.length > 0 ? { secrets } : {})
  }
}

/**
 * Refuses Locust config files that set what the backend sets: `locust.conf` in the working
 * directory (Locust reads it by itself) and a `--config FILE` in locust-args. Each reaches the
 * master and every worker, where `master = true` or `users = 100` make Locust refuse to start.
 */
function checkLocustConfigFiles(
  workingDirectory: string,
  locustArgs: string[],
  context: InputContext,
  problems: InputProblem[]
): void {
  const given = configFileArgument(locustArgs)
  const files = [
    {
      path: resolve(workingDirectory, 'locust.conf'),
      input: 'working-directory',
      how: 'by itself'
    },
    ...(given === undefined
      ? []
      : [{ path: resolve(workingDirectory, given), input: 'locust-args', how: 'from --config' }])
  ]
  for (const { path, input, how } of files) {
    if (context.files.kind(path) !== 'file') continue
    const keys = reservedConfigKeys(context.files.read(path, LIMITS.locustfileBytes) ?? '')
    if (keys.length === 0) continue
    const instead = keys.map((key) => `${key}: ${insteadOf(`--${key.replaceAll('_', '-')}`)}`)
    problems.push({
      input,
      message: `Locust reads ${path} ${how}, on the master and on every worker, and it sets ${keys.join(', ')}, which distributed-locust sets itself (${instead.join('; ')}). Remove ${keys.length === 1 ? 'that key' : 'those keys'} from ${path}; its other settings still apply.`
    })
  }
}

/**
 * `mode: calibrate` runs A/A rounds against `host` alone (design `repeated`), paired among
 * themselves by `calibrate` (src/thresholds/calibrate.ts), so at least two.
 */
function refuseForCalibration(
  { fail }: ReturnType<typeof inputReader>,
  rounds: number,
  baselineHost: string | undefined
): void {
  if (baselineHost !== undefined) {
    fail(
      'baseline-host',
      redactHost(baselineHost),
      'mode: calibrate measures the noise of one target against itself (A/A rounds on `host`): leave baseline-host out, or use mode "interleaved" or "duet" to compare two versions.'
    )
  }
  if (rounds < 2) {
    fail(
      'rounds',
      String(rounds),
      `mode: calibrate pairs rounds among themselves: give at least 2 (4 or more give a useful band; default ${CALIBRATION_ROUNDS}).`
    )
  }
}

/**
 * `rounds`, `warmup`, `baseline-host` and `mode` as one plan, checked against each other and the
 * backend before anything starts; undefined for one plain run.
 */
function parseRounds(
  fields: ReturnType<typeof inputReader>,
  run: {
    backend: BackendModule
    host?: string
    users: number
    workers: number
    env: NodeJS.ProcessEnv
  }
): RoundsPlan | undefined {
  const { value, fail, integer, choice, duration } = fields
  const mode = choice('mode')
  const calibrating = mode === 'calibrate'
  const rounds = calibrating && !value('rounds') ? CALIBRATION_ROUNDS : integer('rounds')
  const warmupSeconds = duration('warmup').seconds ?? 0
  const baselineHost = value('baseline-host') || undefined
  const hostProblem = baselineHost === undefined ? undefined : whyNotAHost(baselineHost)
  if (baselineHost !== undefined && hostProblem !== undefined) {
    fail('baseline-host', redactHost(baselineHost), hostProblem)
  }
  if (calibrating) refuseForCalibration(fields, rounds, baselineHost)
  else if (baselineHost !== undefined && run.host === undefined) {
    fail(
      'baseline-host',
      redactHost(baselineHost),
      "the candidate needs its own URL beside it: give `host` too (the locustfile's host cannot be switched between rounds)."
    )
  }
  const plan: RoundsPlan | undefined = calibrating
    ? { design: 'repeated', count: rounds, warmupSeconds, calibrate: true }
    : roundsPlanOf({ rounds, warmupSeconds, baselineHost, mode })
  if (plan?.design === 'duet') {
    if (baselineHost === undefined) {
      fail('mode', mode, 'a duet loads two targets at once: give the second in `baseline-host`.')
    }
    if (run.workers < 2 || run.workers % 2 !== 0) {
      fail(
        'workers',
        String(run.workers),
        'a duet gives each side half the workers: expected an even number, at least 2.'
      )
    }
    if (run.users % 2 !== 0) {
      fail(
        'users',
        String(run.users),
        'a duet gives each side half the users: expected an even number.'
      )
    }
  }
  const elsewhere = run.backend.runsRemotely?.(run.env)
  // Staged apart for `host` only: the baseline's would stay in the run's bundle.
  if (
    elsewhere !== undefined &&
    baselineHost !== undefined &&
    redactHost(baselineHost) !== baselineHost
  ) {
    fail(
      'baseline-host',
      redactHost(baselineHost),
      `credentials in the URL cannot be sent to ${elsewhere} yet; give them to the locustfile another way (e.g. an environment variable of the tasks).`
    )
  }
  if (elsewhere !== undefined) {
    for (const [input, url] of [
      ['host', run.host],
      ['baseline-host', baselineHost]
    ] as const) {
      if (url !== undefined && isLoopbackHost(url)) {
        fail(
          input,
          redactHost(url),
          `that is this machine (loopback), which ${elsewhere} cannot reach; give an address they can reach, e.g. the service's DNS name in the VPC.`
        )
      }
    }
  }
  return plan
}

/** Why `text` cannot be the host URL; undefined when it can. */
function whyNotAHost(text: string): string | undefined {
  const example = 'e.g. "https://staging.example.com"'
  if (!/^https?:\/\//i.test(text))
    return `expected a URL starting with http:// or https://, ${example}.`
  if (/\s/.test(text))
    return 'a URL holds no spaces; give extra Locust flags in `locust-args`, not in `host`.'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return `not a valid URL (check the brackets around an IPv6 address, the port from 1 to 65535 and the characters), ${example}.`
  }
  if (url.port === '0') return 'port 0 cannot be connected to; expected a port from 1 to 65535.'
  return undefined
}

/** `run-time` plus 10 minutes, within the spec's cap. */
function defaultTimeout(runTimeSeconds: number | undefined): number {
  return Math.min(Math.ceil((runTimeSeconds ?? 60) / 60) + 10, MAX_TIMEOUT_MINUTES)
}

function tokenizeLocustArgs(text: string, reject: (message: string) => void): string[] {
  if (text === '') return []
  const unclosed = unclosedQuoteAt(text)
  if (unclosed !== undefined) {
    reject(
      `the ${text[unclosed]} quote at character ${unclosed + 1} is never closed; close it, or escape it with a backslash.`
    )
    return []
  }
  // Keep "$VAR" literal: the action passes words to Locust, it is not a shell.
  const entries = parseShellWords(text, (variable) => `$${variable}`)
  const words: string[] = []
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      reject(
        'shell operators such as | > ; & are not allowed; give Locust flags only, quoting values with spaces.'
      )
      return []
    }
    words.push(entry)
  }
  for (const word of words) {
    const [flag] = reservedFlagsOf(word)
    if (flag !== undefined) {
      const given = word.split('=', 1)[0]
      const spelled = given === flag ? '' : ` (\`${given}\` stands for ${flag})`
      reject(
        exitsAtOnce(flag)
          ? `${flag}${spelled} would stop the run before it starts (${insteadOf(flag)}); remove it from locust-args.`
          : `the action sets ${flag} itself${spelled} (${insteadOf(flag)}); remove it from locust-args.`
      )
      return []
    }
  }
  return words
}

/**
 * Where the quote left open at the end of a shell-quoted text starts, if one is (shell-quote would
 * silently split the rest into words). A backslash escapes outside quotes and inside "…", as in sh.
 */
function unclosedQuoteAt(text: string): number | undefined {
  let openAt: number | undefined
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    const open = openAt === undefined ? undefined : text[openAt]
    if (char === '\\' && open !== "'") i++
    else if (open === undefined && (char === '"' || char === "'")) openAt = i
    else if (char === open) openAt = undefined
  }
  return openAt
}

/**
 * Thresholds come from the `thresholds` input and from `thresholds-file`, in that order. Syntax
 * errors keep their line and column, counted within the input or file that holds them. Sizes are
 * capped, so that a wrong file (/dev/zero, a log) is refused quickly with a short message; a file
 * that is mostly not rules is named without quoting its content (it may be /etc/passwd).
 */
function parseThresholdInputs(
  raw: RawInputs,
  context: InputContext,
  inWorkingDirectory: (path: string) => string,
  problems: InputProblem[],
  name: (input: string) => string,
  options: ParseOptions
): ThresholdRule[] {
  const sources: { input: string; text: string; origin: string }[] = [
    { input: 'thresholds', text: raw['thresholds'] ?? '', origin: '' }
  ]
  const fileText = (raw['thresholds-file'] ?? '').trim()
  const fileProblem = (message: string): void => {
    problems.push({
      input: 'thresholds-file',
      message: `${inputLabel(context, 'thresholds-file')}: got "${fileText}"; ${message}`
    })
  }
  if (fileText !== '') {
    const path = inWorkingDirectory(fileText)
    const kind = context.files.kind(path)
    const text = kind === 'file' ? context.files.read(path, LIMITS.thresholdsFileBytes) : undefined
    if (kind === 'other') {
      fileProblem(
        `${path} is not a regular file (a device or a pipe); expected a text file with one threshold rule per line.`
      )
    } else if (kind !== 'file') {
      fileProblem(`no file at ${path}; expected a text file with one threshold rule per line.`)
    } else if (text === undefined) {
      fileProblem(
        `${path} is larger than ${LIMITS.thresholdsFileBytes / 1024} KiB; expected a text file with one threshold rule per line.`
      )
    } else {
      sources.push({ input: 'thresholds-file', text, origin: ` (${fileText})` })
    }
  }
  const rules: ThresholdRule[] = []
  for (const source of sources) {
    const label = `${inputLabel(context, source.input)}${source.origin}`
    const lines = source.text.split(/\r?\n/)
    const longLine = lines.findIndex((line) => line.length > LIMITS.ruleLineChars)
    if (longLine >= 0) {
      problems.push({
        input: source.input,
        message: `${label}: line ${longLine + 1} is ${lines[longLine].length.toLocaleString('en-US')} characters long; a rule is at most ${LIMITS.ruleLineChars.toLocaleString('en-US')}.`
      })
      continue
    }
    try {
      rules.push(...parseThresholds(source.text, options))
    } catch (error) {
      if (!(error instanceof ThresholdSyntaxError)) throw error
      const ruleLines = lines.filter((line) => !/^\s*(#|$)/.test(line)).length
      // One bad line is a typo worth quoting; most lines bad is the wrong file.
      const wrongFile = error.problems.length >= 2 && error.problems.length * 2 > ruleLines
      if (source.input === 'thresholds-file' && wrongFile) {
        fileProblem(
          `${error.problems.length} of its ${ruleLines} lines are not threshold rules (the first at line ${error.line}, column ${error.column}); is it the right file? Expected one rule per line, such as "p95 < 500ms".`
        )
        continue
      }
      const shown = error.problems.slice(0, LIMITS.problemsPerInput)
      for (const problem of shown) {
        const detail = problem.message.replace(/^thresholds\s*/, '')
        problems.push({ input: source.input, message: capped(`${label}: ${detail}`) })
      }
      const hidden = error.problems.length - shown.length
      if (hidden > 0) {
        problems.push({
          input: source.input,
          message: `${label}: ${hidden} more problems not shown (the first ${shown.length} are above).`
        })
      }
    }
  }
  if (rules.length > LIMITS.rules) {
    problems.push({
      input: 'thresholds',
      message: `${inputLabel(context, 'thresholds')}: ${rules.length} threshold rules given; at most ${LIMITS.rules} are accepted (with \`${name('thresholds-file')}\` counted in).`
    })
  }
  return rules
}

/** What `distributed-locust doctor` weighs a backend against: its settings and the run planned. */
export interface DoctorInputs {
  backend: BackendSettings
  workers: number
  timeoutMinutes: number
}

/**
 * The doctor's inputs: the backend's own (those its doctor requires given), `workers`, and
 * `timeout-minutes` (default: `run-time` plus 10 minutes, as for a run). Throws InputError listing
 * every problem.
 */
export function parseDoctorInputs(
  raw: RawInputs,
  context: InputContext,
  backendModule: BackendModule
): DoctorInputs {
  const problems: InputProblem[] = []
  const fields = inputReader(raw, problems, (input) => inputLabel(context, input))
  for (const [input, why] of Object.entries(backendModule.doctor?.requiredInputs ?? {})) {
    if (fields.value(input) === '') fields.fail(input, '', why)
  }
  const backend = backendModule.parseSettings(fields.settingsReader(context.env)) as BackendSettings
  const workers = fields.integer('workers')
  const runTimeSeconds = fields.duration('run-time').seconds
  const timeoutMinutes = fields.number('timeout-minutes') ?? defaultTimeout(runTimeSeconds)
  if (problems.length > 0) throw new InputError(problems)
  return { backend, workers, timeoutMinutes }
}

/** A message cut to LIMITS.problemChars, saying how much was cut. */
function capped(message: string): string {
  if (message.length <= LIMITS.problemChars) return message
  const cut = message.length - LIMITS.problemChars
  return `${message.slice(0, LIMITS.problemChars)}… (${cut.toLocaleString('en-US')} more characters cut)`
}

/** How a problem names an input: as `context.label` says, else "Input '<displayName>'". */
function inputLabel(context: InputContext, input: string): string {
  return context.label?.(input) ?? `Input '${context.displayName?.(input) ?? input}'`
}
