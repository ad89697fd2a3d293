/** A quick TCP check that the target host answers at all, before starting Locust against it. */
import { connect } from 'node:net'

/** Undefined when a TCP connection to the host's address and port opens; else why it did not. */
export function whyUnreachable(host: string, timeoutMs: number): Promise<string | undefined> {
  const url = new URL(host)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port })
    const finish = (reason: string | undefined): void => {
      socket.destroy()
      resolve(reason)
    }
    socket.setTimeout(timeoutMs, () =>
      finish(`no answer from ${hostname}:${port} within ${timeoutMs / 1000} s`)
    )
    socket.once('connect', () => finish(undefined))
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(`${error.code ?? 'error'}: ${error.message}`)
    )
  })
}
