/**
 * Real locustfiles (__tests__/fixtures/locustfiles, see its PROVENANCE.md) and the ways real
 * locustfiles go wrong, each run by the CLI with the local backend and real Locust against the
 * loopback target, from the locustfile's own folder as a user would.
 */
import { jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { isAlive, pidsFromLog, REPO, writeIn } from '../support/helpers.js'
import { runCli, type CliRun } from '../support/cli.js'
import { useTarget, useWorkDir } from '../support/hooks.js'

jest.setTimeout(90_000)

const CORPUS = join(REPO, '__tests__/fixtures/locustfiles')
const target = useTarget()
const work = useWorkDir('locustfiles')

/** A copy of a corpus folder (Python writes __pycache__ beside the locustfile). */
function project(name: string): string {
  const dir = join(work.dir, name)
  cpSync(join(CORPUS, name), dir, { recursive: true })
  return dir
}

/** A new project folder holding only `locustfile.py`. */
function projectWith(name: string, locustfile: string[]): string {
  const dir = join(work.dir, name)
  mkdirSync(dir)
  writeIn(dir, 'locustfile.py', locustfile.join('\n'))
  return dir
}

/** Every file under `dir`, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
}

interface ProjectRun extends CliRun {
  /** Files the run added to the project outside its results folder, Python's __pycache__ aside. */
  writtenOutside: string[]
}

/** A short run of `locustfile.py` in `dir`, the results in `dir/out`. */
async function runIn(dir: string, extra: string[] = []): Promise<ProjectRun> {
  const before = new Set(filesIn(dir))
  const run = await runCli(
    [
      'run',
      '-f',
      'locustfile.py',
      '-H',
      target.url,
      '-t',
      '3s',
      '-u',
      '2',
      '-w',
      '1',
      '-o',
      'out',
      ...extra
    ],
    { cwd: dir }
  )
  const writtenOutside = filesIn(dir).filter(
    (path) =>
      !before.has(path) && !path.startsWith('out/') && !path.split('/').includes('__pycache__')
  )
  return { ...run, writtenOutside }
}

/** Command lines of the processes still running that name `dir` (Locust gets the locustfile's path). */
function processesIn(dir: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).split('\n')
  return lines.filter((line) => line.includes(dir) && !line.startsWith('ps '))
}

/** No Locust process left, and nothing written beside the locustfile but Python's cache. */
async function expectNothingLeft(dir: string, run: ProjectRun): Promise<void> {
  expect(run.writtenOutside).toEqual([])
  await sleep(300)
  expect(pidsFromLog(run.stderr).filter(isAlive)).toEqual([])
  expect(processesIn(dir)).toEqual([])
}

function verdictOf(dir: string): string | undefined {
  const path = join(dir, 'out', 'results.json')
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).verdict : undefined
}

/** Ran to a verdict: not an error, results.json written with it. */
function expectVerdict(dir: string, run: CliRun): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({
    code: expect.any(Number),
    stderr: expect.not.stringMatching(/could not run|not installed/i)
  })
  expect([0, 1, 3]).toContain(run.code)
  expect(['passed', 'failed', 'inconclusive', 'invalid']).toContain(verdictOf(dir))
}

/** Refused or failed before any test ran, naming `file` and the cause. */
function expectRefused(run: CliRun, file: string, cause: RegExp): void {
  const output = run.stdout + run.stderr
  expect(run.code).toBe(2)
  expect(output).toContain(file)
  expect(output).toMatch(cause)
  expect(output).not.toMatch(/Locust is not installed/)
}

describe('the corpus of public locustfiles: a verdict, or refused naming the file and the cause', () => {
  test('quickstart (Locust examples): on_start, name=, 404s', async () => {
    const dir = project('quickstart')
    const run = await runIn(dir)
    expectVerdict(dir, run)
    await expectNothingLeft(dir, run)
  })

  test('custom-argument (Locust examples): a custom flag in locust-args, a task that sends nothing', async () => {
    const dir = project('custom-argument')
    const run = await runIn(dir, ['--locust-args', '--custom-argument hello'])
    expectVerdict(dir, run)
    expect(readFileSync(join(dir, 'out', 'master.log'), 'utf8')).toContain(
      'Custom argument supplied: hello'
    )
    await expectNothingLeft(dir, run)
  })

  test('legacy-events (Locust 0.x API): Python import error, named with the file', async () => {
    const dir = project('legacy-events')
    const run = await runIn(dir)
    expectRefused(run, join(dir, 'locustfile.py'), /ImportError: .*HttpLocust/)
    await expectNothingLeft(dir, run)
  })

  test('grpc-missing-module (Locust examples): a module that is not installed', async () => {
    const dir = project('grpc-missing-module')
    const run = await runIn(dir)
    expectRefused(run, join(dir, 'locustfile.py'), /ModuleNotFoundError: No module named '\w+'/)
    await expectNothingLeft(dir, run)
  })

  test('online-boutique (microservices demo): runs where faker is installed, else names it', async () => {
    const dir = project('online-boutique')
    const run = await runIn(dir)
    if (/No module named 'faker'/.test(run.stdout + run.stderr)) {
      expectRefused(run, join(dir, 'locustfile.py'), /ModuleNotFoundError/)
    } else {
      expectVerdict(dir, run)
    }
    await expectNothingLeft(dir, run)
  })

  test('locust-conf (Locust docs): refused before anything starts, naming the file and its keys', async () => {
    const dir = project('locust-conf')
    const run = await runIn(dir)
    expectRefused(
      run,
      join(dir, 'locust.conf'),
      /sets locustfile, headless, master, expect-workers, host, users, spawn-rate, run-time,/
    )
    expect(run.stderr).toContain('nothing was started')
    expect(existsSync(join(dir, 'out', 'master.log'))).toBe(false)
    expect(processesIn(dir)).toEqual([])
  })
})

describe('real locustfiles, as users write them', () => {
  test('a LoadTestShape that outlasts run-time is a normal run, and the summary shows its levels', async () => {
    const dir = project('stages-shape')
    const run = await runIn(dir, ['--threshold', 'requests > 0'])
    expectVerdict(dir, run)
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('stopped at the run time while its load shape still ran')
    const summary = readFileSync(join(dir, 'out', 'summary.md'), 'utf8')
    expect(summary).toMatch(/\d+ at peak, \d+ at the end \(as the LoadTestShape set them\)/)
    expect(summary).not.toContain('requested, spawn rate')
    await expectNothingLeft(dir, run)
  })

  test('a locustfile.py that fails to import in the working directory is named, with Python’s error', async () => {
    const dir = projectWith('python2', ['from locust import HttpUser, task', 'print "hello"', ''])
    const run = await runIn(dir)
    expectRefused(run, join(dir, 'locustfile.py'), /SyntaxError/)
    await expectNothingLeft(dir, run)
  })

  test('workers that exit with code 2 at a normal quit did not stop during the test', async () => {
    const dir = projectWith('exit-code', [
      'from locust import HttpUser, constant, events, task',
      'from locust.runners import WorkerRunner',
      '',
      'class Visitor(HttpUser):',
      '    wait_time = constant(0.2)',
      '',
      '    @task',
      '    def index(self):',
      '        self.client.get("/")',
      '',
      '@events.quitting.add_listener',
      'def _(environment, **kwargs):',
      '    if isinstance(environment.runner, WorkerRunner):',
      '        environment.process_exit_code = 2',
      ''
    ])
    const run = await runIn(dir, ['-w', '2'])
    expect(run.stderr).not.toContain('stopped during the test')
    expectVerdict(dir, run)
    expect(run.code).toBe(0)
    await expectNothingLeft(dir, run)
  })

  test('--config FILE in locust-args that sets users is refused, naming the file and the key', async () => {
    const dir = project('quickstart')
    writeIn(dir, 'ci.conf', '# for CI\nusers = 50\ntags = smoke\n')
    const run = await runIn(dir, ['--locust-args', '--config ci.conf'])
    expectRefused(run, join(dir, 'ci.conf'), /from --config, .* sets users, /)
    expect(run.stderr).toContain('nothing was started')
  })

  test('URLs with changing ids and no name=: a few dozen rows, and the pattern to group them by', async () => {
    const dir = projectWith('dynamic-urls', [
      'import random',
      'from locust import HttpUser, constant, task',
      '',
      'class Visitor(HttpUser):',
      '    wait_time = constant(0.02)',
      '',
      '    @task',
      '    def item(self):',
      '        self.client.get(f"/api/items/{random.randint(1, 10**9)}")',
      ''
    ])
    const run = await runIn(dir, ['-u', '5'])
    expectVerdict(dir, run)
    const advice =
      /([\d,]+) endpoints look like one URL with changing ids \(`GET \/api\/items\/\{id\}`\) — group them with `name=`/
    const summary = readFileSync(join(dir, 'out', 'summary.md'), 'utf8')
    expect(summary).toMatch(advice)
    expect(run.stdout).toMatch(advice)
    const endpoints = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')).endpoints
    expect(Number(advice.exec(summary)![1].replace(/,/g, ''))).toBe(endpoints.length)
    const rows = summary.split('\n').filter((line) => line.startsWith('| GET | /api/items/'))
    expect(rows.length).toBeLessThanOrEqual(50)
    expect(rows.length).toBeLessThan(endpoints.length)
    await expectNothingLeft(dir, run)
  })

  test('a KeyError on an environment variable hints at pass-env', async () => {
    const dir = projectWith('env-var', [
      'import os',
      'from locust import HttpUser, task',
      '',
      'TOKEN = os.environ["API_TOKEN"]',
      '',
      'class Visitor(HttpUser):',
      '    @task',
      '    def index(self):',
      '        self.client.get("/", headers={"Authorization": TOKEN})',
      ''
    ])
    const run = await runIn(dir)
    expectRefused(run, join(dir, 'locustfile.py'), /KeyError: 'API_TOKEN'/)
    expect(run.stderr).toContain('name API_TOKEN in `pass-env` (CLI: --pass-env API_TOKEN)')
    await expectNothingLeft(dir, run)
  })
})
