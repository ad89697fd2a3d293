/**
 * The action (src/inputs/locust-flags.ts) and the container entrypoint refuse the same Locust
 * flags, read from the same file (docker/reserved-flags.json), spelled every way argparse accepts.
 */
import { spawnSync } from 'node:child_process'
import { parseInputs, type FileAccess } from '../../src/inputs/parse.js'
import { reservedFlagsOf } from '../../src/inputs/locust-flags.js'
import { locustPython, repoRoot } from './harness.js'

/** Argument → the reserved flags it gives. */
const cases: [string, string[]][] = [
  ['-u', ['-u']],
  ['-u15', ['-u']],
  ['-t2m', ['-t']],
  ['-Hhttp://x', ['-H']],
  ['-L', ['-L']],
  ['-LDEBUG', ['-L']],
  ['--loglevel=DEBUG', ['--loglevel']],
  ['--users', ['--users']],
  ['--users=5', ['--users']],
  ['--run', ['--run-time']],
  ['--run=2s', ['--run-time']],
  ['--master-p', ['--master-port']],
  ['--master-b', ['--master-bind-host', '--master-bind-port']],
  ['--autoquit', ['--autoquit']],
  ['--autoq=1', ['--autoquit']],
  ['--skip-log-setup', ['--skip-log-setup']],
  ['--skip', ['--skip-log-setup']],
  ['--csv', ['--csv']],
  ['--csv-full', ['--csv-full-history']],
  ['--expect-workers', ['--expect-workers']],
  ['--spawn', ['--spawn-rate']],
  ['--stop-timeout', []],
  ['--stop-timeout=10', []],
  ['-T', []],
  ['--tags', []],
  ['--exclude-tags=slow', []],
  ['10', []],
  ['-', []],
  ['--', []],
  ['', []]
]

test('TypeScript and the container find the same reserved flags in each argument', () => {
  const script = [
    'import json, sys',
    "sys.path.insert(0, 'docker')",
    'from distributed_locust.config import reserved_flags_of',
    'print(json.dumps([reserved_flags_of(token) for token in json.load(sys.stdin)]))'
  ].join('\n')
  const python = spawnSync(locustPython(), ['-c', script], {
    cwd: repoRoot,
    input: JSON.stringify(cases.map(([token]) => token)),
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8'
  })
  expect(python.stderr).toBe('')
  const fromPython = JSON.parse(python.stdout) as string[][]
  const fromTypeScript = cases.map(([token]) => reservedFlagsOf(token))
  const expected = cases.map(([, flags]) => flags)
  expect(fromTypeScript).toEqual(expected)
  expect(fromPython).toEqual(expected)
})

test.each([
  ['--run 2s', '--run-time', '`--run` stands for --run-time'],
  ['--master-p 1', '--master-port', '`--master-p` stands for --master-port'],
  ['-u15', '-u', '`-u15` stands for -u'],
  ['--loglevel DEBUG', '--loglevel', ''],
  ['-L DEBUG', '-L', ''],
  ['--autoquit 5', '--autoquit', ''],
  ['--skip-log-setup', '--skip-log-setup', '']
])('locust-args %j is refused before anything starts', (args, flag, spelled) => {
  const files: FileAccess = {
    kind: (path) =>
      path === '/ws' ? 'directory' : path === '/ws/locustfile.py' ? 'file' : 'missing',
    read: () => 'from locust import HttpUser',
    prepareFolder: () => undefined
  }
  expect(() =>
    parseInputs(
      { locustfile: 'locustfile.py', 'locust-args': args },
      { cwd: '/ws', env: {}, files }
    )
  ).toThrow(
    new RegExp(
      `^Input 'locust-args': .*the action sets ${flag} itself${spelled ? ` \\(${spelled}\\)` : ''} \\(`,
      'm'
    )
  )
})
