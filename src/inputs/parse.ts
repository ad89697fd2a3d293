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
import type { RunConfig } from '../run/config.js'
import { redactHost } from '../run/host.js'
import { isOutside } from '../run/paths.js'
import type { SettingsReader } from '../run/settings-reader.js'
import { InputError, type InputProblem } from './model.js'
import { defaultOf, type InputName } from './spec.js'
import { insteadOf, reservedFlagsOf } from './locust-flags.js'

/** Raw input values as the action (core.getInput) or the CLI (flags) gives them. */
export type RawInputs = Partial<Record<string, string>>

/** 'other' is neither a regular file nor a folder: a device such as /dev/zero, a pipe, a socket. */
export type PathKind = 'file' | 'directory' | 'missing' | 'other'

export interface InputContext {
  /** Folder that relative paths are resolved against when `working-directory` is not given. */
  cwd: string
  env: NodeJS.ProcessEnv
  /** How to name an input in messages, e.g. 'users' → '--users/-u' for the CLI. */
  displayName?: (input: string) => string
  /** File access, injected so that validation itself stays free of file-system calls. */
  files: FileAccess
}

export interface FileAccess {
  kind: (path: string) => PathKind
  /** The file's text; undefined when it holds more than `maxBytes`. */
  read: (path: string, maxBytes: number) => string | undefined
  /** Creates the folder when missing; why it cannot be created or written to, else undefined. */
  prepareFolder: (path: string) => string | undefined
}

export const MAX_WORKERS = 200
/** GitHub's cap on a job's `timeout-minutes`, and so on ours. */
export const MAX_TIMEOUT_MINUTES = 24 * 60
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

const RUN_TIME_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/

/** Some backends ship files keyed by their path inside the working directory. */
const shippedInsideWorkingDirectory = (kind: string): string =>
  `the ${kind} backend ships files by their path inside \`working-directory\`, and this one is outside it; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`

/** Parses Locust's run-time forms ("90", "90s", "5m", "1h30m") into seconds; undefined if invalid. */
export function parseRunTime(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  const match = RUN_TIME_PATTERN.exec(text)
  if (!match || text === '') return undefined
  const [, hours, minutes, seconds] = match
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)
}

/** Splits a list input written one item per line or comma-separated. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/**
 * Builds the validated run configuration from raw inputs, or throws InputError listing every
 * problem at once. Nothing is started before this returns.
 */
export function parseInputs(raw: RawInputs, context: InputContext): RunConfig<BackendSettings> {
  const problems: InputProblem[] = []
  const fields = fieldReader(raw, context, problems)
  const { value, fail, integer, positiveNumber, boolean } = fields
  const name = (input: string): string => context.displayName?.(input) ?? input

  const backendText = value('backend') || defaultOf('backend')
  const backend = backendFor(
    isBackendKind(backendText)
      ? backendText
      : (fail('backend', backendText, `expected ${alternatives(BACKEND_KINDS)}.`),
        defaultOf('backend'))
  )

  const workingDirectory = resolve(
    context.cwd,
    value('working-directory') || defaultOf('working-directory')
  )
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

  const locustfileText = value('locustfile') || defaultOf('locustfile')
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
  const hostProblem = host === undefined ? undefined : whyNotAHost(host)
  if (host !== undefined && hostProblem !== undefined) fail('host', redactHost(host), hostProblem)

  const users = integer('users', Number(defaultOf('users')), 1, 1_000_000)
  const spawnRate = positiveNumber('spawn-rate', Math.min(users, 100), 100_000)

  const runTime = value('run-time') || defaultOf('run-time')
  const runTimeSeconds = parseRunTime(runTime)
  if (runTimeSeconds === undefined || runTimeSeconds <= 0) {
    fail('run-time', runTime, 'expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".')
  } else if (runTimeSeconds >= MAX_TIMEOUT_MINUTES * 60) {
    fail(
      'run-time',
      runTime,
      `expected less than ${MAX_TIMEOUT_MINUTES / 60}h: timeout-minutes is at most ${MAX_TIMEOUT_MINUTES} and must leave time to start and collect results.`
    )
  }

  const workers = integer('workers', Number(defaultOf('workers')), 1, MAX_WORKERS)

  const locustArgs = tokenizeLocustArgs(value('locust-args'), (message) =>
    fail('locust-args', value('locust-args'), message)
  )

  // A locustfile that sets its own percentile columns may have any percentile checked.
  const percentiles =
    locustfileKind === 'file' &&
    context.files.read(locustfile, LIMITS.locustfileBytes)?.includes('PERCENTILES_TO_REPORT')
      ? 'any'
      : undefined
  const thresholds = parseThresholdInputs(raw, context, inWorkingDirectory, problems, name, {
    percentiles
  })

  const failOnThreshold = boolean('fail-on-threshold', defaultOf('fail-on-threshold') === 'true')
  const onInvalidText = value('on-invalid') || defaultOf('on-invalid')
  const onInvalid =
    onInvalidText === 'fail' || onInvalidText === 'pass'
      ? onInvalidText
      : (fail('on-invalid', onInvalidText, 'expected "fail" or "pass".'), 'fail')
  const defaultTimeout = Math.min(Math.ceil((runTimeSeconds ?? 60) / 60) + 10, MAX_TIMEOUT_MINUTES)
  const timeoutMinutes = positiveNumber('timeout-minutes', defaultTimeout, MAX_TIMEOUT_MINUTES)
  if (
    runTimeSeconds !== undefined &&
    value('timeout-minutes') !== '' &&
    timeoutMinutes * 60 <= runTimeSeconds
  ) {
    fail(
      'timeout-minutes',
      value('timeout-minutes'),
      `expected more minutes than the run time (${runTime}), leaving time to start and collect results.`
    )
  }

  const resultsDir = inWorkingDirectory(value('results-dir') || defaultOf('results-dir'))
  const settings = backend.parseSettings(fields.settingsReader) as BackendSettings

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
    locustArgs,
    thresholds,
    failOnThreshold,
    onInvalid,
    timeoutMinutes,
    workingDirectory,
    resultsDir
  }
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

/** '"a" or "b"', '"a", "b" or "c"'. */
function alternatives(words: readonly string[]): string {
  const quoted = words.map((word) => `"${word}"`)
  return quoted.length < 2
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
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
        `the action sets ${flag} itself${spelled} (${insteadOf(flag)}); remove it from locust-args.`
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
      message: `Input '${name('thresholds-file')}': got "${fileText}"; ${message}`
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
    const label = `Input '${name(source.input)}'${source.origin}`
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
      message: `Input '${name('thresholds')}': ${rules.length} threshold rules given; at most ${LIMITS.rules} are accepted (with \`${name('thresholds-file')}\` counted in).`
    })
  }
  return rules
}

/** What `distributed-locust doctor` checks a stack for: its AWS settings and the run planned. */
export interface DoctorInputs {
  backend: BackendSettings
  stackName: string
  workers: number
  timeoutMinutes: number
}

/**
 * The doctor's inputs: the aws backend's own, `workers`, and `timeout-minutes` (default: `run-time`
 * plus 10 minutes, as for a run). Throws InputError listing every problem.
 */
export function parseDoctorInputs(raw: RawInputs, context: InputContext): DoctorInputs {
  const problems: InputProblem[] = []
  const fields = fieldReader(raw, context, problems)
  const stackName = fields.value('stack-name')
  if (stackName === '') {
    fields.fail('stack-name', '', 'the doctor checks a deployed stack; give its name.')
  }
  const backend = backendFor('aws').parseSettings(fields.settingsReader) as BackendSettings
  const workers = fields.integer('workers', Number(defaultOf('workers')), 1, MAX_WORKERS)
  const runTime = fields.value('run-time') || defaultOf('run-time')
  const runTimeSeconds = parseRunTime(runTime)
  if (runTimeSeconds === undefined || runTimeSeconds <= 0) {
    fields.fail(
      'run-time',
      runTime,
      'expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".'
    )
  }
  const defaultTimeout = Math.ceil((runTimeSeconds ?? 60) / 60) + 10
  const timeoutMinutes = fields.positiveNumber(
    'timeout-minutes',
    Math.min(defaultTimeout, MAX_TIMEOUT_MINUTES),
    MAX_TIMEOUT_MINUTES
  )
  if (problems.length > 0) throw new InputError(problems)
  return { backend, stackName, workers, timeoutMinutes }
}

/**
 * Reads raw inputs one by one, recording each problem in `problems` (naming the input as
 * `context.displayName` shows it) instead of stopping at the first.
 */
function fieldReader(raw: RawInputs, context: InputContext, problems: InputProblem[]) {
  const name = (input: string): string => context.displayName?.(input) ?? input
  const value = (input: string): string => (raw[input] ?? '').trim()
  const fail = (input: string, given: string, accepted: string): undefined => {
    const cut = given.length - 200
    const shown =
      given === ''
        ? 'nothing'
        : cut > 0
          ? `"${given.slice(0, 200)}…" (${cut.toLocaleString('en-US')} more characters cut)`
          : `"${given}"`
    problems.push({ input, message: `Input '${name(input)}': got ${shown}; ${accepted}` })
    return undefined
  }

  const integer = (input: string, fallback: number, min: number, max: number): number => {
    const text = value(input)
    if (text === '') return fallback
    const parsed = /^\d+$/.test(text) ? Number(text) : NaN
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed
    fail(input, text, `expected a whole number from ${min} to ${max}.`)
    return fallback
  }
  const positiveNumber = (input: string, fallback: number, max: number): number => {
    const text = value(input)
    if (text === '') return fallback
    const parsed = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN
    if (parsed > 0 && parsed <= max) return parsed
    fail(input, text, `expected a number greater than 0 and at most ${max}, e.g. "10" or "0.5".`)
    return fallback
  }
  const boolean = (input: string, fallback: boolean): boolean => {
    const text = value(input)
    if (text === '') return fallback
    if (/^(true|yes|on)$/i.test(text)) return true
    if (/^(false|no|off)$/i.test(text)) return false
    fail(input, text, 'expected "true" or "false".')
    return fallback
  }
  const matching = (input: string, pattern: RegExp, accepted: string): string | undefined => {
    const text = value(input)
    if (text === '') return undefined
    return pattern.test(text) ? text : fail(input, text, accepted)
  }

  const settingsReader: SettingsReader = {
    value,
    fail,
    matching,
    // A backend names only its own inputs, all of them in the spec.
    integer: (input, min, max) => integer(input, Number(defaultOf(input as InputName)), min, max),
    boolean: (input) => boolean(input, defaultOf(input as InputName) === 'true'),
    list: (input) => splitList(value(input)),
    env: context.env
  }
  return { value, fail, integer, positiveNumber, boolean, matching, settingsReader }
}

/** A message cut to LIMITS.problemChars, saying how much was cut. */
function capped(message: string): string {
  if (message.length <= LIMITS.problemChars) return message
  const cut = message.length - LIMITS.problemChars
  return `${message.slice(0, LIMITS.problemChars)}… (${cut.toLocaleString('en-US')} more characters cut)`
}
