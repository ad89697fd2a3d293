/**
 * The AWS backend's workers: min-workers, worker replacement and capacity (on-demand, Spot, mixed)
 * from the inputs to the execution input, the refusal of Spot for ARM64 task definitions, and the
 * counts of replaced, reclaimed and lost workers read from ECS at the end.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Task } from '@aws-sdk/client-ecs'
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { ECSClient } from '@aws-sdk/client-ecs'
import { S3Client } from '@aws-sdk/client-s3'
import { SFNClient } from '@aws-sdk/client-sfn'
import { mockClient } from 'aws-sdk-client-mock'
import { workerFleet, workerShortfall } from '../../src/backend/aws/fleet.js'
import { workerOverrides } from '../../src/backend/aws/overrides.js'
import { executionInput, prepareAwsRun, workerFacts } from '../../src/backend/aws/run.js'
import {
  capacityProviderStrategy,
  spotArchitectureProblem
} from '../../src/backend/aws/settings.js'
import { InputError } from '../../src/inputs/model.js'
import { parseInputs, type FileAccess, type RawInputs } from '../../src/inputs/parse.js'
import { runFacts } from '../../src/report/content.js'
import type { RunReport } from '../../src/report/model.js'
import type { RunFacts } from '../../src/run/facts.js'
import { unfitReasons } from '../../src/run/validity.js'
import { awsRunConfig, awsSettings } from '../support/aws.js'

const awsInputs: RawInputs = {
  backend: 'aws',
  'stack-name': 'distributed-locust',
  'aws-region': 'eu-west-1',
  workers: '10'
}

function parse(raw: RawInputs) {
  return parseInputs({ ...awsInputs, ...raw }, { cwd: '/ws', env: {}, files: noFiles })
}

/** A workspace holding only locustfile.py. */
const noFiles: FileAccess = {
  kind: (path) =>
    path === '/ws' ? 'directory' : path === '/ws/locustfile.py' ? 'file' : 'missing',
  read: () => 'from locust import HttpUser',
  prepareFolder: () => undefined
}

function problemsOf(raw: RawInputs): string[] {
  try {
    parse(raw)
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((problem) => problem.message)
    throw error
  }
  throw new Error('expected the inputs to be refused')
}

describe('inputs', () => {
  test('min-workers, worker-replace-minutes and capacity are read; their defaults', () => {
    expect(parse({}).backend).toMatchObject({ workerReplaceMinutes: 10, capacity: 'on-demand' })
    expect(parse({}).backend).not.toHaveProperty('minWorkers')
    expect(
      parse({ 'min-workers': '8', 'worker-replace-minutes': '0', capacity: 'spot' }).backend
    ).toMatchObject({ minWorkers: 8, workerReplaceMinutes: 0, capacity: 'spot' })
  })

  test.each([
    [
      'min-workers above workers',
      { 'min-workers': '11' },
      /min-workers.*"11".*at most `workers` \(10\)/
    ],
    ['min-workers 0', { 'min-workers': '0' }, /min-workers.*from 1 to 200/],
    ['worker-replace-minutes 61', { 'worker-replace-minutes': '61' }, /worker-replace-minutes/],
    ['an unknown capacity', { capacity: 'cheap' }, /capacity.*"cheap".*on-demand, spot, mixed/]
  ])('%s is refused, naming the input', (_, raw, message) => {
    expect(problemsOf(raw)).toEqual([expect.stringMatching(message)])
  })
})

describe('the execution input', () => {
  const target = { stateMachineArn: 'arn:sm', bucket: 'bucket-1' }
  const work = mkdtempSync(join(tmpdir(), 'dl-fleet-'))

  test('asks for min-workers, replacement until the load may be over, and the workers’ capacity', () => {
    const config = awsRunConfig(work, {
      workers: 10,
      runTimeSeconds: 600,
      backend: awsSettings({ minWorkers: 8, workerReplaceMinutes: 10, capacity: 'spot' })
    })
    const input = executionInput(config, target, 'run-1', Date.parse('2026-12-07T17:00:00Z'))
    expect(input).toMatchObject({
      workers: 10,
      minWorkers: 8,
      replaceWorkersUntil: '2026-12-07T17:10:00.000Z',
      replaceWorkersSeconds: 600,
      workerCapacity: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]
    })
    const environment = (
      workerOverrides(input) as {
        containerOverrides: { environment: { name: string; value: string }[] }[]
      }
    ).containerOverrides[0].environment
    expect(environment).toContainEqual({ name: 'DL_EXPECT_WORKERS', value: '8' })
  })

  test('replacement lasts while the load surely runs: never past start + the run time', () => {
    const start = Date.parse('2026-12-07T17:00:00Z')
    const replaceUntil = (runTimeSeconds: number, workerReplaceMinutes: number) =>
      executionInput(
        awsRunConfig(work, { runTimeSeconds, backend: awsSettings({ workerReplaceMinutes }) }),
        target,
        'run-1',
        start
      ).replaceWorkersUntil
    // A Spot worker reclaimed at minute 25 of a 30-minute run is still replaced, whatever the minutes.
    expect(replaceUntil(1800, 10)).toBe('2026-12-07T17:30:00.000Z')
    expect(replaceUntil(300, 1)).toBe('2026-12-07T17:05:00.000Z')
    // 0: workers that stop are never asked for again.
    expect(replaceUntil(1800, 0)).toBe('2026-12-07T17:00:00.000Z')
  })

  test('min-workers defaults to workers', () => {
    const config = awsRunConfig(work, { workers: 4 })
    expect(executionInput(config, target, 'run-1', 0)).toMatchObject({ minWorkers: 4 })
  })

  test('capacity strategies: mixed keeps one on-demand worker per RunTask call, then 1 to 3', () => {
    expect(capacityProviderStrategy('on-demand')).toEqual([
      { CapacityProvider: 'FARGATE', Weight: 1 }
    ])
    expect(capacityProviderStrategy('mixed')).toEqual([
      { CapacityProvider: 'FARGATE', Weight: 1, Base: 1 },
      { CapacityProvider: 'FARGATE_SPOT', Weight: 3 }
    ])
  })
})

describe('Fargate Spot runs x86_64 only', () => {
  test.each(['spot', 'mixed'] as const)(
    '%s with an ARM64 task definition is refused',
    (capacity) => {
      expect(spotArchitectureProblem(capacity, 'ARM64', 'dl-locust:3')).toBe(
        `Input 'capacity' is ${capacity}: Fargate Spot runs x86_64 tasks only, and task definition dl-locust:3 is ARM64. Use \`capacity: on-demand\`, or a task definition for X86_64 (the stack's CpuArchitecture parameter) with an amd64 image.`
      )
    }
  )

  test('on-demand on ARM64, and Spot on x86_64, are fine', () => {
    expect(spotArchitectureProblem('on-demand', 'ARM64', 'td')).toBeUndefined()
    expect(spotArchitectureProblem('spot', 'X86_64', 'td')).toBeUndefined()
  })

  test('a stack deployed for ARM64 refuses capacity spot before anything is written or started', async () => {
    const cloudFormation = mockClient(CloudFormationClient)
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'dl',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Parameters: [{ ParameterKey: 'CpuArchitecture', ParameterValue: 'ARM64' }],
          Outputs: [
            {
              OutputKey: 'StateMachineArn',
              OutputValue: 'arn:aws:states:eu-west-1:1:stateMachine:dl'
            },
            { OutputKey: 'BucketName', OutputValue: 'dl-bucket' },
            {
              OutputKey: 'TaskDefinitionArn',
              OutputValue: 'arn:aws:ecs:eu-west-1:1:task-definition/dl:3'
            }
          ]
        }
      ]
    })
    const s3 = mockClient(S3Client)
    const stepFunctions = mockClient(SFNClient)
    try {
      const config = awsRunConfig(mkdtempSync(join(tmpdir(), 'dl-fleet-')), {
        backend: awsSettings({ stackName: 'dl', capacity: 'spot' })
      })
      const clients = {
        cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }),
        stepFunctions: new SFNClient({ region: 'eu-west-1' }),
        ecs: new ECSClient({ region: 'eu-west-1' }),
        s3: new S3Client({ region: 'eu-west-1' })
      }
      await expect(
        prepareAwsRun(config, {
          clients,
          env: {},
          credentialsLifetime: async () => ({ kind: 'no-known-end' as const })
        })
      ).rejects.toThrow(
        /Input 'capacity' is spot: .*task definition arn:aws:ecs:eu-west-1:1:task-definition\/dl:3 is ARM64/
      )
      expect(s3.calls()).toHaveLength(0)
      expect(stepFunctions.calls()).toHaveLength(0)
    } finally {
      cloudFormation.restore()
      s3.restore()
      stepFunctions.restore()
    }
  })
})

function workerTask(stop: Partial<Task>): Task {
  return {
    overrides: { containerOverrides: [{ name: 'locust', command: ['worker'] }] },
    lastStatus: 'STOPPED',
    ...stop
  }
}

const endedWithTheLoad = workerTask({
  stopCode: 'EssentialContainerExited',
  containers: [{ exitCode: 0 }]
})
const reclaimed = workerTask({ stopCode: 'SpotInterruption', containers: [{ exitCode: 143 }] })

describe('workerFleet', () => {
  test('10 Spot workers with 3 reclaimed and replaced: 3 replaced, 3 reclaimed, 3 stopped early', () => {
    const master = { overrides: { containerOverrides: [{ command: ['master'] }] } }
    const tasks = [master, ...Array(10).fill(endedWithTheLoad), reclaimed, reclaimed, reclaimed]
    expect(workerFleet(tasks, 10)).toEqual({ replaced: 3, reclaimed: 3, stopped: 3 })
  })

  test('a worker that failed or never started stopped early; one stopped by the cleanup did not', () => {
    const tasks = [
      workerTask({ stopCode: 'TaskFailedToStart' }),
      workerTask({ stopCode: 'EssentialContainerExited', containers: [{ exitCode: 3 }] }),
      workerTask({ stopCode: 'UserInitiated', containers: [{ exitCode: 143 }] })
    ]
    expect(workerFleet(tasks, 3)).toEqual({ replaced: 0, reclaimed: 0, stopped: 2 })
  })

  test('a failed run whose workers ECS could not start says so, naming min-workers', () => {
    const settings = { workers: 10, minWorkers: 8, replaceMinutes: 10 }
    expect(workerShortfall(Array(7).fill(endedWithTheLoad), settings)).toBe(
      'ECS started 7 of the 10 worker task(s) asked for, and the load needed 8 (min-workers): Fargate had no capacity for the others while the master waited (they are asked for again for up to 10 minutes, worker-replace-minutes). Try again later, add subnets in other zones, or lower min-workers.'
    )
    expect(workerShortfall(Array(8).fill(endedWithTheLoad), settings)).toBeUndefined()
  })

  test('the master counts every join of a worker process', () => {
    expect(workerFacts({ workersConnected: 4, workersJoined: 6, processesPerWorker: 2 })).toEqual({
      workersConnected: 2,
      workerProcesses: 4,
      workersJoined: 3
    })
  })
})

describe('validity and the report', () => {
  const facts: RunFacts = {
    backend: 'aws',
    backendLabel: 'AWS',
    users: 20,
    spawnRate: 5,
    workers: 10,
    runTimeSeconds: 0
  }
  const quiet = { cpuWarnings: [], loadShape: false, workersMissed: 0 }

  test('fewer workers connected than min-workers is invalid; min-workers connected is fit', () => {
    expect(
      unfitReasons({ facts: { ...facts, minWorkers: 8, workersConnected: 7 }, signals: quiet })
    ).toEqual([
      'Only 7 of the 10 workers asked for connected (min-workers 8): the load was not the one planned.'
    ])
    expect(
      unfitReasons({ facts: { ...facts, minWorkers: 8, workersConnected: 8 }, signals: quiet })
    ).toEqual([])
  })

  test('reclaimed workers that were replaced are not lost; one not replaced is', () => {
    const fleet = { workersConnected: 10, workersJoined: 13, workersReclaimed: 3, workersLost: 3 }
    expect(
      unfitReasons({ facts: { ...facts, ...fleet, workersReplaced: 3 }, signals: quiet })
    ).toEqual([])
    expect(
      unfitReasons({ facts: { ...facts, ...fleet, workersReplaced: 2 }, signals: quiet })
    ).toEqual([expect.stringMatching(/^1 worker was lost during the run/)])
  })

  test('the summary lists the workers asked, joined, replaced, reclaimed and lost', () => {
    const report = {
      facts: {
        ...facts,
        minWorkers: 8,
        workersConnected: 10,
        workersJoined: 13,
        workersReplaced: 3,
        workersReclaimed: 3,
        workersLost: 3
      }
    } as unknown as RunReport
    const workers = runFacts(report, { text: (t) => t, literal: (t) => t }).find(
      ([label]) => label === 'Workers'
    )
    expect(workers).toEqual([
      'Workers',
      '10 of 10 connected, the load started at 8, 13 joined, 3 replaced (3 reclaimed by Fargate Spot), 0 lost'
    ])
    // Nothing happened to the workers: only those connected.
    const quietFacts = { ...facts, workersConnected: 10, workersJoined: 10, workersReplaced: 0 }
    expect(
      runFacts({ facts: quietFacts } as unknown as RunReport, {
        text: (t) => t,
        literal: (t) => t
      }).find(([label]) => label === 'Workers')
    ).toEqual(['Workers', '10 of 10 connected'])
  })
})
