/** Waiting for a target that starts slowly, against real loopback sockets. */
import { createServer, type Server } from 'node:net'
import { waitForHost } from '../../src/backend/local/reachability.js'

/** A loopback port that nothing listens on (yet). */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

let server: Server | undefined
afterEach(async () => {
  if (server?.listening) await new Promise((resolve) => server!.close(resolve))
  server = undefined
})

const options = (lines: string[], waitSeconds: number) => ({
  waitSeconds,
  attemptTimeoutMs: 1_000,
  retryMs: 100,
  log: (line: string) => lines.push(line)
})

test('retries until a server that starts listening late accepts, logging each wait', async () => {
  const port = await freePort()
  const lines: string[] = []
  server = createServer((socket) => socket.end())
  let waitsBeforeListening = 0
  const waiting = waitForHost(`http://127.0.0.1:${port}`, {
    ...options(lines, 30),
    log: (line) => {
      lines.push(line)
      // Start listening only after the third refused attempt.
      if (++waitsBeforeListening === 3) server!.listen(port, '127.0.0.1')
    }
  })
  expect(await waiting).toBeUndefined()
  const waits = lines.filter((line) => line.startsWith('Waiting for'))
  expect(waits.length).toBeGreaterThanOrEqual(3)
  expect(waits[0]).toMatch(
    new RegExp(
      `^Waiting for 127\\.0\\.0\\.1:${port} to accept connections \\(ECONNREFUSED: .*\\); \\d+ s of the 30 s that wait-for-host allows…$`
    )
  )
  expect(lines.at(-1)).toMatch(
    new RegExp(`^127\\.0\\.0\\.1:${port} accepts connections after \\d+ s\\.$`)
  )
})

test('a host that is up at once is not waited for, and nothing is logged', async () => {
  const port = await freePort()
  server = createServer((socket) => socket.end())
  await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve))
  const lines: string[] = []
  expect(await waitForHost(`http://127.0.0.1:${port}`, options(lines, 30))).toBeUndefined()
  expect(lines).toEqual([])
})

test('when the time is up, the last reason is returned after logging the waits', async () => {
  const port = await freePort()
  const lines: string[] = []
  const reason = await waitForHost(`http://127.0.0.1:${port}`, options(lines, 1))
  expect(reason).toMatch(/^ECONNREFUSED: /)
  expect(lines.length).toBeGreaterThanOrEqual(2)
  expect(lines.every((line) => line.startsWith(`Waiting for 127.0.0.1:${port}`))).toBe(true)
})

test('0 seconds tries once, without waiting', async () => {
  const port = await freePort()
  const lines: string[] = []
  expect(await waitForHost(`http://127.0.0.1:${port}`, options(lines, 0))).toMatch(/^ECONNREFUSED/)
  expect(lines).toEqual([])
})

test('cancellation ends the wait with the last reason', async () => {
  const port = await freePort()
  const lines: string[] = []
  const cancel = new AbortController()
  const reason = await waitForHost(`http://127.0.0.1:${port}`, {
    ...options(lines, 600),
    retryMs: 60_000,
    signal: cancel.signal,
    log: (line) => {
      lines.push(line)
      cancel.abort()
    }
  })
  expect(reason).toMatch(/^ECONNREFUSED/)
  expect(lines).toHaveLength(1)
})
