/** Facts about how the run was made, shown in the report. */
export interface RunFacts {
  /** The backend's kind, as in the `backend` input ("local", "aws"). */
  backend: string
  /** The backend's name for people, e.g. "AWS (Fargate, Step Functions)"; not in results.json. */
  backendLabel: string
  /** True when Locust ran elsewhere and only its CSVs were judged (backend none, `report`). */
  locustRanElsewhere?: true
  host?: string
  users: number
  spawnRate: number
  workers: number
  /** Workers (Fargate: worker tasks) that actually connected to the master, when known. */
  workersConnected?: number
  /**
   * Locust worker processes connected, when a worker runs several (one per vCPU on current
   * Locust); absent when each worker is one process.
   */
  workerProcesses?: number
  /** Workers that joined the master over the run (a restarted worker joins again), when known. */
  workersJoined?: number
  /**
   * Workers lost during the run, replaced or not, when known: the master's count of workers
   * without heartbeat (local), worker tasks that stopped on their own (aws).
   */
  workersLost?: number
  /** Workers that must have joined for the load to start (aws `min-workers`); absent: `workers`. */
  minWorkers?: number
  /** Worker tasks started in place of stopped, reclaimed or missing ones (aws), when known. */
  workersReplaced?: number
  /** Worker tasks Fargate Spot reclaimed during the run (aws), when known. */
  workersReclaimed?: number
  /** The locustfile's LoadTestShape set users and spawn rate (`users`/`spawn-rate` were unused). */
  loadShape?: boolean
  /** The processes whose CPU Locust warned was above 90 % ("the master", "worker 2"), when any. */
  cpuWarnings?: string[]
  /** Requested run time in seconds. */
  runTimeSeconds: number
  /**
   * When the run time was measured from Locust's history rather than requested (a run made
   * elsewhere, judged by `report`): how far two measurements of the same run time can differ.
   */
  runTimeResolutionSeconds?: number
  /** Measured wall-clock duration of the test in seconds, when known. */
  durationSeconds?: number
  locustVersion?: string
  /** How that Locust came to run (installed by the action…), or a warning that it is not the one asked for. */
  locustNote?: string
  startedAt?: string
  endedAt?: string
  /** The CI run that made this report (GitHub's run id) and its page, when known. */
  runId?: string
  runUrl?: string
  /** The abort rule that ended the run early (src/thresholds/abort.ts): its text, when, why. */
  aborted?: { rule: string; atSeconds: number; message: string }
  /** What the run cost (the aws backend), in US dollars, and how it was reckoned. */
  cost?: { usd?: number; note: string }
  /** Backend-specific identifiers (execution ARN, run id, console links…), rendered as a list. */
  links?: { label: string; url?: string; value?: string }[]
}
