/**
 * What `distributed-locust doctor` learns about a deployed stack and the account around it: each
 * answer from AWS, or the error the call gave. The checks (checks.ts) judge these facts without
 * calling anything.
 */

import type { CredentialsLifetime } from '../credentials.js'

/** One answer from AWS: its value, or the error message of the call that should have given it. */
export type Gathered<T> = { ok: true; value: T } | { ok: false; error: string }

export interface StackFacts {
  /** The stack's ARN. */
  id?: string
  status: string
  outputs: Record<string, string>
}

export interface TaskDefinitionFacts {
  arn: string
  /** CPU units and MiB, as registered ('1024', '2048'). */
  cpu?: string
  memory?: string
  /** The Locust container's image reference. */
  image?: string
  /** The role ECS pulls the image with. */
  executionRoleArn?: string
  /** The runtime platform's CPU architecture (X86_64 or ARM64; Fargate's default X86_64). */
  cpuArchitecture: string
}

/** An image in ECR: found, or named absent by ECR (ImageNotFound / RepositoryNotFound). */
export type ImageFacts =
  | {
      kind: 'present'
      pushedAt?: Date
      /** The Linux architectures it is built for (amd64, arm64), when its manifest could be read. */
      architectures?: string[]
    }
  | { kind: 'missing-image' }
  | { kind: 'missing-repository' }

export interface SubnetFacts {
  id: string
  vpcId: string
  /**
   * Where traffic for 0.0.0.0/0 goes from this subnet: an internet gateway, a NAT gateway,
   * something else (a transit gateway, a NAT instance, a peering: `via` names it), or nowhere.
   */
  defaultRoute: 'internet-gateway' | 'nat' | 'other' | 'none'
  via?: string
  /** Free private addresses: each task takes one (AvailableIpAddressCount). */
  availableIps?: number
}

/** The tasks' security group: whether it lets a task reach another on Locust's port 5557. */
export interface SecurityGroupFacts {
  id: string
  allowsLocustBetweenTasks: boolean
}

export interface NetworkFacts {
  subnets: SubnetFacts[]
  /** Subnet IDs the stack names that EC2 does not know. */
  unknownSubnets: string[]
  /** Service names of the VPC endpoints available in the subnets' VPCs. */
  endpointServices: string[]
}

/** An IAM decision for one action on one resource, as SimulatePrincipalPolicy gives it. */
export interface PermissionDecision {
  action: string
  resource: string
  /** The key prefix a bucket listing was simulated with. */
  prefix?: string
  allowed: boolean
}

/** What one principal may do of the calls a run makes. */
export interface PermissionFacts {
  /** The caller of the doctor, or the stack's GitHub role (output GitHubRoleArn). */
  subject: 'caller' | 'GitHub role'
  /** The IAM principal simulated (the role behind an assumed-role session). */
  principal: string
  decisions: Gathered<PermissionDecision[]>
}

/** What the run being prepared for asks of the account. */
export interface DoctorRequest {
  stackName: string
  region: string
  workers: number
  timeoutMinutes: number
  assignPublicIp: boolean
}

export interface DoctorFacts {
  request: DoctorRequest
  /** Epoch ms when the facts were gathered. */
  now: number
  caller: Gathered<{ arn: string; account: string }>
  stack: Gathered<StackFacts>
  /** Absent when the stack gave no task definition to look at. */
  taskDefinition?: Gathered<TaskDefinitionFacts>
  /** Absent when the image is not in this account's ECR in this region (nothing to look up). */
  image?: Gathered<ImageFacts>
  network?: Gathered<NetworkFacts>
  /** Absent when the stack names no security group. */
  securityGroup?: Gathered<SecurityGroupFacts>
  /** The Fargate On-Demand vCPU quota of the region. */
  vcpuQuota: Gathered<number>
  credentials: CredentialsLifetime
  permissions: PermissionFacts[]
}
