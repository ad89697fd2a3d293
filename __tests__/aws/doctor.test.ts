/**
 * The doctor's pure checks over gathered facts, and the gathering itself against mocked clients.
 * The whole command runs against the emulator in __tests__/e2e-aws/doctor.test.ts.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import {
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client
} from '@aws-sdk/client-ec2'
import { DescribeImagesCommand, ECRClient, ImageNotFoundException } from '@aws-sdk/client-ecr'
import { DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs'
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam'
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  NoSuchResourceException,
  ServiceQuotasClient
} from '@aws-sdk/client-service-quotas'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import {
  diagnose,
  isFargateSize,
  parseEcrImage,
  worstLevel,
  type Finding
} from '../../src/backend/aws/doctor/checks.js'
import type { AwsSettings } from '../../src/backend/aws/settings.js'
import { createDoctorClients } from '../../src/backend/aws/doctor/clients.js'
import type { DoctorFacts } from '../../src/backend/aws/doctor/facts.js'
import { gatherFacts, principalOf } from '../../src/backend/aws/doctor/gather.js'

const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/dl-locust:latest'
const OUTPUTS = {
  StateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:dl',
  BucketName: 'dl-bucket',
  ClusterName: 'dl',
  TaskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/dl-locust:1',
  Subnets: 'subnet-0123456789abcdef0',
  SecurityGroupId: 'sg-0123456789abcdef0'
}

function healthy(): DoctorFacts {
  return {
    request: {
      stackName: 'dl',
      region: 'eu-west-1',
      workers: 2,
      timeoutMinutes: 15,
      assignPublicIp: false
    },
    now: Date.parse('2026-11-30T10:00:00Z'),
    caller: {
      ok: true,
      value: { arn: 'arn:aws:sts::123456789012:assumed-role/dl-gh/s', account: '123456789012' }
    },
    stack: { ok: true, value: { status: 'UPDATE_COMPLETE', outputs: OUTPUTS } },
    taskDefinition: {
      ok: true,
      value: {
        arn: OUTPUTS.TaskDefinitionArn,
        cpu: '1024',
        memory: '2048',
        image: IMAGE,
        cpuArchitecture: 'X86_64'
      }
    },
    image: { ok: true, value: { kind: 'present' } },
    network: {
      ok: true,
      value: {
        subnets: [
          {
            id: 'subnet-0123456789abcdef0',
            vpcId: 'vpc-1',
            defaultRoute: 'nat',
            via: 'nat-1',
            availableIps: 250
          }
        ],
        unknownSubnets: [],
        endpointServices: []
      }
    },
    securityGroup: {
      ok: true,
      value: { id: OUTPUTS.SecurityGroupId, allowsLocustBetweenTasks: true }
    },
    vcpuQuota: { ok: true, value: 100 },
    credentials: { kind: 'expires', at: new Date('2026-11-30T11:00:00Z') },
    permissions: [
      {
        subject: 'caller',
        principal: 'arn:aws:iam::123456789012:role/dl-gh',
        decisions: {
          ok: true,
          value: [{ action: 'states:StartExecution', resource: 'arn', allowed: true }]
        }
      }
    ]
  }
}

const byCheck = (findings: Finding[]) =>
  Object.fromEntries(findings.map((finding) => [finding.check, finding]))

describe('diagnose', () => {
  test('a healthy stack and account: every finding ok', () => {
    const findings = diagnose(healthy())
    expect(findings.map((finding) => [finding.check, finding.level])).toEqual([
      ['credentials', 'ok'],
      ['stack', 'ok'],
      ['stack outputs', 'ok'],
      ['task definition', 'ok'],
      ['image', 'ok'],
      ['subnet subnet-0123456789abcdef0', 'ok'],
      ['free IP addresses', 'ok'],
      ['security group', 'ok'],
      ['Fargate vCPU quota', 'ok'],
      ['credentials lifetime', 'ok'],
      ['permissions of the caller', 'ok']
    ])
    expect(worstLevel(findings)).toBe('ok')
  })

  test('without credentials only that is reported: every other call failed the same way', () => {
    const facts = healthy()
    facts.caller = { ok: false, error: 'CredentialsProviderError: Could not load credentials' }
    expect(diagnose(facts)).toEqual([
      {
        check: 'credentials',
        level: 'error',
        message: 'No usable AWS credentials: CredentialsProviderError: Could not load credentials',
        fix: expect.stringContaining('Configure credentials') as unknown
      }
    ])
  })

  test('a stack that cannot run, or lacks outputs, is an error with its fix', () => {
    const facts = healthy()
    facts.stack = { ok: true, value: { status: 'ROLLBACK_COMPLETE', outputs: { BucketName: 'b' } } }
    const found = byCheck(diagnose(facts))
    expect(found.stack).toMatchObject({
      level: 'error',
      fix: 'Its creation failed and was rolled back; delete it and deploy again.'
    })
    expect(found['stack outputs'].message).toBe(
      "Stack 'dl' lacks the output(s) StateMachineArn, ClusterName, TaskDefinitionArn, Subnets, SecurityGroupId."
    )
    facts.stack = { ok: false, error: 'ValidationError: Stack with id dl does not exist' }
    expect(byCheck(diagnose(facts)).stack).toMatchObject({
      level: 'error',
      message: "Stack 'dl' does not exist in eu-west-1."
    })
  })

  test('subnets: no route and no endpoints is an error naming the missing ones; endpoints alone a warning', () => {
    const facts = healthy()
    const subnet = { id: 'subnet-0123456789abcdef0', vpcId: 'vpc-1', defaultRoute: 'none' as const }
    facts.network = {
      ok: true,
      value: {
        subnets: [subnet],
        unknownSubnets: [],
        endpointServices: ['com.amazonaws.eu-west-1.s3']
      }
    }
    expect(byCheck(diagnose(facts))['subnet subnet-0123456789abcdef0']).toMatchObject({
      level: 'error',
      message: expect.stringContaining('no VPC endpoint for ecr.api, ecr.dkr, logs') as unknown
    })
    facts.network.value.endpointServices = ['ecr.api', 'ecr.dkr', 's3', 'logs'].map(
      (name) => `com.amazonaws.eu-west-1.${name}`
    )
    expect(byCheck(diagnose(facts))['subnet subnet-0123456789abcdef0'].level).toBe('warning')
    facts.network.value.subnets = [{ ...subnet, defaultRoute: 'other', via: 'tgw-1' }]
    expect(byCheck(diagnose(facts))['subnet subnet-0123456789abcdef0']).toMatchObject({
      level: 'warning',
      message: 'Subnet subnet-0123456789abcdef0 sends internet traffic through tgw-1.'
    })
  })

  test('the vCPU quota: over it an error, close to it a warning, unreadable a warning', () => {
    const facts = healthy()
    facts.vcpuQuota = { ok: true, value: 3.5 }
    expect(byCheck(diagnose(facts))['Fargate vCPU quota'].level).toBe('warning')
    facts.request.workers = 10
    expect(byCheck(diagnose(facts))['Fargate vCPU quota']).toMatchObject({
      level: 'error',
      message:
        "The run needs 11 vCPU (11 tasks (master and 10 worker(s)) of 1 vCPU); the region's Fargate quota is 3.5."
    })
    facts.vcpuQuota = { ok: false, error: 'AccessDeniedException: no' }
    expect(byCheck(diagnose(facts))['Fargate vCPU quota'].level).toBe('warning')
  })

  test('images elsewhere cannot be checked; a lookup that fails is a warning; a missing repository an error', () => {
    const facts = healthy()
    const taskDefinition = {
      arn: 'td',
      cpu: '1024',
      memory: '2048',
      image: 'locustio/locust:2.12.1',
      cpuArchitecture: 'X86_64'
    }
    facts.taskDefinition = { ok: true, value: taskDefinition }
    facts.image = undefined
    expect(byCheck(diagnose(facts)).image).toMatchObject({
      level: 'warning',
      fix: expect.stringContaining('is public') as unknown
    })
    taskDefinition.image = IMAGE
    facts.image = { ok: false, error: 'AccessDeniedException: ecr:DescribeImages' }
    expect(byCheck(diagnose(facts)).image.level).toBe('warning')
    facts.image = { ok: true, value: { kind: 'missing-repository' } }
    expect(byCheck(diagnose(facts)).image.level).toBe('error')
  })

  test('credentials that may end before the timeout are an error naming role-duration-seconds', () => {
    const facts = healthy()
    facts.request.timeoutMinutes = 100
    expect(byCheck(diagnose(facts))['credentials lifetime']).toMatchObject({
      level: 'error',
      message: expect.stringContaining('expire in 60 min') as unknown,
      fix: expect.stringContaining('role-duration-seconds: 6300') as unknown
    })
    expect(worstLevel(diagnose(facts))).toBe('error')
    facts.credentials = { kind: 'session-of-unknown-length' }
    expect(byCheck(diagnose(facts))['credentials lifetime']).toMatchObject({
      level: 'error',
      message: expect.stringContaining('a session of unknown length') as unknown,
      fix: expect.stringContaining('AWS_SESSION_EXPIRATION') as unknown
    })
    facts.request.timeoutMinutes = 45
    expect(byCheck(diagnose(facts))['credentials lifetime'].level).toBe('ok')
  })

  test('free IP addresses: fewer in all subnets than workers + 1 is an error, in one subnet a warning', () => {
    const facts = healthy()
    facts.request.workers = 200
    const network = facts.network as { ok: true; value: { subnets: { availableIps?: number }[] } }
    expect(byCheck(diagnose(facts))['free IP addresses'].level).toBe('ok')
    network.value.subnets[0].availableIps = 120
    expect(byCheck(diagnose(facts))['free IP addresses']).toMatchObject({
      level: 'error',
      message: expect.stringContaining(
        'needs 201 private IP addresses (one per task); the subnets have 120 free'
      ) as unknown
    })
    network.value.subnets.push({
      ...network.value.subnets[0],
      id: 'subnet-b',
      availableIps: 100
    } as never)
    expect(byCheck(diagnose(facts))['free IP addresses']).toMatchObject({
      level: 'warning',
      message: expect.stringContaining('subnet-0123456789abcdef0, subnet-b have fewer') as unknown
    })
  })

  test("an image in another account's ECR: the fix names the execution role its repository policy must allow", () => {
    const facts = healthy()
    const other = '210987654321.dkr.ecr.eu-west-1.amazonaws.com/shared/locust:v3'
    facts.taskDefinition = {
      ok: true,
      value: {
        arn: 'td',
        cpu: '1024',
        memory: '2048',
        image: other,
        cpuArchitecture: 'X86_64',
        executionRoleArn: 'arn:aws:iam::123456789012:role/dl-TaskExecutionRole-X'
      }
    }
    facts.image = undefined
    expect(byCheck(diagnose(facts)).image).toMatchObject({
      level: 'warning',
      fix: expect.stringContaining(
        'account 210987654321 (not 123456789012) needs a repository policy that allows ecr:BatchGetImage and ecr:GetDownloadUrlForLayer to arn:aws:iam::123456789012:role/dl-TaskExecutionRole-X'
      ) as unknown
    })
  })

  test("an image not built for the task definition's CPU architecture is an error naming both", () => {
    const facts = healthy()
    facts.image = { ok: true, value: { kind: 'present', architectures: ['amd64', 'arm64'] } }
    expect(byCheck(diagnose(facts)).image).toMatchObject({
      level: 'ok',
      message: expect.stringContaining(
        "built for linux/amd64 as the task definition's X86_64"
      ) as unknown
    })
    facts.image = { ok: true, value: { kind: 'present', architectures: ['arm64'] } }
    expect(byCheck(diagnose(facts)).image).toMatchObject({
      level: 'error',
      message: expect.stringContaining(
        'built for linux/arm64, but the task definition runs on X86_64'
      ) as unknown,
      fix: expect.stringContaining('docker build --platform linux/amd64') as unknown
    })
  })

  test('a security group without TCP 5557 from itself is an error naming the rule to add', () => {
    const facts = healthy()
    facts.securityGroup = { ok: true, value: { id: 'sg-1', allowsLocustBetweenTasks: false } }
    expect(byCheck(diagnose(facts))['security group']).toMatchObject({
      level: 'error',
      fix: expect.stringContaining('TCP 5557 from sg-1') as unknown
    })
  })

  test('permissions that cannot be simulated are a warning; a denied call an error', () => {
    const facts = healthy()
    facts.permissions[0].decisions = {
      ok: false,
      error: 'AccessDenied: iam:SimulatePrincipalPolicy'
    }
    expect(byCheck(diagnose(facts))['permissions of the caller'].level).toBe('warning')
    facts.permissions[0].decisions = {
      ok: true,
      value: [{ action: 'ecs:StopTask', resource: 'arn:task', allowed: false }]
    }
    expect(byCheck(diagnose(facts))['permissions of the caller']).toMatchObject({
      level: 'error',
      message: 'arn:aws:iam::123456789012:role/dl-gh may not: ecs:StopTask on arn:task.'
    })
  })

  test('Fargate sizes and ECR image references', () => {
    expect(isFargateSize('1024', '2048')).toBe(true)
    expect(isFargateSize('256', '1536')).toBe(true)
    expect(isFargateSize('1024', '1024')).toBe(false)
    expect(isFargateSize('4096', '8000')).toBe(false)
    expect(parseEcrImage(IMAGE)).toEqual({
      account: '123456789012',
      region: 'eu-west-1',
      repository: 'dl-locust',
      tag: 'latest',
      digest: undefined
    })
    expect(parseEcrImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/dl')?.tag).toBe(
      'latest'
    )
    expect(parseEcrImage('ghcr.io/x/y:1')).toBeUndefined()
  })
})

describe('gatherFacts', () => {
  const mocks = () => ({
    sts: mockClient(STSClient),
    cloudFormation: mockClient(CloudFormationClient),
    ecs: mockClient(ECSClient),
    ecr: mockClient(ECRClient),
    ec2: mockClient(EC2Client),
    serviceQuotas: mockClient(ServiceQuotasClient),
    iam: mockClient(IAMClient)
  })
  let mocked: ReturnType<typeof mocks>
  beforeAll(() => {
    mocked = mocks()
  })
  afterAll(() => Object.values(mocked).forEach((mock) => mock.restore()))

  /** The facts for a one-worker doctor run of stack `dl` in eu-west-1, from the mocked services. */
  function gatherFactsFor(settings: Partial<AwsSettings>, env: NodeJS.ProcessEnv) {
    return gatherFacts(
      {
        kind: 'aws',
        region: 'eu-west-1',
        stackName: 'dl',
        subnets: [],
        securityGroups: [],
        assignPublicIp: false,
        workerReplaceMinutes: 10,
        capacity: 'on-demand',
        ...settings
      },
      {
        stackName: 'dl',
        region: 'eu-west-1',
        workers: 1,
        timeoutMinutes: 15,
        assignPublicIp: false
      },
      createDoctorClients('eu-west-1'),
      env,
      0
    )
  }

  test('asks each service once per fact and keeps failures as the facts errors', async () => {
    mocked.sts
      .on(GetCallerIdentityCommand)
      .resolves({ Arn: 'arn:aws:sts::123456789012:assumed-role/dl-gh/s', Account: '123456789012' })
    mocked.cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'dl',
          StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/dl/1',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: Object.entries(OUTPUTS).map(([OutputKey, OutputValue]) => ({
            OutputKey,
            OutputValue
          }))
        }
      ]
    })
    mocked.ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        taskDefinitionArn: OUTPUTS.TaskDefinitionArn,
        cpu: '1024',
        memory: '2048',
        containerDefinitions: [{ name: 'locust', image: IMAGE }]
      }
    })
    mocked.ecr
      .on(DescribeImagesCommand)
      .rejects(new ImageNotFoundException({ message: 'no such image', $metadata: {} }))
    mocked.ec2
      .on(DescribeSubnetsCommand)
      .resolves({ Subnets: [{ SubnetId: 'subnet-0123456789abcdef0', VpcId: 'vpc-1' }] })
    mocked.ec2.on(DescribeRouteTablesCommand).resolves({
      RouteTables: [
        {
          VpcId: 'vpc-1',
          Associations: [{ Main: true }],
          Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' }]
        }
      ]
    })
    mocked.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] })
    mocked.serviceQuotas
      .on(GetServiceQuotaCommand)
      .rejects(new Error('AccessDeniedException: not allowed'))
    mocked.iam
      .on(SimulatePrincipalPolicyCommand)
      .callsFake((input: { ActionNames: string[]; ResourceArns: string[] }) => ({
        EvaluationResults: input.ActionNames.map((action) => ({
          EvalActionName: action,
          EvalResourceName: input.ResourceArns[0],
          EvalDecision: 'allowed'
        }))
      }))

    const facts = await gatherFactsFor({}, { AWS_SESSION_EXPIRATION: '2026-11-30T11:00:00Z' })

    expect(facts.image).toEqual({ ok: true, value: { kind: 'missing-image' } })
    expect(mocked.ecr.commandCalls(DescribeImagesCommand)[0].args[0].input).toEqual({
      registryId: '123456789012',
      repositoryName: 'dl-locust',
      imageIds: [{ imageTag: 'latest' }]
    })
    expect(facts.network).toEqual({
      ok: true,
      value: {
        subnets: [
          {
            id: 'subnet-0123456789abcdef0',
            vpcId: 'vpc-1',
            defaultRoute: 'internet-gateway',
            via: 'igw-1'
          }
        ],
        unknownSubnets: [],
        endpointServices: []
      }
    })
    expect(facts.vcpuQuota).toEqual({ ok: false, error: 'AccessDeniedException: not allowed' })
    expect(facts.credentials).toEqual({ kind: 'expires', at: new Date('2026-11-30T11:00:00Z') })
    expect(facts.permissions).toHaveLength(1)
    expect(facts.permissions[0].principal).toBe('arn:aws:iam::123456789012:role/dl-gh')
    const listBucket = mocked.iam
      .commandCalls(SimulatePrincipalPolicyCommand)
      .map((call) => call.args[0].input)
      .find((input) => input.ActionNames?.includes('s3:ListBucket'))
    expect(listBucket?.ContextEntries).toEqual([
      {
        ContextKeyName: 's3:prefix',
        ContextKeyValues: ['runs/doctor/results/'],
        ContextKeyType: 'string'
      }
    ])
  })

  test('a role with a path is simulated by its full ARN; a quota never applied is read as its default', async () => {
    Object.values(mocked).forEach((mock) => mock.reset())
    mocked.sts
      .on(GetCallerIdentityCommand)
      .resolves({ Arn: 'arn:aws:sts::123456789012:assumed-role/dl-gh/s', Account: '123456789012' })
    mocked.iam.on(GetRoleCommand, { RoleName: 'dl-gh' }).resolves({
      Role: {
        RoleName: 'dl-gh',
        Path: '/ci/',
        RoleId: 'AROA1',
        Arn: 'arn:aws:iam::123456789012:role/ci/dl-gh',
        CreateDate: new Date()
      }
    })
    mocked.iam.on(SimulatePrincipalPolicyCommand).resolves({ EvaluationResults: [] })
    mocked.serviceQuotas
      .on(GetServiceQuotaCommand)
      .rejects(new NoSuchResourceException({ message: 'not applied', $metadata: {} }))
    mocked.serviceQuotas.on(GetAWSDefaultServiceQuotaCommand).resolves({ Quota: { Value: 6 } })

    const facts = await gatherFactsFor(
      { stateMachineArn: OUTPUTS.StateMachineArn, bucket: OUTPUTS.BucketName },
      {}
    )

    expect(facts.vcpuQuota).toEqual({ ok: true, value: 6 })
    expect(facts.permissions.map(({ principal }) => principal)).toEqual([
      'arn:aws:iam::123456789012:role/ci/dl-gh'
    ])
  })

  test('the principal behind an assumed-role session is its role', () => {
    expect(principalOf('arn:aws:sts::123456789012:assumed-role/GitHubRole/gh-123')).toBe(
      'arn:aws:iam::123456789012:role/GitHubRole'
    )
    expect(principalOf('arn:aws:iam::123456789012:user/alice')).toBe(
      'arn:aws:iam::123456789012:user/alice'
    )
  })
})
