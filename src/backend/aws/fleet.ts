/** The run's worker tasks as ECS describes them at the end: replaced, reclaimed, lost. Pure. */
import type { Task } from '@aws-sdk/client-ecs'
import { taskRole } from './monitor.js'

/** What happened to a run's worker tasks, from ECS's description of every task of the run. */
export interface WorkerFleet {
  /** Worker tasks started beyond the workers asked for: replacements. */
  replaced: number
  /** Worker tasks Fargate Spot reclaimed (stop code SpotInterruption). */
  reclaimed: number
  /** Worker tasks that stopped on their own (reclaimed, failed, never started), replaced or not. */
  stopped: number
}

/**
 * Counts the run's replaced, reclaimed and lost workers. A worker stopped by the run's own cleanup
 * (UserInitiated) or that exited 0 when the load ended did not fail. Pure.
 */
export function workerFleet(tasks: readonly Task[], workersAsked: number): WorkerFleet {
  const workers = tasks.filter((task) => taskRole(task) === 'worker')
  const replaced = Math.max(0, workers.length - workersAsked)
  const reclaimed = workers.filter((task) => task.stopCode === 'SpotInterruption').length
  const failed = workers.filter(
    (task) =>
      task.stopCode === 'SpotInterruption' ||
      task.stopCode === 'TaskFailedToStart' ||
      (task.stopCode === 'EssentialContainerExited' && task.containers?.[0]?.exitCode !== 0)
  ).length
  return { replaced, reclaimed, stopped: failed }
}
