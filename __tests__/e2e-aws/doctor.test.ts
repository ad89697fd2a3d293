/**
 * `distributed-locust doctor` as a real process against the emulator, which answers for the stack
 * and the account around it (ECR, Service Quotas, EC2, IAM, STS, ECS task definitions) through the
 * AWS_ENDPOINT_URL_* variables.
 */
import { jest } from '@jest/globals'
import { STACK_OUTPUTS } from '../../src/backend/aws/target.js'
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  startEmulator,
  stateMachineArn
} from '../emulator/index.js'
import { runCli, type CliRun } from '../support/cli.js'
import { useForAll } from '../support/hooks.js'

jest.setTimeout(60_000)

const STACK = 'distributed-locust'
const REPOSITORY = 'distributed-locust-locust'
const IMAGE = `${DEFAULT_ACCOUNT_ID}.dkr.ecr.${DEFAULT_REGION}.amazonaws.com/${REPOSITORY}:latest`
const TASK_DEFINITION = `arn:aws:ecs:${DEFAULT_REGION}:${DEFAULT_ACCOUNT_ID}:task-definition/distributed-locust-locust:1`
const PRIVATE_SUBNET = 'subnet-0123456789abcdef0'
const PUBLIC_SUBNET = 'subnet-0fedcba9876543210'
const VPC = 'vpc-0123456789abcdef0'
const GITHUB_ROLE = `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/distributed-locust-GitHubRole-ABC123`

function doctor(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['doctor', ...args], { env: { ...emulator.env, ...env } })
}

/** The findings of a doctor run, by check: "level message". */
function findings(run: CliRun): Record<string, string> {
  return Object.fromEntries(
    run.stdout
      .split('\n')
      .map((line) => /^(ok|WARNING|ERROR)\s+([^:]+): (.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map(([, level, check, message]) => [check, `${level.toLowerCase()} ${message}`])
  )
}

const emulator = useForAll(
  'The emulator',
  () =>
    startEmulator({
      stacks: {
        [STACK]: {
          outputs: {
            [STACK_OUTPUTS.stateMachineArn]: stateMachineArn('distributed-locust-run'),
            [STACK_OUTPUTS.bucket]: 'distributed-locust-runs',
            [STACK_OUTPUTS.cluster]: 'distributed-locust',
            [STACK_OUTPUTS.taskDefinition]: TASK_DEFINITION,
            [STACK_OUTPUTS.subnets]: PRIVATE_SUBNET,
            [STACK_OUTPUTS.securityGroups]: 'sg-0123456789abcdef0',
            [STACK_OUTPUTS.logGroupName]: '/distributed-locust/tasks',
            GitHubRoleArn: GITHUB_ROLE
          }
        }
      },
      account: {
        images: { [REPOSITORY]: ['latest'] },
        taskDefinitions: { [TASK_DEFINITION]: { cpu: '1024', memory: '2048', image: IMAGE } },
        subnets: [
          { id: PRIVATE_SUBNET, vpcId: VPC },
          { id: PUBLIC_SUBNET, vpcId: VPC, availableIps: 8 }
        ],
        routeTables: [
          {
            id: 'rtb-private',
            vpcId: VPC,
            subnetIds: [PRIVATE_SUBNET],
            defaultRouteTo: 'nat-0123456789abcdef0'
          },
          { id: 'rtb-main', vpcId: VPC, main: true, defaultRouteTo: 'igw-0123456789abcdef0' }
        ],
        fargateVcpuQuota: 6
      }
    }),
  (started) => started.stop()
)

test('a healthy stack: every check ok, exit 0', async () => {
  const run = await doctor(['--stack-name', STACK, '--workers', '2', '--run-time', '5m'])
  expect(run.stderr).toContain(
    `Checking stack ${STACK} in ${DEFAULT_REGION} for 2 worker(s) and a 15-minute timeout`
  )
  expect(findings(run)).toEqual({
    credentials: `ok Calling AWS as arn:aws:sts::${DEFAULT_ACCOUNT_ID}:assumed-role/distributed-locust-github/doctor.`,
    stack: `ok Stack '${STACK}' is CREATE_COMPLETE.`,
    'stack outputs': 'ok Every output a run reads is there.',
    'task definition': `ok Each task has 1 vCPU and 2048 MiB (${TASK_DEFINITION}).`,
    image: `ok The image ${IMAGE} is in ECR, built for linux/amd64 as the task definition's X86_64 needs.`,
    [`subnet ${PRIVATE_SUBNET}`]: `ok Subnet ${PRIVATE_SUBNET} is private with a NAT gateway: tasks reach ECR, S3 and the internet.`,
    'free IP addresses': `ok Every subnet has at least the 3 free IP addresses the run's tasks need (${PRIVATE_SUBNET} 250).`,
    'security group': 'ok sg-0123456789abcdef0 lets the workers reach their master on TCP 5557.',
    'Fargate vCPU quota': "ok The run needs 3 of the region's 6 Fargate vCPU.",
    'credentials lifetime': 'ok The credentials report no expiry.',
    'permissions of the caller': `ok arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/distributed-locust-github may make every call a run makes (18 simulated).`,
    'permissions of the GitHub role': `ok ${GITHUB_ROLE} may make every call a run makes (18 simulated).`
  })
  expect(run.stdout).toContain('0 error(s), 0 warning(s), 12 check(s) ok.')
  expect(run.code).toBe(0)
})

test('what a first run would trip over: each an error or warning with its fix, exit 2', async () => {
  emulator.account.images = { [REPOSITORY]: ['v1'] }
  emulator.account.groupsWithoutLocustRule = ['sg-0123456789abcdef0']
  emulator.account.deniedActions = {
    [`arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/distributed-locust-github`]: [
      'states:StartExecution',
      'ecs:StopTask'
    ],
    [GITHUB_ROLE]: ['s3:ListBucket']
  }
  emulator.cloudFormation.putStack(STACK, {
    status: 'UPDATE_ROLLBACK_COMPLETE',
    outputs: {
      [STACK_OUTPUTS.stateMachineArn]: stateMachineArn('distributed-locust-run'),
      [STACK_OUTPUTS.bucket]: 'distributed-locust-runs',
      [STACK_OUTPUTS.cluster]: 'distributed-locust',
      [STACK_OUTPUTS.taskDefinition]: TASK_DEFINITION,
      [STACK_OUTPUTS.subnets]: PRIVATE_SUBNET,
      [STACK_OUTPUTS.securityGroups]: 'sg-0123456789abcdef0',
      GitHubRoleArn: GITHUB_ROLE
    }
  })
  try {
    const expiresAt = new Date(Date.now() + 50 * 60_000).toISOString()
    const run = await doctor(
      [
        '--stack-name',
        STACK,
        '-w',
        '20',
        '-t',
        '1h30m',
        '--subnet',
        PUBLIC_SUBNET,
        '--subnet',
        'subnet-00000000000000bad'
      ],
      { AWS_SESSION_EXPIRATION: expiresAt }
    )
    const found = findings(run)
    expect(found.stack).toBe(`ok Stack '${STACK}' is UPDATE_ROLLBACK_COMPLETE.`)
    expect(found.image).toMatch(
      /^error The image .*:latest is not in ECR: every task would stop with CannotPullContainerError/
    )
    expect(found[`subnet ${PUBLIC_SUBNET}`]).toMatch(
      /^error .* routes to an internet gateway, but tasks get no public IP/
    )
    expect(found['subnet subnet-00000000000000bad']).toBe(
      `error Subnet subnet-00000000000000bad does not exist in ${DEFAULT_REGION}.`
    )
    expect(found['Fargate vCPU quota']).toBe(
      "error The run needs 21 vCPU (21 tasks (master and 20 worker(s)) of 1 vCPU); the region's Fargate quota is 6."
    )
    expect(found['credentials lifetime']).toMatch(
      /^error The AWS credentials expire in 4\d min .*before the 100-minute timeout/
    )
    expect(found['free IP addresses']).toBe(
      `error The run needs 21 private IP addresses (one per task); the subnets have 8 free (${PUBLIC_SUBNET} 8).`
    )
    expect(found['security group']).toMatch(
      /^error sg-0123456789abcdef0 has no inbound rule for TCP 5557 from itself/
    )
    expect(found['permissions of the GitHub role']).toBe(
      `error ${GITHUB_ROLE} may not: s3:ListBucket on arn:aws:s3:::distributed-locust-runs (prefix runs/doctor/results/); ` +
        's3:ListBucket on arn:aws:s3:::distributed-locust-runs (prefix baselines/doctor/doctor/main/).'
    )
    expect(found['permissions of the caller']).toMatch(
      /^error .* may not: states:StartExecution on arn:aws:states:.*; ecs:StopTask on arn:aws:ecs:/
    )
    expect(run.stdout).toContain('fix: Build and push docker/ with that tag')
    expect(run.stdout).toContain('fix: Pass --assign-public-ip')
    expect(run.stdout).toContain(
      'fix: Request an increase of "Fargate On-Demand vCPU resource count" (L-3032A538)'
    )
    expect(run.stdout).toContain('role-duration-seconds: 6300')
    expect(run.code).toBe(2)

    const withPublicIp = findings(
      await doctor(['--stack-name', STACK, '--subnet', PUBLIC_SUBNET, '--assign-public-ip'])
    )
    expect(withPublicIp[`subnet ${PUBLIC_SUBNET}`]).toBe(
      `ok Subnet ${PUBLIC_SUBNET} is public and tasks get public IPs.`
    )
  } finally {
    emulator.account.images = { [REPOSITORY]: ['latest'] }
    emulator.account.groupsWithoutLocustRule = []
    emulator.account.deniedActions = {}
  }
})

test("an image built for another CPU architecture than the task definition's is an error", async () => {
  emulator.account.imageArchitectures = { [REPOSITORY]: ['arm64'] }
  try {
    const run = await doctor(['--stack-name', STACK, '--workers', '2'])
    expect(findings(run).image).toBe(
      `error The image ${IMAGE} is built for linux/arm64, but the task definition runs on X86_64: every task would stop with "exec format error".`
    )
    expect(run.stdout).toContain('fix: Build and push it for linux/amd64')
    emulator.account.imageArchitectures = { [REPOSITORY]: ['amd64', 'arm64'] }
    expect(findings(await doctor(['--stack-name', STACK])).image).toMatch(/^ok .*linux\/amd64/)
  } finally {
    emulator.account.imageArchitectures = {}
  }
})

test('a stack that does not exist and no stack name are told apart', async () => {
  const missing = await doctor(['--stack-name', 'nope'])
  expect(findings(missing).stack).toBe(`error Stack 'nope' does not exist in ${DEFAULT_REGION}.`)
  expect(missing.code).toBe(2)
  const nameless = await doctor([])
  expect(nameless.stderr).toContain(
    'option --stack-name: got nothing; the doctor checks a deployed stack'
  )
  expect(nameless.code).toBe(2)
})
