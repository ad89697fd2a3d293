/**
 * Asks AWS what the doctor judges: one thin call (or a few) per fact, each failure kept as the
 * fact's error so that one missing permission does not hide the other checks.
 */
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  type RouteTable
} from '@aws-sdk/client-ec2'
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  GetDownloadUrlForLayerCommand,
  type ImageIdentifier
} from '@aws-sdk/client-ecr'
import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs'
import {
  GetRoleCommand,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult
} from '@aws-sdk/client-iam'
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand
} from '@aws-sdk/client-service-quotas'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { credentialsLifetime } from '../credentials.js'
import type { AwsSettings } from '../settings.js'
import { STACK_OUTPUTS } from '../target.js'
import { FARGATE_VCPU_QUOTA, parseEcrImage } from './checks.js'
import type { DoctorClients } from './clients.js'
import type {
  DoctorFacts,
  DoctorRequest,
  Gathered,
  ImageFacts,
  NetworkFacts,
  SecurityGroupFacts,
  PermissionDecision,
  PermissionFacts,
  StackFacts,
  SubnetFacts,
  TaskDefinitionFacts
} from './facts.js'
import { runCallGroups, type RunResources } from './run-calls.js'

/** The stack output naming the role GitHub workflows assume (when the stack made one). */
const GITHUB_ROLE_OUTPUT = 'GitHubRoleArn'

export async function gatherFacts(
  settings: AwsSettings,
  request: DoctorRequest,
  clients: DoctorClients,
  env: NodeJS.ProcessEnv,
  now: number
): Promise<DoctorFacts> {
  const caller = await gathered(async () => {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}))
    return { arn: identity.Arn ?? '', account: identity.Account ?? '' }
  })
  const stack = await gathered(() => describeStack(clients, request.stackName))
  const outputs = stack.ok ? stack.value.outputs : {}
  const list = (text: string | undefined) =>
    (text ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
  const taskDefinitionId = settings.taskDefinition ?? outputs[STACK_OUTPUTS.taskDefinition]
  const subnets =
    settings.subnets.length > 0 ? settings.subnets : list(outputs[STACK_OUTPUTS.subnets])

  const taskDefinition = taskDefinitionId
    ? await gathered(() => describeTaskDefinition(clients, taskDefinitionId))
    : undefined
  const image = await lookUpImage(clients, taskDefinition, caller, request.region)
  const network =
    subnets.length > 0 ? await gathered(() => describeNetwork(clients, subnets)) : undefined
  const securityGroupId = settings.securityGroups[0] ?? outputs[STACK_OUTPUTS.securityGroups]
  const securityGroup = securityGroupId
    ? await gathered(() => describeSecurityGroup(clients, securityGroupId))
    : undefined
  const vcpuQuota = await gathered(() => fargateVcpuQuota(clients))
  const credentials = await credentialsLifetime(env, clients.sts.config.credentials)

  const stateMachineArn = settings.stateMachineArn ?? outputs[STACK_OUTPUTS.stateMachineArn]
  const bucket = settings.bucket ?? outputs[STACK_OUTPUTS.bucket]
  const run = {
    partition: (caller.ok ? caller.value.arn : '').split(':')[1] || 'aws',
    region: request.region,
    account: caller.ok ? caller.value.account : '',
    stackId: stack.ok ? stack.value.id : undefined,
    stateMachineArn: stateMachineArn ?? '',
    bucket: bucket ?? '',
    clusterName: settings.cluster ?? outputs[STACK_OUTPUTS.cluster]
  }
  const principals: { subject: PermissionFacts['subject']; principal: string }[] = []
  if (caller.ok) {
    principals.push({
      subject: 'caller',
      principal: await callerPrincipal(clients, caller.value.arn)
    })
  }
  const githubRole = outputs[GITHUB_ROLE_OUTPUT]
  if (githubRole && !principals.some(({ principal }) => principal === githubRole)) {
    principals.push({ subject: 'GitHub role', principal: githubRole })
  }
  const permissions: PermissionFacts[] =
    stateMachineArn && bucket
      ? await Promise.all(
          principals.map(async ({ subject, principal }) => ({
            subject,
            principal,
            decisions: await gathered(() => simulateRunCalls(clients, principal, run))
          }))
        )
      : []

  return {
    request,
    now,
    caller,
    stack,
    taskDefinition,
    image,
    network,
    securityGroup,
    vcpuQuota,
    credentials,
    permissions
  }
}

/** A fact from a call: its result, or its error's message. */
async function gathered<T>(call: () => Promise<T>): Promise<Gathered<T>> {
  try {
    return { ok: true, value: await call() }
  } catch (error) {
    const { name, message } = error as Error
    // AWS errors carry their code in the name (AccessDeniedException); plain errors are "Error".
    const named = name && name !== 'Error' && !message.startsWith(name)
    return { ok: false, error: named ? `${name}: ${message}` : message }
  }
}

async function describeStack(clients: DoctorClients, stackName: string): Promise<StackFacts> {
  const stack = (
    await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))
  ).Stacks?.[0]
  if (!stack) throw new Error(`Stack ${stackName} does not exist`)
  return {
    id: stack.StackId,
    status: stack.StackStatus ?? 'UNKNOWN',
    outputs: Object.fromEntries(
      (stack.Outputs ?? []).flatMap((output) =>
        output.OutputKey && output.OutputValue !== undefined
          ? [[output.OutputKey, output.OutputValue]]
          : []
      )
    )
  }
}

async function describeTaskDefinition(
  clients: DoctorClients,
  taskDefinition: string
): Promise<TaskDefinitionFacts> {
  const described = (await clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition })))
    .taskDefinition
  const containers = described?.containerDefinitions ?? []
  const locust = containers.find((container) => container.name === 'locust') ?? containers[0]
  return {
    arn: described?.taskDefinitionArn ?? taskDefinition,
    cpu: described?.cpu,
    memory: described?.memory,
    image: locust?.image,
    executionRoleArn: described?.executionRoleArn,
    cpuArchitecture: described?.runtimePlatform?.cpuArchitecture ?? 'X86_64'
  }
}

/** Looks the task's image up in ECR when it is in this account's registry of this region. */
async function lookUpImage(
  clients: DoctorClients,
  taskDefinition: Gathered<TaskDefinitionFacts> | undefined,
  caller: DoctorFacts['caller'],
  region: string
): Promise<Gathered<ImageFacts> | undefined> {
  const reference = taskDefinition?.ok ? taskDefinition.value.image : undefined
  const ecr = reference ? parseEcrImage(reference) : undefined
  if (!ecr || ecr.region !== region || (caller.ok && caller.value.account !== ecr.account)) {
    return undefined
  }
  const where = { registryId: ecr.account, repositoryName: ecr.repository }
  const imageId = ecr.digest ? { imageDigest: ecr.digest } : { imageTag: ecr.tag }
  try {
    const { imageDetails } = await clients.ecr.send(
      new DescribeImagesCommand({ ...where, imageIds: [imageId] })
    )
    if (!imageDetails?.length) return { ok: true, value: { kind: 'missing-image' } }
    const architectures = await imageArchitectures(clients, where, imageId).catch(() => undefined)
    return {
      ok: true,
      value: { kind: 'present', pushedAt: imageDetails[0].imagePushedAt, architectures }
    }
  } catch (error) {
    const name = (error as Error).name
    if (name === 'ImageNotFoundException') return { ok: true, value: { kind: 'missing-image' } }
    if (name === 'RepositoryNotFoundException') {
      return { ok: true, value: { kind: 'missing-repository' } }
    }
    return gathered(() => Promise.reject(error as Error))
  }
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json'
]

interface ImageManifest {
  /** An index (multi-platform image): one entry per platform. */
  manifests?: { platform?: { os?: string; architecture?: string } }[]
  /** A single-platform image: its config blob names the architecture. */
  config?: { digest?: string }
}

/** The Linux architectures an ECR image is built for: from its index, or its config blob. */
async function imageArchitectures(
  clients: DoctorClients,
  where: { registryId: string; repositoryName: string },
  imageId: ImageIdentifier
): Promise<string[] | undefined> {
  const { images } = await clients.ecr.send(
    new BatchGetImageCommand({ ...where, imageIds: [imageId], acceptedMediaTypes: MANIFEST_TYPES })
  )
  const manifest = JSON.parse(images?.[0]?.imageManifest ?? '{}') as ImageManifest
  if (manifest.manifests) {
    return manifest.manifests
      .filter((entry) => entry.platform?.os === 'linux')
      .map((entry) => entry.platform?.architecture ?? '')
  }
  const layerDigest = manifest.config?.digest
  if (!layerDigest) return undefined
  const { downloadUrl } = await clients.ecr.send(
    new GetDownloadUrlForLayerCommand({ ...where, layerDigest })
  )
  const config = (await (await fetch(downloadUrl ?? '')).json()) as { architecture?: string }
  return config.architecture ? [config.architecture] : undefined
}

async function describeNetwork(clients: DoctorClients, subnetIds: string[]): Promise<NetworkFacts> {
  // A filter, unlike SubnetIds, answers for the subnets that exist instead of failing for all.
  const { Subnets = [] } = await clients.ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'subnet-id', Values: subnetIds }] })
  )
  const vpcIds = [...new Set(Subnets.map((subnet) => subnet.VpcId ?? ''))].filter(Boolean)
  const filters = [{ Name: 'vpc-id', Values: vpcIds }]
  const { RouteTables = [] } = vpcIds.length
    ? await clients.ec2.send(new DescribeRouteTablesCommand({ Filters: filters }))
    : {}
  const { VpcEndpoints = [] } = vpcIds.length
    ? await clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: filters }))
    : {}
  const found = Subnets.map((subnet): SubnetFacts => {
    const id = subnet.SubnetId ?? ''
    const vpcId = subnet.VpcId ?? ''
    const table =
      RouteTables.find((candidate) =>
        candidate.Associations?.some((association) => association.SubnetId === id)
      ) ??
      RouteTables.find(
        (candidate) =>
          candidate.VpcId === vpcId &&
          candidate.Associations?.some((association) => association.Main)
      )
    return { id, vpcId, availableIps: subnet.AvailableIpAddressCount, ...defaultRouteOf(table) }
  })
  return {
    subnets: found,
    unknownSubnets: subnetIds.filter((id) => !found.some((subnet) => subnet.id === id)),
    endpointServices: VpcEndpoints.filter(
      (endpoint) => (endpoint.State ?? '').toLowerCase() === 'available'
    ).map((endpoint) => endpoint.ServiceName ?? '')
  }
}

/** Whether the group lets its own members reach each other on TCP 5557 (the workers their master). */
async function describeSecurityGroup(
  clients: DoctorClients,
  groupId: string
): Promise<SecurityGroupFacts> {
  const { SecurityGroups = [] } = await clients.ec2.send(
    new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })
  )
  const rules = SecurityGroups[0]?.IpPermissions ?? []
  const allowsLocustBetweenTasks = rules.some(
    (rule) =>
      (rule.IpProtocol === '-1' ||
        (rule.IpProtocol === 'tcp' &&
          (rule.FromPort ?? 0) <= 5557 &&
          (rule.ToPort ?? 0) >= 5557)) &&
      (rule.UserIdGroupPairs ?? []).some((pair) => pair.GroupId === groupId)
  )
  return { id: groupId, allowsLocustBetweenTasks }
}

function defaultRouteOf(table: RouteTable | undefined): Pick<SubnetFacts, 'defaultRoute' | 'via'> {
  const route = table?.Routes?.find(
    (candidate) => candidate.DestinationCidrBlock === '0.0.0.0/0' && candidate.State !== 'blackhole'
  )
  if (!route) return { defaultRoute: 'none' }
  if (route.GatewayId?.startsWith('igw-'))
    return { defaultRoute: 'internet-gateway', via: route.GatewayId }
  if (route.NatGatewayId) return { defaultRoute: 'nat', via: route.NatGatewayId }
  const via =
    route.TransitGatewayId ??
    route.NetworkInterfaceId ??
    route.VpcPeeringConnectionId ??
    route.GatewayId ??
    route.InstanceId
  return { defaultRoute: 'other', via }
}

/**
 * The IAM principal behind the caller, as STS names it: the role of an assumed-role session
 * (without the role's path, which STS leaves out), or the user itself.
 */
export function principalOf(callerArn: string): string {
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn)
  return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : callerArn
}

/** The caller's principal with its path: IAM knows a role with a path only by its full ARN. */
async function callerPrincipal(clients: DoctorClients, callerArn: string): Promise<string> {
  const principal = principalOf(callerArn)
  if (principal === callerArn) return principal
  try {
    const { Role } = await clients.iam.send(
      new GetRoleCommand({ RoleName: principal.split('/').at(-1) })
    )
    return Role?.Arn ?? principal
  } catch {
    // Without iam:GetRole, the path-less ARN serves the roles without a path, the usual case.
    return principal
  }
}

/**
 * The region's Fargate On-Demand vCPU quota: the applied value, or AWS's default where none was
 * ever applied (Service Quotas then answers NoSuchResourceException).
 */
async function fargateVcpuQuota(clients: DoctorClients): Promise<number> {
  const ids = {
    ServiceCode: FARGATE_VCPU_QUOTA.serviceCode,
    QuotaCode: FARGATE_VCPU_QUOTA.quotaCode
  }
  let quota
  try {
    quota = (await clients.serviceQuotas.send(new GetServiceQuotaCommand(ids))).Quota
  } catch (error) {
    if ((error as Error).name !== 'NoSuchResourceException') throw error
    quota = (await clients.serviceQuotas.send(new GetAWSDefaultServiceQuotaCommand(ids))).Quota
  }
  if (quota?.Value === undefined) throw new Error('Service Quotas gave no value')
  return quota.Value
}

/** IAM's decision on every call a run makes, for `principal` (a role or user ARN). */
async function simulateRunCalls(
  clients: DoctorClients,
  principal: string,
  run: RunResources
): Promise<PermissionDecision[]> {
  if (/:root$/.test(principal)) {
    throw new Error('the account root user cannot be simulated; use a role')
  }
  const decisions: PermissionDecision[] = []
  for (const group of runCallGroups(run)) {
    let marker: string | undefined
    do {
      const page = await clients.iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: principal,
          ActionNames: group.actions,
          ResourceArns: [group.resource],
          ContextEntries: Object.entries(group.context ?? {}).map(([key, value]) => ({
            ContextKeyName: key,
            ContextKeyValues: [value],
            ContextKeyType: 'string'
          })),
          Marker: marker
        })
      )
      decisions.push(
        ...(page.EvaluationResults ?? []).map((result: EvaluationResult) => ({
          action: result.EvalActionName ?? '',
          resource: result.EvalResourceName ?? group.resource,
          prefix: group.context?.['s3:prefix'],
          allowed: result.EvalDecision === 'allowed'
        }))
      )
      marker = page.IsTruncated ? page.Marker : undefined
    } while (marker)
  }
  return decisions
}
