/**
 * `backend: none`: Locust ran elsewhere and its CSVs (Locust 1.1 or later) are already in
 * `results-dir`. Nothing is started; the run is what the CSVs say (peak users and duration from
 * the stats history), judged and reported like any other.
 */
import { stat } from 'node:fs/promises'
import { PreflightError } from '../../errors.js'
import type { RunConfig } from '../../run/config.js'
import { factsFromHistory } from '../../results/history-facts.js'
import { findCsvPrefix } from '../../results/read.js'
import type { BackendModule, BackendOutcome } from '../types.js'

export interface NoneSettings {
  kind: 'none'
}

export const noneBackend: BackendModule<NoneSettings, RunConfig<NoneSettings>, never> = {
  kind: 'none',
  label: 'none (existing Locust results judged)',
  shipsWorkingDirectory: false,
  runsLocustfile: false,
  parseSettings: () => ({ kind: 'none' }),
  async prepare(config) {
    const isFolder = await stat(config.resultsDir).then(
      (info) => info.isDirectory(),
      () => false
    )
    if (!isFolder) {
      throw new PreflightError(
        `Input 'results-dir': no folder at ${config.resultsDir}; with backend none, give the folder that holds the Locust CSVs to judge.`
      )
    }
    return config
  },
  async run(config): Promise<BackendOutcome> {
    try {
      const csvPrefix = await findCsvPrefix(config.resultsDir)
      return {
        csvPrefix,
        partial: false,
        facts: await factsFromHistory(config.resultsDir, csvPrefix)
      }
    } catch (error) {
      return { partial: false, error: (error as Error).message, facts: {} }
    }
  },
  cleanup: () => Promise.resolve()
}
