/** The local backend with real Locust: one master and its workers on loopback. */
import { jest } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Progress } from '../../src/run/progress.js'
import { createLocalBackend } from '../../src/backend/local/backend.js'
import { pythonFromShebang } from '../../src/backend/local/locust-runtime.js'
import type { ProcessGroupHandle } from '../../src/backend/local/process-groups.js'
import { EXAMPLES, isAlive, runConfig, writeIn } from '../support/helpers.js'
import { useTarget, useWorkDir } from '../support/hooks.js'

jest.setTimeout(40_000)

const target = useTarget()
const work = useWorkDir('local')

const backend = createLocalBackend({ progressIntervalMs: 500, stopGraceMs: 3_000 })

function recorder() {
  const lines: string[] = []
  const progress: Progress[] = []
  const groups: number[] = []
  return {
    lines,
    progress,
    groups,
    hooks: {
      log: (line: string) => lines.push(line),
      onProgress: (entry: Progress) => progress.push(entry),
      onStarted: (processGroup: ProcessGroupHandle) => groups.push(processGroup.pid)
    }
  }
}

test('a passing run: every worker connects, CSVs, HTML report and logs land in the results folder', async () => {
  const seen = recorder()
  const resultsDir = join(work.dir, 'results')
  const outcome = await backend.run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir,
      host: target.url,
      // Locust's current rps lags a second or two behind the load: long enough to show some.
      runTime: '4s',
      runTimeSeconds: 4
    }),
    seen.hooks
  )

  expect(outcome.error).toBeUndefined()
  expect(outcome.partial).toBe(false)
  expect([0, 1]).toContain(outcome.locustExitCode) // /flaky fails now and then
  expect(seen.lines).toContain(
    outcome.locustExitCode === 1
      ? 'The Locust master exited with code 1 (its usual code when some requests failed; the thresholds decide)'
      : 'The Locust master exited with code 0'
  )
  expect(outcome.facts).toMatchObject({
    workersConnected: 2,
    locustVersion: expect.stringMatching(/^2\.\d+/)
  })
  expect(outcome.facts.durationSeconds).toBeGreaterThanOrEqual(3.5)
  expect(outcome.facts.durationSeconds).toBeLessThan(7)
  for (const file of [
    'locust_stats.csv',
    'locust_stats_history.csv',
    'report.html',
    'master.log',
    'worker-1.log',
    'worker-2.log'
  ]) {
    expect(existsSync(join(resultsDir, file))).toBe(true)
  }
  // The bootstrap makes Locust flush its history every second: a 4 s run has several rows.
  const historyRows = readFileSync(join(resultsDir, 'locust_stats_history.csv'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(',,Aggregated,'))
  expect(historyRows.length).toBeGreaterThanOrEqual(3)

  expect(seen.progress[0].message).toMatch(/^waiting for workers: \d of 2 connected$/)
  expect(seen.progress.some((entry) => (entry.users ?? 0) > 0 && (entry.rps ?? 0) > 0)).toBe(true)
  expect(
    seen.lines.some((line) => /^All 2 workers connected \d+\.\d s after start$/.test(line))
  ).toBe(true)
  expect(seen.groups).toHaveLength(3)
  expect(seen.groups.filter(isAlive)).toEqual([])
})

test('cancelling mid-run stops every process, keeps the partial results and says so', async () => {
  const seen = recorder()
  const cancel = new AbortController()
  const resultsDir = join(work.dir, 'results')
  const run = backend.run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir,
      host: target.url,
      runTime: '30s',
      runTimeSeconds: 30
    }),
    {
      ...seen.hooks,
      signal: cancel.signal,
      log: (line) => {
        seen.lines.push(line)
        if (line.startsWith('The test started')) setTimeout(() => cancel.abort(), 1_500)
      }
    }
  )
  const outcome = await run
  expect(outcome.error).toBe('The run was cancelled; the results cover only the part that ran.')
  expect(outcome.partial).toBe(true)
  expect(outcome.facts.durationSeconds).toBeLessThan(10)
  expect(readFileSync(join(resultsDir, 'locust_stats.csv'), 'utf8')).toMatch(/Aggregated,\d+/)
  expect(seen.groups).toHaveLength(3)
  expect(seen.groups.filter(isAlive)).toEqual([])
})

/** A load shape that never ends: the backend stops it at the run time. */
const ENDLESS_SHAPE = `from locust import HttpUser, LoadTestShape, constant, task


class Visitor(HttpUser):
    wait_time = constant(0.05)

    @task
    def root(self):
        self.client.get("/")


class Endless(LoadTestShape):
    def tick(self):
        return (4, 10)
`

test('an endless load shape is stopped at the run time through the control channel, as Locust quits itself', async () => {
  const seen = recorder()
  const dir = join(work.dir, 'project')
  mkdirSync(dir)
  const resultsDir = join(dir, 'results')
  const outcome = await backend.run(
    runConfig({
      locustfile: writeIn(dir, 'locustfile.py', ENDLESS_SHAPE),
      resultsDir,
      host: target.url
    }),
    seen.hooks
  )
  expect(outcome.error).toBeUndefined()
  // Locust 2.12 has no SIGTERM handler while a shape runs: a SIGTERM would have killed it outright.
  expect(readFileSync(join(resultsDir, 'master.log'), 'utf8')).toContain(
    'stop requested (the run time is over while the load shape still runs)'
  )
  expect(seen.lines).toContain(
    'The Locust master exited with code 0 (stopped at the run time while its load shape still ran)'
  )
  expect(existsSync(join(resultsDir, 'report.html'))).toBe(true)
  expect(existsSync(join(resultsDir, 'histograms.json'))).toBe(true)
})

test('a run that outlives timeout-minutes is stopped and reported as such', async () => {
  const seen = recorder()
  const outcome = await backend.run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir: join(work.dir, 'results'),
      host: target.url,
      runTime: '30s',
      runTimeSeconds: 30,
      workers: 1,
      timeoutMinutes: 0.1
    }),
    seen.hooks
  )
  expect(outcome.error).toMatch(
    /^The run did not finish within timeout-minutes \(0\.1 min\), so Locust was stopped; the results cover only the part that ran\./
  )
  expect(outcome.partial).toBe(true)
  expect(seen.groups.filter(isAlive)).toEqual([])
})

test('an unknown user class is "Locust could not run", quoting Locust', async () => {
  const outcome = await backend.run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir: join(work.dir, 'results'),
      host: target.url,
      locustArgs: ['NoSuchUser']
    }),
    {}
  )
  expect(outcome.error).toBe(
    'Locust could not start:\n  ERROR Unknown User(s): NoSuchUser\n(from master.log)'
  )
  expect(outcome.locustExitCode).toBeUndefined()
})

test('a syntax error in the locustfile quotes the Python error', async () => {
  const locustfile = writeIn(
    work.dir,
    'broken.py',
    'from locust import HttpUser, task\n\nclass Broken(HttpUser):\n    @task\n    def index(self)\n        pass\n'
  )
  const outcome = await backend.run(
    runConfig({ locustfile, resultsDir: join(work.dir, 'results'), host: target.url }),
    {}
  )
  expect(outcome.error).toBe(
    [
      `Locust could not load the locustfile ${locustfile}:`,
      `    File "${locustfile}", line 5`,
      '      def index(self)',
      '                     ^',
      "  SyntaxError: expected ':'",
      '(from master.log)'
    ].join('\n')
  )
})

test('an unreachable host is reported before Locust starts', async () => {
  const outcome = await backend.run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir: join(work.dir, 'results'),
      host: 'http://127.0.0.1:1'
    }),
    {}
  )
  expect(outcome.error).toMatch(
    /^Locust could not run: the host http:\/\/127\.0\.0\.1:1 is unreachable \(ECONNREFUSED: .*\)\. Check the `host` input/
  )
  expect(existsSync(join(work.dir, 'results', 'master.log'))).toBe(false)
})

test('missing Locust off a runner says how to install it', async () => {
  const outcome = await createLocalBackend({
    locust: { command: join(work.dir, 'no-locust'), prefixArgs: [] },
    env: { ...process.env, RUNNER_TEMP: '' }
  }).run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir: join(work.dir, 'results')
    }),
    {}
  )
  expect(outcome.error).toBe(
    `Locust is not installed (\`${join(work.dir, 'no-locust')} --version\` failed). Install it with \`pip install locust\` (or \`apt-get install python3-locust\` on Debian/Ubuntu), or give \`locust-version\` (\`--locust-version\` on the CLI) so that it is installed with pip before the run.`
  )
})

/**
 * A run with `locust-version: 2.12.1` and no Locust, through a stand-in Python whose `-m venv`
 * makes a virtualenv Python that records pip calls, says it runs Locust `runsVersion` (as a
 * virtualenv that sees another Locust would), and runs everything else on the Python that has Locust.
 */
async function installIntoStandInVirtualenv(runsVersion: string) {
  const locustScript = (process.env.PATH ?? '')
    .split(':')
    .map((dir) => join(dir, 'locust'))
    .find((path) => existsSync(path))!
  const realPython = pythonFromShebang(readFileSync(locustScript, 'utf8').split('\n')[0])!
  const pipLog = join(work.dir, 'pip.log')
  const venvPython = writeIn(
    work.dir,
    'venv-python',
    [
      '#!/bin/sh',
      `if [ "$1 $2" = "-m pip" ]; then echo "$@" >> '${pipLog}'; exit 0; fi`,
      `if [ "$1" = "-c" ] && [ "$3" = "--version" ]; then echo "locust ${runsVersion} from $0"; exit 0; fi`,
      `exec ${realPython.join(' ')} "$@"`,
      ''
    ].join('\n')
  )
  const fakePython = writeIn(
    work.dir,
    'python3',
    `#!/bin/sh\n[ "$1 $2" = "-m venv" ] && mkdir -p "$3/bin" && cp '${venvPython}' "$3/bin/python"\n`
  )
  chmodSync(venvPython, 0o755)
  chmodSync(fakePython, 0o755)
  const runnerTemp = join(work.dir, 'runner-temp')
  const lines: string[] = []
  const outcome = await createLocalBackend({
    locust: { command: join(work.dir, 'no-locust'), prefixArgs: [] },
    python: fakePython,
    env: { ...process.env, RUNNER_TEMP: runnerTemp, RUNNER_TOOL_CACHE: '' }
  }).run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir: join(work.dir, 'results'),
      host: 'http://127.0.0.1:1',
      backend: { kind: 'local', locustVersion: '2.12.1', waitForHostSeconds: 0, passEnv: [] }
    }),
    { log: (line) => lines.push(line) }
  )
  return { outcome, lines, pipLog, venv: join(runnerTemp, 'locust-2.12.1') }
}

test('with locust-version, a missing Locust is installed into a virtualenv and run on its Python', async () => {
  const { outcome, lines, pipLog, venv } = await installIntoStandInVirtualenv('2.12.1')
  expect(readFileSync(pipLog, 'utf8')).toBe('-m pip install --quiet locust==2.12.1\n')
  expect(lines.slice(0, 2)).toEqual([
    `Locust is not installed (\`${join(work.dir, 'no-locust')} --version\` failed); installing locust==2.12.1 (as \`locust-version\` asks) with pip into ${venv}…`,
    `Running Locust 2.12.1: ${venv}/bin/python -c <bootstrap>` // probed through the virtualenv's Python
  ])
  expect(outcome.facts).toMatchObject({
    locustVersion: '2.12.1',
    locustNote: 'installed with pip, as `locust-version` asks'
  })
  expect(outcome.error).toMatch(/host http:\/\/127\.0\.0\.1:1 is unreachable/)
})

test('a virtualenv that runs another Locust than locust-version asks for is refused, naming both', async () => {
  const { outcome, venv } = await installIntoStandInVirtualenv('2.46.7')
  expect(outcome.error).toBe(
    `pip installed locust==2.12.1 into ${venv}, but its Python runs Locust 2.46.7: another Locust shadows it (PYTHONPATH, or a site-packages folder the virtualenv sees). Unset PYTHONPATH, or remove \`locust-version\` to run the installed Locust 2.46.7.`
  )
  expect(outcome.facts.locustVersion).toBeUndefined()
})
