import type { SettingsReader } from '../../run/settings-reader.js'

/** Where the AWS backend finds its stack: by stack name (outputs read at run time) or explicitly. */
export interface AwsSettings {
  kind: 'aws'
  region?: string
  stackName?: string
  stateMachineArn?: string
  bucket?: string
  cluster?: string
  taskDefinition?: string
  subnets: string[]
  securityGroups: string[]
  assignPublicIp: boolean
  /** Workers that must join for the load to start; absent: every worker. */
  minWorkers?: number
  /** How long missing workers are asked for again (shortfall in a row). */
  workerReplaceMinutes: number
  /** What the workers run on; the master is always on-demand. */
  capacity: WorkerCapacity
}

export type WorkerCapacity = 'on-demand' | 'spot' | 'mixed'
const CAPACITIES: readonly WorkerCapacity[] = ['on-demand', 'spot', 'mixed']

/**
 * The workers' capacity provider strategy for RunTask. `mixed` is per RunTask call (at most 10
 * workers): its first worker on Fargate (base 1), the rest one on Fargate to three on Spot, so
 * Spot reclaiming every one of its tasks leaves at least a third of the workers.
 */
export function capacityProviderStrategy(
  capacity: WorkerCapacity
): { CapacityProvider: 'FARGATE' | 'FARGATE_SPOT'; Weight: number; Base?: number }[] {
  switch (capacity) {
    case 'on-demand':
      return [{ CapacityProvider: 'FARGATE', Weight: 1 }]
    case 'spot':
      return [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]
    case 'mixed':
      return [
        { CapacityProvider: 'FARGATE', Weight: 1, Base: 1 },
        { CapacityProvider: 'FARGATE_SPOT', Weight: 3 }
      ]
  }
}

/**
 * Why the workers cannot run on `capacity` with a task definition of `architecture`, or undefined:
 * Fargate Spot runs x86_64 tasks only. Pure.
 */
export function spotArchitectureProblem(
  capacity: WorkerCapacity,
  architecture: string | undefined,
  taskDefinition: string
): string | undefined {
  if (capacity === 'on-demand' || architecture?.toUpperCase() !== 'ARM64') return undefined
  return (
    `Input 'capacity' is ${capacity}: Fargate Spot runs x86_64 tasks only, and task definition ` +
    `${taskDefinition} is ARM64. Use \`capacity: on-demand\`, or a task definition for X86_64 ` +
    `(the stack's CpuArchitecture parameter) with an amd64 image.`
  )
}

const ARN_STATE_MACHINE =
  /^arn:aws[a-z-]*:states:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):stateMachine:[A-Za-z0-9_-]{1,80}$/
const REGION_PATTERN = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/
const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/
const BUCKET_PATTERN = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const CLUSTER_PATTERN =
  /^(?:[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255})$/
const TASK_DEFINITION_PATTERN =
  /^(?:[A-Za-z0-9_-]{1,255}(?::\d+)?|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}(?::\d+)?)$/
const SUBNET_PATTERN = /^subnet-[0-9a-f]{8,17}$/
const SECURITY_GROUP_PATTERN = /^sg-[0-9a-f]{8,17}$/

/** Reads the AWS inputs: the stack (or its parts), the region and the network overrides. */
export function parseAwsSettings(reader: SettingsReader): AwsSettings {
  const { value, fail, matching, env } = reader
  const region =
    matching('aws-region', REGION_PATTERN, 'expected an AWS region such as "eu-west-1".') ??
    (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined)
  const stackName = matching(
    'stack-name',
    STACK_NAME_PATTERN,
    'expected a CloudFormation stack name: letters, digits and hyphens, starting with a letter.'
  )
  const stateMachineArn = matching(
    'state-machine-arn',
    ARN_STATE_MACHINE,
    'expected an ARN like "arn:aws:states:eu-west-1:123456789012:stateMachine:distributed-locust".'
  )
  const bucket = matching(
    'bucket',
    BUCKET_PATTERN,
    'expected an S3 bucket name: 3–63 lowercase letters, digits, dots and hyphens.'
  )
  const cluster = matching('cluster', CLUSTER_PATTERN, 'expected an ECS cluster name or ARN.')
  const taskDefinition = matching(
    'task-definition',
    TASK_DEFINITION_PATTERN,
    'expected a task definition family[:revision] or ARN.'
  )
  const listOf = (input: string, pattern: RegExp, example: string): string[] => {
    const text = value(input)
    const items = reader.list(input)
    if (text !== '' && items.length === 0)
      fail(
        input,
        text,
        `the list is empty; expected IDs such as "${example}", one per line or comma-separated.`
      )
    const bad = items.filter((item) => !pattern.test(item))
    if (bad.length > 0) fail(input, bad.join(', '), `expected IDs such as "${example}".`)
    return items
  }
  const subnets = listOf('subnets', SUBNET_PATTERN, 'subnet-0123456789abcdef0')
  const securityGroups = listOf('security-groups', SECURITY_GROUP_PATTERN, 'sg-0123456789abcdef0')
  const assignPublicIp = reader.boolean('assign-public-ip')
  const minWorkers = value('min-workers') === '' ? undefined : reader.integer('min-workers')
  const workers = Number(value('workers') || '1')
  if (minWorkers !== undefined && Number.isInteger(workers) && minWorkers > workers) {
    fail('min-workers', String(minWorkers), `expected at most \`workers\` (${workers}).`)
  }
  const workerReplaceMinutes = reader.integer('worker-replace-minutes')
  const capacity = (matching(
    'capacity',
    /^(?:on-demand|spot|mixed)$/,
    `expected ${CAPACITIES.join(', ')}.`
  ) ?? 'on-demand') as WorkerCapacity

  const arnRegion = stateMachineArn ? ARN_STATE_MACHINE.exec(stateMachineArn)?.[1] : undefined
  if (
    stackName === undefined &&
    value('stack-name') === '' &&
    (value('state-machine-arn') === '' || value('bucket') === '')
  ) {
    fail(
      'stack-name',
      '',
      'the aws backend needs either `stack-name` (the deployed distributed-locust stack) or both `state-machine-arn` and `bucket`.'
    )
  }
  if (region === undefined && arnRegion === undefined && value('aws-region') === '') {
    fail(
      'aws-region',
      '',
      'no region given and none in AWS_REGION; set `aws-region` or configure AWS credentials first.'
    )
  } else if (region !== undefined && arnRegion !== undefined && region !== arnRegion) {
    fail(
      'state-machine-arn',
      stateMachineArn ?? '',
      `its region ${arnRegion} differs from aws-region ${region}; use one region.`
    )
  }
  return {
    kind: 'aws',
    region: region ?? arnRegion,
    stackName,
    stateMachineArn,
    bucket,
    cluster,
    taskDefinition,
    subnets,
    securityGroups,
    assignPublicIp,
    ...(minWorkers === undefined ? {} : { minWorkers }),
    workerReplaceMinutes,
    capacity
  }
}
