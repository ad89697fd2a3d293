/**
 * One input table: each entry of src/inputs/spec.ts says what its input accepts, the readers of
 * src/inputs/read.ts enforce exactly that, and action.yml's inputs are written from it.
 */
import { readFileSync } from 'node:fs'
import { renderActionInputs } from '../../scripts/action-docs.js'
import type { InputProblem } from '../../src/inputs/model.js'
import { inputReader, type RawInputs } from '../../src/inputs/read.js'
import { INPUTS, type InputSpec } from '../../src/inputs/spec.js'

/** Reads one input by its entry's type; returns the value and the problems recorded. */
function read(spec: InputSpec, given: string | undefined) {
  const raw: RawInputs = given === undefined ? {} : { [spec.name]: given }
  const problems: InputProblem[] = []
  const reader = inputReader(raw, problems)
  const name = spec.name as never
  const value = {
    integer: () => reader.integer(name),
    number: () => reader.number(name),
    boolean: () => reader.boolean(name),
    choice: () => reader.choice(name),
    duration: () => reader.duration(name),
    list: () => reader.list(name),
    text: () => reader.text(name),
    path: () => reader.text(name),
    rules: () => reader.value(name)
  }[spec.type]()
  return { value, messages: problems.map((problem) => problem.message) }
}

const ENTRIES: readonly InputSpec[] = INPUTS
const bounded = ENTRIES.filter(
  (spec): spec is Extract<InputSpec, { type: 'integer' | 'number' }> =>
    spec.type === 'integer' || spec.type === 'number'
)
const choices = ENTRIES.filter(
  (spec): spec is Extract<InputSpec, { type: 'choice' }> => spec.type === 'choice'
)

describe('each entry of the input table', () => {
  test.each(INPUTS.map((spec) => [spec.name, spec] as const))(
    '%s: its own default is accepted, and is what an empty input reads as',
    (_name, spec) => {
      const given = read(spec, spec.default)
      const empty = read(spec, undefined)
      expect(given.messages).toEqual([])
      expect(empty.messages).toEqual([])
      expect(empty.value).toEqual(given.value)
    }
  )

  test.each(bounded.map((spec) => [spec.name, spec] as const))(
    '%s: takes its bounds from the table and refuses a value beyond them',
    (_name, spec) => {
      const lowest = 'min' in spec ? spec.min : spec.above
      expect(lowest).toBeLessThan(spec.max)
      expect(read(spec, String(spec.max)).value).toBe(spec.max)
      const tooHigh = read(spec, String(spec.max + 1))
      expect(tooHigh.messages).toHaveLength(1)
      expect(tooHigh.messages[0]).toContain(`got "${spec.max + 1}"`)
      expect(tooHigh.messages[0]).toContain(String(spec.max))
      if ('above' in spec) {
        expect(read(spec, String(spec.above)).messages[0]).toContain(
          `greater than ${spec.above} and at most ${spec.max}`
        )
      } else {
        expect(read(spec, String(spec.min)).value).toBe(spec.min)
      }
    }
  )

  test.each(choices.map((spec) => [spec.name, spec] as const))(
    '%s: accepts each of its choices and refuses others, naming them',
    (_name, spec) => {
      for (const choice of spec.choices)
        expect(read(spec, choice)).toEqual({ value: choice, messages: [] })
      const wrong = read(spec, 'sometimes')
      expect(wrong.value).toBe(spec.default)
      expect(wrong.messages).toHaveLength(1)
      expect(wrong.messages[0]).toContain(`Input '${spec.name}': got "sometimes"; expected "`)
      for (const choice of spec.choices) expect(wrong.messages[0]).toContain(`"${choice}"`)
    }
  )
})

test('action.yml declares the inputs as the table writes them (npx tsx scripts/action-docs.ts)', () => {
  const actionYml = readFileSync('action.yml', 'utf8')
  expect(actionYml).toBe(renderActionInputs(actionYml))
})
