/** The `distributed-locust` command run from the sources as a real process. */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO } from './helpers.js'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** Added to the test process's environment (which already has NO_COLOR=1). */
  env?: Record<string, string>
  /** Sees stderr as it grows and may signal the process. */
  onStderr?: (text: string, pid: number) => void
  /** The folder the command runs in (the user's project); the repository by default. */
  cwd?: string
}

/** Node's flags that run the CLI from its TypeScript sources, from any folder. */
export const CLI_FROM_SOURCES = [
  '--import',
  pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href,
  join(REPO, 'src/cli/index.ts')
]

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [...CLI_FROM_SOURCES, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => {
    stderr += chunk
    options.onStderr?.(stderr, child.pid!)
  })
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

/** `distributed-locust …args` run in process, in `cwd`, with the clock `now`. */
export async function cliInProcess(
  cwd: string,
  args: string[],
  now: () => Date = () => new Date('2026-01-02T03:04:05Z')
): Promise<CliRun> {
  const { main } = await import('../../src/cli/main.js')
  const out: string[] = []
  const err: string[] = []
  const code = await main(['node', 'distributed-locust', ...args], {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    cwd,
    now
  })
  return { code, stdout: out.join(''), stderr: err.join('') }
}
