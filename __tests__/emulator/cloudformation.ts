/**
 * An emulated CloudFormation endpoint (AWS Query protocol: form-encoded POST, XML reply) that
 * answers DescribeStacks for the stacks it was given.
 */
import { randomUUID } from 'node:crypto'
import type { HttpReply, RequestHandler } from './http.js'

export interface EmulatedStack {
  /** Output key → value, as `aws cloudformation describe-stacks` lists them. */
  outputs: Record<string, string>
  /** Default CREATE_COMPLETE. */
  status?: string
}

const XML_NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'

export class CloudFormationEmulator {
  private readonly stacks = new Map<string, EmulatedStack & { id: string; createdAt: Date }>()

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    stacks: Record<string, EmulatedStack> = {}
  ) {
    for (const [name, stack] of Object.entries(stacks)) this.putStack(name, stack)
  }

  /** Adds or replaces a stack. */
  putStack(name: string, stack: EmulatedStack): void {
    this.stacks.set(name, {
      ...stack,
      id: `arn:aws:cloudformation:${this.region}:${this.accountId}:stack/${name}/${randomUUID()}`,
      createdAt: new Date()
    })
  }

  readonly handler: RequestHandler = async (_request, body) => {
    const form = new URLSearchParams(body)
    const action = form.get('Action')
    if (action !== 'DescribeStacks') {
      return errorReply('InvalidAction', `The emulator does not implement action ${action}.`)
    }
    const wanted = form.get('StackName')
    const found = [...this.stacks.entries()].filter(
      ([name, stack]) => wanted === null || wanted === name || wanted === stack.id
    )
    if (found.length === 0) {
      return errorReply('ValidationError', `Stack with id ${wanted} does not exist`)
    }
    const members = found.map(
      ([name, stack]) =>
        `<member><StackName>${escapeXml(name)}</StackName><StackId>${escapeXml(stack.id)}</StackId>` +
        `<CreationTime>${stack.createdAt.toISOString()}</CreationTime>` +
        `<StackStatus>${escapeXml(stack.status ?? 'CREATE_COMPLETE')}</StackStatus><Outputs>` +
        Object.entries(stack.outputs)
          .map(
            ([key, value]) =>
              `<member><OutputKey>${escapeXml(key)}</OutputKey>` +
              `<OutputValue>${escapeXml(value)}</OutputValue></member>`
          )
          .join('') +
        '</Outputs></member>'
    )
    return xmlReply(
      200,
      `<DescribeStacksResponse xmlns="${XML_NAMESPACE}"><DescribeStacksResult><Stacks>` +
        members.join('') +
        `</Stacks></DescribeStacksResult>${responseMetadata()}</DescribeStacksResponse>`
    )
  }
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
