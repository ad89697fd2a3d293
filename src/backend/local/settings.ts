import type { SettingsReader } from '../../run/settings-reader.js'

export interface LocalSettings {
  kind: 'local'
  /** Locust version to install with pip when none is installed. */
  locustVersion?: string
}

const LOCUST_VERSION_PATTERN = /^\d+\.\d+(?:\.\d+)?$/

export function parseLocalSettings(reader: SettingsReader): LocalSettings {
  const locustVersion = reader.matching(
    'locust-version',
    LOCUST_VERSION_PATTERN,
    'expected a Locust version such as "2.32.1".'
  )
  return { kind: 'local', locustVersion }
}
