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

/**
 * Why a failed run may have failed for want of workers: ECS started fewer worker tasks than the
 * load needed to start. Undefined when enough were started.
 */
export function workerShortfall(
  tasks: readonly Task[],
  settings: { workers: number; minWorkers: number; replaceMinutes: number }
): string | undefined {
  const started = tasks.filter((task) => taskRole(task) === 'worker').length
  if (started >= settings.minWorkers) return undefined
  return (
    `ECS started ${started} of the ${settings.workers} worker task(s) asked for, and the load ` +
    `needed ${settings.minWorkers} (min-workers): Fargate had no capacity for the others while ` +
    `the master waited (they are asked for again for up to ${settings.replaceMinutes} minutes, ` +
    `worker-replace-minutes). Try again later, add subnets in other zones, or lower min-workers.`
  )
}
