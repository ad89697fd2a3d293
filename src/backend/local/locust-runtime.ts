/**
 * Finding the installed Locust (or installing the requested version with pip), and starting it
 * through a small bootstrap on Locust's own Python.
 */
import { execFile } from 'node:child_process'
import { accessSync, closeSync, constants, openSync, readSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { parseLocustVersion } from './command.js'
import { DistributedLocustError } from '../../errors.js'

/** How to start Locust: a command and the arguments that come before Locust's own. */
export interface LocustCommand {
  command: string
  prefixArgs: string[]
}

export interface InstalledLocust {
  command: LocustCommand
  /** Undefined when Locust printed no version. */
  version?: string
}

export class LocustSetupError extends DistributedLocustError {}

/**
 * Runs Locust's own `main()`, after making its CSV writer flush every second and at exit. Locust
 * (2.12 at least) flushes `_stats_history.csv` every 10 s only and drops the unflushed rows when it
 * exits, which leaves short runs without any history and hides live progress.
 */
export const LOCUST_BOOTSTRAP = `
import atexit, sys
import locust.stats as stats
stats.CSV_STATS_FLUSH_INTERVAL_SEC = 1
writers = []
Writer = getattr(stats, "StatsCSVFileWriter", None)
if Writer is not None:
    original_init = Writer.__init__
    def tracked_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        writers.append(self)
    Writer.__init__ = tracked_init
    def flush_all():
        for writer in writers:
            for name in ("requests_flush", "stats_history_flush", "failures_flush", "exceptions_flush"):
                try:
                    getattr(writer, name)()
                except Exception:
                    pass
    atexit.register(flush_all)
from locust.main import main
sys.argv[0] = "locust"
sys.exit(main())
`

const INSTALL_HINT =
  'Install it with `pip install locust` (or `apt-get install python3-locust` on Debian/Ubuntu), ' +
  'or give a `locust-version` so that it is installed with pip before the run.'

interface CommandResult {
  started: boolean
  exitCode: number
  output: string
}

function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT')
          resolve({ started: false, exitCode: -1, output })
        else
          resolve({
            started: true,
            exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
            output
          })
      }
    )
  })
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const folder of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(folder, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this folder
    }
  }
  return undefined
}

/** The Python interpreter named by a script's shebang ("#!/usr/bin/python3", "#!/usr/bin/env python3"). */
export function pythonFromShebang(firstLine: string): string[] | undefined {
  const match = /^#!\s*(.+)$/.exec(firstLine.trim())
  if (!match) return undefined
  const words = match[1].trim().split(/\s+/)
  const interpreter = words[0].endsWith('/env') ? words.slice(1) : words
  return interpreter.length > 0 && /(^|\/)python[\d.]*$/.test(interpreter[0])
    ? interpreter
    : undefined
}

function firstLineOf(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(256)
    const bytesRead = readSync(fd, buffer, 0, buffer.length, 0)
    return buffer.toString('utf8', 0, bytesRead).split('\n')[0]
  } finally {
    closeSync(fd)
  }
}

/** `locust` from PATH, run through the bootstrap on its own Python when its shebang names one. */
function locustOnPath(env: NodeJS.ProcessEnv): LocustCommand | undefined {
  const script = findOnPath('locust', env)
  if (script === undefined) return undefined
  const python = pythonFromShebang(firstLineOf(script))
  return python
    ? { command: python[0], prefixArgs: [...python.slice(1), '-c', LOCUST_BOOTSTRAP] }
    : { command: script, prefixArgs: [] }
}

async function probe(
  locust: LocustCommand,
  env: NodeJS.ProcessEnv
): Promise<InstalledLocust | undefined> {
  const result = await runCommand(locust.command, [...locust.prefixArgs, '--version'], env, 60_000)
  if (!result.started || result.exitCode !== 0) return undefined
  return { command: locust, version: parseLocustVersion(result.output) }
}

export interface EnsureLocustOptions {
  /** A fixed way to start Locust; by default `locust` is looked up on PATH. */
  locust?: LocustCommand
  /** Python used for `-m pip install` and then to run the installed Locust. */
  python: string
  /** Installed with pip when Locust is missing. */
  version?: string
  env: NodeJS.ProcessEnv
  log: (line: string) => void
}

/** The Locust to run; installs the requested version when none is there. */
export async function ensureLocust(options: EnsureLocustOptions): Promise<InstalledLocust> {
  const candidate = options.locust ?? locustOnPath(options.env)
  const installed = candidate && (await probe(candidate, options.env))
  if (installed) return installed
  const missing = candidate
    ? `\`${[candidate.command, ...candidate.prefixArgs.filter((arg) => arg !== LOCUST_BOOTSTRAP)].join(' ')} --version\` failed`
    : 'no `locust` command on PATH'
  if (options.version === undefined)
    throw new LocustSetupError(`Locust is not installed (${missing}). ${INSTALL_HINT}`)

  options.log(
    `Locust is not installed; installing locust==${options.version} with ${options.python} -m pip…`
  )
  // Runner images mark the system Python as externally managed (PEP 668); pip honours this opt-out.
  const env = { ...options.env, PIP_BREAK_SYSTEM_PACKAGES: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' }
  const pip = await runCommand(
    options.python,
    ['-m', 'pip', 'install', '--quiet', `locust==${options.version}`],
    env,
    10 * 60_000
  )
  if (!pip.started || pip.exitCode !== 0) {
    const tail = pip.output.trim().split('\n').slice(-8).join('\n')
    throw new LocustSetupError(
      `Installing locust==${options.version} with \`${options.python} -m pip\` failed` +
        (pip.started ? `:\n${tail}` : ` (${options.python} not found).`) +
        '\nCheck that this Locust version exists and that Python 3 with pip is available, or install Locust before this step.'
    )
  }
  // pip may put the `locust` script in a folder that is not on PATH; the module always works.
  const afterInstall = await probe(
    { command: options.python, prefixArgs: ['-c', LOCUST_BOOTSTRAP] },
    options.env
  )
  if (!afterInstall) {
    throw new LocustSetupError(
      `pip installed locust==${options.version}, but ${options.python} still cannot run it. ${INSTALL_HINT}`
    )
  }
  return afterInstall
}
