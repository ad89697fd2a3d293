/**
 * `distributed-locust deploy`: creates or updates the stack of cloudformation/template.yaml through
 * a change set, the template uploaded to S3 first (the stack's bucket, or one given), so the
 * template is not bound by CloudFormation's 51,200-byte limit on inline templates; then follows the
 * stack's events until it is done, printing each with the share of resources done. It runs with
 * the deployer's credentials, never the GitHub role's (whose grants cover src/backend/aws/*.ts).
 */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type CloudFormationClient,
  type Parameter,
  type Stack,
  type StackEvent
} from '@aws-sdk/client-cloudformation'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { createHash } from 'node:crypto'
import { STACK_OUTPUTS } from '../target.js'

/** CloudFormation's limit on a template passed inline (TemplateBody). */
export const INLINE_TEMPLATE_BYTES = 51_200
/** How often the change set and the stack's events are read. */
const POLL_MS = 5_000
/** A stack update longer than this is left to CloudFormation (it goes on; the command stops). */
const DEPLOY_LIMIT_MS = 90 * 60_000

export interface DeployRequest {
  stackName: string
  region: string
  /** The template's text. */
  template: string
  /** Where to upload it; default the stack's own bucket (output BucketName). */
  templateBucket?: string
  /** Stack parameters to set; on an update, every other one keeps its value. */
  parameters: Record<string, string>
}

export interface DeployHooks {
  log: (line: string) => void
  sleep: (ms: number) => Promise<void>
  now: () => number
}

export interface DeployOutcome {
  ok: boolean
  /** The stack's status at the end ('unchanged' when the template and parameters were the same). */
  status: string
  message: string
}

export async function deployStack(
  clients: { cloudFormation: CloudFormationClient; s3: S3Client },
  request: DeployRequest,
  hooks: DeployHooks
): Promise<DeployOutcome> {
  const existing = await describeStack(clients.cloudFormation, request.stackName)
  if (existing?.StackStatus === 'ROLLBACK_COMPLETE') {
    throw new Error(
      `Stack ${request.stackName} is ROLLBACK_COMPLETE: its creation failed and it cannot be updated. Delete it (aws cloudformation delete-stack --stack-name ${request.stackName}) and deploy again.`
    )
  }
  const creating = existing === undefined || existing.StackStatus === 'REVIEW_IN_PROGRESS'
  const template = await templateSource(clients.s3, request, existing)
  const changeSetName = `distributed-locust-${hooks.now()}`
  hooks.log(
    `${creating ? 'Creating' : 'Updating'} stack ${request.stackName} in ${request.region} (${template.where})…`
  )
  await clients.cloudFormation.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: changeSetName,
      ChangeSetType: creating ? 'CREATE' : 'UPDATE',
      ...template.source,
      Parameters: parametersFor(request, creating ? undefined : existing),
      Capabilities: ['CAPABILITY_IAM']
    })
  )
  const changeSet = await waitForChangeSet(clients.cloudFormation, request, changeSetName, hooks)
  if (changeSet.unchanged) {
    await clients.cloudFormation.send(
      new DeleteChangeSetCommand({ StackName: request.stackName, ChangeSetName: changeSetName })
    )
    return {
      ok: true,
      status: 'unchanged',
      message: `Stack ${request.stackName} is already up to date.`
    }
  }
  if (!changeSet.ok) {
    return { ok: false, status: 'change set failed', message: changeSet.message }
  }
  hooks.log(`Change set ${changeSetName}: ${changeSet.resources} resource change(s).`)
  const startedAt = hooks.now()
  await clients.cloudFormation.send(
    new ExecuteChangeSetCommand({ StackName: request.stackName, ChangeSetName: changeSetName })
  )
  return followStack(
    clients.cloudFormation,
    request.stackName,
    changeSet.resources,
    startedAt,
    hooks
  )
}

async function describeStack(
  cloudFormation: CloudFormationClient,
  stackName: string
): Promise<Stack | undefined> {
  try {
    return (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })))
      .Stacks?.[0]
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return undefined
    throw error
  }
}

/** The template in S3 (TemplateURL), or inline when no bucket is known yet and it fits. */
async function templateSource(
  s3: S3Client,
  request: DeployRequest,
  existing: Stack | undefined
): Promise<{ source: { TemplateURL: string } | { TemplateBody: string }; where: string }> {
  const bucket =
    request.templateBucket ??
    existing?.Outputs?.find((output) => output.OutputKey === STACK_OUTPUTS.bucket)?.OutputValue
  const bytes = Buffer.byteLength(request.template)
  if (!bucket) {
    if (bytes > INLINE_TEMPLATE_BYTES) {
      throw new Error(
        `The template has ${bytes} bytes, over CloudFormation's ${INLINE_TEMPLATE_BYTES} for a template passed inline, and stack ${request.stackName} has no bucket yet: pass --template-bucket <a bucket of yours in ${request.region}>.`
      )
    }
    return { source: { TemplateBody: request.template }, where: `template inline, ${bytes} bytes` }
  }
  const digest = createHash('sha256').update(request.template).digest('hex').slice(0, 16)
  const key = `templates/${request.stackName}-${digest}.yaml`
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: request.template,
      ContentType: 'text/yaml'
    })
  )
  return {
    source: { TemplateURL: `https://${bucket}.s3.${request.region}.amazonaws.com/${key}` },
    where: `template uploaded to s3://${bucket}/${key}, ${bytes} bytes`
  }
}

/** The parameters given; on an update, every other parameter of the template keeps its value. */
function parametersFor(request: DeployRequest, existing: Stack | undefined): Parameter[] {
  const given = Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({
    ParameterKey,
    ParameterValue
  }))
  if (!existing) return given
  const declared = new Set(templateSectionKeys(request.template, 'Parameters'))
  const kept = (existing.Parameters ?? [])
    .map((parameter) => parameter.ParameterKey ?? '')
    .filter((key) => declared.has(key) && !(key in request.parameters))
    .map((ParameterKey) => ({ ParameterKey, UsePreviousValue: true }))
  return [...given, ...kept]
}

/**
 * The names in a top-level section of a template (Parameters, Resources…): JSON, as the shipped
 * template is, or YAML with the section's keys indented by two spaces.
 */
export function templateSectionKeys(template: string, section: string): string[] {
  try {
    return Object.keys((JSON.parse(template) as Record<string, object>)[section] ?? {})
  } catch {
    const body =
      new RegExp(`^${section}:\\n((?:(?: {2}.*| *)?\\n)*)`, 'm').exec(template)?.[1] ?? ''
    return [...body.matchAll(/^ {2}([A-Za-z0-9]+):/gm)].map(([, name]) => name)
  }
}

type ChangeSetResult =
  | { ok: true; unchanged: false; resources: number }
  | { ok: false; unchanged: boolean; message: string }

async function waitForChangeSet(
  cloudFormation: CloudFormationClient,
  request: DeployRequest,
  changeSetName: string,
  hooks: DeployHooks
): Promise<ChangeSetResult> {
  const deadline = hooks.now() + DEPLOY_LIMIT_MS
  for (;;) {
    const changeSet = await cloudFormation.send(
      new DescribeChangeSetCommand({ StackName: request.stackName, ChangeSetName: changeSetName })
    )
    if (changeSet.Status === 'CREATE_COMPLETE') {
      return { ok: true, unchanged: false, resources: changeSet.Changes?.length ?? 0 }
    }
    if (changeSet.Status === 'FAILED') {
      const reason = changeSet.StatusReason ?? 'no reason given'
      return {
        ok: false,
        unchanged: /didn't contain changes|No updates are to be performed/.test(reason),
        message: `CloudFormation refused the change set for stack ${request.stackName}: ${reason}`
      }
    }
    if (hooks.now() > deadline) {
      return {
        ok: false,
        unchanged: false,
        message: `The change set ${changeSetName} was still ${changeSet.Status} after ${DEPLOY_LIMIT_MS / 60_000} minutes; see it in the CloudFormation console.`
      }
    }
    await hooks.sleep(POLL_MS)
  }
}

const SUCCEEDED = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE'])

/** Prints the stack's new events, oldest first, until it reaches a final status. */
async function followStack(
  cloudFormation: CloudFormationClient,
  stackName: string,
  resources: number,
  startedAt: number,
  hooks: DeployHooks
): Promise<DeployOutcome> {
  const seen = new Set<string>()
  const done = new Set<string>()
  let firstFailure: StackEvent | undefined
  const deadline = startedAt + DEPLOY_LIMIT_MS
  for (;;) {
    const events = await newEvents(cloudFormation, stackName, startedAt, seen)
    let stackStatus: string | undefined
    for (const event of events) {
      const status = event.ResourceStatus ?? ''
      const isStack = event.LogicalResourceId === stackName
      if (!isStack && status.endsWith('_COMPLETE')) done.add(event.LogicalResourceId ?? '')
      if (status.endsWith('_FAILED')) firstFailure ??= event
      if (isStack) stackStatus = status
      const reason = event.ResourceStatusReason ? ` (${event.ResourceStatusReason})` : ''
      hooks.log(
        `[${Math.min(done.size, resources)}/${resources}] ${event.LogicalResourceId} ${status}${reason}`
      )
    }
    if (stackStatus && isFinal(stackStatus)) {
      const ok = SUCCEEDED.has(stackStatus)
      const cause = firstFailure
        ? `; first failure: ${firstFailure.LogicalResourceId} ${firstFailure.ResourceStatus} (${firstFailure.ResourceStatusReason ?? 'no reason given'})`
        : ''
      return {
        ok,
        status: stackStatus,
        message: ok
          ? `Stack ${stackName} is ${stackStatus}.`
          : `Stack ${stackName} ended ${stackStatus}${cause}.`
      }
    }
    if (hooks.now() > deadline) {
      return {
        ok: false,
        status: stackStatus ?? 'in progress',
        message: `Stack ${stackName} was not done after ${DEPLOY_LIMIT_MS / 60_000} minutes; CloudFormation goes on: follow it in its console.`
      }
    }
    await hooks.sleep(POLL_MS)
  }
}

function isFinal(status: string): boolean {
  return (
    (status.endsWith('_COMPLETE') && !status.endsWith('CLEANUP_COMPLETE')) ||
    status.endsWith('_FAILED')
  )
}

/** Events after `startedAt` not printed yet, oldest first (CloudFormation lists newest first). */
async function newEvents(
  cloudFormation: CloudFormationClient,
  stackName: string,
  startedAt: number,
  seen: Set<string>
): Promise<StackEvent[]> {
  const fresh: StackEvent[] = []
  let nextToken: string | undefined
  do {
    const page = await cloudFormation.send(
      new DescribeStackEventsCommand({ StackName: stackName, NextToken: nextToken })
    )
    const events = page.StackEvents ?? []
    const unseen = events.filter(
      (event) =>
        !seen.has(event.EventId ?? '') && (event.Timestamp?.getTime() ?? 0) >= startedAt - 1000
    )
    fresh.push(...unseen)
    // Past what was printed or before this deploy: older pages hold nothing new.
    nextToken = unseen.length === events.length ? page.NextToken : undefined
  } while (nextToken)
  for (const event of fresh) seen.add(event.EventId ?? '')
  return fresh.reverse()
}
