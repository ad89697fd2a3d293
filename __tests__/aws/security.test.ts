/**
 * What the AWS backend must refuse however the bucket, the working directory or the credentials
 * look: result keys that leave the results folder, result.json that is malformed or names another
 * run, links out of the working directory, loops, oversized bundles; and the stack states and
 * credential lifetimes it accepts or warns about.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { Readable } from 'node:stream'
import { join } from 'node:path'
import { ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs'
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand
} from '@aws-sdk/client-sfn'
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import {
  credentialsLifetime,
  credentialsLifetimeProblem
} from '../../src/backend/aws/credentials.js'
import { runAws } from '../../src/backend/aws/run.js'
import { awsBackend } from '../../src/backend/aws/module.js'
import { localPathOf, parseContainerResult } from '../../src/backend/aws/results.js'
import { listBundle } from '../../src/backend/aws/stage.js'
import { stackUsability } from '../../src/backend/aws/stack-status.js'
import { awsRunConfig, awsSettings, preparedAwsRun } from '../support/aws.js'

const RUN_ID = 'gh-1-1-load-abcdef'
const PREFIX = `runs/${RUN_ID}/results/`

describe('downloading results', () => {
  const mocks = () => ({
    stepFunctions: mockClient(SFNClient),
    ecs: mockClient(ECSClient),
    s3: mockClient(S3Client)
  })
  let clients: ReturnType<typeof mocks>
  beforeAll(() => {
    clients = mocks()
  })
  afterAll(() => Object.values(clients).forEach((client) => client.restore()))

  /** A run whose execution succeeds at once, its bucket holding `objects` under its results. */
  async function runWithResults(objects: Record<string, string>) {
    Object.values(clients).forEach((client) => client.reset())
    clients.stepFunctions.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec' })
    clients.stepFunctions.on(DescribeExecutionCommand).resolves({
      status: 'SUCCEEDED',
      output: '{"masterExitCode":0}',
      startDate: new Date(0),
      stopDate: new Date(10_000)
    })
    clients.stepFunctions.on(GetExecutionHistoryCommand).resolves({ events: [] })
    clients.ecs.on(ListTasksCommand).resolves({ taskArns: [] })
    clients.s3.on(PutObjectCommand).resolves({})
    clients.s3
      .on(ListObjectsV2Command)
      .resolves({ Contents: Object.keys(objects).map((Key) => ({ Key })) })
    for (const [key, text] of Object.entries(objects)) {
      // A stream, as the SDK's body is: the results are piped to disk.
      clients.s3.on(GetObjectCommand, { Key: key }).callsFake(() => ({
        Body: Readable.from([Buffer.from(text)])
      }))
    }
    const work = mkdtempSync(join(tmpdir(), 'dl-security-'))
    const resultsDir = join(work, 'deep', 'results')
    const prepared = preparedAwsRun(awsRunConfig(work, { resultsDir }), RUN_ID)
    return { outcome: await runAws(prepared, {}), work, resultsDir }
  }

  const validResult = JSON.stringify({ runId: RUN_ID, locustExitCode: 0, workersConnected: 1 })

  test('a key that climbs out of the results folder is not written, and the run is an error', async () => {
    const { outcome, work, resultsDir } = await runWithResults({
      [`${PREFIX}result.json`]: validResult,
      [`${PREFIX}locust_stats.csv`]: 'Type,Name\n',
      [`${PREFIX}../../escaped.txt`]: 'written outside',
      [`${PREFIX}a/../../../../escaped-too.txt`]: 'written outside'
    })
    expect(existsSync(join(work, 'deep', 'escaped.txt'))).toBe(false)
    expect(existsSync(join(work, 'escaped-too.txt'))).toBe(false)
    expect(readFileSync(join(resultsDir, 'locust_stats.csv'), 'utf8')).toBe('Type,Name\n')
    expect(outcome.error).toContain(
      'Results unreadable: 2 result object(s) have names that lead outside the results folder'
    )
    expect(outcome.partial).toBe(true)
  })

  test.each([
    ['not JSON', '{"runId":', 'result.json is not valid JSON'],
    ['null', 'null', 'result.json is not a JSON object'],
    [
      'fields of the wrong type',
      JSON.stringify({ runId: RUN_ID, workersConnected: 'three' }),
      'result.json has fields of the wrong type: workersConnected'
    ],
    [
      'another run',
      JSON.stringify({ runId: 'gh-9-1-other-000000', locustExitCode: 0 }),
      'result.json names "gh-9-1-other-000000", not this run'
    ]
  ])('a result.json that is %s is reported as results unreadable', async (_name, text, reason) => {
    const { outcome } = await runWithResults({ [`${PREFIX}result.json`]: text })
    expect(outcome.error).toContain(`Results unreadable: ${reason}`)
    expect(outcome.partial).toBe(true)
  })

  test('a valid result.json of this run gives the facts, with no error', async () => {
    const { outcome } = await runWithResults({ [`${PREFIX}result.json`]: validResult })
    expect(outcome.error).toBeUndefined()
    expect(outcome.locustExitCode).toBe(0)
    expect(outcome.facts.workersConnected).toBe(1)
  })

  test('localPathOf keeps ordinary names and refuses every way out', () => {
    expect(localPathOf('/r', PREFIX, `${PREFIX}sub/master.log`)).toBe('/r/sub/master.log')
    for (const key of ['..', 'a/..', './x', 'a//b', '..\\..\\x', 'x\0', '']) {
      expect(localPathOf('/r', PREFIX, `${PREFIX}${key}`)).toBeUndefined()
    }
    expect(localPathOf('/r', PREFIX, 'runs/other/results/x')).toBeUndefined()
  })

  test('parseContainerResult keeps only the documented fields', () => {
    expect(
      parseContainerResult(JSON.stringify({ runId: RUN_ID, partial: false, extra: 1 }), RUN_ID)
    ).toEqual({ kind: 'valid', result: { runId: RUN_ID, partial: false } })
  })
})

describe('a host URL with credentials', () => {
  const mocks = () => ({
    stepFunctions: mockClient(SFNClient),
    ecs: mockClient(ECSClient),
    s3: mockClient(S3Client)
  })
  let clients: ReturnType<typeof mocks>
  beforeAll(() => {
    clients = mocks()
  })
  afterAll(() => Object.values(clients).forEach((client) => client.restore()))

  /** Starts a run against `host` whose execution fails at once; the input and the staged objects. */
  async function start(host: string) {
    Object.values(clients).forEach((client) => client.reset())
    clients.stepFunctions.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec' })
    clients.stepFunctions.on(DescribeExecutionCommand).resolves({ status: 'FAILED' })
    clients.stepFunctions.on(GetExecutionHistoryCommand).resolves({ events: [] })
    clients.ecs.on(ListTasksCommand).resolves({ taskArns: [] })
    clients.s3.on(PutObjectCommand).resolves({})
    clients.s3.on(ListObjectsV2Command).resolves({ Contents: [] })
    const work = mkdtempSync(join(tmpdir(), 'dl-host-'))
    await runAws(preparedAwsRun(awsRunConfig(work, { host }), RUN_ID), {})
    const [start] = clients.stepFunctions.commandCalls(StartExecutionCommand)
    const staged = clients.s3
      .commandCalls(PutObjectCommand)
      .map((call) => [call.args[0].input.Key, call.args[0].input.Body])
    return { input: JSON.parse(start.args[0].input.input!) as Record<string, unknown>, staged }
  }

  test('is staged in the bundle, and the execution input carries it redacted', async () => {
    const { input, staged } = await start('http://alice:s3cret@target.test:8080/api')
    expect(input.host).toBe('http://***@target.test:8080/api')
    expect(JSON.stringify(input)).not.toContain('s3cret')
    expect(staged).toEqual([
      [`runs/${RUN_ID}/bundle/.distributed-locust/host`, 'http://alice:s3cret@target.test:8080/api']
    ])
  })

  test('without credentials the host stays in the input and nothing more is staged', async () => {
    const { input, staged } = await start('http://target.test:8080')
    expect(input.host).toBe('http://target.test:8080')
    expect(staged).toEqual([])
  })
})

describe('staging the working directory', () => {
  function workingDirectory() {
    const root = mkdtempSync(join(tmpdir(), 'dl-stage-'))
    const work = join(root, 'load')
    mkdirSync(join(work, 'data'), { recursive: true })
    writeFileSync(join(work, 'locustfile.py'), 'x')
    writeFileSync(join(work, 'data', 'rows.csv'), 'a,b\n')
    return { root, work }
  }

  test('a link to a folder outside the working directory (/etc) is refused', async () => {
    const { work } = workingDirectory()
    symlinkSync('/etc', join(work, 'data', 'etc'))
    await expect(listBundle(work, [join(work, 'data')])).rejects.toThrow(
      `${join(work, 'data', 'etc')} is a symbolic link to /etc, outside the working directory`
    )
  })

  test('a link to a file outside the working directory is refused', async () => {
    const { root, work } = workingDirectory()
    writeFileSync(join(root, 'secret.txt'), 'secret')
    symlinkSync(join(root, 'secret.txt'), join(work, 'data', 'secret.txt'))
    await expect(listBundle(work, [join(work, 'data')])).rejects.toThrow(
      'outside the working directory'
    )
  })

  test('a link inside the working directory is shipped under the link name', async () => {
    const { work } = workingDirectory()
    symlinkSync('rows.csv', join(work, 'data', 'same-rows.csv'))
    expect(await listBundle(work, [join(work, 'data')])).toEqual([
      { path: join(work, 'data', 'rows.csv'), key: 'data/rows.csv' },
      { path: join(work, 'data', 'same-rows.csv'), key: 'data/same-rows.csv' }
    ])
  })

  test('a folder linking back to its parent is a loop, named as one', async () => {
    const { work } = workingDirectory()
    symlinkSync('..', join(work, 'data', 'up'))
    await expect(listBundle(work, [join(work, 'data')])).rejects.toThrow(
      `${join(work, 'data', 'up')} links back to ${work}, a folder that holds it: a loop`
    )
  })

  test('a link to itself and a dangling link are named', async () => {
    const { work } = workingDirectory()
    symlinkSync('self', join(work, 'data', 'self'))
    await expect(listBundle(work, [join(work, 'data')])).rejects.toThrow(
      'is a symbolic link that leads back to itself'
    )
    const other = workingDirectory().work
    symlinkSync('gone.csv', join(other, 'data', 'dangling.csv'))
    await expect(listBundle(other, [join(other, 'data')])).rejects.toThrow(
      'is a symbolic link to nothing'
    )
  })

  test("a file in the action's own bundle folder is refused: it could pose as the host", async () => {
    const { work } = workingDirectory()
    writeFileSync(join(work, '.distributed-locust-notes'), 'mine')
    expect(await listBundle(work, [join(work, '.distributed-locust-notes')])).toHaveLength(1)
    mkdirSync(join(work, '.distributed-locust'))
    writeFileSync(join(work, '.distributed-locust', 'host'), 'http://elsewhere')
    await expect(listBundle(work, [work])).rejects.toThrow(
      `${join(work, '.distributed-locust', 'host')} is in .distributed-locust/, a folder the action keeps`
    )
  })

  test('data over the size cap is refused with what to do', async () => {
    const { work } = workingDirectory()
    writeFileSync(join(work, 'data', 'big.bin'), Buffer.alloc(2048))
    await expect(
      listBundle(work, [join(work, 'locustfile.py'), join(work, 'data')], {
        bytes: 1024,
        files: 100
      })
    ).rejects.toThrow('add up to more than 100 files or 0 MiB')
  })
})

describe('stack states', () => {
  test.each(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE'])(
    '%s is usable',
    (status) => expect(stackUsability(status)).toEqual({ usable: true, changing: false })
  )
  test.each([
    'UPDATE_IN_PROGRESS',
    'UPDATE_ROLLBACK_IN_PROGRESS',
    'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  ])('%s is usable while it changes', (status) =>
    expect(stackUsability(status)).toEqual({ usable: true, changing: true })
  )
  test.each([
    'CREATE_IN_PROGRESS',
    'CREATE_FAILED',
    'ROLLBACK_COMPLETE',
    'ROLLBACK_FAILED',
    'DELETE_IN_PROGRESS',
    'DELETE_FAILED',
    'REVIEW_IN_PROGRESS',
    'UPDATE_ROLLBACK_FAILED'
  ])('%s is refused with a fix', (status) => {
    const usability = stackUsability(status)
    expect(usability.usable).toBe(false)
    expect(usability.usable === false && usability.fix.length).toBeGreaterThan(10)
  })
})

describe('credential lifetime', () => {
  const now = Date.parse('2026-11-30T10:00:00Z')
  const expires = (minutes: number) => ({
    kind: 'expires' as const,
    at: new Date(now + minutes * 60_000)
  })

  test('credentials that outlast the timeout give no warning', () => {
    expect(credentialsLifetimeProblem(expires(61), now, 60)).toBeUndefined()
    expect(credentialsLifetimeProblem({ kind: 'no-known-end' }, now, 600)).toBeUndefined()
    expect(
      credentialsLifetimeProblem({ kind: 'session-of-unknown-length' }, now, 60)
    ).toBeUndefined()
  })

  test('credentials that expire first are named with the role-duration-seconds that would do', () => {
    expect(credentialsLifetimeProblem(expires(55), now, 100)).toEqual({
      message:
        'The AWS credentials expire in 55 min (2026-11-30T10:55:00.000Z), before the 100-minute timeout is up: ' +
        'a run that outlives them can no longer be followed, stopped or collected (its tasks still stop at the deadline).',
      fix: "Ask for longer credentials: `role-duration-seconds: 6300` for aws-actions/configure-aws-credentials (the role's MaxSessionDuration must allow it; the stack's GitHub role allows 12 h)."
    })
  })

  test('a session of unknown length is suspect once the timeout passes the usual hour', () => {
    expect(
      credentialsLifetimeProblem({ kind: 'session-of-unknown-length' }, now, 61)?.message
    ).toMatch(/^The AWS credentials are a session of unknown length.*the timeout is 61 min/)
  })

  test('the lifetime comes from AWS_SESSION_EXPIRATION first, else the provider, else the session token', async () => {
    const provider = async () => ({ expiration: new Date(now + 3_600_000) })
    expect(
      await credentialsLifetime({ AWS_SESSION_EXPIRATION: '2026-11-30T10:30:00Z' }, provider)
    ).toEqual({ kind: 'expires', at: new Date('2026-11-30T10:30:00Z') })
    expect(await credentialsLifetime({ AWS_CREDENTIAL_EXPIRATION: 'soon' }, provider)).toEqual(
      expires(60)
    )
    expect(await credentialsLifetime({ AWS_SESSION_TOKEN: 't' }, async () => ({}))).toEqual({
      kind: 'session-of-unknown-length'
    })
    expect(await credentialsLifetime({}, () => Promise.reject(new Error('none')))).toEqual({
      kind: 'no-known-end'
    })
  })

  test('the backend warns before anything starts when the credentials may end before the timeout', async () => {
    // configure-aws-credentials' environment: a session with no expiry given.
    const saved = { ...process.env }
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token'
    })
    delete process.env.AWS_SESSION_EXPIRATION
    delete process.env.AWS_CREDENTIAL_EXPIRATION
    const work = mkdtempSync(join(tmpdir(), 'dl-credentials-'))
    writeFileSync(join(work, 'locustfile.py'), 'x')
    const warnings: string[] = []
    await awsBackend
      .prepare(
        awsRunConfig(work, {
          backend: awsSettings({
            stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:dl',
            bucket: 'dl-bucket'
          }),
          runTime: '1h30m',
          runTimeSeconds: 5400,
          timeoutMinutes: 100
        }),
        { warn: (line) => warnings.push(line) }
      )
      .finally(() => {
        for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
        Object.assign(process.env, saved)
      })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^The AWS credentials are a session of unknown length.*the timeout is 100 min.*role-duration-seconds: 6300/
    )
  })
})
