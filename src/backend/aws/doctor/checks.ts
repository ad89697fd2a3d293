/**
 * The doctor's judgement: the facts gathered about a stack and its account in, one finding per
 * check out (ok / warning / error, each problem with its fix). Pure: no AWS call, no clock.
 */
import type { DoctorFinding } from '../../types.js'
import { credentialsLifetimeProblem } from '../credentials.js'
import { stackUsability } from '../stack-status.js'
import { STACK_OUTPUTS } from '../target.js'
import type { DoctorFacts, NetworkFacts, PermissionDecision, SubnetFacts } from './facts.js'

export type Finding = DoctorFinding
export type FindingLevel = Finding['level']

/** Fargate's service code and the quota code of "Fargate On-Demand vCPU resource count". */
export const FARGATE_VCPU_QUOTA = { serviceCode: 'fargate', quotaCode: 'L-3032A538' }

/** Share of the vCPU quota above which a run leaves little room for anything else. */
const QUOTA_HEADROOM = 0.8

/** The outputs a run reads from the stack (the others are for people). */
const REQUIRED_OUTPUTS = [
  STACK_OUTPUTS.stateMachineArn,
  STACK_OUTPUTS.bucket,
  STACK_OUTPUTS.cluster,
  STACK_OUTPUTS.taskDefinition,
  STACK_OUTPUTS.subnets,
  STACK_OUTPUTS.securityGroups
]

/** Services a task reaches from its subnet: the image (ECR API and registry), S3, its logs. */
const TASK_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 's3', 'logs']

export function diagnose(facts: DoctorFacts): Finding[] {
  // Without credentials every other call failed the same way: one finding says it.
  if (!facts.caller.ok) return callerFindings(facts)
  return [
    ...callerFindings(facts),
    ...stackFindings(facts),
    ...taskDefinitionFindings(facts),
    ...imageFindings(facts),
    ...networkFindings(facts),
    ...addressFindings(facts),
    ...securityGroupFindings(facts),
    ...quotaFindings(facts),
    credentialsFinding(facts),
    ...permissionFindings(facts)
  ]
}

/** The worst level among the findings: what the doctor's exit code reflects. */
export function worstLevel(findings: Finding[]): FindingLevel {
  if (findings.some((finding) => finding.level === 'error')) return 'error'
  if (findings.some((finding) => finding.level === 'warning')) return 'warning'
  return 'ok'
}

function callerFindings({ caller }: DoctorFacts): Finding[] {
  if (caller.ok) {
    return [{ check: 'credentials', level: 'ok', message: `Calling AWS as ${caller.value.arn}.` }]
  }
  return [
    {
      check: 'credentials',
      level: 'error',
      message: `No usable AWS credentials: ${caller.error}`,
      fix: 'Configure credentials (aws configure, AWS_PROFILE, or aws-actions/configure-aws-credentials in a workflow) for the account of the stack.'
    }
  ]
}

function stackFindings({ stack, request }: DoctorFacts): Finding[] {
  const name = request.stackName
  if (!stack.ok) {
    const missing = /does not exist/.test(stack.error)
    return [
      {
        check: 'stack',
        level: 'error',
        message: missing
          ? `Stack '${name}' does not exist in ${request.region}.`
          : `Could not read stack '${name}': ${stack.error}`,
        fix: missing
          ? 'Deploy cloudformation/template.yaml (cloudformation/README.md), or pass the region it is in with --aws-region.'
          : 'Allow cloudformation:DescribeStacks on the stack to the caller.'
      }
    ]
  }
  const findings: Finding[] = []
  const usability = stackUsability(stack.value.status)
  if (!usability.usable) {
    findings.push({
      check: 'stack',
      level: 'error',
      message: `Stack '${name}' is in state ${stack.value.status}, in which it cannot run tests.`,
      fix: `${capitalise(usability.fix)}.`
    })
  } else if (usability.changing) {
    findings.push({
      check: 'stack',
      level: 'warning',
      message: `Stack '${name}' is in state ${stack.value.status}: an update is under way.`,
      fix: 'Run tests once the update has ended; a run during it may meet resources being replaced.'
    })
  } else {
    findings.push({
      check: 'stack',
      level: 'ok',
      message: `Stack '${name}' is ${stack.value.status}.`
    })
  }
  const missing = REQUIRED_OUTPUTS.filter((key) => !stack.value.outputs[key])
  findings.push(
    missing.length === 0
      ? { check: 'stack outputs', level: 'ok', message: 'Every output a run reads is there.' }
      : {
          check: 'stack outputs',
          level: 'error',
          message: `Stack '${name}' lacks the output(s) ${missing.join(', ')}.`,
          fix: 'Update the stack with cloudformation/template.yaml of this version.'
        }
  )
  return findings
}

/** Fargate's CPU (units) → memory (MiB) combinations: from, to, step. */
const FARGATE_MEMORY: Record<string, [number, number, number]> = {
  '256': [512, 2048, 512],
  '512': [1024, 4096, 1024],
  '1024': [2048, 8192, 1024],
  '2048': [4096, 16384, 1024],
  '4096': [8192, 30720, 1024],
  '8192': [16384, 61440, 4096],
  '16384': [32768, 122880, 8192]
}

export function isFargateSize(cpu: string, memory: string): boolean {
  const range = FARGATE_MEMORY[cpu]
  const mib = Number(memory)
  if (!range || !Number.isInteger(mib)) return false
  const [from, to, step] = range
  // 256 CPU units also take 512 MiB steps from 512, which the table's step already gives.
  return mib >= from && mib <= to && (mib - from) % step === 0
}

function taskDefinitionFindings({ taskDefinition }: DoctorFacts): Finding[] {
  if (!taskDefinition) return []
  if (!taskDefinition.ok) {
    return [
      {
        check: 'task definition',
        level: 'error',
        message: `Could not describe the task definition: ${taskDefinition.error}`,
        fix: 'Check the stack output TaskDefinitionArn (or the --task-definition flag) and allow ecs:DescribeTaskDefinition to the caller.'
      }
    ]
  }
  const { arn, cpu, memory } = taskDefinition.value
  if (!cpu || !memory || !isFargateSize(cpu, memory)) {
    return [
      {
        check: 'task definition',
        level: 'error',
        message: `Task definition ${arn} asks for ${cpu ?? '?'} CPU units and ${memory ?? '?'} MiB, which Fargate does not offer.`,
        fix: 'Redeploy with TaskCpu and TaskMemory a valid Fargate combination (e.g. 1024 and 2048).'
      }
    ]
  }
  return [
    {
      check: 'task definition',
      level: 'ok',
      message: `Each task has ${Number(cpu) / 1024} vCPU and ${memory} MiB (${arn}).`
    }
  ]
}

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]`, parsed. */
export function parseEcrImage(
  image: string
):
  | { account: string; region: string; repository: string; tag?: string; digest?: string }
  | undefined {
  const match =
    /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(
      image
    )
  if (!match) return undefined
  const [, account, region, repository, tag, digest] = match
  return { account, region, repository, tag: tag ?? (digest ? undefined : 'latest'), digest }
}

function imageFindings({ taskDefinition, image, caller, request }: DoctorFacts): Finding[] {
  const reference = taskDefinition?.ok ? taskDefinition.value.image : undefined
  const executionRole = taskDefinition?.ok ? taskDefinition.value.executionRoleArn : undefined
  if (!reference) return []
  if (!image) {
    const ecr = parseEcrImage(reference)
    const ownAccount = caller.ok ? caller.value.account : undefined
    return [
      {
        check: 'image',
        level: 'warning',
        message: `The image ${reference} is not in this account's ECR in ${request.region}; its presence cannot be checked here.`,
        fix: ecr
          ? `Make sure it exists and that the stack's task execution role may pull it: a repository of account ${ecr.account}${ownAccount && ecr.account !== ownAccount ? ` (not ${ownAccount})` : ''} needs a repository policy that allows ecr:BatchGetImage and ecr:GetDownloadUrlForLayer to ${executionRole ?? 'that role (stack output TaskExecutionRoleArn)'}.`
          : 'Make sure it exists and is public, or give the task execution role the credentials to pull it.'
      }
    ]
  }
  if (!image.ok) {
    return [
      {
        check: 'image',
        level: 'warning',
        message: `Could not look up the image ${reference}: ${image.error}`,
        fix: 'Allow ecr:DescribeImages on the stack repository to the caller, or check the image by hand.'
      }
    ]
  }
  switch (image.value.kind) {
    case 'present':
      return [imageArchitectureFinding(reference, image.value.architectures, taskDefinition)]
    case 'missing-image':
      return [
        {
          check: 'image',
          level: 'error',
          message: `The image ${reference} is not in ECR: every task would stop with CannotPullContainerError.`,
          fix: 'Build and push docker/ with that tag (cloudformation/README.md, "Build and push the image").'
        }
      ]
    case 'missing-repository':
      return [
        {
          check: 'image',
          level: 'error',
          message: `The ECR repository of ${reference} does not exist.`,
          fix: 'Redeploy the stack (it creates the repository), or set ContainerImage to an image that exists.'
        }
      ]
  }
}

/** The image's architectures in Docker's names, by the task definition's CpuArchitecture. */
const DOCKER_ARCHITECTURE: Record<string, string> = { X86_64: 'amd64', ARM64: 'arm64' }

function imageArchitectureFinding(
  reference: string,
  architectures: string[] | undefined,
  taskDefinition: DoctorFacts['taskDefinition']
): Finding {
  const cpuArchitecture = taskDefinition?.ok ? taskDefinition.value.cpuArchitecture : undefined
  const needed = cpuArchitecture ? DOCKER_ARCHITECTURE[cpuArchitecture] : undefined
  if (!architectures || !needed) {
    return { check: 'image', level: 'ok', message: `The image ${reference} is in ECR.` }
  }
  if (architectures.includes(needed)) {
    return {
      check: 'image',
      level: 'ok',
      message: `The image ${reference} is in ECR, built for linux/${needed} as the task definition's ${cpuArchitecture} needs.`
    }
  }
  return {
    check: 'image',
    level: 'error',
    message: `The image ${reference} is built for ${architectures.map((arch) => `linux/${arch}`).join(', ') || 'no Linux platform'}, but the task definition runs on ${cpuArchitecture}: every task would stop with "exec format error".`,
    fix: `Build and push it for linux/${needed} (docker build --platform linux/${needed}), or deploy the stack with CpuArchitecture=${cpuArchitecture === 'ARM64' ? 'X86_64' : 'ARM64'}.`
  }
}

function networkFindings({ network, request }: DoctorFacts): Finding[] {
  if (!network) return []
  if (!network.ok) {
    return [
      {
        check: 'network',
        level: 'warning',
        message: `Could not read the subnets and their routes: ${network.error}`,
        fix: 'Allow ec2:DescribeSubnets, ec2:DescribeRouteTables and ec2:DescribeVpcEndpoints to the caller, or check by hand that the subnets reach ECR, S3 and the target.'
      }
    ]
  }
  return [
    ...network.value.unknownSubnets.map((id): Finding => ({
      check: `subnet ${id}`,
      level: 'error',
      message: `Subnet ${id} does not exist in ${request.region}.`,
      fix: 'Update the stack parameter Subnets (or the --subnet flags) with existing subnets.'
    })),
    ...network.value.subnets.map((subnet) => subnetFinding(subnet, network.value, request))
  ]
}

function subnetFinding(
  subnet: SubnetFacts,
  network: NetworkFacts,
  request: DoctorFacts['request']
): Finding {
  const check = `subnet ${subnet.id}`
  const missingEndpoints = TASK_ENDPOINT_SERVICES.filter(
    (service) => !network.endpointServices.includes(`com.amazonaws.${request.region}.${service}`)
  )
  const throughEndpoints: Finding = {
    check,
    level: 'warning',
    message: `Subnet ${subnet.id} reaches ECR, S3 and CloudWatch Logs only through VPC endpoints.`,
    fix: 'Make sure the target of the test is reachable from inside the VPC.'
  }
  switch (subnet.defaultRoute) {
    case 'nat':
      return {
        check,
        level: 'ok',
        message: `Subnet ${subnet.id} is private with a NAT gateway: tasks reach ECR, S3 and the internet.`
      }
    case 'internet-gateway':
      if (request.assignPublicIp) {
        return {
          check,
          level: 'ok',
          message: `Subnet ${subnet.id} is public and tasks get public IPs.`
        }
      }
      if (missingEndpoints.length === 0) return throughEndpoints
      return {
        check,
        level: 'error',
        message: `Subnet ${subnet.id} routes to an internet gateway, but tasks get no public IP: they cannot pull the image or reach S3.`,
        fix: 'Pass --assign-public-ip (input `assign-public-ip: true`), or use private subnets with a NAT gateway.'
      }
    case 'other':
      return {
        check,
        level: 'warning',
        message: `Subnet ${subnet.id} sends internet traffic through ${subnet.via ?? 'a route the doctor cannot follow'}.`,
        fix: 'Make sure that path reaches ECR, S3 and the target (a NAT behind a transit gateway does).'
      }
    case 'none':
      if (missingEndpoints.length === 0) return throughEndpoints
      return {
        check,
        level: 'error',
        message: `Subnet ${subnet.id} has no route to the internet and no VPC endpoint for ${missingEndpoints.join(', ')}: tasks cannot pull the image or reach S3.`,
        fix: 'Add a NAT gateway route (0.0.0.0/0) to its route table, or VPC endpoints for ECR (api, dkr), S3 and CloudWatch Logs.'
      }
  }
}

/** Each task takes a private address in one of the subnets: master and workers need workers + 1. */
function addressFindings({ network, request }: DoctorFacts): Finding[] {
  if (!network?.ok) return []
  const counted = network.value.subnets.filter((subnet) => subnet.availableIps !== undefined)
  if (counted.length === 0) return []
  const needed = request.workers + 1
  const free = counted.reduce((sum, subnet) => sum + subnet.availableIps!, 0)
  const each = counted.map((subnet) => `${subnet.id} ${subnet.availableIps}`).join(', ')
  const check = 'free IP addresses'
  if (free < needed) {
    return [
      {
        check,
        level: 'error',
        message: `The run needs ${needed} private IP addresses (one per task); the subnets have ${free} free (${each}).`,
        fix: 'Add subnets with free addresses to the stack parameter Subnets (or --subnet), or run fewer workers.'
      }
    ]
  }
  const short = counted.filter((subnet) => subnet.availableIps! < needed)
  if (short.length > 0) {
    return [
      {
        check,
        level: 'warning',
        message: `Subnet(s) ${short.map((subnet) => subnet.id).join(', ')} have fewer free IP addresses than the run's ${needed} tasks (${each}); ECS spreads tasks over the subnets, so tasks placed there may not start.`,
        fix: 'Use subnets with at least workers + 1 free addresses each, or run fewer workers.'
      }
    ]
  }
  return [
    {
      check,
      level: 'ok',
      message: `Every subnet has at least the ${needed} free IP addresses the run's tasks need (${each}).`
    }
  ]
}

function securityGroupFindings({ securityGroup }: DoctorFacts): Finding[] {
  if (!securityGroup) return []
  const check = 'security group'
  if (!securityGroup.ok) {
    return [
      {
        check,
        level: 'warning',
        message: `Could not read the tasks' security group: ${securityGroup.error}`,
        fix: 'Allow ec2:DescribeSecurityGroups to the caller, or check by hand that the group lets its members reach each other on TCP 5557.'
      }
    ]
  }
  const { id, allowsLocustBetweenTasks } = securityGroup.value
  if (allowsLocustBetweenTasks) {
    return [
      { check, level: 'ok', message: `${id} lets the workers reach their master on TCP 5557.` }
    ]
  }
  return [
    {
      check,
      level: 'error',
      message: `${id} has no inbound rule for TCP 5557 from itself: the workers could not reach their master, and the master would exit 3 once ExpectWorkersTimeoutSeconds is over.`,
      fix: `Add an inbound rule to ${id}: TCP 5557 from ${id} (the stack's TaskSecurityGroupLocustIngress), or update the stack.`
    }
  ]
}

function quotaFindings({ vcpuQuota, taskDefinition, request }: DoctorFacts): Finding[] {
  const cpu = taskDefinition?.ok ? Number(taskDefinition.value.cpu) : NaN
  if (!Number.isFinite(cpu)) return []
  const needed = ((request.workers + 1) * cpu) / 1024
  const tasks = `${request.workers + 1} tasks (master and ${request.workers} worker(s)) of ${cpu / 1024} vCPU`
  if (!vcpuQuota.ok) {
    return [
      {
        check: 'Fargate vCPU quota',
        level: 'warning',
        message: `Could not read the Fargate vCPU quota: ${vcpuQuota.error}. The run needs ${needed} vCPU: ${tasks}.`,
        fix: `Allow servicequotas:GetServiceQuota to the caller, or compare by hand: Service Quotas → AWS Fargate → ${FARGATE_VCPU_QUOTA.quotaCode}.`
      }
    ]
  }
  const quota = vcpuQuota.value
  const increase = `Request an increase of "Fargate On-Demand vCPU resource count" (${FARGATE_VCPU_QUOTA.quotaCode}) in Service Quotas for ${request.region}, or run fewer workers.`
  if (needed > quota) {
    return [
      {
        check: 'Fargate vCPU quota',
        level: 'error',
        message: `The run needs ${needed} vCPU (${tasks}); the region's Fargate quota is ${quota}.`,
        fix: increase
      }
    ]
  }
  if (needed > quota * QUOTA_HEADROOM) {
    return [
      {
        check: 'Fargate vCPU quota',
        level: 'warning',
        message: `The run needs ${needed} of the region's ${quota} Fargate vCPU; other Fargate tasks of the account share them.`,
        fix: increase
      }
    ]
  }
  return [
    {
      check: 'Fargate vCPU quota',
      level: 'ok',
      message: `The run needs ${needed} of the region's ${quota} Fargate vCPU.`
    }
  ]
}

function credentialsFinding({ credentials, now, request }: DoctorFacts): Finding {
  const check = 'credentials lifetime'
  const problem = credentialsLifetimeProblem(credentials, now, request.timeoutMinutes)
  // The run would outlive them: it could not be followed, stopped or collected.
  if (problem) return { check, level: 'error', ...problem }
  const message =
    credentials.kind === 'expires'
      ? `The credentials last until ${credentials.at.toISOString()}, past a ${request.timeoutMinutes}-minute timeout.`
      : credentials.kind === 'session-of-unknown-length'
        ? `The credentials are a session of unknown length; a ${request.timeoutMinutes}-minute timeout fits in the usual hour.`
        : 'The credentials report no expiry.'
  return { check, level: 'ok', message }
}

function permissionFindings({ permissions }: DoctorFacts): Finding[] {
  return permissions.map(({ subject, principal, decisions }): Finding => {
    const check = `permissions of the ${subject}`
    if (!decisions.ok) {
      return {
        check,
        level: 'warning',
        message: `Could not simulate the permissions of ${principal}: ${decisions.error}`,
        fix: 'Allow iam:SimulatePrincipalPolicy to the caller, or compare the policy by hand with the GitHubRole policy in cloudformation/template.yaml.'
      }
    }
    const denied = decisions.value.filter((decision) => !decision.allowed)
    if (denied.length === 0) {
      return {
        check,
        level: 'ok',
        message: `${principal} may make every call a run makes (${decisions.value.length} simulated).`
      }
    }
    return {
      check,
      level: 'error',
      message: `${principal} may not: ${denied.map(describeDecision).join('; ')}.`,
      fix:
        subject === 'caller'
          ? "Assume the stack's GitHub role (output GitHubRoleArn), or grant these actions as its policy in cloudformation/template.yaml does."
          : 'Update the stack with cloudformation/template.yaml of this version; the role may have been changed by hand.'
    }
  })
}

function describeDecision({ action, resource, prefix }: PermissionDecision): string {
  return `${action} on ${resource}${prefix ? ` (prefix ${prefix})` : ''}`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
