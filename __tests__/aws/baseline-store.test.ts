/**
 * The AWS baseline store through the real S3 client against s3rver (AWS_ENDPOINT_URL_S3): a valid
 * push joins its branch's baseline history (the last K runs), a pull request reads its base
 * branch's; a run accepted as the new baseline restarts it.
 */
import { jest } from '@jest/globals'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findBaseline, publishResults, type GateLog } from '../../src/action/gate.js'
import { judgeResults, plannedFacts, type ConcludedRun } from '../../src/engine.js'
import { gitHubRun } from '../../src/github/context.js'
import type { GateSettings } from '../../src/inputs/gate.js'
import type { AwsSettings } from '../../src/backend/aws/settings.js'
import type { RunConfig } from '../../src/run/config.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import { EMULATOR_CREDENTIALS, startS3 } from '../emulator/s3.js'
import { REPO, removeDir, runConfig, tempDir } from '../support/helpers.js'

const BUCKET = 'dl-runs'
const HISTORY = 'baselines/octo-org/shop/main/history/'
let work: string
let s3Server: Awaited<ReturnType<typeof startS3>>
const savedEnv = { ...process.env }

beforeAll(async () => {
  work = tempDir('baseline-store')
  s3Server = await startS3(join(work, 's3'), [BUCKET])
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: s3Server.url,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'eu-west-1'
  })
})
afterAll(async () => {
  process.env = savedEnv
  await s3Server.close()
  removeDir(work)
})

const settings: GateSettings = {
  baseline: { kind: 'auto' },
  commentOnPr: 'never',
  historySize: 2,
  acceptBaseline: false
}

function awsConfig(resultsDir: string): RunConfig<AwsSettings> {
  return {
    ...runConfig({ locustfile: join(REPO, 'examples/locustfile.py'), resultsDir }),
    thresholds: parseThresholds('p95 < baseline * 1.1\nfail_ratio < 50%'),
    backend: {
      kind: 'aws',
      region: 'eu-west-1',
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:distributed-locust',
      bucket: BUCKET,
      subnets: [],
      securityGroups: [],
      assignPublicIp: false,
      workerReplaceMinutes: 10,
      capacity: 'on-demand'
    }
  }
}

/** The real Locust 2.12 fixture judged as if the AWS backend had brought it back. */
async function concluded(name: string, config: RunConfig<AwsSettings>): Promise<ConcludedRun> {
  cpSync(join(REPO, '__tests__/fixtures/locust-2.12.1-basic'), config.resultsDir, {
    recursive: true
  })
  return judgeResults(
    {
      thresholds: parseThresholds('fail_ratio < 50%'),
      facts: { ...plannedFacts(config), runId: name },
      resultsDir: config.resultsDir
    },
    { csvPrefix: 'out', partial: false, facts: {} }
  )
}

function runOf(event: 'push' | 'pull_request', branch = 'main') {
  const env = {
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_RUN_ID: '9',
    GITHUB_EVENT_NAME: event,
    GITHUB_REF_NAME: branch
  }
  const payload =
    event === 'push'
      ? {}
      : { pull_request: { number: 4, head: { ref: 'feature' }, base: { ref: branch } } }
  return gitHubRun(env, payload)
}

function collectingLog(): GateLog & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`)
  }
}

test('no baseline stored yet: a note, not an error', async () => {
  const lookup = await findBaseline(settings, awsConfig(join(work, 'a')), runOf('pull_request'))
  expect(lookup).toEqual({
    note: `No baseline yet under s3://${BUCKET}/${HISTORY}: no valid push to main has stored one. Baseline rules are skipped.`
  })
})

test('a passing push stores its results.json; a pull request on main compares with it', async () => {
  const config = awsConfig(join(work, 'push'))
  const log = collectingLog()
  await publishResults(settings, config, await concluded('run-on-main', config), runOf('push'), log)
  expect(log.lines).toEqual([
    expect.stringMatching(
      new RegExp(
        `^info: Stored this run as a baseline of main: s3://${BUCKET}/${HISTORY}\\S+\\.json$`
      )
    )
  ])

  const lookup = await findBaseline(settings, awsConfig(join(work, 'pr')), runOf('pull_request'))
  expect(lookup).toMatchObject({
    baseline: {
      source: expect.stringContaining(`s3://${BUCKET}/${HISTORY}`),
      runId: 'run-on-main',
      aggregate: { requests: 4333 }
    }
  })
})

test('the history keeps the last K valid pushes, newest first; failed, invalid and PR runs never enter; accepting restarts it', async () => {
  const config = awsConfig(join(work, 'history'))
  const log = collectingLog()
  const push = async (name: string, change: (run: ConcludedRun) => void = () => {}) => {
    const run = await concluded(name, awsConfig(join(work, `h-${name}`)))
    change(run)
    await publishResults(settings, config, run, runOf('push', 'trunk'), log)
  }
  const lookUp = async () => {
    const found = await findBaseline(settings, config, runOf('pull_request', 'trunk'))
    return found && 'history' in found ? found.history!.map((baseline) => baseline.runId) : found
  }
  await push('first')
  await push('second')
  await push('failed', (run) => (run.report.verdict = 'failed'))
  await push('invalid', (run) => (run.report.verdict = 'invalid'))
  await publishResults(
    settings,
    config,
    await concluded('pr-run', awsConfig(join(work, 'h-pr'))),
    runOf('pull_request', 'trunk'),
    log
  )
  await push('third')
  expect(await lookUp()).toEqual(['third', 'second'])

  // After an intended change, the accepted run (a failed one: it is slower on purpose) restarts it.
  await push('accepted', (run) => {
    run.report.verdict = 'failed'
    run.report.acceptedAsBaseline = true
  })
  expect(await lookUp()).toEqual(['accepted'])
  expect(log.lines.at(-1)).toContain(
    'Stored this run as the new baseline (the history starts again) of trunk'
  )
})

test('a branch with only the baseline an earlier version stored still compares with it', async () => {
  const s3 = new S3Client({})
  const earlier = await concluded('stored-by-v1', awsConfig(join(work, 'v1')))
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: 'baselines/octo-org/shop/legacy/results.json',
      Body: readFileSync(earlier.resultsJsonPath, 'utf8')
    })
  )
  const lookup = await findBaseline(
    settings,
    awsConfig(join(work, 'v1pr')),
    runOf('pull_request', 'legacy')
  )
  expect(lookup).toMatchObject({ baseline: { runId: 'stored-by-v1' } })
})

test('branches with slashes get one key level each', async () => {
  const config = awsConfig(join(work, 'release'))
  const log = collectingLog()
  await publishResults(
    settings,
    config,
    await concluded('release-run', config),
    runOf('push', 'release/1.2'),
    log
  )
  expect(log.lines[0]).toContain('baselines/octo-org/shop/release%2F1.2/history/')
  const lookup = await findBaseline(settings, config, runOf('pull_request', 'release/1.2'))
  expect(lookup).toMatchObject({ baseline: { runId: 'release-run' } })
})

test('an unreachable store is a note, never a failure', async () => {
  jest.replaceProperty(process.env, 'AWS_ENDPOINT_URL_S3', 'http://127.0.0.1:9')
  const lookup = await findBaseline(
    settings,
    { ...awsConfig(join(work, 'x')) },
    runOf('pull_request')
  )
  jest.restoreAllMocks()
  expect(lookup).toMatchObject({
    unusable: true,
    note: expect.stringContaining('Could not fetch the baseline')
  })
})
