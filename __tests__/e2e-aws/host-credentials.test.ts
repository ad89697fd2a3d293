/**
 * A host URL with credentials on `backend: aws`, end to end through the emulator with real Locust:
 * the credentials reach the target, yet neither the execution input and history, nor the tasks'
 * environment and logs, nor the results show them.
 */
import { jest } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import {
  expectStepSucceeded,
  isMaster,
  onlyExecutionSince,
  removeDir,
  STACK_NAME,
  tempDir,
  useActionWorld,
  waitForNoRunningTask,
  writeIn
} from './world.js'

jest.setTimeout(60_000)

const { world, runner } = useActionWorld({ withoutTarget: true })
const PASSWORD = 's3cret-Pa55word'
const AUTHORIZATION = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`

/** A target that answers only requests carrying alice's credentials, counting both kinds. */
const requests = { authorized: 0, refused: 0 }
let target: Server
let port: number
beforeAll(async () => {
  target = createServer((request, response) => {
    const authorized = request.headers.authorization === AUTHORIZATION
    requests[authorized ? 'authorized' : 'refused'] += 1
    response.writeHead(authorized ? 200 : 401).end()
  })
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  port = (target.address() as { port: number }).port
})
afterAll(() => new Promise<void>((resolve) => target.close(() => resolve())))

const work = tempDir('e2e-aws-host')
afterAll(() => removeDir(work))

test('the credentials reach the target and nothing the run leaves behind shows them', async () => {
  writeIn(
    work,
    'locustfile.py',
    `from locust import HttpUser, constant, task


class Visitor(HttpUser):
    wait_time = constant(0.2)

    @task
    def home(self):
        self.client.get("/")
`
  )
  const resultsDir = join(work, 'results')
  const before = world.emulator.sfn.executions().length
  runner.setInputs({
    backend: 'aws',
    'stack-name': STACK_NAME,
    'working-directory': work,
    locustfile: 'locustfile.py',
    host: `http://alice:${PASSWORD}@127.0.0.1:${port}`,
    users: '2',
    'spawn-rate': '2',
    'run-time': '3s',
    workers: '1',
    thresholds: 'fail_ratio < 1%\nrequests > 0',
    'results-dir': resultsDir
  })
  await run()

  expectStepSucceeded(runner, world.emulator)
  expect(requests.authorized).toBeGreaterThan(0)
  expect(requests.refused).toBe(0)

  const execution = onlyExecutionSince(world.emulator, before)
  expect(JSON.parse(execution.input)).toMatchObject({ host: `http://***@127.0.0.1:${port}` })
  expect(execution.input).not.toContain(PASSWORD)
  expect(JSON.stringify(world.emulator.sfn.events(execution.executionArn))).not.toContain(PASSWORD)
  const tasks = world.emulator.ecs.tasks().filter((task) => task.startedBy === execution.name)
  expect(tasks.find(isMaster)?.environment.DL_HOST).toBe(`http://***@127.0.0.1:${port}`)
  for (const task of tasks) {
    expect(JSON.stringify(task.environment)).not.toContain(PASSWORD)
    expect(world.emulator.ecs.taskLog(task.taskArn)).not.toContain(PASSWORD)
  }
  await waitForNoRunningTask(world.emulator.ecs)
  // The staged host URL was the one object that held the password; the run deleted it.
  expect(await world.emulator.objectKeys(`runs/${execution.name}/bundle/`)).toEqual([
    `runs/${execution.name}/bundle/locustfile.py`
  ])
  expect(runner.log()).toContain(
    'Staged the host URL as .distributed-locust/host in the bundle: it carries credentials.'
  )

  const results = readdirSync(resultsDir)
  expect(results).toEqual(expect.arrayContaining(['master.log', 'results.json', 'summary.md']))
  for (const name of results) {
    const text = readFileSync(join(resultsDir, name), 'utf8')
    expect([name, text.includes(PASSWORD)]).toEqual([name, false])
  }
  expect(runner.summary()).not.toContain(PASSWORD)
  expect(runner.log().replace(/^::add-mask::.*$/gm, '')).not.toContain(PASSWORD)
})
