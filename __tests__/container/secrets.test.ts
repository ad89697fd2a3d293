/**
 * The `secrets` input in the container: docker/entrypoint.py reads the ARNs staged in the bundle,
 * fetches the values from a loopback Secrets Manager and SSM (boto3 speaking their JSON protocol)
 * and gives them to the Locust processes of the master and the worker — whose locustfile writes
 * down a hash of what it saw — and to nothing else: no log line, result or uploaded object holds a
 * value.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startSecretStore, type SecretStore } from '../emulator/secret-store.js'
import { writeIn } from '../support/helpers.js'
import { HASHING_LOCUSTFILE, sawBoth, seenBy } from '../support/secret-canary.js'
import {
  baseEnv,
  freePort,
  listKeys,
  readObject,
  runEntrypoint,
  stageBundle,
  startFakeS3,
  startTarget,
  stopAll,
  temporaryDir,
  type FakeS3,
  type Target
} from './harness.js'

const PREFIX = 'load-test/'
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:load-test/api-AbCdEf'
const PARAMETER_ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter/load-test/db-password'
const OUTSIDE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:other/api-AbCdEf'
const CANARY = `canary-${process.pid}-7f3e9b2c`
const PASSWORD = `db-${process.pid}-c0ffee`

let s3: FakeS3
let store: SecretStore
let target: Target
const scratch: string[] = []

beforeAll(async () => {
  s3 = await startFakeS3()
  store = await startSecretStore(PREFIX)
  store.put(SECRET_ARN, JSON.stringify({ token: CANARY, user: 'alice' }))
  store.put(PARAMETER_ARN, PASSWORD)
  target = await startTarget(['/'])
})

afterEach(() => stopAll())

afterAll(async () => {
  await target?.close()
  await store?.close()
  await s3?.close()
  for (const folder of scratch) rmSync(folder, { recursive: true, force: true })
})

function folder(label: string): string {
  const path = temporaryDir(label)
  scratch.push(path)
  return path
}

/** Stages the hashing locustfile and the ARNs as the action does; returns the run's settings. */
async function stageRun(runId: string, secrets: Record<string, string>) {
  const bundle = folder('secrets-bundle')
  writeIn(bundle, 'locustfile.py', HASHING_LOCUSTFILE)
  mkdirSync(join(bundle, '.distributed-locust'))
  writeIn(bundle, '.distributed-locust/secrets.json', JSON.stringify(secrets))
  const bundlePrefix = `runs/${runId}/bundle/`
  await stageBundle(s3, bundlePrefix, bundle)
  const seenDir = folder('seen')
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...baseEnv(s3),
    ...store.env,
    SEEN_DIR: seenDir,
    DL_RUN_ID: runId,
    DL_BUCKET: s3.bucket,
    DL_BUNDLE_PREFIX: bundlePrefix,
    DL_RESULTS_PREFIX: `runs/${runId}/results/`,
    DL_LOCUSTFILE: 'locustfile.py',
    DL_USERS: '2',
    DL_SPAWN_RATE: '2',
    DL_RUN_TIME_SECONDS: '3',
    DL_HOST: target.url,
    DL_EXPECT_WORKERS: '1',
    DL_EXPECT_WORKERS_TIMEOUT: '30',
    DL_WORKER_PROCESSES: '1',
    DL_BIND_HOST: '127.0.0.1',
    DL_WORK_DIR: folder('work'),
    ...extra
  })
  return { env, seenDir, resultsPrefix: `runs/${runId}/results/` }
}

/** Every object of the run (bundle and results) as text, by key. */
async function runObjects(runId: string): Promise<Map<string, string>> {
  const keys = await listKeys(s3, `runs/${runId}/`)
  return new Map(
    await Promise.all(keys.map(async (key) => [key, await readObject(s3, key)] as const))
  )
}

test('master and worker Locust see the secrets; no log, result or object holds a value', async () => {
  const runId = `secrets-${process.pid}`
  const run = await stageRun(runId, {
    API_TOKEN: `${SECRET_ARN}:token`,
    DB_PASSWORD: PARAMETER_ARN
  })
  const port = String(await freePort())
  const master = runEntrypoint(['master'], run.env({ DL_MASTER_PORT: port }))
  const worker = runEntrypoint(
    ['worker', '--master-host', '127.0.0.1'],
    run.env({ DL_MASTER_PORT: port })
  )
  const [masterExit, workerExit] = await Promise.all([master.exited, worker.exited])
  expect([masterExit.code, workerExit.code, master.stderr()]).toEqual([0, 0, ''])

  // The master's Locust and the worker's.
  expect(seenBy(run.seenDir)).toEqual([sawBoth(CANARY, PASSWORD), sawBoth(CANARY, PASSWORD)])
  expect(store.reads).toEqual(expect.arrayContaining([SECRET_ARN, PARAMETER_ARN]))

  const objects = await runObjects(runId)
  expect([...objects.keys()]).toEqual(
    expect.arrayContaining([`${run.resultsPrefix}master.log`, `${run.resultsPrefix}result.json`])
  )
  const holding = (text: string) => text.includes(CANARY) || text.includes(PASSWORD)
  for (const [key, text] of objects) expect([key, holding(text)]).toEqual([key, false])
  for (const output of [master.stdout(), worker.stdout()]) {
    expect(output).toContain("read 2 secret(s) into Locust's environment: API_TOKEN, DB_PASSWORD")
  }
  for (const output of [master.stdout(), master.stderr(), worker.stdout(), worker.stderr()]) {
    expect(holding(output)).toBe(false)
  }
}, 60_000)

test('a secret outside the granted prefix stops the task before Locust, naming it', async () => {
  const runId = `outside-${process.pid}`
  const run = await stageRun(runId, { API_TOKEN: OUTSIDE_ARN })
  const master = runEntrypoint(['master'], run.env({ DL_MASTER_PORT: String(await freePort()) }))
  const exit = await master.exited

  expect(exit.code).toBe(2)
  expect(master.stderr()).toMatch(
    new RegExp(
      `^distributed-locust: could not read secret API_TOKEN \\(${OUTSIDE_ARN}\\): .*AccessDeniedException.*SecretsPrefix`
    )
  )
  expect(readdirSync(run.seenDir)).toEqual([])
  const result = JSON.parse(await readObject(s3, `${run.resultsPrefix}result.json`))
  expect(result).toMatchObject({ exitCode: 2, locustExitCode: null })
  expect(result.reason).toContain('could not read secret API_TOKEN')
}, 30_000)
