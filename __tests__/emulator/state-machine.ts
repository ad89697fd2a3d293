/**
 * aws-local-stepfunctions validates a definition each time a StateMachine is made from it: about a
 * quarter of a second of CPU for ours, paid by every scenario of the stack tests. Each distinct
 * definition is validated the first time a test file makes a machine of it, not again afterwards.
 */
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions'

const validated = new Set<string>()

export function makeStateMachine(definition: object): StateMachine {
  const key = JSON.stringify(definition)
  const machine = new StateMachine(definition as StateMachineDefinition, {
    validationOptions: { noValidate: validated.has(key) }
  })
  validated.add(key)
  return machine
}
