/**
 * A TCP check that the target host answers at all before Locust starts against it, retried for a
 * while: `run: my-server &` followed by the action is common, and the server needs time to listen.
 */
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

interface HostAddress {
  hostname: string
  port: number
}

function addressOf(host: string): HostAddress {
  const url = new URL(host)
  return {
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  }
}

/** Undefined when a TCP connection to the host's address and port opens; else why it did not. */
export function whyUnreachable(host: string, timeoutMs: number): Promise<string | undefined> {
  const { hostname, port } = addressOf(host)
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

export interface WaitForHostOptions {
  /** How long to keep retrying, in seconds (the `wait-for-host` input); 0 tries once. */
  waitSeconds: number
  /** Longest a single connection attempt may take, in ms. */
  attemptTimeoutMs: number
  /** Pause between two attempts, in ms. */
  retryMs: number
  log: (line: string) => void
  signal?: AbortSignal
}

/**
 * Tries to connect until the host accepts or `waitSeconds` have passed, logging each wait.
 * Undefined once it accepts; else the last reason it did not.
 */
export async function waitForHost(
  host: string,
  options: WaitForHostOptions
): Promise<string | undefined> {
  const { hostname, port } = addressOf(host)
  const started = Date.now()
  const deadline = started + options.waitSeconds * 1000
  const elapsed = (): string => `${Math.round((Date.now() - started) / 1000)} s`
  for (let attempt = 1; ; attempt++) {
    const left = deadline - Date.now()
    const timeoutMs = Math.min(options.attemptTimeoutMs, Math.max(left, 250))
    const reason = await whyUnreachable(host, timeoutMs)
    if (reason === undefined) {
      if (attempt > 1) options.log(`${hostname}:${port} accepts connections after ${elapsed()}.`)
      return undefined
    }
    const remaining = deadline - Date.now()
    if (remaining <= 0 || options.signal?.aborted) return reason
    options.log(
      `Waiting for ${hostname}:${port} to accept connections (${reason}); ${elapsed()} of the ${options.waitSeconds} s that wait-for-host allows…`
    )
    try {
      await sleep(Math.min(options.retryMs, remaining), undefined, { signal: options.signal })
    } catch {
      return reason // cancelled while waiting
    }
  }
}
