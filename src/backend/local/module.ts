import { availableParallelism } from 'node:os'
import { PreflightError } from '../../errors.js'
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
    const missing = missingSecrets(config, process.env)
    if (missing) return Promise.reject(new PreflightError(missing))
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

/**
 * Why the `secrets` cannot be read from `env` (the local backend reads each from the variable of
 * its name), or undefined when every one is set.
 */
function missingSecrets(
  config: RunConfig<LocalSettings>,
  env: NodeJS.ProcessEnv
): string | undefined {
  const missing = (config.secrets ?? [])
    .map(({ name }) => name)
    .filter((name) => env[name] === undefined)
  if (missing.length === 0) return undefined
  const [one, them] = missing.length === 1 ? ['is', 'it'] : ['are', 'them']
  return `Input 'secrets': the local backend reads each secret from the environment variable of its name, and ${missing.join(', ')} ${one} not set; export ${them}, or in a workflow set ${them} in the step's \`env\` (e.g. ${missing[0]}: \${{ secrets.${missing[0]} }}).`
}
