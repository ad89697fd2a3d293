/**
 * The state machine of cloudformation/template.yaml, run by aws-local-stepfunctions against the
 * emulator's ECS model with scripted tasks (and an S3 store, for the master's address). Every
 * scenario ends by checking that no task of the run is left running.
 */
import {
  CLUSTER_ARN,
  loadDefinition,
  StackEcs,
  runStateMachine,
  testSubstitutions,
  type RunOutcome,
  type StackTask
} from './helpers/run-machine.js'
import {
  addressObject,
  expectEveryTaskStopped,
  nativeInput,
  seedInput,
  seedJob
} from './helpers/inputs.js'
import {
  ECS_OVERRIDES_LIMIT,
  overridesProblem,
  workerOverrides
} from '../../src/backend/aws/overrides.js'
import { awsFaults, type EcsFault } from '../emulator/ecs-model.js'
import { AwsServiceError } from '../emulator/http.js'

/**
 * DescribeTasks calls while the master is watched after its address is known: until it is RUNNING,
 * then for the 20 s it gives its workers (testSubstitutions) plus a 30 s grace, one every 10 s.
 */
const WATCH_POLLS = 1 + (20 + 30) / 10

/** Address known on the 2nd DescribeTasks, load over on the 4th: the run's normal course. */
const normalMaster = { addressOnDescribe: 2, stopOnDescribe: 4, exitCode: 0 }

/** Every DescribeTasks from the `fromCall`-th on (0-based) is denied. */
function describeTasksDenied(fromCall: number): EcsFault {
  return {
    kind: 'error',
    action: 'DescribeTasks',
    type: 'AccessDeniedException',
    message: 'denied',
    times: Infinity,
    when: (call) => call.callIndex >= fromCall
  }
}

function environmentOf(task: StackTask): Record<string, string> {
  return Object.fromEntries(task.environment.map(({ Name, Value }) => [Name, Value]))
}

function runTaskCounts(ecs: StackEcs): number[] {
  return ecs.callsOf('RunTask').map((call) => Number(call.Count))
}

function expectFailure(outcome: RunOutcome, error: string, causePart: RegExp): void {
  expect(outcome.status).toBe('FAILED')
  expect(outcome.error).toBe(`DistributedLocust.${error}`)
  expect(outcome.cause).toMatch(causePart)
}

describe('happy path', () => {
  test('native input, 3 workers: master, then workers at once; its address written to S3; stragglers stopped', async () => {
    const ecs = new StackEcs({ master: normalMaster })
    const outcome = await runStateMachine(nativeInput, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    const master = ecs.master!
    expect(outcome.output).toEqual({
      runId: 'gh-4242-1-load',
      bucket: 'dl-runs',
      resultsPrefix: 'runs/gh-4242-1-load/results/',
      masterTaskArn: master.arn,
      masterExitCode: 0,
      masterStopReason: 'Essential container in task exited',
      workersRequested: 3,
      workersLaunched: 3,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      endedAt: master.stoppedAt
    })
    expect(runTaskCounts(ecs)).toEqual([1, 3])
    expect(master.command).toEqual(['master'])
    expect(ecs.workers).toHaveLength(3)
    for (const worker of ecs.workers) {
      expect(worker.command).toEqual(['worker'])
      expect(worker.environment).toEqual(master.environment)
    }
    // Workers launched before the master was even described; its address (known on the 2nd
    // DescribeTasks) written right away, once.
    expect(ecs.calls.map((call) => call.action).slice(0, 6)).toEqual([
      'RunTask',
      'RunTask',
      'DescribeTasks',
      'DescribeTasks',
      'PutObject',
      'DescribeTasks'
    ])
    expect(ecs.callsOf('PutObject')).toHaveLength(1)
    expect(ecs.objects.get(addressObject)).toMatchObject({
      body: master.ip,
      contentType: 'text/plain'
    })
    for (const task of ecs.tasks) {
      expect(task.startedBy).toBe('gh-4242-1-load')
      expect(task.group).toBe('distributed-locust')
      expect(task.tags).toEqual([{ Key: 'distributed-locust:run-id', Value: 'gh-4242-1-load' }])
      expect(task.network).toEqual({
        AwsvpcConfiguration: {
          Subnets: ['subnet-a', 'subnet-b'],
          SecurityGroups: ['sg-0123'],
          AssignPublicIp: 'DISABLED'
        }
      })
    }
    expect(environmentOf(master)).toEqual({
      DL_RUN_ID: 'gh-4242-1-load',
      DL_BUCKET: 'dl-runs',
      DL_BUNDLE_PREFIX: 'runs/gh-4242-1-load/bundle/',
      DL_RESULTS_PREFIX: 'runs/gh-4242-1-load/results/',
      DL_LOCUSTFILE: 'tests/locustfile.py',
      DL_USERS: '50',
      DL_SPAWN_RATE: '10',
      DL_RUN_TIME_SECONDS: '300',
      DL_HOST: 'https://staging.example.com',
      DL_LOCUST_ARGS: '["--stop-timeout","10"]',
      DL_EXPECT_WORKERS: '3',
      DL_EXPECT_WORKERS_TIMEOUT: '20',
      DL_DEADLINE_EPOCH: '',
      DL_MASTER_ADDRESS_KEY: 'runs/gh-4242-1-load/master-address'
    })
    // The master stopped on its own; only the workers needed stopping.
    expect(ecs.callsOf('StopTask').map((call) => call.Task)).toEqual(ecs.workers.map((w) => w.arn))
    expect(master.stopCode).toBe('EssentialContainerExited')
    expectEveryTaskStopped(ecs)
  })

  test('25 workers start in RunTask batches of 10, 10 and 5', async () => {
    const ecs = new StackEcs({ master: normalMaster })
    const outcome = await runStateMachine({ ...nativeInput, workers: 25 }, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    expect(
      runTaskCounts(ecs)
        .slice(1)
        .sort((a, b) => b - a)
    ).toEqual([10, 10, 5])
    expect(ecs.workers).toHaveLength(25)
    expect(outcome.output.workersLaunched).toBe(25)
    expectEveryTaskStopped(ecs)
  })

  test('200 workers: 20 batches, and the cleanup lists 100 at a time until none is left', async () => {
    const ecs = new StackEcs({ master: normalMaster })
    const outcome = await runStateMachine({ ...nativeInput, workers: 200 }, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs)).toEqual([1, ...Array(20).fill(10)])
    expect(ecs.callsOf('ListTasks').length).toBe(3)
    expect(ecs.callsOf('StopTask')).toHaveLength(200)
    expectEveryTaskStopped(ecs)
  })

  test('the optional fields override the stack defaults', async () => {
    const ecs = new StackEcs({ master: normalMaster })
    const outcome = await runStateMachine(
      {
        ...nativeInput,
        host: '',
        locustArgs: [],
        bucket: 'other-bucket',
        cluster: 'dl-cluster',
        subnets: ['subnet-z'],
        securityGroups: ['sg-a', 'sg-b'],
        assignPublicIp: 'ENABLED',
        deadlineEpoch: 1767225600
      },
      ecs
    )

    expect(outcome.status).toBe('SUCCEEDED')
    expect(outcome.output.bucket).toBe('other-bucket')
    expect(ecs.master!.network).toEqual({
      AwsvpcConfiguration: {
        Subnets: ['subnet-z'],
        SecurityGroups: ['sg-a', 'sg-b'],
        AssignPublicIp: 'ENABLED'
      }
    })
    expect(environmentOf(ecs.master!)).toMatchObject({
      DL_BUCKET: 'other-bucket',
      DL_HOST: '',
      DL_LOCUST_ARGS: '[]',
      DL_DEADLINE_EPOCH: '1767225600'
    })
    expectEveryTaskStopped(ecs)
  })
})

test('the container overrides are those the action sizes before it starts a run', async () => {
  const input = { ...nativeInput, minWorkers: 2, deadlineEpoch: 1767225600 }
  const ecs = new StackEcs({ master: normalMaster })
  await runStateMachine(input, ecs)

  const [, workerLaunch] = ecs.callsOf('RunTask')
  const expected = workerOverrides({ ...input, bucket: 'dl-runs' }) as {
    containerOverrides: {
      name: string
      command: string[]
      environment: { name: string; value: string }[]
    }[]
  }
  const sent = (
    workerLaunch.Overrides as {
      ContainerOverrides: {
        Name: string
        Command: string[]
        Environment: { Name: string; Value: string }[]
      }[]
    }
  ).ContainerOverrides[0]
  const [sized] = expected.containerOverrides
  expect(sent.Name).toBe(sized.name)
  expect(sent.Command).toEqual(sized.command)
  // The stack's expect-workers timeout is unknown to the action, which sizes its largest value.
  const sentEnvironment = sent.Environment.map(({ Name, Value }) => ({ name: Name, value: Value }))
  expect(sentEnvironment.filter((entry) => entry.name !== 'DL_EXPECT_WORKERS_TIMEOUT')).toEqual(
    sized.environment.filter((entry) => entry.name !== 'DL_EXPECT_WORKERS_TIMEOUT')
  )
  expect(sentEnvironment.map((entry) => entry.name)).toEqual(
    sized.environment.map((entry) => entry.name)
  )
})

describe('launch problems', () => {
  test('once a launch has begun, every way to a failure passes through the cleanup', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ASL is free-form data
    const states: Record<string, any> = (loadDefinition() as any).States
    const nextOf = (state: Record<string, unknown>): string[] =>
      [
        state.Next,
        state.Default,
        ...((state.Choices as { Next: string }[] | undefined) ?? []).map((rule) => rule.Next),
        ...((state.Catch as { Next: string }[] | undefined) ?? []).map((rule) => rule.Next)
      ].filter((name): name is string => typeof name === 'string')
    const reached = new Set<string>()
    const toVisit = ['PlanMasterLaunch']
    while (toVisit.length > 0) {
      const name = toVisit.pop()!
      if (reached.has(name) || name === 'StartCleanup') continue
      reached.add(name)
      toVisit.push(...nextOf(states[name]))
    }
    expect(reached.has('LaunchTasks')).toBe(true)
    const failsWithoutCleanup = [...reached].filter((name) => states[name].Type === 'Fail')
    expect(failsWithoutCleanup).toEqual([])
  })

  test('RunTask Failures: the tasks ECS could not place are launched again', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      // The first worker batch (10 tasks): 3 not placed.
      faults: [{ kind: 'failures', tasksLaunched: 7, when: (launch) => launch.callIndex === 1 }]
    })
    const outcome = await runStateMachine({ ...nativeInput, workers: 10 }, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs)).toEqual([1, 10, 3])
    expect(ecs.workers).toHaveLength(10)
    expectEveryTaskStopped(ecs)
  })

  test.each([
    ['1 entry for 3 tasks not started', { tasksLaunched: 7, failureEntries: 1 }, [1, 10, 3]],
    ['5 entries for 2 tasks not started', { tasksLaunched: 8, failureEntries: 5 }, [1, 10, 2]],
    ['2 entries, every task started', { tasksLaunched: 10, failureEntries: 2 }, [1, 10]]
  ])(
    'RunTask Failures not one per task (%s): what is left is requested − started',
    async (_, outcome, counts) => {
      const ecs = new StackEcs({
        master: normalMaster,
        faults: [{ kind: 'failures', ...outcome, when: (launch) => launch.callIndex === 1 }]
      })
      const run = await runStateMachine({ ...nativeInput, workers: 10 }, ecs)

      expect(run.status).toBe('SUCCEEDED')
      expect(runTaskCounts(ecs)).toEqual(counts)
      expect(ecs.workers).toHaveLength(10)
      expectEveryTaskStopped(ecs)
    }
  )

  test('throttling on RunTask and DescribeTasks is retried', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      faults: [
        { kind: 'throttle' },
        {
          kind: 'error',
          type: 'EcsException',
          message: 'Rate exceeded',
          when: (call) => call.callIndex === 1
        },
        { kind: 'throttle', action: 'DescribeTasks' }
      ]
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs)).toEqual([1, 1, 1, 3])
    expect(ecs.workers).toHaveLength(3)
    expectEveryTaskStopped(ecs)
  })

  test('a worker batch without Fargate capacity: retried with backoff for minutes, then left to the worker watch, the run not failed for it', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      faults: [awsFaults.fargateCapacity(Infinity, (launch) => launch.count === 5)]
    })
    const outcome = await runStateMachine({ ...nativeInput, workers: 15 }, ecs)

    // The master decides whether the workers that came are enough (minWorkers).
    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs).filter((count) => count === 5)).toHaveLength(11)
    expect(ecs.workers).toHaveLength(10)
    expect(outcome.statesEntered).toContain('BatchShort')
    expectEveryTaskStopped(ecs)
  })

  test('the master batch without Fargate capacity: retried with backoff for minutes, then LaunchFailed saying so', async () => {
    const ecs = new StackEcs({ faults: [awsFaults.fargateCapacity(Infinity)] })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'LaunchFailed',
      /no capacity for 1 master task\(s\) through 11 attempts over \d+ s; try again later.*Capacity is unavailable/
    )
    const waited = Number(/over (\d+) s/.exec(outcome.cause ?? '')?.[1])
    // Pauses of 1, 2, 4, 8 and six of 15 s, each stretched by a random 0-100 %: 2 to 3.5 minutes.
    expect(waited).toBeGreaterThanOrEqual(105)
    expect(waited).toBeLessThanOrEqual(210)
    expect(runTaskCounts(ecs)).toHaveLength(11)
    expect(outcome.statesEntered).toContain('StartCleanup')
  })

  test('Fargate capacity that comes back within the retries: the run goes on', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      faults: [awsFaults.fargateCapacity(6, (launch) => launch.callIndex > 0)]
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    expect(runTaskCounts(ecs)).toEqual([1, 3, 3, 3, 3, 3, 3, 3])
    expect(ecs.workers).toHaveLength(3)
  })

  test('a RunTask error that is not transient fails the launch at once and cleans up', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      faults: [
        {
          kind: 'error',
          type: 'AccessDeniedException',
          message: 'not authorized to perform ecs:RunTask',
          times: Infinity,
          when: (call) => call.callIndex > 0
        }
      ]
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'LaunchFailed',
      /worker task\(s\), RunTask failed with Ecs.AccessDeniedException. not authorized/
    )
    expect(runTaskCounts(ecs)).toEqual([1, 3])
    expectEveryTaskStopped(ecs)
  })

  test.each([
    ['EC2 throttling disguised as InvalidParameterException', awsFaults.ec2RequestLimit],
    ['ECS ThrottlingException', awsFaults.ecsThrottling]
  ])(
    '%s is retried with backoff while it lasts, with a fresh ClientToken per attempt',
    async (_, fault) => {
      const ecs = new StackEcs({ master: normalMaster, faults: [fault(5)] })
      const outcome = await runStateMachine(nativeInput, ecs)

      expect(outcome.status).toBe('SUCCEEDED')
      expect(runTaskCounts(ecs)).toEqual([1, 1, 1, 1, 1, 1, 3])
      const tokens = ecs.callsOf('RunTask').map((call) => call.ClientToken)
      expect(tokens.every((token) => typeof token === 'string' && token.length <= 64)).toBe(true)
      expect(new Set(tokens).size).toBe(tokens.length)
      expect(ecs.workers).toHaveLength(3)
    }
  )

  test('EC2 throttling that outlasts the retries is a launch failure that says so, not invalid input', async () => {
    const ecs = new StackEcs({ faults: [awsFaults.ec2RequestLimit(Infinity)] })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'LaunchFailed',
      /ECS throttled RunTask or had no capacity for 1 master task\(s\) through 11 attempts.*Request limit exceeded/
    )
    expect(runTaskCounts(ecs)).toEqual(Array(11).fill(1))
    expect(ecs.tasks).toEqual([])
    expect(outcome.statesEntered).toContain('StartCleanup')
  })

  test('a RunTask retried after a server error reuses its ClientToken, so ECS starts its tasks once', async () => {
    const ecs = new StackEcs({ master: normalMaster })
    const model = ecs.model
    const call = model.call.bind(model)
    let failedOnce = false
    // The answer is lost after ECS started the tasks, as a timeout would lose it.
    model.call = (action, input) => {
      const answer = call(action, input)
      if (action === 'RunTask' && (input as { count?: number }).count === 3 && !failedOnce) {
        failedOnce = true
        throw new AwsServiceError('ServerException', 'Service unavailable')
      }
      return answer
    }
    const outcome = await runStateMachine(nativeInput, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    const workerCalls = ecs.callsOf('RunTask').filter((params) => params.Count === 3)
    expect(workerCalls).toHaveLength(2)
    expect(workerCalls[1].ClientToken).toBe(workerCalls[0].ClientToken)
    expect(ecs.workers).toHaveLength(3)
  })

  test('a runId ECS refuses as startedBy is invalid input, and nothing is started', async () => {
    const ecs = new StackEcs({ master: normalMaster })
    const outcome = await runStateMachine({ ...nativeInput, runId: 'a'.repeat(37) }, ecs)

    expectFailure(
      outcome,
      'InvalidInput',
      /ECS rejected the master task: startedBy may only contain up to 36/
    )
    expect(ecs.tasks).toEqual([])
    // The cleanup runs all the same: it finds nothing to stop.
    expect(ecs.callsOf('StopTask')).toEqual([])
  })

  test('the master never gets an address: LaunchFailed after 3 minutes of one-second polls', async () => {
    const ecs = new StackEcs({ master: {} })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(outcome, 'LaunchFailed', /no private IP address after 180 seconds/)
    expect(ecs.callsOf('DescribeTasks')).toHaveLength(1 + 180)
    expect(ecs.callsOf('PutObject')).toEqual([])
    // The workers, launched with the master, waited in vain and are stopped with it.
    expect(ecs.workers).toHaveLength(3)
    expectEveryTaskStopped(ecs)
  })

  test('writing the master address fails: retried, then LaunchFailed naming the key, every task stopped', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      putError: () => ({ error: 'S3.AccessDeniedException', message: 'Access Denied' })
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'LaunchFailed',
      /Writing the master address to s3:\/\/dl-runs\/runs\/gh-4242-1-load\/master-address failed with S3.AccessDeniedException. Access Denied The state machine role needs s3:PutObject/
    )
    expect(ecs.callsOf('PutObject')).toHaveLength(1 + 3)
    expect(ecs.objects.size).toBe(0)
    expectEveryTaskStopped(ecs)
  })

  test('a failed write of the master address that succeeds on retry carries on', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      putError: (call) =>
        call === 0
          ? { error: 'S3.S3Exception', message: 'We encountered an internal error' }
          : undefined
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    expect(ecs.objects.get(addressObject)?.body).toBe(ecs.master!.ip)
    expectEveryTaskStopped(ecs)
  })
})

describe('master problems', () => {
  test('master stops while starting (image not pulled): MasterFailed, the workers stopped with it', async () => {
    const ecs = new StackEcs({
      master: {
        stopOnDescribe: 2,
        exitCode: null,
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)'
      }
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'MasterFailed',
      /stopped while starting \(stop code TaskFailedToStart.*CannotPullContainerError/
    )
    expect(ecs.workers).toHaveLength(3)
    expect(ecs.callsOf('StopTask').map((call) => call.Task)).toEqual(ecs.workers.map((w) => w.arn))
    expect(ecs.objects.size).toBe(0)
    expectEveryTaskStopped(ecs)
  })

  test('master whose image is missing stops after its address is known: MasterFailed without waiting out the run time', async () => {
    const ecs = new StackEcs({
      master: {
        addressOnDescribe: 2,
        stopOnDescribe: 4,
        exitCode: null,
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)'
      }
    })
    const outcome = await runStateMachine({ ...nativeInput, runTimeSeconds: 1800 }, ecs)

    expectFailure(
      outcome,
      'MasterFailed',
      /without an exit code \(stop code TaskFailedToStart\): CannotPullContainerError/
    )
    expect(outcome.statesEntered).not.toContain('WaitForWatchPoll')
    expectEveryTaskStopped(ecs)
  })

  test.each([2, 3])(
    'master exits %i while its workers connect: MasterFailed without waiting out the run time',
    async (exitCode) => {
      const ecs = new StackEcs({
        master: { addressOnDescribe: 2, stopOnDescribe: 2 + WATCH_POLLS - 1, exitCode }
      })
      const outcome = await runStateMachine({ ...nativeInput, runTimeSeconds: 1800 }, ecs)

      expectFailure(outcome, 'MasterFailed', new RegExp(`exited with code ${exitCode} `))
      expect(outcome.statesEntered).not.toContain('WaitForWatchPoll')
      expectEveryTaskStopped(ecs)
    }
  )

  test('master that never runs after its address is known: LaunchFailed once the margin is used up', async () => {
    const ecs = new StackEcs({ master: { addressOnDescribe: 2, neverRuns: true } })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(outcome, 'LaunchFailed', /not RUNNING 30 seconds after it got its address/)
    expect(outcome.statesEntered).not.toContain('WaitForWatchPoll')
    expectEveryTaskStopped(ecs)
  })

  test('master that ECS no longer reports once the margin is used up: still LaunchFailed, not a runtime error', async () => {
    const ecs = new StackEcs({ master: { addressOnDescribe: 2, neverRuns: true } })
    const describe = ecs.model.call.bind(ecs.model)
    let describes = 0
    // From the 5th DescribeTasks on, ECS answers as for a task it no longer knows.
    ecs.model.call = (action, input) =>
      action === 'DescribeTasks' && ++describes >= 5
        ? { tasks: [], failures: [{ arn: 'master', reason: 'MISSING' }] }
        : describe(action, input)
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(outcome, 'LaunchFailed', /not RUNNING 30 seconds after it got its address/)
    expectEveryTaskStopped(ecs)
  })

  test('master crashes with exit code 3 after the workers started: MasterFailed, workers stopped', async () => {
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2, stopOnDescribe: 3, exitCode: 3 }
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'MasterFailed',
      /exited with code 3 \(Essential container in task exited\)/
    )
    expect(ecs.workers).toHaveLength(3)
    expect(ecs.callsOf('StopTask')).toHaveLength(3)
    expectEveryTaskStopped(ecs)
  })

  test('master gave up at deadlineEpoch (exit code 5): DeadlineExceeded, workers stopped', async () => {
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2, stopOnDescribe: 3, exitCode: 5 }
    })
    const outcome = await runStateMachine({ ...nativeInput, deadlineEpoch: 1767225600 }, ecs)

    expectFailure(outcome, 'DeadlineExceeded', /reached deadlineEpoch \(exit code 5\)/)
    expectEveryTaskStopped(ecs)
  })

  test('master stopped without an exit code during the run: MasterFailed with the stop reason', async () => {
    const ecs = new StackEcs({
      master: {
        addressOnDescribe: 2,
        stopOnDescribe: 3,
        exitCode: null,
        stopCode: 'SpotInterruption',
        stoppedReason: 'Your Spot Task was interrupted.'
      }
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'MasterFailed',
      /without an exit code \(stop code SpotInterruption\): Your Spot Task was interrupted/
    )
    expectEveryTaskStopped(ecs)
  })

  test('deadline: master still running after run time + margin is cut short and everything stopped', async () => {
    const ecs = new StackEcs({ master: { addressOnDescribe: 2 } })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'DeadlineExceeded',
      /still running 30 seconds after the planned run time of 300 seconds/
    )
    // 2 polls while starting, the 10 s watch polls (60 s), then one a minute for the 240 s of run
    // time left and one every 5 s of the 30 s margin.
    expect(ecs.callsOf('DescribeTasks')).toHaveLength(2 + WATCH_POLLS + 240 / 60 + 30 / 5)
    expect(ecs.callsOf('StopTask')).toHaveLength(4)
    expect(ecs.master!.stopCode).toBe('UserInitiated')
    expectEveryTaskStopped(ecs)
  })

  test('DescribeTasks failing for good: MasterFailed, every task stopped', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      faults: [describeTasksDenied(2)]
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'MasterFailed',
      /Could not follow the master task: Ecs.AccessDeniedException. denied/
    )
    expectEveryTaskStopped(ecs)
  })
})

describe('cleanup', () => {
  test('a task whose StopTask failed is stopped in the next round', async () => {
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2, stopOnDescribe: 3, exitCode: 4 },
      faults: [
        { kind: 'error', action: 'StopTask', type: 'ServerException', message: 'internal error' }
      ]
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(outcome, 'MasterFailed', /exited with code 4/)
    expect(ecs.callsOf('ListTasks').length).toBeGreaterThanOrEqual(2)
    expectEveryTaskStopped(ecs)
  })

  test('when stopping the tasks fails too, the cause says so and names the run', async () => {
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2, stopOnDescribe: 3, exitCode: 3 },
      faults: [
        {
          kind: 'error',
          action: 'ListTasks',
          type: 'AccessDeniedException',
          message: 'not authorized to perform ecs:ListTasks',
          times: Infinity
        }
      ]
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expectFailure(
      outcome,
      'MasterFailed',
      /exited with code 3.*Stopping the tasks of the run failed too \(Ecs.AccessDeniedException.*started by gh-4242-1-load by hand/
    )
    expect(ecs.tasksLeftRunning()).toHaveLength(3)
  })
})

describe('seed input format', () => {
  test('runs through the same flow: commands as given, --master-host appended for workers', async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      containerNames: ['seed-master', 'seed-worker']
    })
    const outcome = await runStateMachine(seedInput, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    const master = ecs.master!
    expect(master.containerName).toBe('seed-master')
    expect(master.command).toEqual(seedInput.JobDetails.MasterCommand)
    expect(master.environment).toEqual([])
    expect(ecs.workers).toHaveLength(3)
    for (const worker of ecs.workers) {
      expect(worker.containerName).toBe('seed-worker')
      expect(worker.command).toEqual([
        'locust',
        '-f',
        '/opt/locustfile.py',
        '--worker',
        '--master-host',
        master.ip
      ])
      expect(worker.startedBy).toBe('seed-run-7')
      expect(worker.network).toEqual({
        AwsvpcConfiguration: {
          Subnets: ['subnet-1', 'subnet-2'],
          SecurityGroups: ['sg-seed'],
          AssignPublicIp: 'DISABLED'
        }
      })
    }
    expect(ecs.callsOf('RunTask')[0]).toMatchObject({
      Cluster: 'dl-cluster',
      TaskDefinition: seedJob.TaskDefinition
    })
    expect(outcome.output).toMatchObject({
      runId: 'seed-run-7',
      workersRequested: 3,
      masterExitCode: 0
    })
    // The workers were launched once the address was known (2nd DescribeTasks), nothing in S3.
    expect(ecs.calls.map((call) => call.action).slice(0, 4)).toEqual([
      'RunTask',
      'DescribeTasks',
      'DescribeTasks',
      'RunTask'
    ])
    expect(ecs.objects.size).toBe(0)
    expectEveryTaskStopped(ecs)
  })

  test('a master that stops while starting: MasterFailed, and no worker was started', async () => {
    const ecs = new StackEcs({
      master: { stopOnDescribe: 2, exitCode: 1 },
      containerNames: ['seed-master', 'seed-worker']
    })
    const outcome = await runStateMachine(seedInput, ecs)

    expectFailure(outcome, 'MasterFailed', /stopped while starting/)
    expect(ecs.workers).toEqual([])
    expectEveryTaskStopped(ecs)
  })

  test.each([
    [
      'no ExecutionId',
      { ...seedInput, JobDetails: { ...seedInput.JobDetails, ExecutionId: undefined } }
    ],
    ['no Jobs', { ...seedInput, Jobs: [] }],
    ['a Job without WorkerCommand', { ...seedInput, Jobs: [{ ...seedJob, WorkerTaskName: 'w' }] }],
    [
      'MasterCommand not a list',
      { ...seedInput, JobDetails: { ...seedInput.JobDetails, MasterCommand: 'locust' } }
    ],
    [
      'Subnets not a list',
      { ...seedInput, JobDetails: { ...seedInput.JobDetails, Subnets: 'subnet-1' } }
    ],
    ['Jobs not a list', { ...seedInput, Jobs: seedInput.Jobs[0] }]
  ])('rejects seed input with %s', async (_label, input) => {
    const ecs = new StackEcs()
    const outcome = await runStateMachine(JSON.parse(JSON.stringify(input)), ecs)

    expectFailure(outcome, 'InvalidInput', /original input format needs JobDetails/)
    expect(ecs.calls).toEqual([])
  })

  test('rejects more than 200 Jobs', async () => {
    const ecs = new StackEcs()
    const jobs = Array(201).fill(seedInput.Jobs[0])
    const outcome = await runStateMachine({ ...seedInput, Jobs: jobs }, ecs)

    expectFailure(outcome, 'InvalidInput', /1 to 200 Jobs/)
    expect(ecs.calls).toEqual([])
  })
})

describe('invalid native input is refused before anything starts', () => {
  const withoutRunId = { ...nativeInput, runId: undefined }
  const withoutLocustfile = { ...nativeInput, locustfile: undefined }
  test.each([
    ['runId missing', withoutRunId, /runId must be/],
    ['runId empty', { ...nativeInput, runId: '' }, /runId must be/],
    ['runId with a slash', { ...nativeInput, runId: 'a/b' }, /runId must be/],
    ['runId a number', { ...nativeInput, runId: 42 }, /runId must be/],
    ['locustfile missing', withoutLocustfile, /locustfile must be/],
    ['users 0', { ...nativeInput, users: 0 }, /users must be a whole number/],
    ['users as text', { ...nativeInput, users: '50' }, /users must be a whole number/],
    ['users fractional', { ...nativeInput, users: 2.5 }, /whole numbers/],
    ['spawnRate 0', { ...nativeInput, spawnRate: 0 }, /spawnRate must be/],
    ['runTimeSeconds 0', { ...nativeInput, runTimeSeconds: 0 }, /runTimeSeconds must be/],
    [
      'runTimeSeconds over 7 days',
      { ...nativeInput, runTimeSeconds: 700000 },
      /runTimeSeconds must be/
    ],
    ['workers 0', { ...nativeInput, workers: 0 }, /workers must be a whole number from 1 to 200/],
    [
      'workers 201',
      { ...nativeInput, workers: 201 },
      /workers must be a whole number from 1 to 200/
    ],
    [
      'workers 1000',
      { ...nativeInput, workers: 1000 },
      /workers must be a whole number from 1 to 200/
    ],
    ['workers fractional', { ...nativeInput, workers: 2.5 }, /whole numbers/],
    ['host a number', { ...nativeInput, host: 8080 }, /host must be a string/],
    [
      'locustArgs a string',
      { ...nativeInput, locustArgs: '--stop-timeout 10' },
      /locustArgs must be a list/
    ],
    ['locustArgs an object', { ...nativeInput, locustArgs: { a: 1 } }, /locustArgs must be a list/],
    ['bucket empty', { ...nativeInput, bucket: '' }, /bucket, cluster and taskDefinition/],
    ['subnets empty', { ...nativeInput, subnets: [] }, /subnets and securityGroups/],
    [
      'securityGroups not a list',
      { ...nativeInput, securityGroups: 'sg-1' },
      /subnets and securityGroups/
    ],
    [
      'subnets a list of numbers',
      { ...nativeInput, subnets: [1, 2] },
      /subnets and securityGroups/
    ],
    ['assignPublicIp yes', { ...nativeInput, assignPublicIp: 'yes' }, /assignPublicIp ENABLED or/],
    [
      'deadlineEpoch as text',
      { ...nativeInput, deadlineEpoch: 'soon' },
      /deadlineEpoch must be a Unix time/
    ]
  ])('%s', async (_label, input, causePart) => {
    const ecs = new StackEcs()
    const outcome = await runStateMachine(input, ecs)

    expectFailure(outcome, 'InvalidInput', causePart)
    expect(ecs.calls).toEqual([])
  })
})

describe('the master watched during the run', () => {
  test('a master that dies mid-run is noticed within a minute: workers stopped at once, exit reason and log stream named', async () => {
    const runPollsBeforeDeath = 3
    const ecs = new StackEcs({
      master: {
        addressOnDescribe: 2,
        stopOnDescribe: 2 + WATCH_POLLS + runPollsBeforeDeath,
        exitCode: 1,
        stoppedReason: 'Essential container in task exited'
      }
    })
    const outcome = await runStateMachine({ ...nativeInput, runTimeSeconds: 1800 }, ecs)

    const taskId = ecs.master!.arn.split('/').at(-1)
    expectFailure(
      outcome,
      'MasterFailed',
      new RegExp(
        `exited with code 1 \\(Essential container in task exited\\).*log stream run/locust/${taskId} `
      )
    )
    // One poll a minute: dead at the 3rd, noticed there, not after the 30-minute run time.
    expect(outcome.watchWaits).toEqual([60, 60, 60])
    expect(ecs.callsOf('DescribeTasks')).toHaveLength(2 + WATCH_POLLS + runPollsBeforeDeath + 1)
    expect(ecs.callsOf('StopTask').map((call) => call.Task)).toEqual(ecs.workers.map((w) => w.arn))
    expectEveryTaskStopped(ecs)
  })

  test('a master that ends normally after the run time is noticed within 5 s', async () => {
    // 240 s of run time left after the workers connected (4 polls), then the margin's 5 s polls.
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2, stopOnDescribe: 2 + WATCH_POLLS + 4 + 2, exitCode: 0 }
    })
    const outcome = await runStateMachine(nativeInput, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    expect(outcome.watchWaits).toEqual([60, 60, 60, 60, 5, 5])
  })

  test('run time not a multiple of the minute: the last run-time poll waits what is left', async () => {
    const ecs = new StackEcs({ master: { addressOnDescribe: 2 } })
    const outcome = await runStateMachine({ ...nativeInput, runTimeSeconds: 150 }, ecs)

    expectFailure(outcome, 'DeadlineExceeded', /30 seconds after the planned run time of 150/)
    // 150 s − the 60 s the workers had to connect: 60 + 30 s, then the 30 s margin.
    expect(outcome.watchWaits).toEqual([60, 30, 5, 5, 5, 5, 5, 5])
  })

  test('DescribeTasks failing for good during the run: MasterFailed naming the error, every task stopped', async () => {
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2 },
      faults: [describeTasksDenied(2 + WATCH_POLLS)]
    })
    const outcome = await runStateMachine({ ...nativeInput, runTimeSeconds: 1800 }, ecs)

    expectFailure(
      outcome,
      'MasterFailed',
      /Could not follow the master task: Ecs.AccessDeniedException/
    )
    expectEveryTaskStopped(ecs)
  })

  test('a run-watch window that fails while the master still runs: MasterFailed naming the error, not a runtime error', async () => {
    // One look inside the window is denied (not retried); the parent's own look then finds the
    // master RUNNING, so the watch itself failed.
    const ecs = new StackEcs({
      master: { addressOnDescribe: 2 },
      faults: [{ ...describeTasksDenied(2 + WATCH_POLLS), times: 1 }]
    })
    const outcome = await runStateMachine({ ...nativeInput, runTimeSeconds: 1800 }, ecs)

    expectFailure(
      outcome,
      'MasterFailed',
      /Could not follow the master task: Ecs.AccessDeniedException. denied/
    )
    expectEveryTaskStopped(ecs)
  })
})

describe("AWS's limits, as the emulator enforces them", () => {
  /** An input whose overrides take `length` characters, as the action measures them. */
  function inputWithOverrides(length: number) {
    const base = {
      ...nativeInput,
      minWorkers: nativeInput.workers,
      deadlineEpoch: 1767225600,
      locustArgs: ['']
    }
    const baseLength = JSON.stringify(workerOverrides({ ...base, bucket: 'dl-runs' })).length
    return { ...base, locustArgs: ['x'.repeat(length - baseLength)] }
  }
  // The action counts the largest ExpectWorkersTimeoutSeconds; the stack here has it.
  const substitutions = { ...testSubstitutions, ExpectWorkersTimeoutSeconds: '1800' }

  test('container overrides of 8,192 characters start; the action refuses one more before anything starts', async () => {
    const fits = inputWithOverrides(ECS_OVERRIDES_LIMIT)
    expect(overridesProblem({ ...fits, bucket: 'dl-runs' })).toBeUndefined()
    const ecs = new StackEcs({ master: normalMaster })
    expect((await runStateMachine(fits, ecs, { substitutions })).status).toBe('SUCCEEDED')

    const over = inputWithOverrides(ECS_OVERRIDES_LIMIT + 1)
    expect(overridesProblem({ ...over, bucket: 'dl-runs' })).toMatch(/Shorten by at least 1 /)
  })

  test('overrides over 8,192 characters started anyway: ECS refuses the master, InvalidInput, nothing left running', async () => {
    const ecs = new StackEcs({ master: normalMaster })
    const outcome = await runStateMachine(inputWithOverrides(ECS_OVERRIDES_LIMIT + 1), ecs, {
      substitutions
    })

    expectFailure(outcome, 'InvalidInput', /Container Overrides length must be at most 8192/)
    expect(ecs.tasks).toHaveLength(0)
  })

  test("StopTask throttled by ECS's rate: the cleanup retries and stops all 200 workers", async () => {
    const ecs = new StackEcs({
      master: normalMaster,
      faults: [awsFaults.ecsThrottling(60, 'StopTask')]
    })
    const outcome = await runStateMachine({ ...nativeInput, workers: 200 }, ecs)

    expect(outcome.status).toBe('SUCCEEDED')
    expect(ecs.model.journal('StopTask').filter((call) => call.error)).toHaveLength(60)
    expectEveryTaskStopped(ecs)
  })
})

test('the cluster ARN the stack passes is used for every ECS call', async () => {
  const ecs = new StackEcs({ master: normalMaster })
  await runStateMachine(nativeInput, ecs)
  const ecsCalls = ecs.calls.filter((call) => call.action !== 'PutObject')
  expect(new Set(ecsCalls.map((call) => call.params.Cluster))).toEqual(new Set([CLUSTER_ARN]))
})
