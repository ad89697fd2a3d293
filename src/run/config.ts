import type { SecretReference } from '../inputs/secrets.js'
import type { ThresholdRule } from '../thresholds/model.js'
import type { RoundsPlan } from './rounds.js'

/**
 * What one backend needs beyond the common inputs, tagged with its kind. Each backend declares its
 * own (src/backend/<kind>/settings.ts); src/backend/registry.ts unites them into BackendSettings.
 */
export interface BackendSettingsBase {
  kind: string
}

/** Every input of a run, validated and typed, built before anything is started. */
export interface RunConfig<Settings extends BackendSettingsBase = BackendSettingsBase> {
  /** Where Locust runs, and that backend's own settings. */
  backend: Settings
  /** Absolute path of the locustfile. */
  locustfile: string
  /** Absolute paths of extra files or folders the test needs. */
  data: string[]
  host?: string
  users: number
  spawnRate: number
  /** Run time as the user wrote it (Locust's form, e.g. "1h30m"). */
  runTime: string
  runTimeSeconds: number
  workers: number
  /** Rounds driven inside the master (src/run/rounds.ts); absent for one plain run. */
  rounds?: RoundsPlan
  /** Extra Locust flags, tokenized. */
  locustArgs: string[]
  thresholds: ThresholdRule[]
  failOnThreshold: boolean
  /** One-sided confidence of a baseline rule's verdict (docs/thresholds.md); default 0.95. */
  confidence?: number
  /** What an inconclusive verdict does to the step (docs/outcomes.md); default pass. */
  onInconclusive?: 'pass' | 'fail'
  /** `on-invalid`: what a run unfit to judge does to the step (docs/outcomes.md); default fail. */
  onInvalid?: 'pass' | 'fail'
  timeoutMinutes: number
  /** Absolute working directory every relative path was resolved against. */
  workingDirectory: string
  /** Absolute folder that receives CSVs, HTML report, summary.md and results.json. */
  resultsDir: string
  /** `secrets`: environment variables of the locustfile read from a secret store (docs/security.md). */
  secrets?: SecretReference[]
}
