/**
 * The `secrets` input on `backend: aws`, end to end: the action through the emulated stack, whose
 * tasks run the real entrypoint and Locust and read the values from a loopback Secrets Manager and
 * SSM with the "task role" (the store grants only the stack's SecretsPrefix). The locustfile of the
 * master and of each worker writes down a hash of what it saw; a canary value is then searched for
 * in everything the run leaves behind: the step's log, summary and outputs, the results folder (the
 * artifact), every S3 object, every task's settings and log, the execution's input and history.
 */
import { jest } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import { STACK_OUTPUTS } from '../../src/backend/aws/target.js'
import { startSecretStore } from '../emulator/secret-store.js'
import { useForAll } from '../support/hooks.js'
import { HASHING_LOCUSTFILE, sawBoth, seenBy } from '../support/secret-canary.js'
import {
  expectStepSucceeded,
  onlyExecutionSince,
  readObject,
  removeDir,
  SECRETS_PREFIX,
  STACK_NAME,
  tempDir,
  useActionWorld,
  waitForNoRunningTask,
  writeIn
} from './world.js'

jest.setTimeout(90_000)

const REGION_ACCOUNT = 'us-east-1:123456789012'
const SECRET_ARN = `arn:aws:secretsmanager:${REGION_ACCOUNT}:secret:${SECRETS_PREFIX}api-AbCdEf`
const PARAMETER_ARN = `arn:aws:ssm:${REGION_ACCOUNT}:parameter/${SECRETS_PREFIX}db-password`
const CANARY = `canary-${process.pid}-5eb0d7a1`
const PASSWORD = `db-${process.pid}-c0ffee`

const store = useForAll(
  'The secret store',
  () => startSecretStore(SECRETS_PREFIX),
  (started) => started.close()
)
const seenDir = tempDir('e2e-aws-seen')
const work = tempDir('e2e-aws-secrets')
afterAll(() => {
  removeDir(seenDir)
  removeDir(work)
})
beforeAll(() => writeIn(work, 'locustfile.py', HASHING_LOCUSTFILE))
const { world, runner } = useActionWorld({
  ecs: {
    // Read when the world starts, after the store (its beforeAll comes first): the tasks' image
    // environment points boto3 at the store.
    get baseEnv() {
      return { ...store.env, SEEN_DIR: seenDir }
    }
  }
})

const holdsCanary = (text: string) => text.includes(CANARY) || text.includes(PASSWORD)

function inputs(secrets: string, resultsDir: string): Record<string, string> {
  return {
    backend: 'aws',
    'stack-name': STACK_NAME,
    'working-directory': work,
    locustfile: 'locustfile.py',
    host: world.target.url,
    users: '2',
    'spawn-rate': '2',
    'run-time': '3s',
    workers: '2',
    thresholds: 'requests > 0',
    secrets,
    'results-dir': resultsDir
  }
}

test('master and workers see the secrets; no output, log, object or result holds a value', async () => {
  store.put(SECRET_ARN, JSON.stringify({ token: CANARY }))
  store.put(PARAMETER_ARN, PASSWORD)
  const resultsDir = join(work, 'results')
  const before = world.emulator.sfn.executions().length
  runner.setInputs(
    inputs(`API_TOKEN=${SECRET_ARN}:token\nDB_PASSWORD=${PARAMETER_ARN}`, resultsDir)
  )
  await run()

  expectStepSucceeded(runner, world.emulator)
  // The master's Locust and two workers', none beside the staged ARNs.
  expect(seenBy(seenDir)).toEqual(Array(3).fill(sawBoth(CANARY, PASSWORD)))

  const execution = onlyExecutionSince(world.emulator, before)
  await waitForNoRunningTask(world.emulator.ecs)
  // Only the ARNs travelled, in the bundle.
  const staged = `runs/${execution.name}/bundle/.distributed-locust/secrets.json`
  expect(JSON.parse((await readObject(staged)).toString('utf8'))).toEqual({
    API_TOKEN: `${SECRET_ARN}:token`,
    DB_PASSWORD: PARAMETER_ARN
  })
  expect(runner.log()).toContain(
    'Staged the ARNs of 2 secret(s) as .distributed-locust/secrets.json: the tasks read the values.'
  )

  const places = new Map<string, string>([
    ['step log', runner.log()],
    ['summary', runner.summary()],
    ['outputs', JSON.stringify(runner.outputs())],
    ['execution input', execution.input],
    ['execution history', JSON.stringify(world.emulator.sfn.events(execution.executionArn))]
  ])
  for (const key of await world.emulator.objectKeys('')) {
    places.set(`s3://${key}`, (await readObject(key)).toString('utf8'))
  }
  const tasks = world.emulator.ecs.tasks().filter((task) => task.startedBy === execution.name)
  expect(tasks).toHaveLength(3)
  for (const task of tasks) {
    const name = `${task.command[0]} ${task.taskArn}`
    places.set(`${name} settings`, JSON.stringify(task.environment))
    places.set(`${name} log`, world.emulator.ecs.taskLog(task.taskArn))
    expect(world.emulator.ecs.taskLog(task.taskArn)).toContain(
      "read 2 secret(s) into Locust's environment: API_TOKEN, DB_PASSWORD"
    )
  }
  const artifact = readdirSync(resultsDir, { recursive: true, withFileTypes: true })
  for (const entry of artifact.filter((file) => file.isFile())) {
    const path = join(entry.parentPath, entry.name)
    places.set(path, readFileSync(path, 'utf8'))
  }
  expect([...places.keys()]).toEqual(
    expect.arrayContaining([
      `s3://runs/${execution.name}/results/master.log`,
      join(resultsDir, 'master.log'),
      join(resultsDir, 'results.json'),
      join(resultsDir, 'summary.md')
    ])
  )
  const found = [...places].filter(([, text]) => holdsCanary(text)).map(([place]) => place)
  expect(found).toEqual([])
})

test('a secret outside the stack SecretsPrefix is refused before anything is staged or started', async () => {
  const outside = `arn:aws:secretsmanager:${REGION_ACCOUNT}:secret:other/api-AbCdEf`
  const before = world.emulator.sfn.executions().length
  const objects = await world.emulator.objectKeys('runs/')
  runner.setInputs(inputs(`API_TOKEN=${outside}`, join(work, 'refused')))
  await run()

  expect(runner.errors().join('\n')).toContain(
    `Input 'secrets': API_TOKEN: the stack's task role may read only secrets named ${SECRETS_PREFIX}… (its SecretsPrefix parameter) in account 123456789012, region us-east-1, and ${outside} is not one`
  )
  expect(world.emulator.sfn.executions()).toHaveLength(before)
  expect(await world.emulator.objectKeys('runs/')).toEqual(objects)
})

test('without a stack the prefix is unknown: the tasks stop before Locust and the step names the secret', async () => {
  const outside = `arn:aws:secretsmanager:${REGION_ACCOUNT}:secret:other/api-AbCdEf`
  const { [STACK_OUTPUTS.stateMachineArn]: stateMachineArn, [STACK_OUTPUTS.bucket]: bucket } =
    world.stackOutputs
  const given = inputs(`API_TOKEN=${outside}`, join(work, 'no-stack'))
  delete given['stack-name']
  runner.setInputs({ ...given, 'state-machine-arn': stateMachineArn, bucket })
  await run()

  expect(runner.errors().join('\n')).toContain(
    `could not read secret API_TOKEN (${outside}): An error occurred (AccessDeniedException)`
  )
  await waitForNoRunningTask(world.emulator.ecs)
})
