import type { SettingsReader } from '../../run/settings-reader.js'
import { RUNNER_SECRET_PATTERN } from './environment.js'

export interface LocalSettings {
  kind: 'local'
  /** Locust version to install with pip when none is installed. */
  locustVersion?: string
  /** How long to retry until `host` accepts TCP connections, in seconds (0: once). */
  waitForHostSeconds: number
  /** Names of environment variables passed to Locust besides the basic ones. */
  passEnv: string[]
}

const LOCUST_VERSION_PATTERN = /^\d+\.\d+(?:\.\d+)?$/
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export function parseLocalSettings(reader: SettingsReader): LocalSettings {
  const locustVersion = reader.matching(
    'locust-version',
    LOCUST_VERSION_PATTERN,
    'expected a Locust version such as "2.32.1".'
  )
  const waitForHostSeconds = reader.integer('wait-for-host')
  const passEnv = reader.list('pass-env').filter((name) => {
    if (!VARIABLE_NAME.test(name)) {
      reader.fail('pass-env', name, 'expected names of environment variables, such as "API_TOKEN".')
      return false
    }
    if (RUNNER_SECRET_PATTERN.test(name)) {
      reader.fail(
        'pass-env',
        name,
        "the runner's credentials and the action's inputs never reach Locust; pass the value under a name of your own."
      )
      return false
    }
    return true
  })
  return { kind: 'local', locustVersion, waitForHostSeconds, passEnv }
}
