/**
 * Reads raw inputs by their entry in spec.ts: a value is checked against the entry's type, bounds
 * or choices and falls back on its default. Every problem is recorded (naming the input as the
 * action or the CLI shows it) instead of stopping at the first. Pure.
 */
import type { SettingsReader } from '../run/settings-reader.js'
import type { InputProblem } from './model.js'
import { inputSpec, type ChoiceOf, type InputOfType, type InputSpec } from './spec.js'

/** Raw input values as the action (core.getInput) or the CLI (flags) gives them. */
export type RawInputs = Partial<Record<string, string>>

/** Splits a list input written one item per line or comma-separated. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

const DURATION_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/

/** Parses Locust's duration forms ("90", "90s", "5m", "1h30m") into seconds; undefined if invalid. */
export function parseDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  const match = DURATION_PATTERN.exec(text)
  if (!match || text === '') return undefined
  const [, hours, minutes, seconds] = match
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)
}

/** '"a" or "b"', '"a", "b" or "c"'. */
export function alternatives(words: readonly string[]): string {
  const quoted = words.map((word) => `"${word}"`)
  return quoted.length < 2
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
}

/** The entry of an input read as `type`; a mismatch is a mistake in the code. */
function specOf<T extends InputSpec['type']>(
  name: string,
  type: T
): Extract<InputSpec, { type: T }> {
  const spec = inputSpec(name)
  if (spec.type !== type)
    throw new Error(`Input "${name}" is ${spec.type} in the spec, not ${type}`)
  return spec as Extract<InputSpec, { type: T }>
}

export type InputReader = ReturnType<typeof inputReader>

export function inputReader(
  raw: RawInputs,
  problems: InputProblem[],
  /** What a problem with an input starts with: "Input 'users'" (the action's wording) by default. */
  label: (input: string) => string = (input) => `Input '${input}'`
) {
  /** The trimmed value; '' when not given. */
  const value = (input: string): string => (raw[input] ?? '').trim()
  /** Records a problem: what was given (cut when long) and what is accepted. */
  const fail = (input: string, given: string, accepted: string): undefined => {
    const cut = given.length - 200
    const shown =
      given === ''
        ? 'nothing'
        : cut > 0
          ? `"${given.slice(0, 200)}…" (${cut.toLocaleString('en-US')} more characters cut)`
          : `"${given}"`
    problems.push({ input, message: `${label(input)}: got ${shown}; ${accepted}` })
    return undefined
  }

  /** The value, or the default when not given. */
  const text = (input: InputOfType<'text'> | InputOfType<'path'>): string =>
    value(input) || inputSpec(input).default

  const integer = (input: InputOfType<'integer'>): number => {
    const { min, max, default: fallback } = specOf(input, 'integer')
    const given = value(input)
    if (given === '') return Number(fallback)
    const parsed = /^\d+$/.test(given) ? Number(given) : NaN
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed
    fail(input, given, `expected a whole number from ${min} to ${max}.`)
    return Number(fallback)
  }

  /** The number; undefined when not given (or refused) and the default is computed. */
  const number = (input: InputOfType<'number'>): number | undefined => {
    const spec = specOf(input, 'number')
    const fallback = spec.default === '' ? undefined : Number(spec.default)
    const given = value(input)
    if (given === '') return fallback
    const parsed = /^\d+(?:\.\d+)?$/.test(given) ? Number(given) : NaN
    const low = 'min' in spec ? parsed >= spec.min : parsed > spec.above
    if (low && parsed <= spec.max) return parsed
    fail(
      input,
      given,
      'min' in spec
        ? `expected a number from ${spec.min} to ${spec.max}.`
        : `expected a number greater than ${spec.above} and at most ${spec.max}, e.g. "10" or "0.5".`
    )
    return fallback
  }

  const boolean = (input: InputOfType<'boolean'>): boolean => {
    const fallback = specOf(input, 'boolean').default === 'true'
    const given = value(input)
    if (given === '') return fallback
    if (/^(true|yes|on)$/i.test(given)) return true
    if (/^(false|no|off)$/i.test(given)) return false
    fail(input, given, 'expected "true" or "false".')
    return fallback
  }

  const choice = <N extends InputOfType<'choice'>>(input: N): ChoiceOf<N> => {
    const { choices, default: fallback } = specOf(input, 'choice')
    const given = value(input) || fallback
    if (choices.includes(given)) return given as ChoiceOf<N>
    fail(input, given, `expected ${alternatives(choices)}.`)
    return fallback as ChoiceOf<N>
  }

  /** The duration as given (or its default) and in seconds; undefined seconds when refused. */
  const duration = (input: InputOfType<'duration'>): { text: string; seconds?: number } => {
    const spec = specOf(input, 'duration')
    const given = value(input) || spec.default
    const seconds = parseDuration(given)
    if (seconds !== undefined && seconds >= (spec.min ?? 1)) return { text: given, seconds }
    fail(input, given, 'expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".')
    return { text: given }
  }

  const list = (input: string): string[] => splitList(value(input))

  const matching = (input: string, pattern: RegExp, accepted: string): string | undefined => {
    const given = value(input)
    if (given === '') return undefined
    return pattern.test(given) ? given : fail(input, given, accepted)
  }

  /** What a backend's parseSettings reads its own inputs with (it names them as strings). */
  const settingsReader = (env: NodeJS.ProcessEnv): SettingsReader => ({
    value,
    fail,
    matching,
    integer: (input) => integer(input as InputOfType<'integer'>),
    boolean: (input) => boolean(input as InputOfType<'boolean'>),
    list,
    env
  })

  return {
    value,
    fail,
    text,
    integer,
    number,
    boolean,
    choice,
    duration,
    list,
    matching,
    settingsReader
  }
}
