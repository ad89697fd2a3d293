import type { RunConfig } from '../../run/config.js'
import type { BackendModule } from '../types.js'
import type { RunHandle } from './cleanup.js'
import type { PreparedAwsRun } from './run.js'
import { parseAwsSettings, type AwsSettings } from './settings.js'

/**
 * Fargate tasks started by the stack's state machine. The AWS SDK is loaded only when this backend
 * is chosen.
 */
export const awsBackend: BackendModule<AwsSettings, PreparedAwsRun, RunHandle> = {
  kind: 'aws',
  label: 'AWS (Fargate, Step Functions)',
  shipsWorkingDirectory: true,
  runsLocustfile: true,
  parseSettings: parseAwsSettings,
  async prepare(config: RunConfig<AwsSettings>, hooks) {
    return (await import('./run.js')).prepareAwsRun(config, {}, hooks.warn ?? hooks.log)
  },
  async run(prepared, hooks) {
    return (await import('./run.js')).runAws(prepared, hooks)
  },
  async cleanup(handles, log) {
    const { stopRun } = await import('./cleanup.js')
    for (const handle of handles) await stopRun(handle, log)
  }
}
