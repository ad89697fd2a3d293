import { DistributedLocustError } from '../errors.js'

/** One input that failed validation. The message names the input, what was given and what is accepted. */
export interface InputProblem {
  input: string
  message: string
}

export class InputError extends DistributedLocustError {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => p.message).join('\n'))
  }
}
