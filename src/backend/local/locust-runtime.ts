/**
 * Finding the installed Locust (or installing one with pip into a virtualenv, cached by version in
 * the runner's tool cache), and starting it through a small bootstrap on Locust's own Python.
 */
import { execFile } from 'node:child_process'
import { accessSync, closeSync, constants, existsSync, openSync, readSync } from 'node:fs'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { arch, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { parseLocustVersion } from './command.js'
import { DistributedLocustError } from '../../errors.js'

/**
 * The Locust installed on a runner that has none when `locust-version` is not given: the version
 * of the AWS backend's container image (docker/Dockerfile), so both backends run the same Locust.
 */
export const DEFAULT_LOCUST_VERSION = '2.43.3'

/** How to start Locust: a command and the arguments that come before Locust's own. */
export interface LocustCommand {
  command: string
  prefixArgs: string[]
}

export interface InstalledLocust {
  command: LocustCommand
  /** Undefined when Locust printed no version. */
  version?: string
  /** For the report: how this Locust came to run, or why it is not the version asked for. */
  note?: string
}

export class LocustSetupError extends DistributedLocustError {}

/**
 * Makes a Locust process quit when the process that started it is gone (killed with SIGKILL, it
 * could stop nothing): a greenlet watches the parent pid and sends this process SIGTERM, which
 * Locust handles as a normal stop, then ends it for good if that stop hangs. Needs Locust's gevent.
 */
const PARENT_WATCHDOG = `
def watch_parent():
    import os, signal, gevent
    parent = os.getppid()
    def watch():
        while os.getppid() == parent:
            gevent.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)
        gevent.sleep(3)
        os._exit(3)
    gevent.spawn(watch)
`

/**
 * Runs Locust's own `main()`, after making its CSV writer flush every second and at exit. Locust
 * (2.12 at least) flushes `_stats_history.csv` every 10 s only and drops the unflushed rows when it
 * exits, which leaves short runs without any history and hides live progress.
 */
export const LOCUST_BOOTSTRAP = `${PARENT_WATCHDOG}
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
watch_parent()
sys.argv[0] = "locust"
sys.exit(main())
`

const INSTALL_HINT =
  'Install it with `pip install locust` (or `apt-get install python3-locust` on Debian/Ubuntu), ' +
  'or give `locust-version` (`--locust-version` on the CLI) so that it is installed with pip before the run.'
const PIP_TIMEOUT_MS = 10 * 60_000

interface CommandResult {
  started: boolean
  exitCode: number
  output: string
}

function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  signal?: AbortSignal,
  cwd?: string
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, signal, cwd },
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

/** How to start Locust as a person would read it: the bootstrap's source shown as <bootstrap>. */
export function shownCommand(locust: LocustCommand): string {
  return [locust.command, ...locust.prefixArgs]
    .map((arg) => (arg === LOCUST_BOOTSTRAP ? '<bootstrap>' : arg))
    .join(' ')
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

/** Starts Locust (`--version`): proves that it runs, but importing Locust costs half a second of CPU. */
async function probe(
  locust: LocustCommand,
  env: NodeJS.ProcessEnv
): Promise<InstalledLocust | undefined> {
  // From an empty folder: Locust imports a locustfile.py it finds in its working directory even
  // for --version, and the user's (which may not import) is no question of whether Locust runs.
  const neutral = await mkdtemp(join(tmpdir(), 'locust-probe-'))
  try {
    const result = await runCommand(
      locust.command,
      [...locust.prefixArgs, '--version'],
      env,
      60_000,
      undefined,
      neutral
    )
    if (!result.started || result.exitCode !== 0) return undefined
    return { command: locust, version: parseLocustVersion(result.output) }
  } finally {
    await rm(neutral, { recursive: true, force: true })
  }
}

/**
 * Prints, as JSON, the version in the package metadata of the Locust this Python imports and the
 * text of its locust/_version.py, without importing Locust (gevent patches on import); exits 3 when
 * this Python has no Locust. The container reads the version the same way (locust_cli.py).
 */
export const LOCUST_VERSION_SCRIPT = `
import json, os, sys
from importlib import metadata, util
spec = util.find_spec("locust")
if spec is None or not spec.origin:
    sys.exit(3)
try:
    recorded = metadata.version("locust")
except metadata.PackageNotFoundError:
    recorded = None
try:
    with open(os.path.join(os.path.dirname(spec.origin), "_version.py"), encoding="utf-8") as file:
        version_file = file.read()
except OSError:
    version_file = None
print(json.dumps({"metadata": recorded, "versionFile": version_file}))
`

/**
 * The first real version of: the package metadata, the `version = '…'` of locust/_version.py.
 * Versions below 1 do not count: Debian's 2.12.1 records 0.0.0 in its metadata and an empty
 * version in _version.py (until scripts/install-locust.sh repairs it), which `locust --version`
 * prints as no version at all.
 */
export function installedLocustVersion(
  metadataVersion: string | null | undefined,
  versionFile: string | null | undefined
): string | undefined {
  const fromFile = /version\s*=\s*['"]([^'"]+)['"]/.exec(versionFile ?? '')?.[1]
  return [metadataVersion, fromFile].find(
    (version): version is string => !!version && /^([1-9]\d*)\.\d+/.test(version)
  )
}

/**
 * The Locust of a Python started through the bootstrap, known from its installed files (a
 * twentieth of a probe's CPU); undefined when that cannot be read, so that `--version` decides.
 */
async function readInstalledVersion(
  locust: LocustCommand,
  env: NodeJS.ProcessEnv
): Promise<InstalledLocust | undefined> {
  if (locust.prefixArgs.at(-1) !== LOCUST_BOOTSTRAP) return undefined
  const pythonArgs = locust.prefixArgs.slice(0, -2)
  const result = await runCommand(
    locust.command,
    [...pythonArgs, '-c', LOCUST_VERSION_SCRIPT],
    env,
    60_000
  )
  // The output holds stderr too, where Python may have warned about something.
  const printed = result.output.split('\n').find((line) => line.startsWith('{'))
  if (!result.started || result.exitCode !== 0 || printed === undefined) return undefined
  try {
    const read = JSON.parse(printed) as { metadata?: string | null; versionFile?: string | null }
    return { command: locust, version: installedLocustVersion(read.metadata, read.versionFile) }
  } catch {
    return undefined
  }
}

/** What the Locust already installed is, read once per process for each command and PATH. */
const installedLocusts = new Map<string, InstalledLocust>()

async function findInstalled(
  locust: LocustCommand,
  env: NodeJS.ProcessEnv
): Promise<InstalledLocust | undefined> {
  const key = JSON.stringify([locust.command, locust.prefixArgs, env.PATH, env.PYTHONPATH])
  const known = installedLocusts.get(key)
  if (known) return known
  const installed = (await readInstalledVersion(locust, env)) ?? (await probe(locust, env))
  if (installed) installedLocusts.set(key, installed)
  return installed
}

export interface EnsureLocustOptions {
  /** A fixed way to start Locust; by default `locust` is looked up on PATH. */
  locust?: LocustCommand
  /** Python that creates the virtualenv Locust is installed into when it is missing. */
  python: string
  /** The version `locust-version` asks for: installed when Locust is missing. */
  version?: string
  /**
   * Environment: PATH finds `locust`; on a runner, RUNNER_TEMP holds the virtualenv (and makes
   * a missing Locust be installed in DEFAULT_LOCUST_VERSION) and RUNNER_TOOL_CACHE caches it.
   */
  env: NodeJS.ProcessEnv
  log: (line: string) => void
  /** Cancels an install under way (its pip or venv process is stopped). */
  signal?: AbortSignal
  /** Something the user should act on: the log's warning (an annotation in the action). */
  warn: (line: string) => void
}

/**
 * The Locust to run. One on PATH is used as it is (with a warning when it is not the version asked
 * for); otherwise the version asked for, or on a runner the default, is installed with pip.
 */
export async function ensureLocust(options: EnsureLocustOptions): Promise<InstalledLocust> {
  const candidate = options.locust ?? locustOnPath(options.env)
  const installed = candidate && (await findInstalled(candidate, options.env))
  if (installed) {
    if (options.version === undefined || installed.version === options.version) return installed
    const note = `\`locust-version\` asks for ${options.version}, but the Locust already installed (${installed.version ?? 'no version printed'}) ran instead; remove it from the runner or ask for its version`
    options.warn(`${note}.`)
    return { ...installed, note }
  }
  const missing = candidate
    ? `\`${shownCommand(candidate)} --version\` failed`
    : 'no `locust` command on PATH'
  const runnerTemp = options.env.RUNNER_TEMP || undefined
  const version = options.version ?? (runnerTemp ? DEFAULT_LOCUST_VERSION : undefined)
  if (version === undefined)
    throw new LocustSetupError(`Locust is not installed (${missing}). ${INSTALL_HINT}`)
  const why =
    options.version === undefined
      ? `the default version, as \`locust-version\` is not given`
      : 'as `locust-version` asks'

  const toolCache = options.env.RUNNER_TOOL_CACHE || undefined
  const cached = toolCache && join(toolCache, 'locust', version, arch())
  if (cached && existsSync(`${cached}.complete`)) {
    const fromCache = await probe(venvLocust(cached), options.env)
    if (fromCache?.version === version) {
      options.log(`Locust ${version} (${why}) runs from the tool cache: ${cached}`)
      return { ...fromCache, note: `from the runner's tool cache, ${why}` }
    }
    options.warn(
      `The cached Locust in ${cached} does not run Locust ${version}; installing it again.`
    )
  }

  const venv = join(runnerTemp ?? join(tmpdir(), 'distributed-locust'), `locust-${version}`)
  options.log(
    `Locust is not installed (${missing}); installing locust==${version} (${why}) with pip into ${venv}…`
  )
  const fromPip = await installIntoVirtualenv(venv, version, options)
  if (cached) {
    try {
      await rm(cached, { recursive: true, force: true })
      await cp(venv, cached, { recursive: true, verbatimSymlinks: true })
      await writeFile(`${cached}.complete`, '')
      options.log(`Cached Locust ${version} in the tool cache: ${cached}`)
    } catch (error) {
      options.warn(
        `Could not cache Locust in ${cached} (${(error as Error).message}); the next run installs it again.`
      )
    }
  }
  return { ...fromPip, note: `installed with pip, ${why}` }
}

/** A virtualenv's Python, through the bootstrap (its `bin/locust` script names the folder it was made in). */
function venvLocust(venv: string): LocustCommand {
  return { command: join(venv, 'bin', 'python'), prefixArgs: ['-c', LOCUST_BOOTSTRAP] }
}

async function installIntoVirtualenv(
  venv: string,
  version: string,
  options: EnsureLocustOptions
): Promise<InstalledLocust> {
  const lastLines = (output: string): string => output.trim().split('\n').slice(-8).join('\n')
  // Offline, pip writes a retry warning per attempt before its one line of error: keep the errors.
  const pipErrors = (output: string): string => {
    const errors = output.split('\n').filter((line) => line.startsWith('ERROR:'))
    return errors.length > 0 ? errors.slice(-8).join('\n') : lastLines(output)
  }
  await rm(venv, { recursive: true, force: true })
  const created = await runCommand(
    options.python,
    ['-m', 'venv', venv],
    options.env,
    120_000,
    options.signal
  )
  if (!created.started || created.exitCode !== 0) {
    throw new LocustSetupError(
      `Creating a virtualenv for Locust with \`${options.python} -m venv\` failed` +
        (created.started ? `:\n${lastLines(created.output)}` : ` (${options.python} not found).`) +
        '\nInstall Python 3 with its venv module (python3-venv on Debian/Ubuntu), or install Locust before this step.'
    )
  }
  const locust = venvLocust(venv)
  const env = { ...options.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' }
  const pip = await runCommand(
    locust.command,
    ['-m', 'pip', 'install', '--quiet', `locust==${version}`],
    env,
    PIP_TIMEOUT_MS,
    options.signal
  )
  if (!pip.started || pip.exitCode !== 0) {
    throw new LocustSetupError(
      `Installing locust==${version} with pip into ${venv} failed:\n${pipErrors(pip.output)}` +
        '\nCheck that this Locust version exists and that PyPI can be reached, or install Locust before this step.'
    )
  }
  const afterInstall = await probe(locust, options.env)
  if (!afterInstall) {
    throw new LocustSetupError(
      `pip installed locust==${version} into ${venv}, but its Python still cannot run it. ${INSTALL_HINT}`
    )
  }
  // A Locust on PYTHONPATH (or in site-packages the virtualenv sees) wins over the one pip put
  // there: the run would then claim one version and run another.
  if (afterInstall.version !== version) {
    throw new LocustSetupError(
      `pip installed locust==${version} into ${venv}, but its Python runs Locust ${afterInstall.version || 'of an unknown version'}: another Locust shadows it (PYTHONPATH, or a site-packages folder the virtualenv sees). Unset PYTHONPATH, or remove \`locust-version\` to run the installed Locust ${afterInstall.version}.`
    )
  }
  return afterInstall
}
