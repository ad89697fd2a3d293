/**
 * Test harness for docker/entrypoint.py: a local S3 (s3rver), a loopback HTTP target, and the
 * entrypoint run as real processes on the Python that has Locust.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import {
  accessSync,
  constants,
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync
} from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createTcpServer, type AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3'

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = join(here, '..', '..')
export const entrypointPath = join(repoRoot, 'docker', 'entrypoint.py')
export const bundleDir = join(here, 'bundle')

/**
 * The Python that runs Locust: LOCUST_PYTHON, else the interpreter in the shebang of the `locust`
 * on PATH (the first `python3` on PATH may lack Locust).
 */
export function locustPython(): string {
  if (process.env.LOCUST_PYTHON) return process.env.LOCUST_PYTHON
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, 'locust')
    try {
      accessSync(candidate, constants.X_OK)
    } catch {
      continue
    }
    const shebang = readFileSync(candidate, 'utf8').split('\n')[0]
    const words = shebang.replace(/^#!\s*/, '').split(/\s+/)
    return words[0].endsWith('/env') ? words[1] : words[0]
  }
  throw new Error('No `locust` on PATH: run scripts/install-locust.sh (or set LOCUST_PYTHON)')
}

/** A TCP port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export function temporaryDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `dl-container-${label}-`))
}

interface S3rverInstance {
  run(): Promise<AddressInfo>
  close(): Promise<void>
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance

export interface FakeS3 {
  endpoint: string
  bucket: string
  client: S3Client
  close(): Promise<void>
}

/** s3rver on a free loopback port, with an empty bucket, in a temporary folder. */
export async function startFakeS3(): Promise<FakeS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor
  const directory = temporaryDir('s3')
  const bucket = 'dl-test-bucket'
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }]
  })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    // s3rver predates the checksums newer SDKs add by default.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  })
  return {
    endpoint,
    bucket,
    client,
    async close() {
      client.destroy()
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    }
  }
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Uploads a folder under `prefix`, keeping paths relative to the folder (as the action stages). */
export async function stageBundle(s3: FakeS3, prefix: string, folder = bundleDir): Promise<void> {
  for (const file of filesUnder(folder)) {
    const key = prefix + relative(folder, file).split('\\').join('/')
    await s3.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: readFileSync(file) })
    )
  }
}

export async function listKeys(s3: FakeS3, prefix: string): Promise<string[]> {
  const listing = await s3.client.send(
    new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix })
  )
  return (listing.Contents ?? []).map((item) => item.Key ?? '').sort()
}

export async function readObject(s3: FakeS3, key: string): Promise<string> {
  const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))
  return (await object.Body?.transformToString('utf8')) ?? ''
}

export interface Target {
  url: string
  /** Requests received per path since the last reset. */
  hits: Map<string, number>
  close(): Promise<void>
}

/** A loopback HTTP server answering 200 on `paths` and 404 elsewhere, counting what it receives. */
export async function startTarget(paths: string[]): Promise<Target> {
  const hits = new Map<string, number>()
  const server = createHttpServer((request, response) => {
    const path = request.url ?? ''
    hits.set(path, (hits.get(path) ?? 0) + 1)
    response.writeHead(paths.includes(path) ? 200 : 404, { 'content-type': 'text/plain' })
    response.end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  /** Seconds from spawn to exit. */
  seconds: number
}

export interface EntrypointRun {
  child: ChildProcess
  stdout(): string
  stderr(): string
  exited: Promise<Exit>
  /** Resolves once stdout matches `pattern` (rejects after `timeoutMs` or at exit). */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>
}

const running = new Set<EntrypointRun>()

/** The entrypoint's environment: no AWS or DL_* settings of the caller, S3 pointed at `s3`. */
export function baseEnv(s3: FakeS3): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|DL_|ECS_)/.test(name))
  )
  return {
    ...inherited,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    PYTHONDONTWRITEBYTECODE: '1'
  }
}

/** Starts `python docker/entrypoint.py ...args` in its own process group. */
export function runEntrypoint(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string = repoRoot
): EntrypointRun {
  const started = Date.now()
  const child = spawn(locustPython(), [entrypointPath, ...args], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ code, signal, seconds: (Date.now() - started) / 1000 })
    )
  )
  const run: EntrypointRun = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setInterval(check, 100)
        const deadline = Date.now() + timeoutMs
        let over = false
        void exited.then(() => (over = true))
        function check(): void {
          const match = stdout.match(pattern)
          if (match || over || Date.now() > deadline) clearInterval(timer)
          if (match) resolve(match)
          else if (over || Date.now() > deadline)
            reject(new Error(`no ${pattern} in the output:\n${stdout}\n${stderr}`))
        }
      })
  }
  running.add(run)
  void exited.then(() => running.delete(run))
  return run
}

/** Stops whatever a test left running: SIGTERM (the entrypoint stops Locust), then SIGKILL. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(async (run) => {
      run.child.kill('SIGTERM')
      const timer = setTimeout(() => killGroup(run.child.pid, 'SIGKILL'), 15000)
      await run.exited
      clearTimeout(timer)
    })
  )
}

/** Sends a signal to a whole process group (ignores groups already gone). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

/** A copy of the test bundle in a temporary folder (Locust may write next to its locustfile). */
export function copyOfBundle(): string {
  const folder = temporaryDir('bundle')
  cpSync(bundleDir, folder, { recursive: true })
  return folder
}
