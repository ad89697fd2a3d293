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
 * Where a backend keeps each branch's baseline itself (the aws backend: the stack's bucket), for
 * `baseline: auto`. A backend without one gets the results artifact of an earlier run.
 */
export interface BaselineStore<Settings> {
  /**
   * The branch's baseline history (docs/baselines.md): the newest `size` results.json it holds,
   * newest first, each with where it is; `location` names the store for messages.
   */
  fetch(
    settings: Settings,
    branch: BranchRef,
    size: number
  ): Promise<{ location: string; runs: { location: string; text: string }[] }>
  /**
   * Adds a run's results.json to its branch's history, keeping the newest `keep`; `restart` (a
   * run accepted as the new baseline) drops every older one. Returns where it went.
   */
  save(
    settings: Settings,
    branch: BranchRef,
    resultsJson: string,
    options: { keep: number; restart: boolean }
  ): Promise<string>
}

export interface BranchRef {
  /** "owner/repo". */
  repository: string
  branch: string
}

export interface DoctorFinding {
  /** What was checked, e.g. "stack", "image", "subnet subnet-0123…". */
  check: string
  level: 'ok' | 'warning' | 'error'
  message: string
  /** What to do about a warning or an error. */
  fix?: string
}

/** What the doctor weighs the backend against: the run the user is about to start. */
export interface DoctorRequest<Settings> {
  settings: Settings
  workers: number
  timeoutMinutes: number
}

/**
 * `distributed-locust doctor`: checks what a first run needs of the backend's infrastructure,
 * before any run. Its options are the backend's own inputs (less `uncheckedInputs`), `workers`,
 * `run-time` and `timeout-minutes`.
 */
export interface BackendDoctor<Settings> {
  /** The command's one line in the CLI's help. */
  description: string
  /** The command's help after its options: what is checked, an example. */
  help: string
  /** The backend's own inputs no check reads: not offered as options. */
  uncheckedInputs: readonly string[]
  /** Inputs the doctor cannot do without, each with why (the input is optional for a run). */
  requiredInputs: Readonly<Record<string, string>>
  /** One finding per check; `log` gets a line saying what is being checked. */
  check(
    request: DoctorRequest<Settings>,
    environment: { env: NodeJS.ProcessEnv; now: number; log: (line: string) => void }
  ): Promise<DoctorFinding[]>
  /**
   * Optional: `distributed-locust deploy` creates or updates the infrastructure from `template`
   * (the doctor then checks it); `log` gets its progress.
   */
  deploy?(
    request: DeployRequest<Settings>,
    environment: {
      log: (line: string) => void
      sleep: (ms: number) => Promise<void>
      now: () => number
    }
  ): Promise<{ ok: boolean; message: string }>
}

export interface DeployRequest<Settings> {
  settings: Settings
  /** The template's text. */
  template: string
  /** Where to upload the template (default: the backend's own storage, when there is one). */
  templateBucket?: string
  /** Template parameters to set; the others keep their values (or defaults). */
  parameters: Record<string, string>
}

/**
 * A backend: one folder under src/backend/ and one line in src/backend/registry.ts; nothing
 * outside its folder imports it. CONTRIBUTING.md's "Adding a backend" walks through it.
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
  /**
   * Optional: what runs Locust when it is not this machine (e.g. "the Fargate tasks"), given the
   * environment; loopback hosts are refused then.
   */
  runsRemotely?: (env: NodeJS.ProcessEnv) => string | undefined
  parseSettings(reader: SettingsReader): Settings
  prepare(config: RunConfig<Settings>, hooks: RunHooks<Handle>): Promise<Prepared>
  run(prepared: Prepared, hooks: RunHooks<Handle>): Promise<BackendOutcome>
  cleanup(handles: Handle[], log: (line: string) => void): Promise<void>
  /** Optional: its own baseline store; without it `baseline: auto` reads an earlier artifact. */
  baselineStore?: BaselineStore<Settings>
  /** Optional: the `doctor` command's checks. */
  doctor?: BackendDoctor<Settings>
}
