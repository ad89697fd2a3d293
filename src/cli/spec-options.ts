/**
 * Commander options generated from the input spec (src/inputs/spec.ts), and the raw inputs read
 * back from what commander parsed: the one place that maps flags to inputs, for every command.
 */
import { Option, type Command } from 'commander'
import { InputError, type InputProblem } from '../inputs/model.js'
import { inputReader } from '../inputs/read.js'
import { nodeFiles } from '../inputs/files.js'
import type { InputContext, RawInputs } from '../inputs/parse.js'
import { plainText } from '../report/escape.js'
import type { Output } from './console.js'
import { cliHelp, INPUTS, type InputSpec } from '../inputs/spec.js'

export type FlaggedInput = InputSpec & { cli: NonNullable<InputSpec['cli']> }

/** The inputs the CLI has a flag for. */
export const FLAGGED_INPUTS = (INPUTS as readonly InputSpec[]).filter(
  (spec): spec is FlaggedInput => spec.cli !== undefined
)

export interface FlagValues {
  raw: RawInputs
  /** Inputs whose flag was given an empty value (`-t ""`): a mistake, not a request for the default. */
  emptyFlags: string[]
}

/**
 * Adds an option per input to `command`, under the help heading `helpGroup` gives, and returns
 * the reader that turns commander's parsed values into raw inputs keyed by input name.
 */
export function addInputOptions(
  command: Command,
  inputs: readonly FlaggedInput[],
  helpGroup: (spec: InputSpec) => string | undefined = () => undefined
): (values: Record<string, unknown>) => FlagValues {
  const options = inputs.map((spec) => {
    const option = new Option(spec.cli.flags, cliHelp(spec))
    const group = helpGroup(spec)
    if (group) option.helpGroup(group)
    if (spec.cli.repeatable) {
      option.argParser((value: string, previous: string[] = []) => [...previous, value])
    }
    command.addOption(option)
    return { spec, option }
  })
  return (values) => {
    const given = options.map(({ spec, option }) => ({
      spec,
      value: values[option.attributeName()] as string | string[] | boolean | undefined
    }))
    const raw: RawInputs = Object.fromEntries(
      given.map(({ spec, value }) => {
        // A switch such as --assign-public-ip feeds its input the words the action accepts.
        const text = typeof value === 'boolean' ? String(value) : value
        return [spec.name, Array.isArray(text) ? text.join('\n') : text]
      })
    )
    const emptyFlags = given
      .filter(({ value }) => value === '' || (Array.isArray(value) && value.includes('')))
      .map(({ spec }) => spec.name)
    return { raw, emptyFlags }
  }
}

/**
 * Parses what the flags gave with `parse`, refusing flags given an empty value. On bad input it
 * writes every problem under `heading`, each naming its option ("option --run-time (-t): …"),
 * and returns undefined; other errors are thrown.
 */
export function parseFlagValues<T>(
  { raw, emptyFlags }: FlagValues,
  parse: (raw: RawInputs, context: InputContext) => T,
  context: {
    cwd: string
    env: NodeJS.ProcessEnv
    stderr: Output
    flagOf: (input: string) => string
  },
  heading: string
): T | undefined {
  const { cwd, env, stderr, flagOf } = context
  const label = (input: string) => `option ${flagOf(input)}`
  try {
    if (emptyFlags.length > 0) {
      throw new InputError(
        emptyFlags.map((input) => ({
          input,
          message: `${label(input)}: got nothing; give it a value, or leave the flag out for its default.`
        }))
      )
    }
    return parse(raw, { cwd, env, files: nodeFiles, displayName: flagOf, label })
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    stderr.write(plainText(`${heading}\n${error.message}\n(add --help for usage)\n`))
    return undefined
  }
}

/** The `--confidence` option of the commands that judge without running, read as the spec reads it. */
export function readConfidenceOption(given: string | undefined): number | { problem: string } {
  const problems: InputProblem[] = []
  const confidence = inputReader(
    { confidence: given },
    problems,
    (input) => `option --${input}`
  ).number('confidence')
  if (confidence === undefined || problems.length > 0) {
    return { problem: problems.map((problem) => problem.message).join('\n') }
  }
  return confidence
}
