import { availableParallelism } from 'node:os'
import type { RunConfig } from '../../run/config.js'
import type { BackendModule } from '../types.js'
import { createLocalBackend } from './backend.js'
import { stopProcessGroups, type ProcessGroupHandle } from './process-groups.js'
import { parseLocalSettings, type LocalSettings } from './settings.js'

/**
 * Locust's master and workers as process groups on this machine. Its checks (Locust installed,
 * host reachable) need the machine, so they run in `run` and end in an outcome with a report.
 */
export const localBackend: BackendModule<
  LocalSettings,
  RunConfig<LocalSettings>,
  ProcessGroupHandle
> = {
  kind: 'local',
  label: 'local',
  shipsWorkingDirectory: false,
  runsLocustfile: true,
  parseSettings: parseLocalSettings,
  prepare(config, hooks) {
    const cpus = availableParallelism()
    if (config.workers > cpus) {
      hooks.warn?.(
        `workers is ${config.workers} but this machine has ${cpus} CPUs: each Locust worker uses one CPU at most, so the extra workers share CPUs and add no load; set workers to ${cpus} or fewer.`
      )
    }
    return Promise.resolve(config)
  },
  run: (config, hooks) => createLocalBackend().run(config, hooks),
  async cleanup(processGroups, log) {
    if (processGroups.length === 0) return
    const { stopped, reused } = await stopProcessGroups(processGroups)
    log(`Stopped ${stopped} leftover Locust process group(s).`)
    if (reused.length > 0) {
      log(
        `Left pid ${reused.join(', ')} alone: Locust's process with that pid has ended and another program has the pid now.`
      )
    }
  }
}
