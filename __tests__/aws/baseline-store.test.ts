/**
 * The AWS baseline store through the real S3 client against s3rver (AWS_ENDPOINT_URL_S3): a
 * passing push stores its results.json under its branch, a pull request reads its base branch's.
 */
import { jest } from '@jest/globals'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { cpSync } from 'node:fs'
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
const KEY = 'baselines/octo-org/shop/main/results.json'
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

const settings: GateSettings = { baseline: { kind: 'auto' }, commentOnPr: 'never' }

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
      assignPublicIp: false
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
    note: `No baseline at s3://${BUCKET}/${KEY}: no passing push to main has stored one yet. Baseline rules are skipped.`
  })
})

test('a passing push stores its results.json; a pull request on main compares with it', async () => {
  const config = awsConfig(join(work, 'push'))
  const log = collectingLog()
  await publishResults(settings, config, await concluded('run-on-main', config), runOf('push'), log)
  expect(log.lines).toEqual([
    `info: Stored this run as the baseline of main: s3://${BUCKET}/${KEY}`
  ])

  const lookup = await findBaseline(settings, awsConfig(join(work, 'pr')), runOf('pull_request'))
  expect(lookup).toMatchObject({
    baseline: {
      source: `s3://${BUCKET}/${KEY}`,
      runId: 'run-on-main',
      aggregate: { requests: 4333 }
    }
  })
})

test('a failed run or a pull request never replaces the baseline', async () => {
  const s3 = new S3Client({})
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: '{"kept": true}' }))
  const config = awsConfig(join(work, 'failed'))
  const failed = await concluded('failed-run', config)
  failed.report.verdict = 'failed'
  const log = collectingLog()
  await publishResults(settings, config, failed, runOf('push'), log)
  await publishResults(
    settings,
    config,
    await concluded('pr-run', awsConfig(join(work, 'p2'))),
    runOf('pull_request'),
    log
  )
  expect(log.lines).toEqual([])
  const lookup = await findBaseline(settings, config, runOf('pull_request'))
  // The object left there is the one written above, which is no results.json.
  expect(lookup).toMatchObject({
    unusable: true,
    note: expect.stringContaining('is not a results.json this version reads')
  })
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
  expect(log.lines[0]).toContain('baselines/octo-org/shop/release%2F1.2/results.json')
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
