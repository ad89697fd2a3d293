import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type DescribeExecutionCommandOutput
} from '@aws-sdk/client-sfn'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { applyEnv, startEmulator, stateMachineArn, type Emulator } from './index.js'
import { SfnEmulator } from './sfn.js'
import { checkTaskParameters } from './service-integrations.js'
import { waitFor } from './wait.js'

const fakeTask = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fake-task.mjs')

/** Launches one task, then polls it with the aws-sdk integration until it has stopped. */
const launchAndWatch = {
  StartAt: 'Launch',
  States: {
    Launch: {
      Type: 'Task',
      Resource: 'arn:aws:states:::ecs:runTask',
      Parameters: {
        Cluster: 'load',
        TaskDefinition: 'locust:1',
        LaunchType: 'FARGATE',
        'Group.$': '$.runId',
        NetworkConfiguration: {
          AwsvpcConfiguration: { Subnets: ['subnet-a'], AssignPublicIp: 'DISABLED' }
        },
        Overrides: {
          ContainerOverrides: [
            {
              Name: 'locust',
              'Command.$': '$.command',
              Environment: [{ Name: 'DL_RUN_ID', 'Value.$': '$.runId' }]
            }
          ]
        }
      },
      Retry: [
        {
          ErrorEquals: ['ECS.ThrottlingException'],
          IntervalSeconds: 1,
          MaxAttempts: 3,
          BackoffRate: 1
        }
      ],
      ResultSelector: { 'TaskArn.$': '$.Tasks[0].TaskArn', 'Failures.$': '$.Failures' },
      ResultPath: '$.launch',
      Next: 'Describe'
    },
    Describe: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:ecs:describeTasks',
      Parameters: { Cluster: 'load', 'Tasks.$': 'States.Array($.launch.TaskArn)' },
      ResultSelector: {
        'LastStatus.$': '$.Tasks[0].LastStatus',
        'Containers.$': '$.Tasks[0].Containers',
        'Details.$': '$.Tasks[0].Attachments[0].Details'
      },
      ResultPath: '$.described',
      Next: 'Stopped?'
    },
    'Stopped?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.described.LastStatus', StringEquals: 'STOPPED', Next: 'Done' }],
      Default: 'Pause'
    },
    Pause: { Type: 'Wait', Seconds: 1, Next: 'Describe' },
    Done: { Type: 'Succeed' }
  }
}

/** Notes context values, writes an object with the aws-sdk S3 integration and reads it back. */
const s3RoundTrip = {
  StartAt: 'Context',
  States: {
    Context: {
      Type: 'Pass',
      Parameters: {
        'bucket.$': '$.bucket',
        'text.$': '$.text',
        'executionId.$': '$$.Execution.Id',
        'enteredAt.$': '$$.State.EnteredTime'
      },
      Next: 'Put'
    },
    Put: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:putObject',
      Parameters: { 'Bucket.$': '$.bucket', Key: 'runs/x/note.txt', 'Body.$': '$.text' },
      ResultPath: null,
      Next: 'Get'
    },
    Get: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
      Parameters: { 'Bucket.$': '$.bucket', Key: 'runs/x/note.txt' },
      ResultSelector: { 'Body.$': '$.Body' },
      ResultPath: '$.read',
      End: true
    }
  }
}

const outlivesItsTimeout = {
  TimeoutSeconds: 1,
  StartAt: 'Sleep',
  States: { Sleep: { Type: 'Wait', Seconds: 30, End: true } }
}

/** Two items of a distributed Map, each a Pass and an S3 write: two child executions. */
const distributedMap = {
  StartAt: 'Items',
  States: {
    Items: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 1,
      ItemSelector: { 'bucket.$': '$.bucket', 'item.$': '$$.Map.Item.Value' },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Note',
        States: {
          Note: { Type: 'Pass', Next: 'Write' },
          Write: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:s3:putObject',
            Parameters: { 'Bucket.$': '$.bucket', Key: 'runs/x/item.txt', Body: 'item' },
            ResultPath: null,
            End: true
          }
        }
      },
      ResultPath: null,
      End: true
    }
  }
}

const watchArn = stateMachineArn('launch-and-watch')
const mapArn = stateMachineArn('distributed-map')
const s3Arn = stateMachineArn('s3-round-trip')
const timeoutArn = stateMachineArn('times-out')

let emulator: Emulator
let restoreEnv: () => void
let sfn: SFNClient

beforeAll(async () => {
  emulator = await startEmulator({
    stateMachines: {
      [watchArn]: launchAndWatch,
      [s3Arn]: s3RoundTrip,
      [timeoutArn]: outlivesItsTimeout,
      [mapArn]: distributedMap
    },
    ecs: {
      taskCommand: [process.execPath, fakeTask],
      timings: { addressMs: 100, provisioningMs: 150, pendingMs: 50, deprovisioningMs: 100 }
    }
  })
  restoreEnv = applyEnv(emulator.env)
  // No endpoint here: the client must find the emulator through AWS_ENDPOINT_URL_SFN.
  sfn = new SFNClient({})
})

afterAll(async () => {
  sfn.destroy()
  restoreEnv()
  await emulator.stop()
})

async function start(arn: string, input: unknown, name?: string): Promise<string> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify(input) })
  )
  return executionArn!
}

async function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return waitFor(
    `execution ${executionArn} to end`,
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (described) => described.status !== 'RUNNING',
    15_000,
    100
  )
}

async function history(executionArn: string) {
  const { events } = await sfn.send(
    new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 })
  )
  return events!
}

test('an execution launches a task through ecs:runTask and watches it with aws-sdk:ecs:describeTasks', async () => {
  const executionArn = await start(
    watchArn,
    { runId: 'sfn-happy', command: ['run', '300'] },
    'happy'
  )
  expect(executionArn).toBe(
    'arn:aws:states:us-east-1:123456789012:execution:launch-and-watch:happy'
  )

  const described = await finished(executionArn)
  expect(described.status).toBe('SUCCEEDED')
  expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime())
  const output = JSON.parse(described.output!)
  const [task] = emulator.ecs.tasks().filter((t) => t.group === 'sfn-happy')
  expect(output.launch).toEqual({ TaskArn: task.taskArn, Failures: [] })
  expect(output.described.LastStatus).toBe('STOPPED')
  expect(output.described.Containers[0].ExitCode).toBe(0)
  expect(output.described.Details).toContainEqual({
    Name: 'privateIPv4Address',
    Value: task.address
  })
  // PascalCase parameters reached ECS as the SDK's camelCase input.
  expect(task.environment).toEqual({ DL_RUN_ID: 'sfn-happy' })
  expect(task.command).toEqual(['run', '300'])

  const events = await history(executionArn)
  expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1))
  const types = events.map((e) => e.type)
  expect(types.slice(0, 6)).toEqual([
    'ExecutionStarted',
    'TaskStateEntered',
    'TaskScheduled',
    'TaskStarted',
    'TaskSucceeded',
    'TaskStateExited'
  ])
  expect(types).toContain('ChoiceStateEntered')
  expect(types).toContain('WaitStateEntered')
  expect(types.at(-1)).toBe('ExecutionSucceeded')
  expect(events[2].taskScheduledEventDetails).toMatchObject({
    resourceType: 'ecs',
    resource: 'runTask',
    region: 'us-east-1'
  })
  expect(JSON.parse(events[2].taskScheduledEventDetails!.parameters!).Group).toBe('sfn-happy')
  const describeCall = events.find((e) => e.taskScheduledEventDetails?.resource === 'describeTasks')
  expect(describeCall!.taskScheduledEventDetails!.resourceType).toBe('aws-sdk:ecs')
  expect(events.at(-1)!.executionSucceededEventDetails!.output).toBe(described.output)
})

test('a throttled runTask fails as ECS.ThrottlingException, which Retry handles', async () => {
  emulator.ecs.injectFault({ kind: 'throttle', times: 2 })
  const executionArn = await start(watchArn, { runId: 'sfn-throttled', command: ['run', '100'] })
  expect((await finished(executionArn)).status).toBe('SUCCEEDED')
  const failures = (await history(executionArn)).filter((e) => e.type === 'TaskFailed')
  expect(failures.map((e) => e.taskFailedEventDetails)).toEqual([
    {
      resourceType: 'ecs',
      resource: 'runTask',
      error: 'ECS.ThrottlingException',
      cause: 'Rate exceeded'
    },
    {
      resourceType: 'ecs',
      resource: 'runTask',
      error: 'ECS.ThrottlingException',
      cause: 'Rate exceeded'
    }
  ])
})

test('an aws-sdk error is named Ecs.<Exception> and fails the execution when nothing catches it', async () => {
  emulator.ecs.injectFault({ kind: 'throttle', action: 'DescribeTasks' })
  const executionArn = await start(watchArn, { runId: 'sfn-fails', command: ['run', '100'] })
  const described = await finished(executionArn)
  expect(described).toMatchObject({
    status: 'FAILED',
    error: 'Ecs.ThrottlingException',
    cause: 'Rate exceeded'
  })
  const last = (await history(executionArn)).at(-1)!
  expect(last.type).toBe('ExecutionFailed')
  expect(last.executionFailedEventDetails).toEqual({
    error: 'Ecs.ThrottlingException',
    cause: 'Rate exceeded'
  })
})

test('StopExecution aborts the execution and closes its history', async () => {
  const executionArn = await start(watchArn, { runId: 'sfn-stopped', command: ['run', '60000'] })
  await waitFor(
    'the Describe loop',
    () => history(executionArn),
    (events) => events.some((e) => e.type === 'WaitStateEntered')
  )
  const { stopDate } = await sfn.send(
    new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'workflow cancelled' })
  )
  expect(stopDate).toBeInstanceOf(Date)
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }))
  expect(described).toMatchObject({
    status: 'ABORTED',
    error: 'Cancelled',
    cause: 'workflow cancelled'
  })

  const events = await history(executionArn)
  expect(events.at(-1)!.type).toBe('ExecutionAborted')
  expect(events.at(-1)!.executionAbortedEventDetails).toEqual({
    error: 'Cancelled',
    cause: 'workflow cancelled'
  })
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect(await history(executionArn)).toHaveLength(events.length)
  const describeCalls = emulator.ecs.journal('DescribeTasks').length
  await new Promise((resolve) => setTimeout(resolve, 1200))
  expect(emulator.ecs.journal('DescribeTasks')).toHaveLength(describeCalls)
})

test('execution names: the same name and input while running is the same execution, otherwise ExecutionAlreadyExists', async () => {
  const input = { runId: 'sfn-dup', command: ['run', '60000'] }
  const first = await start(watchArn, input, 'dup')
  expect(await start(watchArn, input, 'dup')).toBe(first)
  await expect(start(watchArn, { ...input, runId: 'other' }, 'dup')).rejects.toMatchObject({
    name: 'ExecutionAlreadyExists'
  })
  await sfn.send(new StopExecutionCommand({ executionArn: first }))
  await expect(start(watchArn, input, 'dup')).rejects.toMatchObject({
    name: 'ExecutionAlreadyExists'
  })
  await expect(start(watchArn, input, 'has space')).rejects.toMatchObject({ name: 'InvalidName' })
})

test('unknown state machines and executions get the errors Step Functions gives', async () => {
  await expect(start(stateMachineArn('nope'), {})).rejects.toMatchObject({
    name: 'StateMachineDoesNotExist'
  })
  await expect(
    sfn.send(
      new DescribeExecutionCommand({
        executionArn: 'arn:aws:states:us-east-1:123456789012:execution:launch-and-watch:nope'
      })
    )
  ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' })
  await expect(
    sfn.send(new StartExecutionCommand({ stateMachineArn: watchArn, input: '{not json' }))
  ).rejects.toMatchObject({ name: 'InvalidExecutionInput' })
})

test('GetExecutionHistory pages and reverses', async () => {
  const executionArn = await start(s3Arn, { bucket: emulator.bucket, text: 'hello' })
  await finished(executionArn)
  const all = await history(executionArn)
  const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3 }))
  expect(page.events!.map((e) => e.id)).toEqual([1, 2, 3])
  const next = await sfn.send(
    new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken: page.nextToken })
  )
  expect(next.events!.map((e) => e.id)).toEqual([4, 5, 6])
  const reversed = await sfn.send(
    new GetExecutionHistoryCommand({
      executionArn,
      reverseOrder: true,
      includeExecutionData: false
    })
  )
  expect(reversed.events![0].id).toBe(all.length)
  expect(reversed.events![0].executionSucceededEventDetails?.output).toBeUndefined()
})

test('a distributed Map names its Map run in the history; each item is a child execution with its own history', async () => {
  const executionArn = await start(mapArn, { bucket: emulator.bucket, items: [1, 2] })
  expect((await finished(executionArn)).status).toBe('SUCCEEDED')
  const parent = await history(executionArn)
  const mapRunArn = parent.find((event) => event.type === 'MapRunStarted')
    ?.mapRunStartedEventDetails?.mapRunArn
  expect(mapRunArn).toMatch(/^arn:aws:states:[^:]+:\d+:mapRun:distributed-map\/Items:/)
  expect(parent.map((event) => event.type)).not.toContain('PassStateEntered')
  const { executions } = await sfn.send(new ListExecutionsCommand({ mapRunArn }))
  expect(executions).toHaveLength(2)
  for (const child of executions!) {
    expect(child.executionArn).toMatch(/:execution:distributed-map\/Items:/)
    expect((await history(child.executionArn!)).map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded'
    ])
  }
})

test('aws-sdk:s3 calls reach the emulated S3, and context paths resolve', async () => {
  const before = Date.now()
  const executionArn = await start(s3Arn, { bucket: emulator.bucket, text: 'staged by a state' })
  const described = await finished(executionArn)
  expect(described.status).toBe('SUCCEEDED')
  const output = JSON.parse(described.output!)
  expect(output.read).toEqual({ Body: 'staged by a state' })
  expect(output.executionId).toBe(executionArn)
  expect(Date.parse(output.enteredAt)).toBeGreaterThanOrEqual(before)
  expect(Date.parse(output.enteredAt)).toBeLessThanOrEqual(described.stopDate!.getTime())
})

test('an execution that outlives TimeoutSeconds is TIMED_OUT', async () => {
  const described = await finished(await start(timeoutArn, {}))
  expect(described).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' })
})

test('a definition using an integration the emulator lacks is refused up front, naming the state resource', () => {
  expect(
    () =>
      new SfnEmulator({
        region: 'us-east-1',
        accountId: '123456789012',
        stateMachines: {
          [stateMachineArn('sync')]: {
            StartAt: 'Run',
            States: {
              Run: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', End: true }
            }
          }
        },
        integrations: {
          region: 'us-east-1',
          credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
          endpoints: { ecs: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:1' }
        }
      })
  ).toThrow(/cannot run Task resource arn:aws:states:::ecs:runTask\.sync/)
})

test.each([
  [
    'arn:aws:states:::ecs:runTask',
    { Count: 2, StartedBy: 'run-1', TaskDefinition: 'x' },
    'Count, StartedBy'
  ],
  ['arn:aws:states:::ecs:runTask', { Tags: [], Cluster: 'c' }, 'Tags'],
  ['arn:aws:states:::aws-sdk:ecs:listTasks', { Cluster: 'c', 'Status.$': '$.s' }, 'Status'],
  ['arn:aws:states:::aws-sdk:s3:putObject', { Bucket: 'b', Key: 'k', Bodyy: 'x' }, 'Bodyy']
])(
  'a Task state passing parameters %s does not accept is refused, as Step Functions does',
  (resource, parameters, refused) => {
    expect(
      () =>
        new SfnEmulator({
          region: 'us-east-1',
          accountId: '123456789012',
          stateMachines: {
            [stateMachineArn('strict')]: {
              StartAt: 'Call',
              States: {
                Call: { Type: 'Task', Resource: resource, Parameters: parameters, End: true }
              }
            }
          },
          integrations: {
            region: 'us-east-1',
            credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
            endpoints: { ecs: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:1' }
          }
        })
    ).toThrow(
      `State Call: the integration ${resource} does not accept the parameter(s) ${refused}.`
    )
  }
)

test('the SDK integrations accept what their API takes: RunTask with Count, StartedBy and Tags', () => {
  expect(() =>
    checkTaskParameters('Launch', 'arn:aws:states:::aws-sdk:ecs:runTask', {
      Count: 2,
      'StartedBy.$': '$.runId',
      Tags: [],
      Group: 'g'
    })
  ).not.toThrow()
})
