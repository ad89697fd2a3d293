import type { BackendSettingsBase, RunConfig } from '../run/config.js'
import type { RunFacts } from '../run/facts.js'
import type { Progress } from '../run/progress.js'
import type { SettingsReader } from '../run/settings-reader.js'

/** What a backend hands to the engine once the run is over, however it ended. */
export interface BackendOutcome {
  /** Prefix of the CSVs when the backend found them rather than wrote them (default: CSV_PREFIX). */
  csvPrefix?: string
  /** Locust master's exit code, when it exited on its own. */
  locustExitCode?: number
  /** Set when Locust could not run or the run was cut short; a message for the user. */
  error?: string
  /** True when the CSVs cover only part of the planned run. */
  partial: boolean
  /** Facts learned while running (workers connected, Locust version, timings, links). */
  facts: Partial<RunFacts>
}

export interface RunHooks<Handle = unknown> {
  /** Aborted on cancellation (SIGINT/SIGTERM, workflow cancel): the backend stops what it started. */
  signal?: AbortSignal
  onProgress?: (progress: Progress) => void
  /** Informational lines for the step log or terminal. */
  log?: (line: string) => void
  /** Warnings for the step log or terminal (shown as annotations in the action). */
  warn?: (line: string) => void
  /**
   * Called as soon as something is started, with what `cleanup` needs to stop it, so that the
   * action's post step (or the CLI on a second Ctrl-C) can clean up after a crash.
   */
  onStarted?: (handle: Handle) => void
}

/**
 * A backend: one folder under src/backend/ and one line in src/backend/registry.ts.
 * - `parseSettings` reads the backend's own inputs (every problem reported through the reader);
 * - `prepare` checks what can be checked before anything starts and throws a PreflightError
 *   (src/errors.ts) when the run cannot go ahead; it starts nothing;
 * - `run` always returns an outcome, also when the run fails or is cancelled, and stops what it
 *   started before it returns;
 * - `cleanup` stops what a crashed run left behind, from the handles `run` reported through
 *   `onStarted`; safe to call more than once.
 */
export interface BackendModule<
  Settings extends BackendSettingsBase = BackendSettingsBase,
  Prepared = unknown,
  Handle = unknown
> {
  kind: Settings['kind']
  /** The backend's name in reports, e.g. "AWS (Fargate, Step Functions)". */
  label: string
  /**
   * True when the backend ships the locustfile and data by their path inside `working-directory`,
   * so they must lie inside it.
   */
  shipsWorkingDirectory: boolean
  /** False for a backend that runs no Locust (`none`): no locustfile is needed then. */
  runsLocustfile: boolean
  parseSettings(reader: SettingsReader): Settings
  prepare(config: RunConfig<Settings>, hooks: RunHooks<Handle>): Promise<Prepared>
  run(prepared: Prepared, hooks: RunHooks<Handle>): Promise<BackendOutcome>
  cleanup(handles: Handle[], log: (line: string) => void): Promise<void>
}
