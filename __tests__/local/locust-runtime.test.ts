/**
 * Finding or installing Locust, with stand-ins on PATH (pip cannot reach PyPI here): a `python3`
 * whose `-m venv` makes a virtualenv whose `bin/python` records pip calls and, once pip "installed"
 * a version, answers `--version` for it. The stand-ins find their state relative to themselves, so
 * a virtualenv copied into the tool cache behaves like the real one.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { arch } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import {
  DEFAULT_LOCUST_VERSION,
  ensureLocust,
  installedLocustVersion,
  LOCUST_BOOTSTRAP,
  LOCUST_VERSION_SCRIPT,
  LocustSetupError,
  pythonFromShebang
} from '../../src/backend/local/locust-runtime.js'
import { parseLocustVersion } from '../../src/backend/local/command.js'
import { removeDir, tempDir, writeIn } from '../support/helpers.js'

const SYSTEM_PYTHON = `#!/bin/sh
echo "python3 $*" >>"$STUB_LOG"
if [ "$1 $2" = "-m venv" ]; then
  if [ -n "$STUB_NO_VENV" ]; then echo "The virtual environment was not created: ensurepip is not available" >&2; exit 1; fi
  /bin/mkdir -p "$3/bin" && /bin/cp "$STUB_VENV_PYTHON" "$3/bin/python" && echo "home = /usr/bin" >"$3/pyvenv.cfg"
  exit $?
fi
exit 1
`
const VENV_PYTHON = `#!/bin/sh
venv=\${0%/bin/python}
if [ "$1" = "-c" ]; then echo "python $venv -c <script> $3" >>"$STUB_LOG"; else echo "python $venv $*" >>"$STUB_LOG"; fi
if [ "$1 $2 $3" = "-m pip install" ]; then
  if [ -n "$STUB_PIP_FAIL" ]; then
    for try in 4 3 2 1 0; do echo "WARNING: Retrying (Retry(total=$try)) after connection broken by 'NewConnectionError': /simple/locust/" >&2; done
    echo "ERROR: Could not find a version that satisfies the requirement $5 (from versions: none)" >&2
    echo "ERROR: No matching distribution found for $5" >&2; exit 1
  fi
  echo "\${5#locust==}" >"$venv/locust-version"
  exit 0
fi
if [ "$1" = "-c" ] && [ "$3" = "--version" ] && [ -f "$venv/locust-version" ]; then
  read -r version <"$venv/locust-version"
  echo "locust $version from $venv/lib/locust (python 3.12.3)"
  exit 0
fi
echo "ModuleNotFoundError: No module named 'locust'" >&2
exit 1
`
const INSTALLED_LOCUST = `#!/bin/sh
echo "locust $*" >>"$STUB_LOG"
echo "locust 2.12.1"
`
/** The Python of a Locust installed with pip or apt: reads its installed files, or runs the bootstrap. */
const LOCUST_PYTHON = `#!/bin/sh
if [ "$1 $2" = "-c $STUB_VERSION_SCRIPT" ]; then
  echo "python3 -c <version script>" >>"$STUB_LOG"
  if [ -n "$STUB_NO_VERSION_READ" ]; then echo "SyntaxError" >&2; exit 1; fi
  printf '{"metadata": %s, "versionFile": %s}\\n' "$STUB_METADATA" "$STUB_VERSION_FILE"
  exit 0
fi
if [ "$1 $2 $3" = "-c $STUB_BOOTSTRAP --version" ]; then
  echo "python3 -c <bootstrap> --version" >>"$STUB_LOG"
  echo "locust 2.32.1"
  exit 0
fi
exit 1
`

let work: string
let env: NodeJS.ProcessEnv
let lines: string[]
let warnings: string[]
beforeEach(() => {
  work = tempDir('runtime')
  const bin = join(work, 'bin')
  mkdirSync(bin)
  chmodSync(writeIn(bin, 'python3', SYSTEM_PYTHON), 0o755)
  const venvPython = writeIn(work, 'venv-python', VENV_PYTHON)
  chmodSync(venvPython, 0o755)
  env = {
    PATH: bin,
    RUNNER_TEMP: join(work, 'runner-temp'),
    RUNNER_TOOL_CACHE: join(work, 'tool-cache'),
    STUB_LOG: join(work, 'calls.log'),
    STUB_VENV_PYTHON: venvPython
  }
  lines = []
  warnings = []
})
afterEach(() => removeDir(work))

const calls = (): string[] =>
  existsSync(env.STUB_LOG!) ? readFileSync(env.STUB_LOG!, 'utf8').trim().split('\n') : []
const ensure = (version?: string) =>
  ensureLocust({
    python: 'python3',
    version,
    env,
    log: (line) => lines.push(line),
    warn: (line) => warnings.push(line)
  })
const installLocust = () => chmodSync(writeIn(join(work, 'bin'), 'locust', INSTALLED_LOCUST), 0o755)

describe('a runner without Locust', () => {
  test('installs the default version with pip into a virtualenv under RUNNER_TEMP and caches it', async () => {
    const venv = join(env.RUNNER_TEMP!, `locust-${DEFAULT_LOCUST_VERSION}`)
    const cached = join(env.RUNNER_TOOL_CACHE!, 'locust', DEFAULT_LOCUST_VERSION, arch())

    const locust = await ensure()

    expect(locust).toEqual({
      command: { command: join(venv, 'bin', 'python'), prefixArgs: ['-c', LOCUST_BOOTSTRAP] },
      version: DEFAULT_LOCUST_VERSION,
      note: 'installed with pip, the default version, as `locust-version` is not given'
    })
    expect(calls()).toEqual([
      `python3 -m venv ${venv}`,
      `python ${venv} -m pip install --quiet locust==${DEFAULT_LOCUST_VERSION}`,
      `python ${venv} -c <script> --version`
    ])
    expect(lines).toEqual([
      `Locust is not installed (no \`locust\` command on PATH); installing locust==${DEFAULT_LOCUST_VERSION} (the default version, as \`locust-version\` is not given) with pip into ${venv}…`,
      `Cached Locust ${DEFAULT_LOCUST_VERSION} in the tool cache: ${cached}`
    ])
    expect(existsSync(`${cached}.complete`)).toBe(true)
    expect(readFileSync(join(cached, 'locust-version'), 'utf8')).toBe(`${DEFAULT_LOCUST_VERSION}\n`)
  })

  test('a later job on the same runner takes Locust from the tool cache, without pip', async () => {
    await ensure('2.32.1')
    rmSync(env.RUNNER_TEMP!, { recursive: true }) // the runner empties its temp folder after each job
    const before = calls().length
    lines.length = 0
    const cached = join(env.RUNNER_TOOL_CACHE!, 'locust', '2.32.1', arch())

    const locust = await ensure('2.32.1')

    expect(locust.command.command).toBe(join(cached, 'bin', 'python'))
    expect(locust.version).toBe('2.32.1')
    expect(locust.note).toBe("from the runner's tool cache, as `locust-version` asks")
    expect(calls().slice(before)).toEqual([`python ${cached} -c <script> --version`])
    expect(lines).toEqual([
      `Locust 2.32.1 (as \`locust-version\` asks) runs from the tool cache: ${cached}`
    ])
  })

  test('a cached version that no longer runs is installed again', async () => {
    await ensure('2.32.1')
    const cached = join(env.RUNNER_TOOL_CACHE!, 'locust', '2.32.1', arch())
    rmSync(join(cached, 'locust-version'))
    lines.length = 0

    const locust = await ensure('2.32.1')

    expect(warnings).toEqual([
      `The cached Locust in ${cached} does not run Locust 2.32.1; installing it again.`
    ])
    expect(locust.version).toBe('2.32.1')
    expect(existsSync(join(cached, 'locust-version'))).toBe(true)
  })

  test('a cached folder that runs another Locust than asked is installed again', async () => {
    await ensure('2.32.1')
    const cached = join(env.RUNNER_TOOL_CACHE!, 'locust', '2.32.1', arch())
    writeFileSync(join(cached, 'locust-version'), '2.46.7\n')
    lines.length = 0

    const locust = await ensure('2.32.1')

    expect(warnings).toEqual([
      `The cached Locust in ${cached} does not run Locust 2.32.1; installing it again.`
    ])
    expect(locust.version).toBe('2.32.1')
  })

  test('pip failing names the version and what to do, its errors not buried under retries', async () => {
    env.STUB_PIP_FAIL = '1'
    const venv = join(env.RUNNER_TEMP!, 'locust-9.9.9')
    await expect(ensure('9.9.9')).rejects.toThrow(
      new LocustSetupError(
        `Installing locust==9.9.9 with pip into ${venv} failed:\nERROR: Could not find a version that satisfies the requirement locust==9.9.9 (from versions: none)\nERROR: No matching distribution found for locust==9.9.9\nCheck that this Locust version exists and that PyPI can be reached, or install Locust before this step.`
      )
    )
    expect(existsSync(join(env.RUNNER_TOOL_CACHE!, 'locust', '9.9.9'))).toBe(false)
  })

  test('a Python without venv says what to install', async () => {
    env.STUB_NO_VENV = '1'
    await expect(ensure()).rejects.toThrow(
      /`python3 -m venv` failed:\nThe virtual environment was not created: ensurepip is not available\nInstall Python 3 with its venv module \(python3-venv on Debian\/Ubuntu\)/
    )
  })

  test('off a runner, without locust-version, nothing is installed and the error says how to', async () => {
    delete env.RUNNER_TEMP
    await expect(ensure()).rejects.toThrow(
      /^Locust is not installed \(no `locust` command on PATH\)\. Install it with `pip install locust`.*, or give `locust-version` \(`--locust-version` on the CLI\)/
    )
    expect(calls()).toEqual([])
  })
})

describe('a runner with Locust', () => {
  test('runs it as it is when locust-version is not given or matches, asking its version once', async () => {
    installLocust()
    expect(await ensure()).toEqual({
      command: { command: join(work, 'bin', 'locust'), prefixArgs: [] },
      version: '2.12.1'
    })
    expect((await ensure('2.12.1')).note).toBeUndefined()
    expect(lines).toEqual([])
    expect(warnings).toEqual([])
    expect(calls()).toEqual(['locust --version'])
  })

  test('warns when it is not the version locust-version asks for, and runs it', async () => {
    installLocust()
    const locust = await ensure('2.32.1')
    const note =
      '`locust-version` asks for 2.32.1, but the Locust already installed (2.12.1) ran instead; remove it from the runner or ask for its version'
    expect(locust).toEqual({
      command: { command: join(work, 'bin', 'locust'), prefixArgs: [] },
      version: '2.12.1',
      note
    })
    expect(warnings).toEqual([`${note}.`])
    expect(lines).toEqual([])
    expect(calls()).toEqual(['locust --version'])
  })
})

describe('a Locust that runs on Python', () => {
  /** `locust` on PATH as pip and apt install it: a script whose shebang names its Python. */
  const installPythonLocust = (metadata: string, versionFile: string) => {
    mkdirSync(join(work, 'python'))
    const python = writeIn(join(work, 'python'), 'python3', LOCUST_PYTHON)
    chmodSync(python, 0o755)
    chmodSync(writeIn(join(work, 'bin'), 'locust', `#!${python}\nimport locust\n`), 0o755)
    Object.assign(env, {
      STUB_VERSION_SCRIPT: LOCUST_VERSION_SCRIPT,
      STUB_BOOTSTRAP: LOCUST_BOOTSTRAP,
      STUB_METADATA: metadata,
      STUB_VERSION_FILE: versionFile
    })
    return { command: python, prefixArgs: ['-c', LOCUST_BOOTSTRAP] }
  }

  test('is known from its installed files, read once per process, without starting Locust', async () => {
    const command = installPythonLocust('"2.43.3"', '"__version__ = version = \'2.43.3\'\\n"')
    expect(await ensure()).toEqual({ command, version: '2.43.3' })
    expect((await ensure('2.43.3')).version).toBe('2.43.3')
    expect(calls()).toEqual(['python3 -c <version script>'])
    expect(warnings).toEqual([])
  })

  test("Debian's 2.12.1 with its empty version string reads as no version", async () => {
    const command = installPythonLocust('"0.0.0"', '"version = \'\'\\n"')
    expect(await ensure()).toEqual({ command, version: undefined })
  })

  test('when its files cannot be read, Locust itself is asked', async () => {
    const command = installPythonLocust('null', 'null')
    env.STUB_NO_VERSION_READ = '1'
    expect(await ensure()).toEqual({ command, version: '2.32.1' })
    expect(calls()).toEqual(['python3 -c <version script>', 'python3 -c <bootstrap> --version'])
  })

  test("reads the version `locust --version` prints from this machine's Locust", () => {
    const script = execFileSync('sh', ['-c', 'command -v locust'], { encoding: 'utf8' }).trim()
    const [python, ...pythonArgs] = pythonFromShebang(readFileSync(script, 'utf8').split('\n')[0])!
    const read = JSON.parse(
      execFileSync(python, [...pythonArgs, '-c', LOCUST_VERSION_SCRIPT], { encoding: 'utf8' })
    ) as { metadata: string | null; versionFile: string | null }
    const printed = execFileSync(script, ['--version'], { encoding: 'utf8' })
    expect(installedLocustVersion(read.metadata, read.versionFile)).toBe(
      parseLocustVersion(printed)
    )
    expect(parseLocustVersion(printed)).toMatch(/^2\.\d+/)
  })

  test.each([
    ['pip: the metadata', '2.43.3', "__version__ = version = '2.43.3'\n", '2.43.3'],
    ['a source checkout: no metadata, the file', null, "version = '2.32.1'\n", '2.32.1'],
    ["Debian's 2.12.1 as installed", '0.0.0', "version = ''\n", undefined],
    ["Debian's 2.12.1 repaired by install-locust.sh", '0.0.0', "version = '2.12.1'\n", '2.12.1'],
    ['nothing readable', null, null, undefined]
  ])('the version of %s', (_, metadata, versionFile, version) => {
    expect(installedLocustVersion(metadata, versionFile)).toBe(version)
  })
})

test('the default version is the AWS container image one, and the docs name it', () => {
  const from = /^FROM locustio\/locust:(\S+?)(?:@\S+)?$/m.exec(
    readFileSync('docker/Dockerfile', 'utf8')
  )
  expect(from?.[1]).toBe(DEFAULT_LOCUST_VERSION)
  const action = parse(readFileSync('action.yml', 'utf8')) as {
    inputs: Record<string, { description: string }>
  }
  expect(action.inputs['locust-version'].description).toContain(
    `that is version ${DEFAULT_LOCUST_VERSION}`
  )
  expect(readFileSync('docs/action.md', 'utf8')).toContain(
    `by default **${DEFAULT_LOCUST_VERSION}**`
  )
})
