import * as core from '@actions/core'
import { stopProcessGroups } from '../backend/local/process-groups.js'
import { readCleanupState } from './state.js'
import { actionState } from './core-state.js'

/**
 * The post step: when the main step was cancelled or died mid-run, stop everything it started.
 * Idempotent, and a cleanup problem is a warning, never a failure of its own.
 */
export async function cleanup(): Promise<void> {
  const { resources, finished } = readCleanupState(actionState)
  if (finished) return
  try {
    if (resources.processGroups && resources.processGroups.length > 0) {
      const stopped = await stopProcessGroups(resources.processGroups)
      core.info(`Stopped ${stopped} leftover Locust process group(s).`)
    }
    if (resources.execution) {
      const { stopRun } = await import('../backend/aws/cleanup.js')
      await stopRun(resources.execution, (line) => core.info(line))
    }
  } catch (error) {
    core.warning(`Cleanup after the load test did not complete: ${(error as Error).message}`)
  }
}
