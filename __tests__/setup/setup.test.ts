/**
 * The README's setup path (scripts/setup.sh → scripts/install-locust.sh) on a machine without
 * Locust. The real scripts run with a PATH that holds every system command except `locust`,
 * Python, pip, npm, apt-get and dpkg-query; stand-ins for those record their calls and make a
 * fake Locust install (with Debian's empty version string) so nothing real is installed.
 */
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']
/** Commands the real machine may have that must not leak into the runs. */
const HIDDEN = /^(locust.*|python.*|pip.*|npm|npx|node|apt-get|apt|dpkg-query)$/

/** The stand-ins. Each appends "name args…" to $STUB_LOG. */
const STUBS: Record<string, string> = {
  npm: `
echo "npm $*" >>"$STUB_LOG"
mkdir -p node_modules/.bin
printf '#!/bin/sh\\n' >node_modules/.bin/node && chmod +x node_modules/.bin/node
touch node_modules/.package-lock.json`,
  'apt-get': `
echo "apt-get $*" >>"$STUB_LOG"
case "$1:$STUB_APT" in
  update:no-network) echo "W: Failed to fetch the package lists"; echo "E: Temporary failure resolving 'mirror'" >&2; exit 100 ;;
  update:not-root) echo "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)" >&2; exit 100 ;;
  install:no-package) echo "E: Unable to locate package python3-locust" >&2; exit 100 ;;
  install:*)
    mkdir -p "$FAKE_SITE/locust" "$FAKE_SITE/boto3"
    printf '#!%s\\n' "$STUB_BIN/python3" >"$STUB_BIN/locust" && chmod +x "$STUB_BIN/locust" ;;
esac`,
  // The user the scripts run as: root unless STUB_UID says otherwise (CI may run as a user).
  id: `
[ "$1" = "-u" ] && echo "\${STUB_UID:-0}"`,
  'dpkg-query': `
echo "dpkg-query $*" >>"$STUB_LOG"
[ -d "$FAKE_SITE/locust" ] && printf '2.12.1-1'`,
  // Runs the fake `locust` script (named in its shebang) and answers the import checks.
  python3: `
echo "python3 $*" >>"$STUB_LOG"
case "$1" in
  */locust)
    version=$(sed -n "s/^version = '\\(.*\\)'$/\\1/p" "$FAKE_SITE/locust/_version.py" 2>/dev/null)
    echo "locust $version" ;;
  -c)
    case "$2" in
      *'import boto3'*) [ -d "$FAKE_SITE/boto3" ] ;;
      *'import locust'*) [ -d "$FAKE_SITE/locust" ] && echo "$FAKE_SITE/locust" ;;
      *) exit 1 ;;
    esac ;;
  -m) [ "$2 $3" = "pip --version" ] && [ -n "$STUB_PIP" ] ;;
  *) exit 1 ;;
esac`
}

interface Machine {
  root: string
  repo: string
  stubBin: string
  site: string
  env: NodeJS.ProcessEnv
}

const machines: string[] = []
afterAll(() => machines.forEach((root) => rmSync(root, { recursive: true, force: true })))

/** A copy of the repository's setup scripts, on a machine whose PATH has no Locust. */
function machine(
  options: { stubs?: string[]; aptMode?: string; npmDone?: boolean; pip?: boolean } = {}
): Machine {
  const root = mkdtempSync(join(tmpdir(), 'setup-'))
  machines.push(root)
  const system = join(root, 'system-bin')
  const stubBin = join(root, 'stub-bin')
  const site = join(root, 'site-packages')
  const repo = join(root, 'repo')
  for (const folder of [system, stubBin, site, join(repo, 'scripts')])
    mkdirSync(folder, { recursive: true })
  for (const dir of SYSTEM_DIRS.filter((folder) => existsSync(folder))) {
    for (const name of readdirSync(dir)) {
      if (HIDDEN.test(name) || existsSync(join(system, name))) continue
      symlinkSync(join(dir, name), join(system, name))
    }
  }
  for (const name of options.stubs ?? Object.keys(STUBS)) {
    writeFileSync(join(stubBin, name), `#!/usr/bin/env bash\n${STUBS[name]}\n`)
    chmodSync(join(stubBin, name), 0o755)
  }
  for (const script of ['setup.sh', 'install-locust.sh'])
    copyFileSync(join('scripts', script), join(repo, 'scripts', script))
  writeFileSync(join(repo, 'package-lock.json'), '{}\n')
  if (options.npmDone !== false) {
    mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true })
    writeFileSync(join(repo, 'node_modules', '.bin', 'node'), '#!/bin/sh\n', { mode: 0o755 })
    writeFileSync(join(repo, 'node_modules', '.package-lock.json'), '{}\n')
    const past = new Date(Date.now() - 60_000)
    utimesSync(join(repo, 'package-lock.json'), past, past)
  }
  const env = {
    PATH: `${stubBin}:${system}`,
    HOME: root,
    LANG: 'C.UTF-8',
    STUB_LOG: join(root, 'calls.log'),
    STUB_BIN: stubBin,
    STUB_APT: options.aptMode ?? '',
    STUB_PIP: options.pip ? 'yes' : '',
    FAKE_SITE: site
  }
  return { root, repo, stubBin, site, env }
}

function run(
  target: Machine,
  script: string
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(target.root, 'system-bin', 'bash'), [join('scripts', script)], {
    cwd: target.repo,
    env: target.env,
    encoding: 'utf8',
    timeout: 20_000
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function calls(target: Machine): string[] {
  const log = target.env.STUB_LOG as string
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []
}

const errorLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.trim())

describe('scripts/setup.sh on a machine without Locust', () => {
  test('installs the npm packages and Locust, repairs the version and says what it did', () => {
    const target = machine({ npmDone: false })
    const first = run(target, 'setup.sh')
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('Installing npm packages')
    expect(first.stdout).toContain(
      "Installing Locust from Debian's packages (python3-locust, python3-boto3)"
    )
    expect(first.stdout).toContain(
      `Repairing Locust's empty version string (2.12.1) in ${target.site}/locust/_version.py`
    )
    expect(first.stdout).toContain(`Locust 2.12.1 is ready (${target.stubBin}/locust).`)
    expect(readFileSync(join(target.site, 'locust', '_version.py'), 'utf8')).toBe(
      "version = '2.12.1'\n"
    )
    const installCalls = calls(target).filter((line) => /^(npm|apt-get|python3 -m)/.test(line))
    expect(installCalls).toEqual([
      'npm ci --no-audit --no-fund --loglevel=error',
      'apt-get update -qq',
      'apt-get install -y -qq python3-locust python3-boto3'
    ])

    // A second run finds everything in place and installs nothing.
    const before = calls(target).length
    const second = run(target, 'setup.sh')
    expect(second.status).toBe(0)
    expect(second.stdout + second.stderr).toBe('')
    expect(
      calls(target)
        .slice(before)
        .filter((line) => !line.startsWith('python3 '))
    ).toEqual([])
  })

  test('a Locust that is installed but prints no version is only repaired', () => {
    const target = machine()
    expect(run(target, 'setup.sh').status).toBe(0)
    rmSync(join(target.site, 'locust', '_version.py'))
    const before = calls(target).length
    const repaired = run(target, 'setup.sh')
    expect(repaired.status).toBe(0)
    expect(repaired.stdout).toContain("Repairing Locust's empty version string (2.12.1)")
    expect(
      calls(target)
        .slice(before)
        .some((line) => line.startsWith('apt-get'))
    ).toBe(false)
  })

  test('without apt-get (macOS), one line says how to install Locust with pip, exit 2', () => {
    const target = machine({ stubs: ['python3'], pip: true })
    const result = run(target, 'setup.sh')
    expect(result.status).toBe(2)
    expect(errorLines(result.stderr)).toEqual([
      'install-locust: Locust (with boto3) is not installed and there is no apt-get here to install it; install it with pip: python3 -m pip install locust boto3'
    ])
    expect(calls(target)).toContain('python3 -m pip --version')
  })

  test('without apt-get nor pip, one line says to get Python 3 with pip first, exit 2', () => {
    const target = machine({ stubs: ['python3'] })
    const result = run(target, 'setup.sh')
    expect(result.status).toBe(2)
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(
        /neither apt-get nor Python 3 with pip here; install Python 3 with pip, then run: python3 -m pip install locust boto3$/
      )
    ])
  })

  test.each([
    [
      'no-network',
      "'apt-get update' failed (E: Temporary failure resolving 'mirror'); check the network"
    ],
    [
      'no-package',
      "'apt-get install python3-locust python3-boto3' failed (E: Unable to locate package python3-locust)"
    ]
  ])(
    'apt-get failing (%s) is one line naming what failed and what to do, exit 2',
    (mode, message) => {
      const target = machine({ aptMode: mode })
      const result = run(target, 'setup.sh')
      expect(result.status).toBe(2)
      const lines = errorLines(result.stderr)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(message)
      expect(lines[0]).toContain('or install with pip: python3 -m pip install locust boto3')
    }
  )

  test('as a user, apt-get failing for want of root gives the sudo command to run, exit 2', () => {
    // Seen as a non-root user: "check the network and that you may run apt-get (root or sudo)".
    const target = machine({ aptMode: 'not-root' })
    target.env.STUB_UID = '1000'
    const result = run(target, 'setup.sh')
    expect(result.status).toBe(2)
    expect(errorLines(result.stderr)).toEqual([
      "install-locust: 'apt-get update' failed (E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)); apt-get needs root: run 'sudo apt-get update && sudo apt-get install -y python3-locust python3-boto3', then run this again, or install with pip: python3 -m pip install locust boto3"
    ])
  })

  test('a step that fails unforeseen still prints the failing line, exit 2', () => {
    // mktemp cannot create the file that keeps apt-get's output.
    const target = machine()
    target.env.TMPDIR = join(target.root, 'missing')
    const result = run(target, 'setup.sh')
    expect(result.status).toBe(2)
    // mktemp's own complaint, then the one line of the script.
    const ours = errorLines(result.stderr).filter((line) => line.startsWith('install-locust:'))
    expect(ours).toEqual([
      expect.stringMatching(/^install-locust: line \d+ failed \(exit 1\): output=\$\(mktemp\); /)
    ])
    expect(errorLines(result.stderr).at(-1)).toBe(ours[0])
  })
})
