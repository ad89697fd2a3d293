/**
 * docker/entrypoint.py for real: Locust master and workers as local processes, the bundle staged
 * in and the results uploaded to a local S3 (s3rver), load against a loopback HTTP target.
 */
import { rmSync } from 'node:fs'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { parse } from 'csv-parse/sync'
import {
  baseEnv,
  copyOfBundle,
  freePort,
  killGroup,
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
import { histogramCounts, statsCounts } from '../support/histograms.js'

const RESULT_FILES = [
  'histograms.json',
  'locust_exceptions.csv',
  'locust_failures.csv',
  'locust_stats.csv',
  'locust_stats_history.csv',
  'master.log',
  'progress.json',
  'report.html',
  'result.json'
]

let s3: FakeS3
let target: Target
const scratch: string[] = []
let runCounter = 0

beforeAll(async () => {
  s3 = await startFakeS3()
  target = await startTarget(['/alpha', '/beta'])
})

afterEach(async () => {
  await stopAll()
  target.hits.clear()
})

afterAll(async () => {
  await target?.close()
  await s3?.close()
  for (const folder of scratch) rmSync(folder, { recursive: true, force: true })
})

interface Run {
  runId: string
  bundlePrefix: string
  resultsPrefix: string
  masterPort: number
}

async function newRun(stage = true): Promise<Run> {
  runCounter += 1
  const runId = `t${runCounter}-${process.pid}`
  const run = {
    runId,
    bundlePrefix: `runs/${runId}/bundle/`,
    resultsPrefix: `runs/${runId}/results/`,
    masterPort: await freePort()
  }
  if (stage) await stageBundle(s3, run.bundlePrefix)
  return run
}

function workDir(): string {
  const folder = temporaryDir('work')
  scratch.push(folder)
  return folder
}

/** The native-form environment the state machine gives a task (see docs/aws-contract.md). */
function nativeEnv(run: Run, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...baseEnv(s3),
    DL_RUN_ID: run.runId,
    DL_BUCKET: s3.bucket,
    DL_BUNDLE_PREFIX: run.bundlePrefix,
    DL_RESULTS_PREFIX: run.resultsPrefix,
    DL_LOCUSTFILE: 'locustfile.py',
    DL_USERS: '6',
    DL_SPAWN_RATE: '6',
    DL_RUN_TIME_SECONDS: '5',
    DL_HOST: target.url,
    DL_EXPECT_WORKERS: '2',
    DL_EXPECT_WORKERS_TIMEOUT: '30',
    DL_MASTER_PORT: String(run.masterPort),
    DL_BIND_HOST: '127.0.0.1',
    DL_WORK_DIR: workDir(),
    ...overrides
  }
}

const workerArgs = ['worker', '--master-host', '127.0.0.1']

interface ResultJson {
  runId: string | null
  exitCode: number
  locustExitCode: number | null
  partial: boolean
  reason: string | null
  startedAt: string | null
  allWorkersConnectedAt: string | null
  endedAt: string
  workersExpected: number
  workersConnected: number
  processesPerWorker: number
  locustVersion: string | null
  seedForm: boolean
}

async function resultJson(run: Run): Promise<ResultJson> {
  return JSON.parse(await readObject(s3, run.resultsPrefix + 'result.json')) as ResultJson
}

/** The stats CSV rows by name ("Aggregated" for the totals row). */
async function statsRows(run: Run): Promise<Map<string, Record<string, string>>> {
  const rows = parse<Record<string, string>>(
    await readObject(s3, run.resultsPrefix + 'locust_stats.csv'),
    { columns: true }
  )
  return new Map(rows.map((row) => [row.Name, row]))
}

const totalHits = (): number => [...target.hits.values()].reduce((sum, count) => sum + count, 0)

test('master and 2 workers run the staged bundle and upload every result', async () => {
  const run = await newRun()
  const master = runEntrypoint(['master'], nativeEnv(run))
  const workers = [1, 2].map(() => runEntrypoint(workerArgs, nativeEnv(run)))

  const masterExit = await master.exited
  const workerExits = await Promise.all(workers.map((worker) => worker.exited))

  expect(master.stderr()).toBe('')
  expect(masterExit.code).toBe(0)
  // Locust 2.12 workers stop when the master says quit; the entrypoint then exits 0.
  expect(workerExits.map((exit) => exit.code)).toEqual([0, 0])
  expect(await listKeys(s3, run.resultsPrefix)).toEqual(
    RESULT_FILES.map((name) => run.resultsPrefix + name)
  )

  const result = await resultJson(run)
  expect(result).toMatchObject({
    runId: run.runId,
    exitCode: 0,
    locustExitCode: 0,
    partial: false,
    reason: null,
    workersExpected: 2,
    workersConnected: 2 * result.processesPerWorker,
    seedForm: false
  })
  expect(result.locustVersion).toMatch(/^2\.\d+/)
  const times = [result.startedAt, result.allWorkersConnectedAt, result.endedAt].map((time) =>
    Date.parse(time ?? '')
  )
  expect(times[0]).toBeLessThanOrEqual(times[1])
  expect(times[2] - times[1]).toBeGreaterThanOrEqual(4500)

  // The locustfile read data/paths.txt from the bundle: both paths were loaded.
  const stats = await statsRows(run)
  const aggregated = Number(stats.get('Aggregated')?.['Request Count'])
  expect(aggregated).toBeGreaterThan(0)
  expect(Number(stats.get('Aggregated')?.['Failure Count'])).toBe(0)
  expect(Number(stats.get('/alpha')?.['Request Count'])).toBeGreaterThan(0)
  expect(Number(stats.get('/beta')?.['Request Count'])).toBeGreaterThan(0)
  expect(aggregated).toBeLessThanOrEqual(totalHits())
  // The master's control module kept Locust's full distribution, merged from both workers.
  const histograms = await readObject(s3, run.resultsPrefix + 'histograms.json')
  expect(histogramCounts(histograms)).toEqual(
    statsCounts(await readObject(s3, run.resultsPrefix + 'locust_stats.csv'))
  )

  // Locust 2.12 flushes the history every 10 s and not at exit: only its first rows are certain.
  const history = await readObject(s3, run.resultsPrefix + 'locust_stats_history.csv')
  expect(history.trim().split('\n').length).toBeGreaterThanOrEqual(2)
  expect(await readObject(s3, run.resultsPrefix + 'report.html')).toMatch(/<html/i)
  const log = await readObject(s3, run.resultsPrefix + 'master.log')
  expect(log).toContain('[entrypoint] downloaded 2 file(s)')
  expect(log).toMatch(/reported as ready\. 2 workers connected/)
  // The log also goes to stdout, for awslogs.
  expect(master.stdout()).toMatch(/reported as ready\. 2 workers connected/)
}, 60000)

test('a worker started before its master knows the address reads it from the S3 key once written', async () => {
  const run = await newRun()
  const addressKey = `runs/${run.runId}/master-address`
  const env = {
    DL_EXPECT_WORKERS: '1',
    DL_RUN_TIME_SECONDS: '3',
    DL_MASTER_ADDRESS_KEY: addressKey
  }
  const worker = runEntrypoint(['worker'], nativeEnv(run, env))
  const master = runEntrypoint(['master'], nativeEnv(run, env))
  // The state machine writes the address a few seconds after launching the workers.
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect(worker.stdout()).not.toContain('master address')
  await s3.client.send(
    new PutObjectCommand({ Bucket: s3.bucket, Key: addressKey, Body: '127.0.0.1' })
  )

  expect((await master.exited).code).toBe(0)
  expect((await worker.exited).code).toBe(0)
  expect(worker.stdout()).toContain(
    `master address 127.0.0.1 read from s3://${s3.bucket}/${addressKey}`
  )
  expect(worker.stdout()).toContain('[entrypoint] downloaded 2 file(s)')
  // One worker task: as many processes as it runs (one per vCPU on Locust with --processes).
  const result = await resultJson(run)
  expect(result).toMatchObject({ exitCode: 0, workersConnected: result.processesPerWorker })
}, 60000)

test('SIGTERM mid-run uploads partial results and exits 143', async () => {
  const run = await newRun()
  const env = { DL_EXPECT_WORKERS: '1', DL_RUN_TIME_SECONDS: '120' }
  const master = runEntrypoint(['master'], nativeEnv(run, env))
  const worker = runEntrypoint(workerArgs, nativeEnv(run, env))
  // Once every worker process has joined (one per vCPU on current Locust), the users start; a
  // worker reports its stats every 3 s.
  await master.waitForOutput(/All users spawned/, 60000)
  await new Promise((resolve) => setTimeout(resolve, 4000))

  master.child.kill('SIGTERM')
  const masterExit = await master.exited

  expect(masterExit.code).toBe(143)
  expect(master.stderr()).toMatch(/^distributed-locust: stopped by SIGTERM: results are partial\n$/)
  const result = await resultJson(run)
  expect(result).toMatchObject({
    exitCode: 143,
    partial: true,
    workersConnected: result.processesPerWorker
  })
  const stats = await statsRows(run)
  expect(Number(stats.get('Aggregated')?.['Request Count'])).toBeGreaterThan(0)
  expect(await listKeys(s3, run.resultsPrefix)).toEqual(
    RESULT_FILES.map((name) => run.resultsPrefix + name)
  )
  // The stopping master told its worker to quit.
  expect((await worker.exited).code).toBe(0)
}, 90000)

test('a worker quits by itself once its master is gone', async () => {
  const run = await newRun()
  // Shortened from the 10 s default, which the contract tests pin separately.
  const env = { DL_EXPECT_WORKERS: '1', DL_RUN_TIME_SECONDS: '120', DL_MASTER_GONE_SECONDS: '3' }
  const master = runEntrypoint(['master'], nativeEnv(run, env))
  const worker = runEntrypoint(workerArgs, nativeEnv(run, env))
  const [, locustPid] = await master.waitForOutput(/Locust master started \(pid (\d+)\)/, 30000)
  await master.waitForOutput(/1 workers connected/, 30000)
  // Long enough for the worker's once-a-second probe to have seen the master up.
  await new Promise((resolve) => setTimeout(resolve, 2500))

  // The master task dies without a word (no quit message to the worker).
  killGroup(Number(locustPid), 'SIGKILL')
  killGroup(master.child.pid, 'SIGKILL')
  const killedAt = Date.now()
  const workerExit = await worker.exited
  const secondsAfterKill = (Date.now() - killedAt) / 1000

  expect(workerExit.code).toBe(0)
  expect(worker.stdout()).toMatch(/the master at 127\.0\.0\.1:\d+ is gone \(unreachable for 3 s\)/)
  expect(secondsAfterKill).toBeGreaterThanOrEqual(2)
  expect(secondsAfterKill).toBeLessThan(12)
}, 60000)

test('no worker connecting ends the master with exit 3 within the bounded wait', async () => {
  const run = await newRun()
  const master = runEntrypoint(
    ['master'],
    nativeEnv(run, { DL_EXPECT_WORKERS: '1', DL_EXPECT_WORKERS_TIMEOUT: '3' })
  )
  const exit = await master.exited

  expect(exit.code).toBe(3)
  // The 3 s wait, plus Locust's start and the watchdog's grace on a busy machine; unbounded would
  // be the test's timeout.
  expect(exit.seconds).toBeLessThan(3 + 20)
  const result = await resultJson(run)
  expect(master.stderr()).toMatch(
    new RegExp(
      `^distributed-locust: only 0 of ${result.processesPerWorker} worker process\\(es\\) connected within 3 s .*\n$`
    )
  )
  expect(result).toMatchObject({ exitCode: 3, workersConnected: 0, partial: false })
  expect(await readObject(s3, run.resultsPrefix + 'master.log')).toContain('Gave up waiting')
}, 30000)

describe('bad bundles end the task with exit 2 and a reason', () => {
  test('master with nothing staged: reason on stderr and in the uploaded result.json', async () => {
    const run = await newRun(false)
    const master = runEntrypoint(['master'], nativeEnv(run))
    const exit = await master.exited

    expect(exit.code).toBe(2)
    const reason = `the bundle s3://${s3.bucket}/${run.bundlePrefix} is empty: stage the locustfile and data there first`
    expect(master.stderr()).toBe(`distributed-locust: ${reason}\n`)
    expect(await resultJson(run)).toMatchObject({ exitCode: 2, reason, locustVersion: null })
  }, 30000)

  test('worker whose locustfile is not in the bundle', async () => {
    const run = await newRun()
    const worker = runEntrypoint(workerArgs, nativeEnv(run, { DL_LOCUSTFILE: 'missing.py' }))
    expect((await worker.exited).code).toBe(2)
    expect(worker.stderr()).toMatch(
      /^distributed-locust: DL_LOCUSTFILE 'missing\.py' is not in the bundle .*\(it holds: data\/paths\.txt, locustfile\.py\)/
    )
  }, 30000)

  test('worker whose bucket does not exist', async () => {
    const run = await newRun(false)
    const worker = runEntrypoint(workerArgs, nativeEnv(run, { DL_BUCKET: 'no-such-bucket' }))
    expect((await worker.exited).code).toBe(2)
    expect(worker.stderr()).toMatch(
      /^distributed-locust: could not download the bundle from s3:\/\/no-such-bucket\/.*NoSuchBucket/
    )
  }, 30000)
})

test('the seed form runs raw Locust commands (worker without any DL_* setting)', async () => {
  const run = await newRun()
  const port = String(run.masterPort)
  const masterCommand = [
    'locust', '-f', 'locustfile.py', '--master', '--headless', '-u', '4', '-r', '4', '-t', '4s',
    '--expect-workers', '1', '--master-bind-host', '127.0.0.1', '--master-bind-port', port,
    '-H', target.url
  ] // prettier-ignore
  const workerCommand = ['-f', 'locustfile.py', '--worker', '--master-host', '127.0.0.1']
  const master = runEntrypoint(masterCommand, {
    ...baseEnv(s3),
    DL_BUCKET: s3.bucket,
    DL_BUNDLE_PREFIX: run.bundlePrefix,
    DL_RESULTS_PREFIX: run.resultsPrefix,
    DL_WORK_DIR: workDir()
  })
  // The original image baked the locustfile in: the worker runs in a folder that holds it.
  const localBundle = copyOfBundle()
  scratch.push(localBundle)
  const worker = runEntrypoint([...workerCommand, '--master-port', port], baseEnv(s3), localBundle)

  expect((await master.exited).code).toBe(0)
  expect((await worker.exited).code).toBe(0)
  expect(worker.stdout()).toContain(
    'no DL_BUCKET/DL_BUNDLE_PREFIX: running in the current directory'
  )
  expect(await resultJson(run)).toMatchObject({
    exitCode: 0,
    seedForm: true,
    workersExpected: 1,
    workersConnected: 1
  })
  const stats = await statsRows(run)
  expect(Number(stats.get('Aggregated')?.['Request Count'])).toBeGreaterThan(0)
}, 60000)

describe('a worker gives up on its own', () => {
  test('when its master address never appears in S3: exit 3 naming the key', async () => {
    const run = await newRun()
    const addressKey = `runs/${run.runId}/master-address`
    const worker = runEntrypoint(
      ['worker'],
      nativeEnv(run, { DL_EXPECT_WORKERS_TIMEOUT: '2', DL_MASTER_ADDRESS_KEY: addressKey })
    )
    const exit = await worker.exited
    expect(exit.code).toBe(3)
    expect(exit.seconds).toBeLessThan(10)
    expect(worker.stderr()).toMatch(
      new RegExp(
        `^distributed-locust: the master address did not appear at s3://${s3.bucket}/${addressKey} within 2 s`
      )
    )
  }, 30000)

  test('when the master never becomes reachable: exit 3', async () => {
    const run = await newRun()
    const worker = runEntrypoint(workerArgs, nativeEnv(run, { DL_EXPECT_WORKERS_TIMEOUT: '2' }))
    const exit = await worker.exited
    expect(exit.code).toBe(3)
    expect(exit.seconds).toBeLessThan(10)
    // Current Locust logs its own start-up line first.
    expect(worker.stderr()).toMatch(
      /^distributed-locust: the master at 127\.0\.0\.1:\d+ was not reachable within 2 s/m
    )
  }, 30000)

  test('when the run deadline passes: exit 5', async () => {
    const run = await newRun()
    const deadline = String(Math.floor(Date.now() / 1000) + 3)
    const worker = runEntrypoint(workerArgs, nativeEnv(run, { DL_DEADLINE_EPOCH: deadline }))
    const exit = await worker.exited
    expect(exit.code).toBe(5)
    expect(exit.seconds).toBeLessThan(3 + 15)
    expect(worker.stderr()).toMatch(
      /^distributed-locust: the run deadline \(DL_DEADLINE_EPOCH\) passed/m
    )
  }, 30000)
})
