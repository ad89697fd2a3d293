/** Locust command lines for one master and its workers on this machine (pure). */
import { join } from 'node:path'
import type { RunConfig } from '../../run/config.js'
import { CSV_PREFIX } from '../../run/results-layout.js'

export const LOOPBACK = '127.0.0.1'

export interface MasterPlan {
  port: number
  /** Seconds the master waits for every worker before it gives up on its own. */
  workerWaitSeconds: number
  /**
   * The locustfile shapes the load itself: users, spawn rate and run time come from its
   * LoadTestShape (Locust 2.12 refuses --run-time with a shape), and the backend enforces run time.
   */
  loadShape: boolean
}

export function masterArgs(config: RunConfig, plan: MasterPlan): string[] {
  return [
    '-f',
    config.locustfile,
    '--master',
    '--master-bind-host',
    LOOPBACK,
    '--master-bind-port',
    String(plan.port),
    '--headless',
    ...(plan.loadShape ? [] : ['-u', String(config.users), '-r', String(config.spawnRate)]),
    // With rounds, the master's control channel times each round and ends the run itself.
    ...(plan.loadShape || config.rounds !== undefined ? [] : ['-t', `${config.runTimeSeconds}s`]),
    '--expect-workers',
    String(config.workers),
    '--expect-workers-max-wait',
    String(plan.workerWaitSeconds),
    '--csv',
    join(config.resultsDir, CSV_PREFIX),
    '--csv-full-history',
    '--html',
    join(config.resultsDir, 'report.html'),
    ...(config.host !== undefined ? ['-H', config.host] : []),
    ...config.locustArgs
  ]
}

/**
 * Workers get the user's extra flags too: user class names, tags and custom arguments are read on
 * the workers, and the rest is harmless there.
 */
export function workerArgs(config: RunConfig, masterPort: number): string[] {
  return [
    '-f',
    config.locustfile,
    '--worker',
    '--master-host',
    LOOPBACK,
    '--master-port',
    String(masterPort),
    ...config.locustArgs
  ]
}

/**
 * The version from `locust --version`: "locust 2.12.1" (2.12) or
 * "locust 2.32.1 from /…/site-packages/locust (python 3.12.3)" (current). Undefined when Locust
 * printed no version (Debian's package ships an empty one until repaired).
 */
export function parseLocustVersion(output: string): string | undefined {
  return /^locust\s+(\d[^\s]*)/m.exec(output.trim())?.[1]
}
