/**
 * What a backend's `parseSettings` gets from the input parser: the raw values and the parser's own
 * checks, which record every problem (naming the input) instead of stopping at the first, and
 * take the bounds and defaults the input's entry in src/inputs/spec.ts declares.
 */
export interface SettingsReader {
  /** The trimmed value of an input; '' when not given. */
  value: (input: string) => string
  /** Records a problem with an input: what was given and what is accepted. */
  fail: (input: string, given: string, accepted: string) => undefined
  /** The value when it matches `pattern`; undefined when empty or (recorded as a problem) not. */
  matching: (input: string, pattern: RegExp, accepted: string) => string | undefined
  /** A whole number within the spec's bounds; its default when empty or (recorded as a problem) not. */
  integer: (input: string) => number
  /** true or false; the input's default when empty or (recorded as a problem) neither. */
  boolean: (input: string) => boolean
  /** The input as a list written one item per line or comma-separated. */
  list: (input: string) => string[]
  env: NodeJS.ProcessEnv
}
