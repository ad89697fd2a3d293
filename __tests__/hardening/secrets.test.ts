/**
 * No secret of the runner or of the host URL reaches Locust's environment, a log, a summary or
 * results.json: the action's main step with real Locust, whose locustfile writes down the
 * environment each Locust process sees.
 */
import { jest } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import { main } from '../../src/cli/main.js'
import { writeIn } from '../support/helpers.js'
import { useTarget, useWorkDir } from '../support/hooks.js'
import { useRunner } from '../support/runner.js'

jest.setTimeout(60_000)

const target = useTarget()
const work = useWorkDir('secrets')
const runner = useRunner()

const ENV_DUMPING_LOCUSTFILE = `import json, os
from locust import HttpUser, constant, task

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "env-%d.json" % os.getpid()), "w") as out:
    json.dump(dict(os.environ), out)


class Visitor(HttpUser):
    wait_time = constant(0.2)

    @task
    def home(self):
        self.client.get("/")
`

const PASSWORD = 's3cret-Pa55word'

/** The step log but the ::add-mask:: commands, which the runner swallows. */
const logWithoutMasks = (): string => runner.log().replace(/^::add-mask::.*$/gm, '')

/** Every file under `dir`, as text. */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      files.set(path, readFileSync(path, 'utf8'))
    }
  }
  return files
}

test("Locust's processes see neither the runner's tokens nor the inputs, only the basics and pass-env", async () => {
  Object.assign(process.env, {
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/oidc',
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    UNRELATED_SECRET: 'not-for-locust',
    MY_API_TOKEN: 'for-locust'
  })
  writeIn(work.dir, 'locustfile.py', ENV_DUMPING_LOCUSTFILE)
  runner.setInputs({
    'working-directory': work.dir,
    host: target.url,
    users: '2',
    'run-time': '2s',
    workers: '2',
    'pass-env': 'MY_API_TOKEN',
    'results-dir': 'results'
  })
  await run()

  expect(runner.errors()).toEqual([])
  const dumps = readdirSync(work.dir).filter((name) => /^env-\d+\.json$/.test(name))
  expect(dumps).toHaveLength(3) // the master and two workers
  for (const dump of dumps) {
    const env = JSON.parse(readFileSync(join(work.dir, dump), 'utf8')) as Record<string, string>
    const names = Object.keys(env)
    expect(names.filter((name) => /^(ACTIONS_|INPUT_|STATE_|GITHUB_)/.test(name))).toEqual([])
    expect(env.UNRELATED_SECRET).toBeUndefined()
    expect(env.MY_API_TOKEN).toBe('for-locust')
    expect(env.PATH).toBe(process.env.PATH)
  }
})

test('secrets: the local backend gives Locust each name from its own environment, and refuses a missing one before start', async () => {
  const arn = 'arn:aws:ssm:eu-west-1:123456789012:parameter/load-test/db-password'
  Object.assign(process.env, { DB_PASSWORD: 'from-the-runner', UNRELATED_SECRET: 'not-for-locust' })
  writeIn(work.dir, 'locustfile.py', ENV_DUMPING_LOCUSTFILE)
  const inputs = {
    'working-directory': work.dir,
    host: target.url,
    users: '1',
    'run-time': '2s',
    workers: '1',
    secrets: `DB_PASSWORD=${arn}`,
    'results-dir': 'results'
  }
  runner.setInputs(inputs)
  await run()

  expect(runner.errors()).toEqual([])
  const dumps = readdirSync(work.dir).filter((name) => /^env-\d+\.json$/.test(name))
  expect(dumps).toHaveLength(2) // the master and the worker
  for (const dump of dumps) {
    const env = JSON.parse(readFileSync(join(work.dir, dump), 'utf8')) as Record<string, string>
    expect([env.DB_PASSWORD, env.UNRELATED_SECRET]).toEqual(['from-the-runner', undefined])
  }

  delete process.env.DB_PASSWORD
  runner.reset()
  runner.setInputs({ ...inputs, 'results-dir': 'refused' })
  await run()
  expect(runner.errors().join('\n')).toContain(
    "Input 'secrets': the local backend reads each secret from the environment variable of its name, and DB_PASSWORD is not set"
  )
  expect(readdirSync(join(work.dir, 'refused'))).toEqual([])
})

test('a password in the host URL is in no output file, summary, annotation or log; Locust still uses it', async () => {
  const port = new URL(target.url).port
  const host = `http://alice:${PASSWORD}@127.0.0.1:${port}`
  writeIn(work.dir, 'locustfile.py', ENV_DUMPING_LOCUSTFILE)
  runner.setInputs({
    'working-directory': work.dir,
    host,
    users: '2',
    // Long enough for a worker's stats to reach the master on a busy machine.
    'run-time': '4s',
    workers: '1',
    thresholds: 'requests > 100000000',
    'results-dir': 'results'
  })
  await run()

  const results = join(work.dir, 'results')
  const outputs = filesUnder(results)
  expect([...outputs.keys()].map((path) => path.slice(results.length + 1)).sort()).toEqual(
    expect.arrayContaining([
      'locust_stats.csv',
      'master.log',
      'report.html',
      'results.json',
      'summary.md'
    ])
  )
  for (const [path, text] of outputs) expect([path, text.includes(PASSWORD)]).toEqual([path, false])
  expect(runner.summary()).not.toContain(PASSWORD)
  expect(runner.summary()).toContain('http://***@127.0.0.1')
  expect(JSON.stringify(runner.outputs())).not.toContain(PASSWORD)
  // The runner masks what setSecret named, in every later log line.
  expect(runner.log()).toContain(`::add-mask::${PASSWORD}`)
  expect(logWithoutMasks()).not.toContain(PASSWORD)
  expect(Number(runner.outputs().requests)).toBeGreaterThan(0)
})

test('an unreachable host with a password: the annotation names the host without it', async () => {
  writeIn(work.dir, 'locustfile.py', ENV_DUMPING_LOCUSTFILE)
  runner.setInputs({
    'working-directory': work.dir,
    host: `http://bob:${PASSWORD}@127.0.0.1:1`,
    'wait-for-host': '0',
    'run-time': '2s',
    'results-dir': 'results'
  })
  await run()

  expect(runner.errors().join('\n')).toContain('the host http://***@127.0.0.1:1 is unreachable')
  expect(logWithoutMasks()).not.toContain(PASSWORD)
  for (const [path, text] of filesUnder(join(work.dir, 'results')))
    expect([path, text.includes(PASSWORD)]).toEqual([path, false])
})

test('the CLI: a password in the host URL is in neither its output nor its files', async () => {
  const port = new URL(target.url).port
  writeIn(work.dir, 'locustfile.py', ENV_DUMPING_LOCUSTFILE)
  const printed: string[] = []
  const output = { write: (text: string) => printed.push(text) }
  const code = await main(
    [
      'node',
      'cli',
      'run',
      '-f',
      'locustfile.py',
      '-H',
      `http://alice:${PASSWORD}@127.0.0.1:${port}`,
      '-t',
      '2s',
      '-o',
      'results',
      '--threshold',
      'requests > 100000000'
    ],
    { stdout: output, stderr: output, env: {}, cwd: work.dir, now: () => new Date() }
  )
  expect(code).toBe(1)
  expect(printed.join('')).toContain('http://***@127.0.0.1')
  expect(printed.join('')).not.toContain(PASSWORD)
  for (const [path, text] of filesUnder(join(work.dir, 'results')))
    expect([path, text.includes(PASSWORD)]).toEqual([path, false])
})
