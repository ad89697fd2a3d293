import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { PreflightError } from '../../errors.js'
import type { AwsSettings } from './settings.js'
import { stackUsability } from './stack-status.js'

/** Everything the AWS backend needs to start a run, resolved from the stack or from inputs. */
export interface AwsTarget {
  region?: string
  stateMachineArn: string
  bucket: string
  /** Optional overrides passed to the state machine; it defaults them from its own stack. */
  cluster?: string
  taskDefinition?: string
  subnets?: string[]
  securityGroups?: string[]
  logGroupName?: string
  /** Where the task role may read secrets (the stack's SecretsPrefix); unknown without a stack. */
  secretsPrefix?: string
  /** The stack's task definition's CPU architecture (its CpuArchitecture parameter), when used. */
  cpuArchitecture?: string
}

/** Stack outputs the action reads (see cloudformation/template.yaml). */
export const STACK_OUTPUTS = {
  stateMachineArn: 'StateMachineArn',
  bucket: 'BucketName',
  cluster: 'ClusterName',
  taskDefinition: 'TaskDefinitionArn',
  subnets: 'Subnets',
  securityGroups: 'SecurityGroupId',
  logGroupName: 'LogGroupName',
  secretsPrefix: 'SecretsPrefix'
} as const

export class AwsTargetError extends PreflightError {}

/**
 * Resolves the run target: the stack's outputs (when `stack-name` is given), overridden by any
 * explicit input. Reads only; nothing is created.
 */
export async function resolveAwsTarget(
  settings: AwsSettings,
  cloudFormation: CloudFormationClient,
  warn?: (line: string) => void
): Promise<AwsTarget> {
  const { outputs, parameters } = settings.stackName
    ? await readStack(settings.stackName, cloudFormation, warn)
    : { outputs: {}, parameters: {} }
  const fromStack = (key: keyof typeof STACK_OUTPUTS): string | undefined =>
    outputs[STACK_OUTPUTS[key]]
  const list = (text: string | undefined): string[] | undefined =>
    text
      ? text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : undefined

  const stateMachineArn = settings.stateMachineArn ?? fromStack('stateMachineArn')
  const bucket = settings.bucket ?? fromStack('bucket')
  if (!stateMachineArn || !bucket) {
    const missing = [
      ...(stateMachineArn ? [] : [STACK_OUTPUTS.stateMachineArn]),
      ...(bucket ? [] : [STACK_OUTPUTS.bucket])
    ]
    throw new AwsTargetError(
      `Stack '${settings.stackName}' has no output ${missing.join(' or ')}; deploy cloudformation/template.yaml ` +
        `of this version, or give the \`state-machine-arn\` and \`bucket\` inputs.`
    )
  }
  return {
    region: settings.region,
    stateMachineArn,
    bucket,
    cluster: settings.cluster ?? fromStack('cluster'),
    taskDefinition: settings.taskDefinition ?? fromStack('taskDefinition'),
    subnets: settings.subnets.length > 0 ? settings.subnets : list(fromStack('subnets')),
    securityGroups:
      settings.securityGroups.length > 0
        ? settings.securityGroups
        : list(fromStack('securityGroups')),
    logGroupName: fromStack('logGroupName'),
    secretsPrefix: fromStack('secretsPrefix'),
    ...(settings.taskDefinition === undefined && parameters.CpuArchitecture
      ? { cpuArchitecture: parameters.CpuArchitecture }
      : {})
  }
}

async function readStack(
  stackName: string,
  cloudFormation: CloudFormationClient,
  warn: ((line: string) => void) | undefined
): Promise<{ outputs: Record<string, string>; parameters: Record<string, string> }> {
  let stacks
  try {
    stacks = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks
  } catch (error) {
    const message = (error as Error).message
    if (/does not exist/.test(message)) {
      throw new AwsTargetError(
        `Input 'stack-name': stack '${stackName}' does not exist in this account and region; deploy cloudformation/template.yaml first or check \`aws-region\`.`
      )
    }
    throw new AwsTargetError(`Could not read stack '${stackName}' (input 'stack-name'): ${message}`)
  }
  const stack = stacks?.[0]
  if (!stack) throw new AwsTargetError(`Input 'stack-name': stack '${stackName}' was not found.`)
  const usability = stackUsability(stack.StackStatus ?? 'CREATE_COMPLETE')
  if (!usability.usable) {
    throw new AwsTargetError(
      `Stack '${stackName}' is in state ${stack.StackStatus}, in which it cannot run tests: ${usability.fix}.`
    )
  }
  if (usability.changing) {
    warn?.(
      `Stack '${stackName}' is in state ${stack.StackStatus}; a run during an update may meet resources that are being replaced.`
    )
  }
  const outputs = Object.fromEntries(
    (stack.Outputs ?? []).flatMap((output) =>
      output.OutputKey && output.OutputValue !== undefined
        ? [[output.OutputKey, output.OutputValue]]
        : []
    )
  )
  const parameters = Object.fromEntries(
    (stack.Parameters ?? []).flatMap((parameter) =>
      parameter.ParameterKey && parameter.ParameterValue !== undefined
        ? [[parameter.ParameterKey, parameter.ParameterValue]]
        : []
    )
  )
  return { outputs, parameters }
}
