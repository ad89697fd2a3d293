/** Shared by the local-backend, CLI and action tests: the demo target, temp folders, process checks. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { LocalSettings } from '../../src/backend/local/settings.js'
import type { RunConfig } from '../../src/run/config.js'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const EXAMPLES = join(REPO, 'examples')

export interface Target {
  url: string
  stop(): Promise<void>
}

/** Starts examples/target-server.mjs on a free loopback port, with its flags (e.g. --work-factor). */
export async function startTarget(flags: string[] = []): Promise<Target> {
  const child = spawn(process.execPath, [join(EXAMPLES, 'target-server.mjs'), ...flags], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const lines = createInterface({ input: child.stdout })
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) =>
      reject(new Error(`target server exited with code ${code} before printing its URL`))
    )
  })
  lines.close()
  return { url, stop: () => stopChild(child) }
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `dl-${prefix}-`))
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true })
}

/** Writes a file into `dir` and returns its path. */
export function writeIn(dir: string, name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** PIDs the backend logged when it started Locust ("… (pid 12) … (pid 13, 14) …"). */
export function pidsFromLog(text: string): number[] {
  const line = text.split('\n').find((entry) => entry.includes('Started the Locust master'))
  if (!line) return []
  return [...line.matchAll(/pid ([\d, ]+)/g)].flatMap((match) =>
    match[1].split(',').map((pid) => Number(pid.trim()))
  )
}

type LocalRunConfig = RunConfig<LocalSettings>

/** A complete run configuration for backend tests, as parseInputs would build it. */
export function runConfig(
  overrides: Partial<LocalRunConfig> & Pick<LocalRunConfig, 'locustfile' | 'resultsDir'>
): LocalRunConfig {
  return {
    backend: { kind: 'local', waitForHostSeconds: 0, passEnv: [] },
    data: [],
    users: 10,
    spawnRate: 10,
    runTime: '3s',
    runTimeSeconds: 3,
    workers: 2,
    locustArgs: [],
    thresholds: [],
    failOnThreshold: true,
    timeoutMinutes: 2,
    workingDirectory: REPO,
    ...overrides
  }
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8')
}

/** A locustfile with a Python syntax error on line 5. */
export const BROKEN_LOCUSTFILE = `from locust import HttpUser, task


class Broken(HttpUser):
    def index(self)
        self.client.get("/")
`

/** A loopback port nothing listens on: every request to it fails at once (a dead target). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
