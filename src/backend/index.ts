import type { BackendKind } from '../report/model.js'
import type { Backend } from './types.js'

/** The backend for a run; each is loaded only when chosen. */
export async function createBackend(kind: BackendKind): Promise<Backend> {
  switch (kind) {
    case 'local':
      return (await import('./local/index.js')).createLocalBackend()
    case 'aws':
      return (await import('./aws/index.js')).createAwsBackend()
  }
}
