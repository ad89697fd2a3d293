/** The action's main step (`run()`) with backend local and real Locust, inputs given as INPUT_* variables. */
import { jest } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { run } from '../../src/action/main.js'
import {
  DEFAULT_LOCUST_VERSION,
  pythonFromShebang
} from '../../src/backend/local/locust-runtime.js'
import { writeIn } from '../support/helpers.js'
import { useTarget, useWorkDir } from '../support/hooks.js'
import { useRunner } from '../support/runner.js'

jest.setTimeout(40_000)

const target = useTarget()
const work = useWorkDir('action')
const runner = useRunner()

const setInputs = (inputs: Record<string, string>) => runner.setInputs(inputs)
const outputs = () => runner.outputs()
const errors = (): string => runner.errors().join('\n')
const summaryPath = runner.summaryPath

test('a passing run: outputs, job summary and a step that succeeds', async () => {
  const resultsDir = join(work.dir, 'results')
  setInputs({
    backend: 'local',
    locustfile: 'examples/locustfile.py',
    host: target.url,
    users: '6',
    'spawn-rate': '6',
    'run-time': '3s',
    workers: '2',
    thresholds: 'fail_ratio < 50%\nrequests > 10',
    'results-dir': resultsDir
  })
  await run()

  expect(errors()).toBe('')
  expect(process.exitCode).toBeUndefined()
  const values = outputs()
  expect(values).toMatchObject({
    passed: 'true',
    verdict: 'passed',
    'results-dir': resultsDir,
    'summary-path': join(resultsDir, 'summary.md')
  })
  expect(Number(values.requests)).toBeGreaterThan(10)
  const summary = readFileSync(summaryPath, 'utf8')
  expect(summary).toBe(readFileSync(join(resultsDir, 'summary.md'), 'utf8'))
  expect(summary).toMatch(/^## ✅ Load test passed/)
  expect(summary).toContain('| `requests > 10` |')
  expect(summary).toContain('**Workers:** 2 of 2 connected')
  expect(Object.keys(runner.savedState())).toContain('started-resources')
})

test('a breached threshold fails the step with the rule and its measured value', async () => {
  setInputs({
    locustfile: 'examples/locustfile.py',
    host: target.url,
    users: '4',
    'run-time': '3s',
    workers: '1',
    thresholds: 'requests > 1000000\nfail_ratio < 50%',
    'results-dir': join(work.dir, 'results')
  })
  await run()

  expect(process.exitCode).toBe(1)
  expect(errors()).toMatch(/^1 of 2 thresholds failed: requests > 1,000,000 \(actual \d+\)/)
  expect(outputs()).toMatchObject({ passed: 'false', verdict: 'failed' })
})

test('a locustfile syntax error fails the step quoting Python, with a summary that says so', async () => {
  writeIn(work.dir, 'broken.py', 'from locust import HttpUser\nclass Broken(HttpUser)\n    pass\n')
  setInputs({
    'working-directory': work.dir,
    locustfile: 'broken.py',
    host: target.url,
    'run-time': '3s',
    thresholds: 'failures == 0',
    'results-dir': 'results'
  })
  await run()

  expect(process.exitCode).toBe(1)
  expect(errors()).toContain('Locust could not load the locustfile')
  expect(errors()).toContain('SyntaxError: expected')
  expect(outputs()).toMatchObject({
    passed: 'false',
    verdict: 'error',
    'results-dir': join(work.dir, 'results')
  })
  expect(readFileSync(summaryPath, 'utf8')).toContain('SyntaxError')
})

test('on a runner without Locust, the action installs the default one and says which ran', async () => {
  // PATH has no `locust`. A stand-in `python3 -m venv` makes a virtualenv whose Python records pip,
  // answers --version with the version pip "installed", and runs Locust on the real Python.
  const locustScript = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'locust'))
    .find((path) => existsSync(path))!
  const realPython = pythonFromShebang(readFileSync(locustScript, 'utf8').split('\n')[0])!
  const bin = join(work.dir, 'bin')
  mkdirSync(bin)
  const venvPython = writeIn(
    work.dir,
    'venv-python',
    [
      '#!/bin/sh',
      'venv=${0%/bin/python}',
      `if [ "$1 $2" = "-m pip" ]; then echo "$@" >>'${join(work.dir, 'pip.log')}'; echo "\${5#locust==}" >"$venv/version"; exit 0; fi`,
      'if [ "$1 $3" = "-c --version" ]; then read -r v <"$venv/version"; echo "locust $v"; exit 0; fi',
      `exec ${realPython.join(' ')} "$@"`,
      ''
    ].join('\n')
  )
  const systemPython = writeIn(
    bin,
    'python3',
    `#!/bin/sh\n[ "$1 $2" = "-m venv" ] && /bin/mkdir -p "$3/bin" && /bin/cp '${venvPython}' "$3/bin/python"\n`
  )
  chmodSync(venvPython, 0o755)
  chmodSync(systemPython, 0o755)
  Object.assign(process.env, {
    PATH: bin,
    RUNNER_TEMP: join(work.dir, 'runner-temp'),
    RUNNER_TOOL_CACHE: join(work.dir, 'tool-cache')
  })
  setInputs({
    locustfile: 'examples/locustfile.py',
    host: target.url,
    'run-time': '3s',
    workers: '1',
    thresholds: 'requests > 1\nfail_ratio < 50%',
    'results-dir': join(work.dir, 'results')
  })
  await run()

  expect(errors()).toBe('')
  const venv = join(work.dir, 'runner-temp', `locust-${DEFAULT_LOCUST_VERSION}`)
  expect(readFileSync(join(work.dir, 'pip.log'), 'utf8')).toBe(
    `-m pip install --quiet locust==${DEFAULT_LOCUST_VERSION}\n`
  )
  const log = runner.log()
  expect(log).toContain(
    `installing locust==${DEFAULT_LOCUST_VERSION} (the default version, as \`locust-version\` is not given) with pip into ${venv}…`
  )
  expect(log).toContain(
    `Running Locust ${DEFAULT_LOCUST_VERSION}: ${venv}/bin/python -c <bootstrap>`
  )
  expect(readFileSync(summaryPath, 'utf8')).toContain(
    `**Locust:** ${DEFAULT_LOCUST_VERSION} (installed with pip, the default version, as \\\`locust-version\\\` is not given)`
  )
  expect(outputs()).toMatchObject({ passed: 'true' })
})

test("a worker's CPU warning in its log makes the run invalid, the reason first; on-invalid: pass lets it through", async () => {
  // A worker writes Locust 2.12's own CPU warning through Locust's logger, as a saturated one does
  // (a truly saturated process cannot be made reliably on a shared machine).
  writeIn(
    work.dir,
    'saturated.py',
    [
      'import logging',
      'from locust import HttpUser, constant, events, task',
      'from locust.runners import WorkerRunner',
      '',
      '@events.test_start.add_listener',
      'def warn(environment, **_kwargs):',
      '    if isinstance(environment.runner, WorkerRunner):',
      '        logging.getLogger("locust.runners").warning(',
      '            "CPU usage above 90%! This may constrain your throughput and may even give "',
      '            "inconsistent response time measurements!")',
      '',
      'class Visitor(HttpUser):',
      '    wait_time = constant(0.1)',
      '',
      '    @task',
      '    def home(self):',
      '        self.client.get("/")',
      ''
    ].join('\n')
  )
  const resultsDir = join(work.dir, 'results')
  setInputs({
    'working-directory': work.dir,
    locustfile: 'saturated.py',
    host: target.url,
    users: '2',
    'run-time': '3s',
    workers: '1',
    thresholds: 'fail_ratio < 50%',
    'on-invalid': 'pass',
    'results-dir': resultsDir
  })
  await run()

  expect(process.exitCode).toBeUndefined()
  expect(outputs()).toMatchObject({ verdict: 'invalid', passed: 'false' })
  expect(runner.warnings().join('\n')).toContain(
    'The run is unfit to judge: Locust warned that the CPU of worker 1 was above 90 %'
  )
  const summary = readFileSync(summaryPath, 'utf8')
  expect(summary).toMatch(
    /^## 🚫 Load test run unfit to judge\n\n> \*\*Unfit to judge:\*\* Locust warned that the CPU of worker 1/
  )
  const json = JSON.parse(readFileSync(join(resultsDir, 'results.json'), 'utf8'))
  expect(json.facts.cpuWarnings).toEqual(['worker 1'])
})

test('invalid inputs: verdict output error and a short job summary, nothing started', async () => {
  setInputs({
    backend: 'local',
    locustfile: 'examples/locustfile.py',
    users: 'many',
    thresholds: 'fail_ratio < 1'
  })
  await run()
  expect(process.exitCode).toBe(1)
  expect(outputs()).toMatchObject({ verdict: 'error', passed: 'false' })
  const summary = readFileSync(summaryPath, 'utf8')
  expect(summary).toMatch(
    /^## ⚠️ Load test could not run\n\n> \*\*Error:\*\* Invalid inputs; nothing was started\.\n/
  )
  expect(summary).toContain(`Input 'users': got "many"`)
  expect(summary).toContain('write "1%" or "0.01"')
})

test("a results-dir holding an earlier run's results is refused before anything starts", async () => {
  const resultsDir = join(work.dir, 'results')
  mkdirSync(resultsDir)
  writeFileSync(join(resultsDir, 'locust_stats.csv'), 'Type,Name\n')
  setInputs({
    backend: 'local',
    locustfile: 'examples/locustfile.py',
    host: target.url,
    'results-dir': resultsDir
  })
  await run()
  expect(process.exitCode).toBe(1)
  expect(errors()).toContain(
    `The results folder ${resultsDir} (results-dir; --out on the command line) already holds an earlier run's results (locust_stats.csv)`
  )
  expect(outputs()).toMatchObject({ verdict: 'error' })
  expect(readFileSync(summaryPath, 'utf8')).toMatch(/^## ⚠️ Load test could not run\n/)
})
