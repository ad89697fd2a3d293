/**
 * The account around the stack, as `distributed-locust doctor` asks about it: ECR images
 * (DescribeImages), the Fargate vCPU quota (Service Quotas GetServiceQuota), subnets, route tables
 * and VPC endpoints (EC2), the caller (STS GetCallerIdentity), its role (IAM GetRole) and
 * permissions (IAM SimulatePrincipalPolicy, judged by a list of denied actions), and ECS task
 * definitions (DescribeTaskDefinition, answered in front of the ECS emulator). Every answer comes
 * from the public fields below, which a test may change between calls.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import {
  AwsServiceError,
  jsonProtocolHandler,
  type HttpReply,
  type RequestHandler
} from './http.js'

export interface EmulatedTaskDefinition {
  cpu: string
  memory: string
  image: string
  /** runtimePlatform.cpuArchitecture (default X86_64). */
  cpuArchitecture?: string
}

export interface EmulatedSubnet {
  id: string
  vpcId: string
  /** Free private addresses (default 250). */
  availableIps?: number
}

export interface EmulatedRouteTable {
  id: string
  vpcId: string
  /** The VPC's main table, used by subnets without a table of their own. */
  main?: boolean
  subnetIds?: string[]
  /** Where 0.0.0.0/0 goes: `igw-…` or `nat-…`; none when absent. */
  defaultRouteTo?: string
}

export interface AccountOptions {
  /** Repository name → image tags pushed. */
  images?: Record<string, string[]>
  /**
   * Repository name → the Linux architectures its images are built for (default amd64): one is a
   * single-platform manifest whose config blob names it, several an image index.
   */
  imageArchitectures?: Record<string, string[]>
  /** Task definition ARN → what it asks for (also found by family:revision). */
  taskDefinitions?: Record<string, EmulatedTaskDefinition>
  subnets?: EmulatedSubnet[]
  routeTables?: EmulatedRouteTable[]
  /** Security groups without the TCP 5557 rule from themselves (every other group has it). */
  groupsWithoutLocustRule?: string[]
  /** VPC endpoints: VPC id → service names (e.g. com.amazonaws.us-east-1.s3). */
  vpcEndpoints?: Record<string, string[]>
  /** Fargate On-Demand vCPU resource count (default 6, what some new accounts get). */
  fargateVcpuQuota?: number
  /** ARN GetCallerIdentity returns (default an assumed-role session of `distributed-locust-github`). */
  callerArn?: string
  /**
   * Principal ARN (or `*` for every one) → IAM actions it may not make, simulated as implicitDeny;
   * every other is allowed.
   */
  deniedActions?: Record<string, string[]>
}

export class AccountEmulator {
  images: Record<string, string[]>
  imageArchitectures: Record<string, string[]>
  taskDefinitions: Record<string, EmulatedTaskDefinition>
  subnets: EmulatedSubnet[]
  routeTables: EmulatedRouteTable[]
  vpcEndpoints: Record<string, string[]>
  groupsWithoutLocustRule: string[]
  fargateVcpuQuota: number
  callerArn: string
  deniedActions: Record<string, string[]>

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    options: AccountOptions = {}
  ) {
    this.images = options.images ?? {}
    this.imageArchitectures = options.imageArchitectures ?? {}
    this.taskDefinitions = options.taskDefinitions ?? {}
    this.subnets = options.subnets ?? []
    this.routeTables = options.routeTables ?? []
    this.vpcEndpoints = options.vpcEndpoints ?? {}
    this.groupsWithoutLocustRule = options.groupsWithoutLocustRule ?? []
    this.fargateVcpuQuota = options.fargateVcpuQuota ?? 6
    this.callerArn =
      options.callerArn ?? `arn:aws:sts::${accountId}:assumed-role/distributed-locust-github/doctor`
    this.deniedActions = options.deniedActions ?? {}
  }

  private readonly ecrApi: RequestHandler = jsonProtocolHandler(
    'AmazonEC2ContainerRegistry_V20150921',
    '1.1',
    {
      DescribeImages: (input: {
        registryId?: string
        repositoryName: string
        imageIds?: { imageTag?: string; imageDigest?: string }[]
      }) => {
        const tags = this.images[input.repositoryName]
        if (tags === undefined || (input.registryId && input.registryId !== this.accountId)) {
          throw new AwsServiceError(
            'RepositoryNotFoundException',
            `The repository with name '${input.repositoryName}' does not exist in the registry with id '${this.accountId}'`
          )
        }
        const wanted = (input.imageIds ?? []).map((id) => id.imageTag)
        const missing = wanted.find((tag) => tag === undefined || !tags.includes(tag))
        if (wanted.length > 0 && missing !== undefined) {
          throw new AwsServiceError(
            'ImageNotFoundException',
            `The image with imageId {imageTag:'${missing}'} does not exist within the repository with name '${input.repositoryName}' in the registry with id '${this.accountId}'`
          )
        }
        return {
          imageDetails: (wanted.length > 0 ? wanted : tags).map((tag) => ({
            registryId: this.accountId,
            repositoryName: input.repositoryName,
            imageDigest: `sha256:${'0'.repeat(64)}`,
            imageTags: [tag],
            imagePushedAt: Date.now() / 1000
          }))
        }
      },
      BatchGetImage: (input: { repositoryName: string; imageIds?: { imageTag?: string }[] }) => {
        const architectures = this.imageArchitectures[input.repositoryName] ?? ['amd64']
        const manifest =
          architectures.length > 1
            ? {
                schemaVersion: 2,
                mediaType: 'application/vnd.oci.image.index.v1+json',
                manifests: architectures.map((architecture) => ({
                  digest: blobDigest(`${input.repositoryName}/${architecture}`),
                  platform: { os: 'linux', architecture }
                }))
              }
            : {
                schemaVersion: 2,
                mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
                config: { digest: blobDigest(`${input.repositoryName}/config`) }
              }
        return {
          images: (input.imageIds ?? []).map((imageId) => ({
            registryId: this.accountId,
            repositoryName: input.repositoryName,
            imageId,
            imageManifest: JSON.stringify(manifest),
            imageManifestMediaType: manifest.mediaType
          })),
          failures: []
        }
      },
      GetDownloadUrlForLayer: (input: { repositoryName: string; layerDigest: string }) => ({
        // Answered by this same server (see `ecr`), as ECR answers with a presigned S3 URL.
        downloadUrl: `${this.ecrUrl}/blobs/${input.repositoryName}/${input.layerDigest}`,
        layerDigest: input.layerDigest
      })
    }
  )

  /** Where this ECR endpoint is reached, learnt from the requests it gets. */
  private ecrUrl = ''

  /** ECR's API, and the config blobs its download URLs point to. */
  readonly ecr: RequestHandler = async (request, body) => {
    this.ecrUrl = `http://${request.headers.host}`
    const blob = /^\/blobs\/([^/]+)\//.exec(request.url ?? '')
    if (request.method === 'GET' && blob) {
      const [architecture] = this.imageArchitectures[blob[1]] ?? ['amd64']
      return {
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ architecture, os: 'linux', config: {} })
      }
    }
    return this.ecrApi(request, body)
  }

  readonly serviceQuotas: RequestHandler = jsonProtocolHandler('ServiceQuotasV20190624', '1.1', {
    GetServiceQuota: (input: { ServiceCode: string; QuotaCode: string }) => {
      if (input.ServiceCode !== 'fargate' || input.QuotaCode !== 'L-3032A538') {
        throw new AwsServiceError(
          'NoSuchResourceException',
          `The request failed because the specified quota ${input.ServiceCode}/${input.QuotaCode} does not exist.`
        )
      }
      return {
        Quota: {
          ServiceCode: 'fargate',
          QuotaCode: 'L-3032A538',
          QuotaName: 'Fargate On-Demand vCPU resource count',
          Value: this.fargateVcpuQuota,
          Unit: 'None',
          Adjustable: true
        }
      }
    }
  })

  /** ECS DescribeTaskDefinition here; every other ECS call goes on to `ecs`. */
  ecsWithTaskDefinitions(ecs: RequestHandler): RequestHandler {
    const describe = jsonProtocolHandler('AmazonEC2ContainerServiceV20141113', '1.1', {
      DescribeTaskDefinition: (input: { taskDefinition: string }) => {
        const entry = Object.entries(this.taskDefinitions).find(
          ([arn]) => arn === input.taskDefinition || arn.endsWith(`/${input.taskDefinition}`)
        )
        if (!entry)
          throw new AwsServiceError('ClientException', 'Unable to describe task definition.')
        const [arn, definition] = entry
        const [family, revision] = arn.split('/').at(-1)!.split(':')
        return {
          taskDefinition: {
            taskDefinitionArn: arn,
            family,
            revision: Number(revision),
            cpu: definition.cpu,
            memory: definition.memory,
            networkMode: 'awsvpc',
            requiresCompatibilities: ['FARGATE'],
            containerDefinitions: [{ name: 'locust', image: definition.image, essential: true }],
            runtimePlatform: {
              operatingSystemFamily: 'LINUX',
              cpuArchitecture: definition.cpuArchitecture ?? 'X86_64'
            }
          }
        }
      }
    })
    return (request, body) =>
      String(request.headers['x-amz-target'] ?? '').endsWith('.DescribeTaskDefinition')
        ? describe(request, body)
        : ecs(request, body)
  }

  readonly ec2: RequestHandler = queryHandler('http://ec2.amazonaws.com/doc/2016-11-15/', 'ec2', {
    DescribeSubnets: (form) => {
      const wanted = filterValues(form, 'subnet-id')
      const subnets = this.subnets.filter((subnet) => !wanted || wanted.includes(subnet.id))
      return `<subnetSet>${subnets
        .map(
          (subnet) =>
            `<item><subnetId>${subnet.id}</subnetId><vpcId>${subnet.vpcId}</vpcId><state>available</state>` +
            `<availabilityZone>${this.region}a</availabilityZone><availableIpAddressCount>${subnet.availableIps ?? 250}</availableIpAddressCount>` +
            '<mapPublicIpOnLaunch>false</mapPublicIpOnLaunch></item>'
        )
        .join('')}</subnetSet>`
    },
    DescribeSecurityGroups: (form) => {
      const ids = members(form, 'GroupId', '')
      return `<securityGroupInfo>${ids
        .map(
          (id) =>
            `<item><groupId>${id}</groupId><groupName>${id}</groupName><ipPermissions>${
              this.groupsWithoutLocustRule.includes(id)
                ? ''
                : `<item><ipProtocol>tcp</ipProtocol><fromPort>5557</fromPort><toPort>5557</toPort><groups><item><groupId>${id}</groupId></item></groups></item>`
            }</ipPermissions></item>`
        )
        .join('')}</securityGroupInfo>`
    },
    DescribeRouteTables: (form) => {
      const vpcs = filterValues(form, 'vpc-id')
      const tables = this.routeTables.filter((table) => !vpcs || vpcs.includes(table.vpcId))
      return `<routeTableSet>${tables.map((table) => routeTableXml(table)).join('')}</routeTableSet>`
    },
    DescribeVpcEndpoints: (form) => {
      const vpcs = filterValues(form, 'vpc-id')
      const endpoints = Object.entries(this.vpcEndpoints)
        .filter(([vpcId]) => !vpcs || vpcs.includes(vpcId))
        .flatMap(([vpcId, services]) => services.map((service) => ({ vpcId, service })))
      return `<vpcEndpointSet>${endpoints
        .map(
          ({ vpcId, service }, index) =>
            `<item><vpcEndpointId>vpce-${String(index).padStart(17, '0')}</vpcEndpointId>` +
            `<vpcEndpointType>${service.endsWith('.s3') ? 'Gateway' : 'Interface'}</vpcEndpointType>` +
            `<vpcId>${vpcId}</vpcId><serviceName>${service}</serviceName><state>available</state></item>`
        )
        .join('')}</vpcEndpointSet>`
    }
  })

  readonly sts: RequestHandler = queryHandler(
    'https://sts.amazonaws.com/doc/2011-06-15/',
    'query',
    {
      GetCallerIdentity: () =>
        `<Arn>${escapeXml(this.callerArn)}</Arn><UserId>AROAEMULATED:doctor</UserId><Account>${this.accountId}</Account>`
    }
  )

  readonly iam: RequestHandler = queryHandler(
    'https://iam.amazonaws.com/doc/2010-05-08/',
    'query',
    {
      GetRole: (form) => {
        const name = escapeXml(form.get('RoleName') ?? '')
        return (
          `<Role><RoleName>${name}</RoleName><Path>/</Path><RoleId>AROAEMULATED</RoleId>` +
          `<Arn>arn:aws:iam::${this.accountId}:role/${name}</Arn>` +
          '<CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>'
        )
      },
      SimulatePrincipalPolicy: (form) => {
        const source = form.get('PolicySourceArn') ?? ''
        if (!/^arn:aws:iam::\d{12}:(role|user|group)\//.test(source)) {
          throw new AwsServiceError('InvalidInput', `Invalid ARN: ${source}`)
        }
        const denied = [...(this.deniedActions['*'] ?? []), ...(this.deniedActions[source] ?? [])]
        const actions = members(form, 'ActionNames')
        const resources = members(form, 'ResourceArns')
        const results = actions.flatMap((action) =>
          (resources.length > 0 ? resources : ['*']).map(
            (resource) =>
              `<member><EvalActionName>${escapeXml(action)}</EvalActionName>` +
              `<EvalResourceName>${escapeXml(resource)}</EvalResourceName>` +
              `<EvalDecision>${denied.includes(action) ? 'implicitDeny' : 'allowed'}</EvalDecision>` +
              `<MatchedStatements/><MissingContextValues/></member>`
          )
        )
        return `<IsTruncated>false</IsTruncated><EvaluationResults>${results.join('')}</EvaluationResults>`
      }
    }
  )
}

type QueryOperation = (form: URLSearchParams) => string

/**
 * A handler for the AWS Query protocols: form-encoded `Action=…` in, XML out. `ec2` replies
 * without the Result wrapper and reports errors in EC2's own shape.
 */
function queryHandler(
  namespace: string,
  flavour: 'query' | 'ec2',
  operations: Record<string, QueryOperation>
): RequestHandler {
  return async (_request: IncomingMessage, body: string): Promise<HttpReply> => {
    const form = new URLSearchParams(body)
    const action = form.get('Action') ?? ''
    try {
      const operation = Object.hasOwn(operations, action) ? operations[action] : undefined
      if (!operation) {
        throw new AwsServiceError(
          'InvalidAction',
          `The emulator does not implement action ${action}.`
        )
      }
      const result = operation(form)
      const requestId = randomUUID()
      return xmlReply(
        200,
        flavour === 'ec2'
          ? `<${action}Response xmlns="${namespace}"><requestId>${requestId}</requestId>${result}</${action}Response>`
          : `<${action}Response xmlns="${namespace}"><${action}Result>${result}</${action}Result>` +
              `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
      )
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error
      const message = escapeXml(error.message)
      return xmlReply(
        error.status,
        flavour === 'ec2'
          ? `<Response><Errors><Error><Code>${error.type}</Code><Message>${message}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`
          : `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${error.type}</Code>` +
              `<Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
      )
    }
  }
}

/** The values of the EC2 filter named `name` (Filter.N.Name / Filter.N.Value.M); undefined if none. */
function filterValues(form: URLSearchParams, name: string): string[] | undefined {
  for (let index = 1; form.has(`Filter.${index}.Name`); index++) {
    if (form.get(`Filter.${index}.Name`) !== name) continue
    const values: string[] = []
    for (let value = 1; form.has(`Filter.${index}.Value.${value}`); value++) {
      values.push(form.get(`Filter.${index}.Value.${value}`)!)
    }
    return values
  }
  return undefined
}

/** A Query-protocol list: `<name>.member.N` (EC2: `<name>.N`). */
function members(form: URLSearchParams, name: string, separator = '.member'): string[] {
  const values: string[] = []
  for (let index = 1; form.has(`${name}${separator}.${index}`); index++) {
    values.push(form.get(`${name}${separator}.${index}`)!)
  }
  return values
}

function blobDigest(name: string): string {
  return `sha256:${createHash('sha256').update(name).digest('hex')}`
}

function routeTableXml(table: EmulatedRouteTable): string {
  const target = table.defaultRouteTo
  const defaultRoute = target
    ? `<item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock>${
        target.startsWith('nat-')
          ? `<natGatewayId>${target}</natGatewayId>`
          : `<gatewayId>${target}</gatewayId>`
      }<state>active</state><origin>CreateRoute</origin></item>`
    : ''
  const associations = [
    ...(table.main
      ? [
          `<item><routeTableAssociationId>rtbassoc-main-${table.id}</routeTableAssociationId><routeTableId>${table.id}</routeTableId><main>true</main></item>`
        ]
      : []),
    ...(table.subnetIds ?? []).map(
      (subnetId) =>
        `<item><routeTableAssociationId>rtbassoc-${subnetId}</routeTableAssociationId><routeTableId>${table.id}</routeTableId><subnetId>${subnetId}</subnetId><main>false</main></item>`
    )
  ]
  return (
    `<item><routeTableId>${table.id}</routeTableId><vpcId>${table.vpcId}</vpcId>` +
    `<routeSet><item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId><state>active</state></item>${defaultRoute}</routeSet>` +
    `<associationSet>${associations.join('')}</associationSet></item>`
  )
}

function xmlReply(status: number, xml: string): HttpReply {
  return { status, contentType: 'text/xml', body: `<?xml version="1.0" encoding="UTF-8"?>${xml}` }
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}
