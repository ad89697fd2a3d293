import type { RunConfig } from '../../run/config.js'
import { isLoopbackHost } from '../../run/rounds.js'
import type { BackendModule } from '../types.js'
import type { RunHandle } from './cleanup.js'
import type { PreparedAwsRun } from './run.js'
import { parseAwsSettings, type AwsSettings } from './settings.js'

const DOCTOR_HELP = `
Checks, each ok, warning or error with its fix: the stack's status and outputs, the task
definition's CPU and memory, the image in ECR, the subnets' routes against --assign-public-ip, the
Fargate vCPU quota against --workers, the credentials' lifetime against the timeout, and whether
the caller may make every call a run makes (IAM's policy simulator).

Example:
  $ distributed-locust doctor --stack-name distributed-locust --aws-region eu-west-1 -w 20 -t 30m

Exit codes: 0 no error found (warnings allowed), 2 an error found or the options are invalid.`

/**
 * Fargate tasks started by the stack's state machine. The AWS SDK is loaded only when this backend
 * is chosen.
 */
export const awsBackend: BackendModule<AwsSettings, PreparedAwsRun, RunHandle> = {
  kind: 'aws',
  label: 'AWS (Fargate, Step Functions)',
  shipsWorkingDirectory: true,
  runsLocustfile: true,
  // An ECS endpoint on this machine (an emulator) runs its tasks here, where loopback is reachable.
  runsRemotely: (env) =>
    isLoopbackHost(env.AWS_ENDPOINT_URL_ECS ?? env.AWS_ENDPOINT_URL ?? '')
      ? undefined
      : 'the Fargate tasks',
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
  },
  baselineStore: {
    async fetch(settings, branch, size) {
      return (await import('./baseline-store.js')).awsBaselineStore.fetch(settings, branch, size)
    },
    async save(settings, branch, resultsJson, options) {
      const { awsBaselineStore } = await import('./baseline-store.js')
      return awsBaselineStore.save(settings, branch, resultsJson, options)
    }
  },
  doctor: {
    description: 'check a deployed AWS stack and the account before the first run',
    help: DOCTOR_HELP,
    uncheckedInputs: ['security-groups', 'min-workers', 'worker-replace-minutes', 'capacity'],
    requiredInputs: { 'stack-name': 'the doctor checks a deployed stack; give its name.' },
    async check(request, environment) {
      return (await import('./doctor/check.js')).checkStack(request, environment)
    },
    async deploy(request, environment) {
      return (await import('./deploy/deploy-stack.js')).deployAwsStack(request, environment)
    }
  }
}
