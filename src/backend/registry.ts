/**
 * Every backend, by kind. Adding one: a folder under src/backend/ whose module.ts exports a
 * BackendModule (see ./types.ts), and one line in BACKENDS below.
 */
import { awsBackend } from './aws/module.js'
import { localBackend } from './local/module.js'
import { noneBackend } from './none/module.js'
import type { BackendModule } from './types.js'

const BACKENDS = [localBackend, awsBackend, noneBackend] as const

/** The settings of any backend, tagged by `kind`: the backend part of a RunConfig. */
export type BackendSettings = ReturnType<(typeof BACKENDS)[number]['parseSettings']>
export type BackendKind = BackendSettings['kind']

export const BACKEND_KINDS: readonly BackendKind[] = BACKENDS.map((backend) => backend.kind)

export function isBackendKind(text: string): text is BackendKind {
  return (BACKEND_KINDS as readonly string[]).includes(text)
}

/** The backend of a kind, seen through the common interface (its own types stay inside it). */
export function backendFor(kind: string): BackendModule {
  const backend = BACKENDS.find((candidate) => candidate.kind === kind)
  if (!backend) throw new Error(`No backend of kind "${kind}"; known: ${BACKEND_KINDS.join(', ')}`)
  return backend
}

/**
 * The backend the `doctor` command checks: the first with a doctor (a second one would give the
 * command a --backend option).
 */
export function doctorBackend(): BackendModule | undefined {
  return BACKENDS.find((backend) => backend.doctor !== undefined)
}
