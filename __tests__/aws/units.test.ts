import { jest } from '@jest/globals'
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import {
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  StopTaskCommand
} from '@aws-sdk/client-ecs'
import {
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand
} from '@aws-sdk/client-sfn'
import {
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { fetchBaseline } from '../../src/backend/aws/baseline-store.js'
import { stopRun } from '../../src/backend/aws/cleanup.js'
import { ECS_OVERRIDES_LIMIT, overridesProblem } from '../../src/backend/aws/overrides.js'
import { downloadResults } from '../../src/backend/aws/results.js'
import { runAws, workerFacts, type PreparedAwsRun } from '../../src/backend/aws/run.js'
import { backoff } from '../../src/backend/aws/clock.js'
import { describeTask, monitorExecution, taskRole } from '../../src/backend/aws/monitor.js'
import { deriveRunId, RUN_ID_PATTERN } from '../../src/backend/aws/run-id.js'
import { listBundle } from '../../src/backend/aws/stage.js'
import { resolveAwsTarget } from '../../src/backend/aws/target.js'
import { awsRunConfig, awsSettings, preparedAwsRun } from '../support/aws.js'

const settings = awsSettings

describe('deriveRunId', () => {
  const now = new Date('2026-11-28T10:20:30.456Z')

  test('names the workflow run, attempt and job, and stays a valid startedBy', () => {
    const id = deriveRunId(
      { GITHUB_RUN_ID: '9876543210', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'load-test' },
      'a1b2c3',
      now
    )
    expect(id).toBe('gh-9876543210-2-load-test-a1b2c3')
    expect(id).toMatch(RUN_ID_PATTERN)
  })

  test('a re-run attempt gets another id', () => {
    const env = { GITHUB_RUN_ID: '42', GITHUB_JOB: 'gate' }
    expect(deriveRunId({ ...env, GITHUB_RUN_ATTEMPT: '1' }, 'ffffff', now)).not.toBe(
      deriveRunId({ ...env, GITHUB_RUN_ATTEMPT: '2' }, 'ffffff', now)
    )
  })

  test('long or odd job names are cut and cleaned to fit 36 characters', () => {
    const id = deriveRunId(
      {
        GITHUB_RUN_ID: '12345678901',
        GITHUB_RUN_ATTEMPT: '10',
        GITHUB_JOB: 'perf gate / très long job name indeed'
      },
      '0a0b0c',
      now
    )
    expect(id).toMatch(RUN_ID_PATTERN)
    expect(id.startsWith('gh-12345678901-10-perf-gate')).toBe(true)
    expect(id.endsWith('-0a0b0c')).toBe(true)
  })

  test('outside GitHub Actions the id is made from the time', () => {
    expect(deriveRunId({}, 'abcdef', now)).toBe('dl-20261128-102030-abcdef')
  })
})

describe('resolveAwsTarget', () => {
  const cloudFormation = mockClient(CloudFormationClient)
  afterEach(() => cloudFormation.reset())
  const outputs = [
    {
      OutputKey: 'StateMachineArn',
      OutputValue: 'arn:aws:states:eu-west-1:123456789012:stateMachine:dl'
    },
    { OutputKey: 'BucketName', OutputValue: 'dl-bucket' },
    { OutputKey: 'ClusterName', OutputValue: 'dl-cluster' },
    {
      OutputKey: 'TaskDefinitionArn',
      OutputValue: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/dl:3'
    },
    { OutputKey: 'Subnets', OutputValue: 'subnet-0123456789abcdef0,subnet-0fedcba9876543210' },
    { OutputKey: 'SecurityGroupId', OutputValue: 'sg-0123456789abcdef0' },
    { OutputKey: 'LogGroupName', OutputValue: '/distributed-locust/tasks' }
  ]

  test('reads every setting from the stack outputs, explicit inputs winning', async () => {
    cloudFormation.on(DescribeStacksCommand, { StackName: 'dl' }).resolves({
      Stacks: [
        {
          StackName: 'dl',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: outputs
        }
      ]
    })
    const target = await resolveAwsTarget(
      settings({ stackName: 'dl', subnets: ['subnet-00000000000000001'] }),
      new CloudFormationClient({})
    )
    expect(target).toEqual({
      region: 'eu-west-1',
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:dl',
      bucket: 'dl-bucket',
      cluster: 'dl-cluster',
      taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/dl:3',
      subnets: ['subnet-00000000000000001'],
      securityGroups: ['sg-0123456789abcdef0'],
      logGroupName: '/distributed-locust/tasks'
    })
  })

  test('an unknown stack is named with what to do', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(new Error('Stack with id nope does not exist'))
    await expect(
      resolveAwsTarget(settings({ stackName: 'nope' }), new CloudFormationClient({}))
    ).rejects.toThrow(
      "Input 'stack-name': stack 'nope' does not exist in this account and region; deploy cloudformation/template.yaml first or check `aws-region`."
    )
  })

  test('a stack without the outputs the action needs is refused', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'old',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: outputs.slice(2)
        }
      ]
    })
    await expect(
      resolveAwsTarget(settings({ stackName: 'old' }), new CloudFormationClient({}))
    ).rejects.toThrow("Stack 'old' has no output StateMachineArn or BucketName")
  })

  test('a rolled-back stack is refused', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'bad',
          StackStatus: 'ROLLBACK_COMPLETE',
          CreationTime: new Date(),
          Outputs: outputs
        }
      ]
    })
    await expect(
      resolveAwsTarget(settings({ stackName: 'bad' }), new CloudFormationClient({}))
    ).rejects.toThrow("Stack 'bad' is in state ROLLBACK_COMPLETE")
  })

  test('a stack whose last update was rolled back is used, and one being updated with a warning', async () => {
    for (const [status, warnings] of [
      ['UPDATE_ROLLBACK_COMPLETE', 0],
      ['UPDATE_IN_PROGRESS', 1]
    ] as const) {
      cloudFormation.on(DescribeStacksCommand).resolves({
        Stacks: [
          { StackName: 'dl', StackStatus: status, CreationTime: new Date(), Outputs: outputs }
        ]
      })
      const warned: string[] = []
      const target = await resolveAwsTarget(
        settings({ stackName: 'dl' }),
        new CloudFormationClient({}),
        (line) => warned.push(line)
      )
      expect(target.bucket).toBe('dl-bucket')
      expect(warned).toHaveLength(warnings)
    }
  })

  test('explicit state machine and bucket need no stack', async () => {
    const target = await resolveAwsTarget(
      settings({
        stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:x',
        bucket: 'b-1'
      }),
      new CloudFormationClient({})
    )
    expect(target.bucket).toBe('b-1')
    expect(cloudFormation.calls()).toHaveLength(0)
  })
})

describe('stopRun', () => {
  const stepFunctions = mockClient(SFNClient)
  const ecs = mockClient(ECSClient)
  const s3 = mockClient(S3Client)
  afterEach(() => {
    stepFunctions.reset()
    ecs.reset()
    s3.reset()
  })
  const clients = () => ({
    stepFunctions: new SFNClient({}),
    ecs: new ECSClient({}),
    s3: new S3Client({})
  })
  const execution = {
    arn: 'arn:aws:states:eu-west-1:1:execution:sm:run-1',
    cluster: 'c',
    runId: 'run-1'
  }

  test('stops a running execution and every task of the run', async () => {
    stepFunctions.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' })
    ecs
      .on(ListTasksCommand)
      .resolvesOnce({ taskArns: ['t1', 't2'], nextToken: 'n' })
      .resolvesOnce({ taskArns: ['t3'] })
      .resolves({ taskArns: [] })
    const lines: string[] = []
    await stopRun(execution, (line) => lines.push(line), clients())
    expect(stepFunctions.commandCalls(StopExecutionCommand)).toHaveLength(1)
    expect(ecs.commandCalls(StopTaskCommand).map((call) => call.args[0].input.task)).toEqual([
      't1',
      't2',
      't3'
    ])
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toMatchObject({
      cluster: 'c',
      startedBy: 'run-1'
    })
    expect(lines).toEqual([
      `Stopped execution ${execution.arn}.`,
      'Stopped 3 ECS task(s) of run run-1.'
    ])
  })

  test("after ECS's burst of 100, StopTask goes out at its refill rate of 40 a second", async () => {
    jest.useFakeTimers()
    try {
      const arns = Array.from({ length: 201 }, (_, index) => `t${index}`)
      stepFunctions.on(DescribeExecutionCommand).resolves({ status: 'SUCCEEDED' })
      ecs
        .on(ListTasksCommand)
        .resolvesOnce({ taskArns: arns.slice(0, 100), nextToken: 'a' })
        .resolvesOnce({ taskArns: arns.slice(100, 200), nextToken: 'b' })
        .resolvesOnce({ taskArns: arns.slice(200) })
        .resolves({ taskArns: [] })
      ecs.on(StopTaskCommand).resolves({})
      const stopping = stopRun(execution, () => undefined, clients())
      await jest.advanceTimersByTimeAsync(1_000)
      // A limiter refilled only on its default 250 ms heartbeat sends 16 a second: 116 here.
      expect(ecs.commandCalls(StopTaskCommand).length).toBeGreaterThanOrEqual(100 + 36)
      await jest.advanceTimersByTimeAsync(5_000)
      await stopping
      expect(ecs.commandCalls(StopTaskCommand)).toHaveLength(201)
    } finally {
      jest.useRealTimers()
    }
  })

  test('stops the master first, the workers next, the execution last, then what it launched meanwhile', async () => {
    const order: string[] = []
    stepFunctions.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' })
    stepFunctions.on(StopExecutionCommand).callsFake(() => order.push('execution'))
    ecs
      .on(ListTasksCommand)
      .resolvesOnce({ taskArns: ['w1', 'm', 'w2'] })
      .resolvesOnce({ taskArns: ['w3'] })
    ecs.on(StopTaskCommand).callsFake((input: { task: string }) => order.push(input.task))
    const lines: string[] = []
    await stopRun({ ...execution, masterTaskArn: 'm' }, (line) => lines.push(line), clients())
    expect(order).toEqual(['m', 'w1', 'w2', 'execution', 'w3'])
    expect(lines).toEqual([
      `Stopped execution ${execution.arn}.`,
      'Stopped 4 ECS task(s) of run run-1.'
    ])
  })

  test('is idempotent: an ended execution with no tasks left is left alone', async () => {
    stepFunctions.on(DescribeExecutionCommand).resolves({ status: 'ABORTED' })
    ecs.on(ListTasksCommand).resolves({ taskArns: [] })
    const lines: string[] = []
    await stopRun(execution, (line) => lines.push(line), clients())
    expect(stepFunctions.commandCalls(StopExecutionCommand)).toHaveLength(0)
    expect(ecs.commandCalls(StopTaskCommand)).toHaveLength(0)
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0)
    expect(lines).toEqual([])
  })

  test('deletes the staged host URL once the run is stopped; a refused delete says how to do it by hand', async () => {
    stepFunctions.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' })
    ecs.on(ListTasksCommand).resolves({ taskArns: [] })
    const stagedHost = { bucket: 'b-1', key: 'runs/run-1/bundle/.distributed-locust/host' }
    const lines: string[] = []
    await stopRun({ ...execution, stagedHost }, (line) => lines.push(line), clients())
    expect(s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'b-1', Key: stagedHost.key }
    ])

    s3.on(DeleteObjectCommand).rejects(new Error('AccessDenied: not authorized'))
    await stopRun({ ...execution, stagedHost }, (line) => lines.push(line), clients())
    expect(lines.at(-1)).toBe(
      `Could not delete s3://b-1/${stagedHost.key}, the host URL with its credentials ` +
        '(AccessDenied: not authorized): delete it yourself. A stack deployed before its role ' +
        'allowed s3:DeleteObject needs a redeploy of cloudformation/template.yaml.'
    )
  })
})

describe('workerFacts', () => {
  test('counts worker tasks, not the processes each runs on current Locust', () => {
    expect(workerFacts({ workersConnected: 6, processesPerWorker: 2 })).toEqual({
      workersConnected: 3,
      workerProcesses: 6
    })
    // A task with any process connected is connected; processes are still counted exactly.
    expect(workerFacts({ workersConnected: 5, processesPerWorker: 2 })).toEqual({
      workersConnected: 3,
      workerProcesses: 5
    })
    expect(workerFacts({ workersConnected: 3, processesPerWorker: 1 })).toEqual({
      workersConnected: 3
    })
    expect(workerFacts({ workersConnected: 3 })).toEqual({ workersConnected: 3 })
    expect(workerFacts({})).toEqual({})
  })
})

describe('helpers', () => {
  test('backoff starts at 1 s and grows to 10 s', () => {
    const delays: number[] = []
    for (const delay of backoff()) {
      delays.push(delay)
      if (delays.length === 8) break
    }
    expect(delays).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 10000, 10000])
  })

  test('tasks are described by role, address and how they stopped', () => {
    const task = {
      taskArn: 'arn:aws:ecs:eu-west-1:1:task/c/abc123',
      lastStatus: 'STOPPED',
      stoppedReason: 'Essential container in task exited',
      overrides: {
        containerOverrides: [{ name: 'locust', command: ['worker', '--master-host', '10.0.0.5'] }]
      },
      attachments: [{ details: [{ name: 'privateIPv4Address', value: '10.0.0.9' }] }],
      containers: [{ exitCode: 3 }]
    }
    expect(taskRole(task)).toBe('worker')
    expect(describeTask(task)).toBe(
      'worker task abc123 STOPPED at 10.0.0.9 exit code 3 (Essential container in task exited)'
    )
  })

  test('the bundle keeps paths relative to the working directory and refuses files outside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bundle-'))
    mkdirSync(join(root, 'load', 'data'), { recursive: true })
    mkdirSync(join(root, 'load', 'data', '__pycache__'))
    writeFileSync(join(root, 'load', 'locustfile.py'), 'x')
    writeFileSync(join(root, 'load', 'data', 'b.csv'), 'b')
    writeFileSync(join(root, 'load', 'data', 'a.csv'), 'a')
    writeFileSync(join(root, 'load', 'data', '__pycache__', 'x.pyc'), 'c')
    const workingDirectory = join(root, 'load')
    expect(
      await listBundle(workingDirectory, [
        join(workingDirectory, 'locustfile.py'),
        join(workingDirectory, 'data')
      ])
    ).toEqual([
      { path: join(workingDirectory, 'locustfile.py'), key: 'locustfile.py' },
      { path: join(workingDirectory, 'data', 'a.csv'), key: 'data/a.csv' },
      { path: join(workingDirectory, 'data', 'b.csv'), key: 'data/b.csv' }
    ])
    writeFileSync(join(root, 'outside.csv'), 'o')
    await expect(listBundle(workingDirectory, [join(root, 'outside.csv')])).rejects.toThrow(
      'is outside the working directory'
    )
  })
})

describe('runAws', () => {
  // Made here rather than at collection time, which would take the clients over from the
  // describe blocks above.
  const mockClients = () => ({
    stepFunctions: mockClient(SFNClient),
    ecs: mockClient(ECSClient),
    s3: mockClient(S3Client)
  })
  let stepFunctions: ReturnType<typeof mockClients>['stepFunctions']
  let ecs: ReturnType<typeof mockClients>['ecs']
  let s3: ReturnType<typeof mockClients>['s3']
  const executionArn = 'arn:aws:states:eu-west-1:123456789012:execution:dl:run-1'
  const hostKey = 'runs/run-1/bundle/.distributed-locust/host'
  beforeAll(() => {
    ;({ stepFunctions, ecs, s3 } = mockClients())
  })
  afterAll(() => {
    stepFunctions.restore()
    ecs.restore()
    s3.restore()
  })
  beforeEach(() => {
    stepFunctions.reset()
    ecs.reset()
    s3.reset()
  })

  function prepared(host?: string): PreparedAwsRun {
    const config = awsRunConfig(mkdtempSync(join(tmpdir(), 'dl-aws-run-')))
    return preparedAwsRun({ ...config, host: host ?? config.host }, 'run-1')
  }

  const deletedKeys = () =>
    s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input.Key)

  test('an error after the execution started is an outcome, and the execution is stopped', async () => {
    stepFunctions.on(StartExecutionCommand).resolves({ executionArn })
    stepFunctions
      .on(DescribeExecutionCommand)
      .rejectsOnce(new Error('AccessDeniedException: not authorized to DescribeExecution'))
      .resolves({ status: 'RUNNING' })
    stepFunctions.on(StopExecutionCommand).resolves({})
    ecs.on(ListTasksCommand).resolves({ taskArns: [] })
    const started: unknown[] = []

    const outcome = await runAws(prepared(), { onStarted: (handle) => started.push(handle) })

    expect(outcome).toEqual({
      error: 'AccessDeniedException: not authorized to DescribeExecution',
      partial: true,
      facts: { links: [{ label: 'Run id', value: 'run-1' }] }
    })
    expect(started).toEqual([
      { arn: executionArn, region: 'eu-west-1', cluster: 'dl', runId: 'run-1' }
    ])
    expect(stepFunctions.commandCalls(StopExecutionCommand)).toHaveLength(1)
  })

  test('an error before anything started is an outcome, and nothing is stopped', async () => {
    stepFunctions.on(StartExecutionCommand).rejects(new Error('StateMachineDoesNotExist: arn:sm'))
    const started: unknown[] = []

    const outcome = await runAws(prepared(), { onStarted: (handle) => started.push(handle) })

    expect(outcome).toEqual({
      error: 'StateMachineDoesNotExist: arn:sm',
      partial: false,
      facts: {}
    })
    expect(started).toEqual([])
    expect(stepFunctions.commandCalls(StopExecutionCommand)).toHaveLength(0)
  })

  test('a host with credentials is staged, and deleted when the execution cannot start', async () => {
    stepFunctions.on(StartExecutionCommand).rejects(new Error('StateMachineDoesNotExist: arn:sm'))

    await runAws(prepared('https://alice:s3cret@shop.example.com'), {})

    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'bucket-1', Key: hostKey, Body: 'https://alice:s3cret@shop.example.com' }
    ])
    expect(deletedKeys()).toEqual([hostKey])
  })

  test('the staged host goes with the run it belongs to: in its handle, deleted once stopped', async () => {
    stepFunctions.on(StartExecutionCommand).resolves({ executionArn })
    stepFunctions
      .on(DescribeExecutionCommand)
      .rejectsOnce(new Error('AccessDeniedException: not authorized to DescribeExecution'))
      .resolves({ status: 'RUNNING' })
    ecs.on(ListTasksCommand).resolves({ taskArns: [] })
    const started: unknown[] = []

    await runAws(prepared('https://alice:s3cret@shop.example.com'), {
      onStarted: (handle) => started.push(handle)
    })

    expect(started).toEqual([
      expect.objectContaining({ stagedHost: { bucket: 'bucket-1', key: hostKey } })
    ])
    expect(stepFunctions.commandCalls(StopExecutionCommand)).toHaveLength(1)
    expect(deletedKeys()).toEqual([hostKey])
  })

  test('a host without credentials stages nothing and deletes nothing', async () => {
    stepFunctions.on(StartExecutionCommand).rejects(new Error('StateMachineDoesNotExist: arn:sm'))

    await runAws(prepared('https://shop.example.com'), {})

    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0)
    expect(deletedKeys()).toEqual([])
  })
})

describe('monitorExecution', () => {
  const task = (arn: string, lastStatus: string, command: string) => ({
    taskArn: arn,
    lastStatus,
    overrides: { containerOverrides: [{ command: [command] }] }
  })

  test('describes only the tasks not yet seen stopped, 100 per call, and names the master', async () => {
    const workers = Array.from({ length: 150 }, (_, i) => `w${i}`)
    const statuses = ['RUNNING', 'RUNNING', 'SUCCEEDED']
    const listings = [
      { taskArns: ['m', ...workers.slice(0, 99)], nextToken: 'n' },
      { taskArns: workers.slice(99) }
    ]
    const described: string[][] = []
    // Stand-ins answering the four calls the monitor makes (a class mock would clash with those above).
    const clients = {
      stepFunctions: {
        send: async (command: object) =>
          command instanceof DescribeExecutionCommand
            ? { status: statuses.shift() ?? 'SUCCEEDED' }
            : { events: [] }
      },
      ecs: {
        send: async (command: object) => {
          if (command instanceof ListTasksCommand) return listings.shift() ?? { taskArns: ['m'] }
          const { tasks } = (command as DescribeTasksCommand).input
          described.push(tasks!)
          // Every worker has stopped by the first poll.
          return {
            tasks: tasks!.map((arn) =>
              arn === 'm' ? task(arn, 'RUNNING', 'master') : task(arn, 'STOPPED', 'worker')
            )
          }
        }
      }
    } as unknown as Parameters<typeof monitorExecution>[0]
    const masters: string[] = []
    let now = 0
    await monitorExecution(clients, {
      executionArn: 'arn:aws:states:eu-west-1:1:execution:sm:run-1',
      cluster: 'c',
      runId: 'run-1',
      clock: { now: () => now, sleep: async (ms) => void (now += ms) },
      signal: new AbortController().signal,
      deadline: 60_000,
      log: () => undefined,
      onMaster: (arn) => masters.push(arn)
    })
    // First poll: 151 tasks in 2 calls; then only the master, the workers being known stopped.
    expect(described.map((tasks) => tasks.length)).toEqual([100, 51, 1, 1])
    expect(described.slice(2)).toEqual([['m'], ['m']])
    expect(masters).toEqual(['m'])
  })
})

describe('results and baselines in S3', () => {
  test('result files are streamed to disk, not read whole into memory first', async () => {
    const chunks = ['Type,Name\n', 'GET,/items\n']
    const s3 = {
      send: async (command: object) =>
        command instanceof ListObjectsV2Command
          ? { Contents: [{ Key: 'runs/r-1/results/locust_stats.csv' }] }
          : {
              Body: Object.assign(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), {
                transformToByteArray: () => Promise.reject(new Error('read whole into memory'))
              })
            }
    } as unknown as S3Client
    const folder = mkdtempSync(join(tmpdir(), 'dl-results-'))
    const downloaded = await downloadResults(s3, 'b', 'runs/r-1/results/', folder)
    expect(downloaded).toEqual({ count: 1, refused: [] })
    expect(readFileSync(join(folder, 'locust_stats.csv'), 'utf8')).toBe(chunks.join(''))
  })

  test('a missing baseline is none; a denied one is an error naming the permission', async () => {
    const failing = (error: object) =>
      ({
        send: () => Promise.reject(Object.assign(new Error('denied'), error))
      }) as unknown as S3Client
    await expect(
      fetchBaseline(failing({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }), 'b', 'k')
    ).resolves.toBeUndefined()
    await expect(
      fetchBaseline(failing({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }), 'b', 'k')
    ).rejects.toThrow(
      /s3:\/\/b\/k was denied \(403\): the credentials need s3:GetObject on s3:\/\/b\/baselines\/\*, and s3:ListBucket/
    )
  })
})

describe('container overrides', () => {
  const input = {
    runId: 'gh-1-1-load-abc123',
    locustfile: 'tests/locustfile.py',
    users: 50,
    spawnRate: 10,
    runTimeSeconds: 300,
    host: 'https://staging.example.com',
    locustArgs: ['--stop-timeout', '10'],
    workers: 200,
    minWorkers: 200,
    bucket: 'dl-runs',
    deadlineEpoch: 1767225600
  }

  test('a usual run fits ECS limit', () => {
    expect(overridesProblem(input)).toBeUndefined()
  })

  test('too much locust-args is refused before start, naming what to trim and by how much', () => {
    const locustArgs = Array.from({ length: 400 }, (_, i) => `--tag=feature-${i}`)
    const problem = overridesProblem({ ...input, locustArgs })
    expect(problem).toMatch(
      new RegExp(
        `would take (\\d+) characters of ECS container overrides, over ECS's limit of ${ECS_OVERRIDES_LIMIT}`
      )
    )
    expect(problem).toMatch(
      /Shorten by at least \d+ characters .*\(characters: locust-args \d+, host 27, locustfile \(its path\) 19\)/
    )
  })
})
