/**
 * aws-local-stepfunctions validates a definition each time a StateMachine is made from it: about a
 * third of a second of CPU for ours (ajv), paid by every test file that runs the state machine,
 * some forty in a full run, each in a module registry of its own. A definition the installed
 * version of the library accepted once is not validated again: a marker named by the hash of the
 * version and the definition, in the temporary folder, remembers it across test files and runs.
 * A definition it refuses still fails every time, as CreateStateMachine does on AWS.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions'

// Its package.json is not among its exports: found beside its build folder.
const LIBRARY_ENTRY = createRequire(import.meta.url).resolve('aws-local-stepfunctions')
const LIBRARY_VERSION = (
  JSON.parse(readFileSync(join(dirname(LIBRARY_ENTRY), '..', 'package.json'), 'utf8')) as {
    version: string
  }
).version
const MARKERS = join(tmpdir(), 'distributed-locust-asl-accepted')

export function makeStateMachine(definition: object): StateMachine {
  const marker = join(
    MARKERS,
    createHash('sha256')
      .update(`${LIBRARY_VERSION}\n${JSON.stringify(definition)}`)
      .digest('hex')
  )
  const accepted = existsSync(marker)
  const machine = new StateMachine(definition as StateMachineDefinition, {
    validationOptions: { noValidate: accepted }
  })
  if (!accepted) {
    mkdirSync(MARKERS, { recursive: true })
    writeFileSync(marker, '')
  }
  return machine
}
