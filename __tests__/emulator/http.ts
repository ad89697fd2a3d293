/**
 * The plumbing shared by the emulated AWS endpoints: a loopback HTTP server on a free port, and the
 * AWS JSON 1.0/1.1 protocol (POST, `X-Amz-Target: <prefix>.<Operation>`, JSON in and out, errors as
 * `{"__type", "message"}` with status 400).
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** An error the emulated service returns to the caller, the way AWS names it. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
    this.name = type
  }
}

export interface HttpReply {
  status: number
  contentType: string
  body: string
}

export type RequestHandler = (request: IncomingMessage, body: string) => Promise<HttpReply>

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string
  close(): Promise<void>
}

/** Serves `handle` on 127.0.0.1 at a free port; an unexpected exception becomes a 500 reply. */
export async function startHttpServer(handle: RequestHandler): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      void handle(request, Buffer.concat(chunks).toString('utf8'))
        .catch((error: unknown): HttpReply => ({
          status: 500,
          contentType: 'text/plain',
          body: `emulator bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
        }))
        .then((reply) => {
          response.writeHead(reply.status, {
            'content-type': reply.contentType,
            'content-length': Buffer.byteLength(reply.body)
          })
          response.end(reply.body)
        })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // SDK clients keep their sockets alive; without this, close() would wait for them to idle out.
        server.closeAllConnections()
      })
  }
}

/** One operation of a JSON-protocol service: its parsed request body in, its reply body out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation declares its own input shape
export type JsonOperation = (input: any) => unknown

/**
 * A handler for an AWS JSON protocol service. `targetPrefix` is what precedes the operation name in
 * X-Amz-Target (e.g. `AmazonEC2ContainerServiceV20141113`), `jsonVersion` is 1.0 or 1.1.
 */
export function jsonProtocolHandler(
  targetPrefix: string,
  jsonVersion: '1.0' | '1.1',
  operations: Record<string, JsonOperation>
): RequestHandler {
  const contentType = `application/x-amz-json-${jsonVersion}`
  const reply = (status: number, body: unknown): HttpReply => ({
    status,
    contentType,
    body: JSON.stringify(body)
  })
  return async (request, body) => {
    const target = String(request.headers['x-amz-target'] ?? '')
    const operationName = target.startsWith(`${targetPrefix}.`)
      ? target.slice(targetPrefix.length + 1)
      : ''
    const operation = Object.hasOwn(operations, operationName)
      ? operations[operationName]
      : undefined
    try {
      if (request.method !== 'POST' || !operation) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `The emulator does not implement ${target || 'this request'}.`
        )
      }
      let input: unknown
      try {
        input = body === '' ? {} : JSON.parse(body)
      } catch {
        throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.')
      }
      return reply(200, (await operation(input)) ?? {})
    } catch (error) {
      if (error instanceof AwsServiceError) {
        return reply(error.status, { __type: error.type, message: error.message })
      }
      throw error
    }
  }
}

/** JSON protocols carry timestamps as (fractional) epoch seconds. */
export function epochSeconds(epochMs: number | undefined): number | undefined {
  return epochMs === undefined ? undefined : epochMs / 1000
}
