import * as core from '@actions/core'
import { backendFor } from '../backend/registry.js'
import { readCleanupState } from './state.js'
import { actionState } from './core-state.js'

/**
 * The post step: when the main step was cancelled or died mid-run, stop everything it started,
 * each backend's resources through that backend's own cleanup. Idempotent, and a cleanup problem
 * is a warning, never a failure of its own.
 */
export async function cleanup(): Promise<void> {
  const { resources, finished } = readCleanupState(actionState)
  if (finished) return
  const handlesByBackend = new Map<string, unknown[]>()
  for (const { backend, handle } of resources) {
    handlesByBackend.set(backend, [...(handlesByBackend.get(backend) ?? []), handle])
  }
  for (const [kind, handles] of handlesByBackend) {
    try {
      await backendFor(kind).cleanup(handles, (line) => core.info(line))
    } catch (error) {
      core.warning(`Cleanup after the load test did not complete: ${(error as Error).message}`)
    }
  }
}
