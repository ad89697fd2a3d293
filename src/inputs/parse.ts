import { isAbsolute, relative, resolve, sep } from 'node:path'
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
import type { SettingsReader } from '../run/settings-reader.js'
import { InputError, type InputProblem } from './model.js'
import { defaultOf } from './spec.js'
import { insteadOf, reservedFlagsOf } from './locust-flags.js'

/** Raw input values as the action (core.getInput) or the CLI (flags) gives them. */
export type RawInputs = Partial<Record<string, string>>

export type PathKind = 'file' | 'directory' | 'missing'

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
  read: (path: string) => string
}

export const MAX_WORKERS = 200

export { INPUT_NAMES } from './spec.js'

const RUN_TIME_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/

/** Some backends ship files keyed by their path inside the working directory. */
const shippedInsideWorkingDirectory = (kind: string): string =>
  `the ${kind} backend ships files by their path inside \`working-directory\`, and this one is outside it; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`

function isOutside(folder: string, path: string): boolean {
  const inside = relative(folder, path)
  return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)
}

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
  if (host !== undefined && !/^https?:\/\/[^\s/]+/.test(host)) {
    fail(
      'host',
      host,
      'expected a URL starting with http:// or https://, e.g. "https://staging.example.com".'
    )
  }

  const users = integer('users', Number(defaultOf('users')), 1, 1_000_000)
  const spawnRate = positiveNumber('spawn-rate', Math.min(users, 100), 100_000)

  const runTime = value('run-time') || defaultOf('run-time')
  const runTimeSeconds = parseRunTime(runTime)
  if (runTimeSeconds === undefined || runTimeSeconds <= 0) {
    fail('run-time', runTime, 'expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".')
  }

  const workers = integer('workers', Number(defaultOf('workers')), 1, MAX_WORKERS)

  const locustArgs = tokenizeLocustArgs(value('locust-args'), (message) =>
    fail('locust-args', value('locust-args'), message)
  )

  // A locustfile that sets its own percentile columns may have any percentile checked.
  const percentiles =
    locustfileKind === 'file' && context.files.read(locustfile).includes('PERCENTILES_TO_REPORT')
      ? 'any'
      : undefined
  const thresholds = parseThresholdInputs(raw, context, inWorkingDirectory, problems, name, {
    percentiles
  })

  const failOnThreshold = boolean('fail-on-threshold', defaultOf('fail-on-threshold') === 'true')
  const defaultTimeout = Math.ceil((runTimeSeconds ?? 60) / 60) + 10
  const timeoutMinutes = positiveNumber('timeout-minutes', defaultTimeout, 24 * 60)
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
    timeoutMinutes,
    workingDirectory,
    resultsDir
  }
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
 * Thresholds come from the `thresholds` input and from `thresholds-file`, in that order. Syntax
 * errors keep their line and column, counted within the input or file that holds them.
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
  if (fileText !== '') {
    const path = inWorkingDirectory(fileText)
    if (context.files.kind(path) !== 'file') {
      problems.push({
        input: 'thresholds-file',
        message: `Input '${name('thresholds-file')}': got "${fileText}"; no file at ${path}; expected a text file with one threshold rule per line.`
      })
    } else {
      sources.push({
        input: 'thresholds-file',
        text: context.files.read(path),
        origin: ` (${fileText})`
      })
    }
  }
  const rules: ThresholdRule[] = []
  for (const source of sources) {
    try {
      rules.push(...parseThresholds(source.text, options))
    } catch (error) {
      if (!(error instanceof ThresholdSyntaxError)) throw error
      for (const problem of error.problems) {
        const detail = problem.message.replace(/^thresholds\s*/, '')
        problems.push({
          input: source.input,
          message: `Input '${name(source.input)}'${source.origin}: ${detail}`
        })
      }
    }
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
  const timeoutMinutes = fields.positiveNumber('timeout-minutes', defaultTimeout, 24 * 60)
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
    const shown =
      given === '' ? 'nothing' : `"${given.length > 200 ? `${given.slice(0, 200)}…` : given}"`
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
    integer,
    boolean,
    list: (input) => splitList(value(input)),
    env: context.env
  }
  return { value, fail, integer, positiveNumber, boolean, matching, settingsReader }
}
