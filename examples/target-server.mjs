#!/usr/bin/env node
/**
 * A small HTTP service to load-test in the demo, the examples and the tests. Plain Node, loopback only.
 *
 *   node examples/target-server.mjs [--port N] [--work-factor F]
 *
 * Prints its base URL (e.g. http://127.0.0.1:41234) as the first line on stdout, then serves until
 * SIGINT/SIGTERM. Without --port it takes a free port, so several can run side by side.
 * --work-factor (or TARGET_WORK_FACTOR; default 1) scales the server-side work of /compute, /wait
 * and /slow, so a benchmark can start a "slower build" (1.3 = 30 % more work) beside the normal one.
 *
 * Endpoints, chosen so a report shows some variety:
 *   GET  /            fast plain text
 *   GET  /api/items   fast JSON list
 *   GET  /slow        answers after 150–300 ms
 *   GET  /compute     a few ms of real computation (PBKDF2), on the event loop like real code
 *   GET  /wait        answers after a 20 ms timer (waiting on something else)
 *   GET  /flaky       about 5% of answers are 500s
 *   POST /api/rows    accepts a JSON object, answers 201 with it and an id (400 on bad JSON)
 */
import { pbkdf2Sync } from 'node:crypto'
import { createServer } from 'node:http'

const FLAKY_ERROR_RATE = 0.05
const SLOW_MIN_MS = 150
const SLOW_MAX_MS = 300
/** About 3 ms of one core at work factor 1. */
const COMPUTE_ITERATIONS = 5000
const WAIT_MS = 20

const items = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `item ${i + 1}` }))
let rowsReceived = 0

function send(response, status, body, contentType = 'application/json') {
  const payload = typeof body === 'string' ? body : JSON.stringify(body)
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload)
  })
  response.end(payload)
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function handle(request, response, workFactor) {
  const path = new URL(request.url ?? '/', 'http://target').pathname
  const route = `${request.method} ${path}`
  switch (route) {
    case 'GET /':
      return send(response, 200, 'ok\n', 'text/plain')
    case 'GET /api/items':
      return send(response, 200, items)
    case 'GET /slow': {
      const delay = (SLOW_MIN_MS + Math.random() * (SLOW_MAX_MS - SLOW_MIN_MS)) * workFactor
      await wait(delay)
      return send(response, 200, { delayedMs: Math.round(delay) })
    }
    case 'GET /compute': {
      const iterations = Math.round(COMPUTE_ITERATIONS * workFactor)
      const digest = pbkdf2Sync(path, 'target', iterations, 16, 'sha256').toString('hex')
      return send(response, 200, { iterations, digest })
    }
    case 'GET /wait': {
      const delayedMs = WAIT_MS * workFactor
      await wait(delayedMs)
      return send(response, 200, { delayedMs })
    }
    case 'GET /flaky':
      return Math.random() < FLAKY_ERROR_RATE
        ? send(response, 500, { error: 'flaky failure' })
        : send(response, 200, { ok: true })
    case 'POST /api/rows': {
      let row
      try {
        row = JSON.parse(await readBody(request))
      } catch {
        return send(response, 400, { error: 'body must be JSON' })
      }
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        return send(response, 400, { error: 'body must be a JSON object' })
      }
      rowsReceived++
      return send(response, 201, { id: rowsReceived, ...row })
    }
    default:
      return send(response, 404, { error: `no route ${route}` })
  }
}

function refuse(message) {
  console.error(message)
  process.exit(2)
}

function requestedPort(argv) {
  const index = argv.indexOf('--port')
  if (index === -1) return 0
  const port = Number(argv[index + 1])
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    refuse(`--port must be a whole number from 0 to 65535, got "${argv[index + 1] ?? ''}"`)
  }
  return port
}

/** --work-factor wins over TARGET_WORK_FACTOR; a factor above 100 is a typo, not a slow build. */
function requestedWorkFactor(argv, env) {
  const index = argv.indexOf('--work-factor')
  const [source, text] =
    index === -1
      ? ['TARGET_WORK_FACTOR', env.TARGET_WORK_FACTOR]
      : ['--work-factor', argv[index + 1]]
  if (text === undefined || text === '') return 1
  const factor = Number(text)
  if (!Number.isFinite(factor) || factor <= 0 || factor > 100) {
    refuse(
      `${source} must be a number above 0 and at most 100 (1.3 = 30 % more work), got "${text}"`
    )
  }
  return factor
}

const args = process.argv.slice(2)
const workFactor = requestedWorkFactor(args, process.env)
const server = createServer((request, response) => {
  handle(request, response, workFactor).catch((error) =>
    send(response, 500, { error: String(error) })
  )
})
// Load tests open many short connections; keep them alive so the target is not the bottleneck.
server.keepAliveTimeout = 30_000

server.listen(requestedPort(args), '127.0.0.1', () => {
  const { port } = server.address()
  console.log(`http://127.0.0.1:${port}`)
})

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.closeAllConnections()
    server.close(() => process.exit(0))
  })
}
