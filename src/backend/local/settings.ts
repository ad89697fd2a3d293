import type { SettingsReader } from '../../run/settings-reader.js'
import { defaultOf } from '../../inputs/spec.js'

export interface LocalSettings {
  kind: 'local'
  /** Locust version to install with pip when none is installed. */
  locustVersion?: string
  /** How long to retry until `host` accepts TCP connections, in seconds (0: once). */
  waitForHostSeconds: number
}

const LOCUST_VERSION_PATTERN = /^\d+\.\d+(?:\.\d+)?$/

export function parseLocalSettings(reader: SettingsReader): LocalSettings {
  const locustVersion = reader.matching(
    'locust-version',
    LOCUST_VERSION_PATTERN,
    'expected a Locust version such as "2.32.1".'
  )
  const waitForHostSeconds = reader.integer(
    'wait-for-host',
    Number(defaultOf('wait-for-host')),
    0,
    3600
  )
  return { kind: 'local', locustVersion, waitForHostSeconds }
}
