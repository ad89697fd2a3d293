import type { RunConfig } from '../inputs/model.js'
import type { RunFacts } from '../report/model.js'

/** Live figures a backend reports while the test runs (for the CLI's progress line and step logs). */
export interface Progress {
  elapsedSeconds: number
  totalSeconds: number
  users?: number
  rps?: number
  failRatio?: number
  message?: string
}

/** What a backend hands to the engine once the run is over, however it ended. */
export interface BackendOutcome {
  /** Folder holding the Locust CSVs (and HTML report, logs) of this run. */
  resultsDir: string
  /** Prefix of the CSV files inside resultsDir, e.g. "locust" for locust_stats.csv. */
  csvPrefix: string
  /** Locust master's exit code, when it exited on its own. */
  locustExitCode?: number
  /** Set when Locust could not run or the run was cut short; a message for the user. */
  error?: string
  /** True when the CSVs cover only part of the planned run. */
  partial: boolean
  /** Facts learned while running (workers connected, Locust version, timings, links). */
  facts: Partial<RunFacts>
}

/** What a backend has started that must be stopped should this process die before it can. */
export interface StartedResources {
  /** Process groups of local Locust processes. */
  processGroups?: number[]
  /** A Step Functions execution and the ECS tasks it tags with the run id. */
  execution?: { arn: string; region?: string; cluster?: string; runId: string }
}

export interface RunHooks {
  /** Aborted on cancellation (SIGINT/SIGTERM, workflow cancel): the backend stops what it started. */
  signal?: AbortSignal
  onProgress?: (progress: Progress) => void
  /** Informational lines for the step log or terminal. */
  log?: (line: string) => void
  /** Called as soon as something is started, so that the action's post step can clean up after a crash. */
  onStarted?: (resources: StartedResources) => void
}

export interface Backend {
  run(config: RunConfig, hooks: RunHooks): Promise<BackendOutcome>
}
