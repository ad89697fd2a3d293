/**
 * An emulated CloudFormation endpoint (AWS Query protocol: form-encoded POST, XML reply):
 * DescribeStacks for the stacks it was given, and what `distributed-locust deploy` does — change
 * sets (CreateChangeSet from TemplateURL in the emulated S3 or an inline TemplateBody of at most
 * 51,200 bytes, DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet) and DescribeStackEvents,
 * which reveals a deployment's events a few at a time, as a real deployment progresses.
 */
import { randomUUID } from 'node:crypto'
import { templateSectionKeys } from '../../src/backend/aws/deploy/change-set.js'
import type { HttpReply, RequestHandler } from './http.js'

export interface EmulatedStack {
  /** Output key → value, as `aws cloudformation describe-stacks` lists them. */
  outputs: Record<string, string>
  /** Default CREATE_COMPLETE. */
  status?: string
  parameters?: Record<string, string>
  template?: string
}

export interface CloudFormationOptions {
  /** Reads an uploaded template (TemplateURL) from the emulated S3. */
  readObject?: (bucket: string, key: string) => Promise<string>
}

interface StackRecord extends EmulatedStack {
  id: string
  createdAt: Date
  /** Newest first, as DescribeStackEvents lists them. */
  events: StackEventRecord[]
  /** Events of the deployment under way, not yet revealed. */
  pending: StackEventRecord[]
  /** The status once every pending event is revealed. */
  finalStatus?: string
}

interface StackEventRecord {
  id: string
  logicalId: string
  type: string
  status: string
  reason?: string
  at: Date
}

interface ChangeSetRecord {
  name: string
  id: string
  stackName: string
  type: 'CREATE' | 'UPDATE'
  status: 'CREATE_COMPLETE' | 'FAILED'
  reason?: string
  template: string
  parameters: Record<string, string>
  resources: string[]
}

const XML_NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'
/** CloudFormation's limit on a TemplateBody. */
const INLINE_TEMPLATE_BYTES = 51_200
/** Events DescribeStackEvents reveals per call while a deployment is under way. */
const EVENTS_PER_CALL = 4

export class CloudFormationEmulator {
  private readonly stacks = new Map<string, StackRecord>()
  private readonly changeSets = new Map<string, ChangeSetRecord>()
  /** A resource whose creation or update fails (logical id → reason), for failure tests. */
  failingResources: Record<string, string> = {}
  /** Outputs a stack gets when a deployment completes (default: those it had). */
  outputsAfterDeploy?: Record<string, string>

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    stacks: Record<string, EmulatedStack> = {},
    private readonly options: CloudFormationOptions = {}
  ) {
    for (const [name, stack] of Object.entries(stacks)) this.putStack(name, stack)
  }

  /** Adds or replaces a stack. */
  putStack(name: string, stack: EmulatedStack): void {
    this.stacks.set(name, {
      ...stack,
      id: `arn:aws:cloudformation:${this.region}:${this.accountId}:stack/${name}/${randomUUID()}`,
      createdAt: new Date(),
      events: [],
      pending: []
    })
  }

  /** The stack as the emulator holds it (undefined if absent). */
  stack(name: string): EmulatedStack | undefined {
    return this.stacks.get(name)
  }

  /** Every change set created, oldest first. */
  changeSetsCreated(): ChangeSetRecord[] {
    return [...this.changeSets.values()]
  }

  readonly handler: RequestHandler = async (_request, body) => {
    const form = new URLSearchParams(body)
    const action = form.get('Action') ?? ''
    try {
      const operations: Record<string, (form: URLSearchParams) => Promise<string> | string> = {
        DescribeStacks: (f) => this.describeStacks(f),
        CreateChangeSet: (f) => this.createChangeSet(f),
        DescribeChangeSet: (f) => this.describeChangeSet(f),
        ExecuteChangeSet: (f) => this.executeChangeSet(f),
        DeleteChangeSet: (f) => this.deleteChangeSet(f),
        DescribeStackEvents: (f) => this.describeStackEvents(f)
      }
      const operation = Object.hasOwn(operations, action) ? operations[action] : undefined
      if (!operation) {
        return errorReply('InvalidAction', `The emulator does not implement action ${action}.`)
      }
      const result = await operation(form)
      return xmlReply(
        200,
        `<${action}Response xmlns="${XML_NAMESPACE}"><${action}Result>${result}</${action}Result>` +
          `${responseMetadata()}</${action}Response>`
      )
    } catch (error) {
      if (error instanceof ValidationError) return errorReply('ValidationError', error.message)
      throw error
    }
  }

  private find(name: string | null): StackRecord {
    const stack = [...this.stacks.entries()].find(
      ([stackName, record]) => name === stackName || name === record.id
    )?.[1]
    if (!stack) throw new ValidationError(`Stack with id ${name} does not exist`)
    return stack
  }

  private describeStacks(form: URLSearchParams): string {
    const wanted = form.get('StackName')
    const found = [...this.stacks.entries()].filter(
      ([name, stack]) => wanted === null || wanted === name || wanted === stack.id
    )
    if (found.length === 0) throw new ValidationError(`Stack with id ${wanted} does not exist`)
    const members = found.map(
      ([name, stack]) =>
        `<member><StackName>${escapeXml(name)}</StackName><StackId>${escapeXml(stack.id)}</StackId>` +
        `<CreationTime>${stack.createdAt.toISOString()}</CreationTime>` +
        `<StackStatus>${escapeXml(stack.status ?? 'CREATE_COMPLETE')}</StackStatus>` +
        `<Parameters>${Object.entries(stack.parameters ?? {})
          .map(
            ([key, value]) =>
              `<member><ParameterKey>${escapeXml(key)}</ParameterKey><ParameterValue>${escapeXml(value)}</ParameterValue></member>`
          )
          .join('')}</Parameters><Outputs>` +
        Object.entries(stack.outputs)
          .map(
            ([key, value]) =>
              `<member><OutputKey>${escapeXml(key)}</OutputKey>` +
              `<OutputValue>${escapeXml(value)}</OutputValue></member>`
          )
          .join('') +
        '</Outputs></member>'
    )
    return `<Stacks>${members.join('')}</Stacks>`
  }

  private async createChangeSet(form: URLSearchParams): Promise<string> {
    const stackName = form.get('StackName') ?? ''
    const name = form.get('ChangeSetName') ?? ''
    const type = form.get('ChangeSetType') === 'CREATE' ? 'CREATE' : 'UPDATE'
    const template = await this.templateOf(form)
    const existing = this.stacks.get(stackName)
    if (type === 'CREATE' && existing && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw new ValidationError(`Stack [${stackName}] already exists and cannot be created again.`)
    }
    if (type === 'UPDATE' && !existing) {
      throw new ValidationError(`Stack [${stackName}] does not exist`)
    }
    if (!members(form, 'Capabilities').includes('CAPABILITY_IAM') && /AWS::IAM::/.test(template)) {
      throw new ValidationError('Requires capabilities : [CAPABILITY_IAM]')
    }
    const parameters: Record<string, string> = {}
    for (let index = 1; form.has(`Parameters.member.${index}.ParameterKey`); index++) {
      const key = form.get(`Parameters.member.${index}.ParameterKey`)!
      const previous = form.get(`Parameters.member.${index}.UsePreviousValue`) === 'true'
      if (previous && existing?.parameters?.[key] === undefined) {
        throw new ValidationError(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`
        )
      }
      parameters[key] = previous
        ? existing!.parameters![key]
        : (form.get(`Parameters.member.${index}.ParameterValue`) ?? '')
    }
    if (!existing) this.putStack(stackName, { outputs: {}, status: 'REVIEW_IN_PROGRESS' })
    const unchanged =
      type === 'UPDATE' &&
      existing!.template === template &&
      JSON.stringify(existing!.parameters ?? {}) === JSON.stringify(parameters)
    const record: ChangeSetRecord = {
      name,
      id: `arn:aws:cloudformation:${this.region}:${this.accountId}:changeSet/${name}/${randomUUID()}`,
      stackName,
      type,
      status: unchanged ? 'FAILED' : 'CREATE_COMPLETE',
      reason: unchanged
        ? "The submitted information didn't contain changes. Submit different information to create a change set."
        : undefined,
      template,
      parameters,
      resources: templateSectionKeys(template, 'Resources')
    }
    this.changeSets.set(`${stackName}/${name}`, record)
    return `<Id>${escapeXml(record.id)}</Id><StackId>${escapeXml(this.find(stackName).id)}</StackId>`
  }

  private async templateOf(form: URLSearchParams): Promise<string> {
    const body = form.get('TemplateBody')
    if (body !== null) {
      if (Buffer.byteLength(body) > INLINE_TEMPLATE_BYTES) {
        throw new ValidationError(
          `1 validation error detected: Value '${body.slice(0, 20)}…' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${INLINE_TEMPLATE_BYTES}`
        )
      }
      return body
    }
    const url = form.get('TemplateURL') ?? ''
    const where = /^https:\/\/([^.]+)\.s3\.[a-z0-9-]+\.amazonaws\.com\/(.+)$/.exec(url)
    if (!where || !this.options.readObject) {
      throw new ValidationError(`TemplateURL must be a supported URL: ${url}`)
    }
    try {
      return await this.options.readObject(where[1], decodeURIComponent(where[2]))
    } catch {
      throw new ValidationError(`S3 error: Access Denied or no such object: ${url}`)
    }
  }

  private changeSet(form: URLSearchParams): ChangeSetRecord {
    const key = `${form.get('StackName')}/${form.get('ChangeSetName')}`
    const record = this.changeSets.get(key)
    if (!record)
      throw new ValidationError(`ChangeSet [${form.get('ChangeSetName')}] does not exist`)
    return record
  }

  private describeChangeSet(form: URLSearchParams): string {
    const record = this.changeSet(form)
    const action = record.type === 'CREATE' ? 'Add' : 'Modify'
    return (
      `<ChangeSetName>${escapeXml(record.name)}</ChangeSetName><ChangeSetId>${escapeXml(record.id)}</ChangeSetId>` +
      `<StackName>${escapeXml(record.stackName)}</StackName><Status>${record.status}</Status>` +
      `<ExecutionStatus>${record.status === 'FAILED' ? 'UNAVAILABLE' : 'AVAILABLE'}</ExecutionStatus>` +
      (record.reason ? `<StatusReason>${escapeXml(record.reason)}</StatusReason>` : '') +
      `<Changes>${record.resources
        .map(
          (id) =>
            `<member><Type>Resource</Type><ResourceChange><Action>${action}</Action>` +
            `<LogicalResourceId>${id}</LogicalResourceId></ResourceChange></member>`
        )
        .join('')}</Changes>`
    )
  }

  private deleteChangeSet(form: URLSearchParams): string {
    const record = this.changeSet(form)
    this.changeSets.delete(`${record.stackName}/${record.name}`)
    return ''
  }

  private executeChangeSet(form: URLSearchParams): string {
    const record = this.changeSet(form)
    if (record.status !== 'CREATE_COMPLETE') {
      throw new ValidationError(
        `ChangeSet [${record.name}] cannot be executed in its current status of [${record.status}]`
      )
    }
    const stack = this.find(record.stackName)
    const verb = record.type === 'CREATE' ? 'CREATE' : 'UPDATE'
    const event = (logicalId: string, status: string, reason?: string): StackEventRecord => ({
      id: randomUUID(),
      logicalId,
      type: logicalId === record.stackName ? 'AWS::CloudFormation::Stack' : 'Resource',
      status,
      reason,
      at: new Date()
    })
    const pending = [event(record.stackName, `${verb}_IN_PROGRESS`, 'User Initiated')]
    let failed = false
    for (const id of record.resources) {
      pending.push(event(id, `${verb}_IN_PROGRESS`))
      const reason = this.failingResources[id]
      if (reason) {
        pending.push(event(id, `${verb}_FAILED`, reason))
        failed = true
        break
      }
      pending.push(event(id, `${verb}_COMPLETE`))
    }
    const finalStatus = failed
      ? verb === 'CREATE'
        ? 'ROLLBACK_COMPLETE'
        : 'UPDATE_ROLLBACK_COMPLETE'
      : `${verb}_COMPLETE`
    pending.push(event(record.stackName, finalStatus))
    Object.assign(stack, {
      status: `${verb}_IN_PROGRESS`,
      pending,
      finalStatus
    })
    if (!failed) {
      stack.template = record.template
      stack.parameters = record.parameters
      stack.outputs = this.outputsAfterDeploy ?? stack.outputs
    }
    this.changeSets.delete(`${record.stackName}/${record.name}`)
    return ''
  }

  private describeStackEvents(form: URLSearchParams): string {
    const stack = this.find(form.get('StackName'))
    const revealed = stack.pending.splice(0, EVENTS_PER_CALL)
    stack.events.unshift(...revealed.reverse())
    if (stack.pending.length === 0 && stack.finalStatus) {
      stack.status = stack.finalStatus
      stack.finalStatus = undefined
    }
    return `<StackEvents>${stack.events
      .map(
        (event) =>
          `<member><StackId>${escapeXml(stack.id)}</StackId><EventId>${event.id}</EventId>` +
          `<StackName>${escapeXml(form.get('StackName') ?? '')}</StackName>` +
          `<LogicalResourceId>${escapeXml(event.logicalId)}</LogicalResourceId>` +
          `<ResourceType>${event.type}</ResourceType><Timestamp>${event.at.toISOString()}</Timestamp>` +
          `<ResourceStatus>${event.status}</ResourceStatus>` +
          (event.reason
            ? `<ResourceStatusReason>${escapeXml(event.reason)}</ResourceStatusReason>`
            : '') +
          '</member>'
      )
      .join('')}</StackEvents>`
  }
}

class ValidationError extends Error {}

/** A Query-protocol list: `<name>.member.N`. */
function members(form: URLSearchParams, name: string): string[] {
  const values: string[] = []
  for (let index = 1; form.has(`${name}.member.${index}`); index++) {
    values.push(form.get(`${name}.member.${index}`)!)
  }
  return values
}

function errorReply(code: string, message: string): HttpReply {
  return xmlReply(
    400,
    `<ErrorResponse xmlns="${XML_NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  )
}

function xmlReply(status: number, xml: string): HttpReply {
  return { status, contentType: 'text/xml', body: `<?xml version="1.0" encoding="UTF-8"?>${xml}` }
}

function responseMetadata(): string {
  return `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}
