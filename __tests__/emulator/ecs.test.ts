import {
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  type RunTaskCommandInput,
  type Task
} from '@aws-sdk/client-ecs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { existsSync, readFileSync } from 'node:fs'
import { applyEnv, startEmulator, type Emulator } from './index.js'
import { processExists, waitFor } from './wait.js'

const fakeTask = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fake-task.mjs')
/**
 * Fargate's lifecycle, 40 times faster or so, with a second between the address and PENDING: wide
 * enough for a poll of DescribeTasks to see it on a busy machine (200 ms failed there once).
 */
const TIMINGS = {
  addressMs: 300,
  provisioningMs: 1300,
  pendingMs: 300,
  stopTimeoutMs: 1000,
  deprovisioningMs: 400
}
const START_DELAY_MS = TIMINGS.provisioningMs + TIMINGS.pendingMs

let emulator: Emulator
let restoreEnv: () => void
let ecs: ECSClient

beforeAll(async () => {
  emulator = await startEmulator({
    ecs: {
      taskCommand: [process.execPath, fakeTask],
      timings: TIMINGS,
      baseEnv: { DL_FROM_IMAGE: 'image value' }
    }
  })
  restoreEnv = applyEnv(emulator.env)
  // No endpoint here: the client must find the emulator through AWS_ENDPOINT_URL_ECS.
  ecs = new ECSClient({ maxAttempts: 1 })
})

afterAll(async () => {
  ecs.destroy()
  restoreEnv()
  await emulator.stop()
})

function runTaskInput(
  command: string[],
  extra: Partial<RunTaskCommandInput> = {}
): RunTaskCommandInput {
  return {
    cluster: 'load',
    taskDefinition: 'locust:3',
    launchType: 'FARGATE',
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'] } },
    overrides: { containerOverrides: [{ name: 'locust', command }] },
    ...extra
  }
}

async function launch(command: string[], extra: Partial<RunTaskCommandInput> = {}): Promise<Task> {
  const { tasks, failures } = await ecs.send(new RunTaskCommand(runTaskInput(command, extra)))
  expect(failures).toEqual([])
  return tasks![0]
}

async function describe(taskArn: string, cluster = 'load'): Promise<Task> {
  const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }))
  return tasks![0]
}

function privateAddress(task: Task): string | undefined {
  return task.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value
}

/** RUNNING means started, not ready: this waits until the fake task has set up its SIGTERM handler. */
async function untilReady(taskArn: string): Promise<void> {
  await waitFor(
    'the task to report',
    () => emulator.ecs.taskLog(taskArn),
    (log) => log.includes('\n')
  )
}

/** The JSON line the fake task prints first. */
function fakeTaskReport(taskArn: string): {
  argv: string[]
  pid: number
  childPid?: number
  environment: Record<string, string>
} {
  return JSON.parse(emulator.ecs.taskLog(taskArn).split('\n')[0])
}

test('a task goes PROVISIONING (its address known during it), PENDING, RUNNING, DEPROVISIONING with its exit code, then STOPPED', async () => {
  const environment = [{ name: 'DL_RUN_ID', value: 'run-1' }]
  const { tasks } = await ecs.send(
    new RunTaskCommand(
      runTaskInput(['run', '400'], {
        count: 2,
        startedBy: 'run-1',
        group: 'distributed-locust',
        tags: [{ key: 'distributed-locust:run-id', value: 'run-1' }],
        overrides: {
          containerOverrides: [{ name: 'locust', command: ['run', '400'], environment }]
        }
      })
    )
  )
  expect(tasks).toHaveLength(2)
  const [first, second] = tasks!
  expect(first.lastStatus).toBe('PROVISIONING')
  expect(first.desiredStatus).toBe('RUNNING')
  expect(first.startedBy).toBe('run-1')
  expect(first.group).toBe('distributed-locust')
  expect(first.taskDefinitionArn).toBe(
    'arn:aws:ecs:us-east-1:123456789012:task-definition/locust:3'
  )
  expect(first.taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/load\/[0-9a-f]{32}$/)
  expect(privateAddress(first)).toBeUndefined()
  expect(first.attachments![0].details).toEqual([{ name: 'subnetId', value: 'subnet-a' }])

  const pending = await waitFor(
    'an address',
    () => describe(first.taskArn!),
    (t) => !!privateAddress(t)
  )
  // As on Fargate, the network interface is attached before the image is pulled.
  expect(pending.lastStatus).toBe('PROVISIONING')
  expect(pending.containers![0].lastStatus).toBe('PENDING')
  expect(pending.containers![0].networkInterfaces![0].privateIpv4Address).toBe(
    privateAddress(pending)
  )
  expect(Date.now() - pending.createdAt!.getTime()).toBeGreaterThanOrEqual(TIMINGS.addressMs - 10)
  await waitFor(
    'PENDING',
    () => describe(first.taskArn!),
    (t) => t.lastStatus === 'PENDING'
  )

  const running = await waitFor(
    'RUNNING',
    () => describe(first.taskArn!),
    (t) => t.lastStatus === 'RUNNING'
  )
  expect(running.startedAt!.getTime() - running.createdAt!.getTime()).toBeGreaterThanOrEqual(
    START_DELAY_MS - 10
  )
  expect(running.containers![0]).toMatchObject({ name: 'locust', lastStatus: 'RUNNING' })

  const deprovisioning = await waitFor(
    'DEPROVISIONING',
    () => describe(first.taskArn!),
    (t) => t.lastStatus === 'DEPROVISIONING'
  )
  expect(deprovisioning).toMatchObject({
    desiredStatus: 'STOPPED',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited'
  })
  expect(deprovisioning.containers![0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 })
  expect(deprovisioning.stoppedAt).toBeUndefined()

  const stopped = await waitFor(
    'STOPPED',
    () => describe(first.taskArn!),
    (t) => t.lastStatus === 'STOPPED'
  )
  expect(stopped.containers![0].exitCode).toBe(0)
  expect(stopped.stoppedAt!.getTime()).toBeGreaterThanOrEqual(stopped.startedAt!.getTime() + 400)
  expect(
    stopped.stoppedAt!.getTime() - stopped.executionStoppedAt!.getTime()
  ).toBeGreaterThanOrEqual(TIMINGS.deprovisioningMs - 10)

  const addressOfSecond = privateAddress(await describe(second.taskArn!))
  expect(privateAddress(pending)).toMatch(/^127\.\d+\.\d+\.\d+$/)
  expect(addressOfSecond).not.toBe(privateAddress(pending))

  const report = fakeTaskReport(first.taskArn!)
  expect(report.argv).toEqual(['run', '400'])
  expect(report.environment).toMatchObject({
    DL_RUN_ID: 'run-1',
    DL_FROM_IMAGE: 'image value',
    DL_BIND_HOST: privateAddress(pending),
    AWS_ENDPOINT_URL_S3: emulator.endpoints.s3
  })
  // Scratch files stay inside the emulator's work folder, which stop() removes.
  expect(report.environment.TMPDIR.startsWith(join(emulator.workDir, 'tasks'))).toBe(true)
  expect(existsSync(report.environment.TMPDIR)).toBe(true)

  const withTags = await ecs.send(
    new DescribeTasksCommand({ cluster: 'load', tasks: [first.taskArn!], include: ['TAGS'] })
  )
  expect(withTags.tasks![0].tags).toEqual([{ key: 'distributed-locust:run-id', value: 'run-1' }])
  expect(stopped.tags).toBeUndefined()
})

test('StopTask sends SIGTERM, and the task stops with the exit code and the given reason', async () => {
  const task = await launch(['run', '60000'])
  await untilReady(task.taskArn!)
  const { task: stopping } = await ecs.send(
    new StopTaskCommand({ cluster: 'load', task: task.taskArn, reason: 'cancelled by the test' })
  )
  expect(stopping!.desiredStatus).toBe('STOPPED')

  const stopped = await waitFor(
    'STOPPED',
    () => describe(task.taskArn!),
    (t) => t.lastStatus === 'STOPPED'
  )
  expect(stopped).toMatchObject({
    stopCode: 'UserInitiated',
    stoppedReason: 'cancelled by the test'
  })
  expect(stopped.containers![0].exitCode).toBe(143)
  expect(stopped.stoppingAt).toBeDefined()
  expect(emulator.ecs.taskLog(task.taskArn!)).toContain('SIGTERM received')
})

test('a task that ignores SIGTERM is killed after the stop timeout', async () => {
  const task = await launch(['stubborn', '60000'])
  await untilReady(task.taskArn!)
  const stopRequested = Date.now()
  await ecs.send(new StopTaskCommand({ cluster: 'load', task: task.taskArn }))
  expect((await describe(task.taskArn!)).lastStatus).toBe('STOPPING')

  const stopped = await waitFor(
    'STOPPED',
    () => describe(task.taskArn!),
    (t) => t.lastStatus === 'STOPPED'
  )
  expect(stopped.containers![0].exitCode).toBe(137)
  expect(stopped.stoppedReason).toBe('Task stopped by user')
  expect(Date.now() - stopRequested).toBeGreaterThanOrEqual(1000)
})

test('a task stopped while provisioning never starts its process', async () => {
  const task = await launch(['run', '60000'])
  await ecs.send(new StopTaskCommand({ cluster: 'load', task: task.taskArn }))
  expect((await describe(task.taskArn!)).lastStatus).toBe('DEPROVISIONING')
  await emulator.ecs.whenStopped(task.taskArn!)
  const stopped = await describe(task.taskArn!)
  expect(stopped.lastStatus).toBe('STOPPED')
  expect(stopped.containers![0].exitCode).toBeUndefined()
  await new Promise((resolve) => setTimeout(resolve, START_DELAY_MS + 200))
  expect(emulator.ecs.task(task.taskArn!).pid).toBeUndefined()
})

test('when the main process exits, the processes it left behind are killed too', async () => {
  const task = await launch(['with-child', '300'])
  await emulator.ecs.whenStopped(task.taskArn!)
  const { childPid } = fakeTaskReport(task.taskArn!)
  expect(childPid).toBeGreaterThan(0)
  await waitFor(
    'the orphan to die',
    () => processExists(childPid!),
    (alive) => !alive,
    5000
  )
})

test('a crashed task stops with exit code 137', async () => {
  const task = await launch(['run', '60000'])
  await waitFor(
    'RUNNING',
    () => describe(task.taskArn!),
    (t) => t.lastStatus === 'RUNNING'
  )
  emulator.ecs.crashTask(task.taskArn!)
  const stopped = await emulator.ecs.whenStopped(task.taskArn!)
  expect(stopped).toMatchObject({ exitCode: 137, stopCode: 'EssentialContainerExited' })
})

test('ListTasks filters by cluster, startedBy or desired status, and pages', async () => {
  const [a1, a2] = [
    await launch(['run', '60000'], { startedBy: 'list-a' }),
    await launch(['run', '60000'], { startedBy: 'list-a' })
  ]
  await launch(['run', '60000'], { startedBy: 'list-b' })
  await launch(['run', '60000'], { startedBy: 'list-a', cluster: 'other' })

  const listed = await ecs.send(new ListTasksCommand({ cluster: 'load', startedBy: 'list-a' }))
  expect(listed.taskArns!.sort()).toEqual([a1.taskArn, a2.taskArn].sort())

  await ecs.send(new StopTaskCommand({ cluster: 'load', task: a1.taskArn }))
  const stillRunning = await ecs.send(
    new ListTasksCommand({ cluster: 'load', startedBy: 'list-a' })
  )
  expect(stillRunning.taskArns).toEqual([a2.taskArn])
  const stopped = await ecs.send(
    new ListTasksCommand({ cluster: 'load', desiredStatus: 'STOPPED' })
  )
  expect(stopped.taskArns).toContain(a1.taskArn)
  expect(stopped.taskArns).not.toContain(a2.taskArn)

  const firstPage = await ecs.send(new ListTasksCommand({ cluster: 'other', maxResults: 1 }))
  expect(firstPage.taskArns).toHaveLength(1)
  await launch(['run', '60000'], { cluster: 'other' })
  const pageOne = await ecs.send(new ListTasksCommand({ cluster: 'other', maxResults: 1 }))
  const pageTwo = await ecs.send(
    new ListTasksCommand({ cluster: 'other', maxResults: 1, nextToken: pageOne.nextToken })
  )
  expect(pageOne.nextToken).toBeDefined()
  expect(pageTwo.taskArns).toHaveLength(1)
  expect(pageTwo.taskArns![0]).not.toBe(pageOne.taskArns![0])
  expect(pageTwo.nextToken).toBeUndefined()
})

test.each([
  { desiredStatus: 'RUNNING' as const },
  { family: 'locust' },
  { launchType: 'FARGATE' as const }
])('ListTasks refuses startedBy with another filter (%o), as ECS does', async (filter) => {
  await expect(
    ecs.send(new ListTasksCommand({ cluster: 'load', startedBy: 'list-a', ...filter }))
  ).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: expect.stringMatching(/startedBy parameter must be the only filter/)
  })
})

test('injected throttling fails the next RunTask calls, and the journal records them', async () => {
  const before = emulator.ecs.journal('RunTask').length
  emulator.ecs.injectFault({ kind: 'throttle', times: 2 })
  for (let attempt = 0; attempt < 2; attempt++) {
    await expect(ecs.send(new RunTaskCommand(runTaskInput(['run', '100'])))).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded'
    })
  }
  await launch(['run', '100'])
  const calls = emulator.ecs.journal('RunTask').slice(before)
  expect(calls.map((call) => call.error?.type)).toEqual([
    'ThrottlingException',
    'ThrottlingException',
    undefined
  ])
})

test('injected failures answer RunTask with Failures, optionally for some of the tasks only', async () => {
  emulator.ecs.injectFault({ kind: 'failures', reason: 'RESOURCE:MEMORY', tasksLaunched: 1 })
  const partly = await ecs.send(new RunTaskCommand(runTaskInput(['run', '100'], { count: 3 })))
  expect(partly.tasks).toHaveLength(1)
  expect(partly.failures).toEqual([{ reason: 'RESOURCE:MEMORY' }, { reason: 'RESOURCE:MEMORY' }])

  const whole = await ecs.send(new RunTaskCommand(runTaskInput(['run', '100'], { count: 2 })))
  expect(whole.tasks).toHaveLength(2)
  expect(whole.failures).toEqual([])
})

test('injected failures can list fewer or more entries than tasks not launched, as ECS may', async () => {
  emulator.ecs.injectFault({ kind: 'failures', tasksLaunched: 1, failureEntries: 1 })
  const fewer = await ecs.send(new RunTaskCommand(runTaskInput(['run', '100'], { count: 4 })))
  expect([fewer.tasks!.length, fewer.failures!.length]).toEqual([1, 1])

  emulator.ecs.injectFault({ kind: 'failures', tasksLaunched: 2, failureEntries: 3 })
  const more = await ecs.send(new RunTaskCommand(runTaskInput(['run', '100'], { count: 2 })))
  expect([more.tasks!.length, more.failures!.length]).toEqual([2, 3])
})

test('a fault can target worker launches only: the worker fails to start', async () => {
  emulator.ecs.injectFault({
    kind: 'failToStart',
    when: (launch) => launch.command[0] === 'worker'
  })
  const master = await launch(['run', '60000', 'master'])
  const worker = await launch(['worker', '60000'])
  const failed = await emulator.ecs.whenStopped(worker.taskArn!)
  expect(failed.stopCode).toBe('TaskFailedToStart')
  expect(failed.stoppedReason).toMatch(/^CannotPullContainerError/)
  expect(failed.pid).toBeUndefined()
  expect((await describe(worker.taskArn!)).containers![0].exitCode).toBeUndefined()
  await waitFor(
    'master RUNNING',
    () => describe(master.taskArn!),
    (t) => t.lastStatus === 'RUNNING'
  )
})

test('invalid requests get the errors ECS gives', async () => {
  await expect(
    ecs.send(new RunTaskCommand(runTaskInput(['run', '1'], { count: 11 })))
  ).rejects.toMatchObject({
    name: 'InvalidParameterException'
  })
  await expect(
    ecs.send(new RunTaskCommand({ ...runTaskInput(['run', '1']), networkConfiguration: undefined }))
  ).rejects.toThrow(/Network Configuration must be provided/)
  await expect(
    ecs.send(new RunTaskCommand(runTaskInput(['run', '1'], { startedBy: 'x'.repeat(37) })))
  ).rejects.toMatchObject({ name: 'InvalidParameterException' })
  await expect(ecs.send(new StopTaskCommand({ cluster: 'load', task: 'nope' }))).rejects.toThrow(
    'The referenced task was not found.'
  )
  const missing = await ecs.send(new DescribeTasksCommand({ cluster: 'load', tasks: ['nope'] }))
  expect(missing).toMatchObject({ tasks: [], failures: [{ arn: 'nope', reason: 'MISSING' }] })
})

test('stop() kills every task process and closes the endpoints', async () => {
  const own = await startEmulator({
    ecs: {
      taskCommand: [process.execPath, fakeTask],
      timings: { addressMs: 0, provisioningMs: 0, pendingMs: 0 }
    }
  })
  const client = new ECSClient({ endpoint: own.endpoints.ecs, maxAttempts: 1 })
  const { tasks } = await client.send(new RunTaskCommand(runTaskInput(['with-child', '60000'])))
  const running = await waitFor(
    'the task to report',
    () => own.ecs.taskLog(tasks![0].taskArn!),
    (log) => log.includes('\n')
  )
  const { pid, childPid } = JSON.parse(running.split('\n')[0]) as { pid: number; childPid: number }
  await own.stop()
  expect(processExists(pid)).toBe(false)
  await waitFor(
    'the orphan to die',
    () => processExists(childPid),
    (alive) => !alive,
    5000
  )
  expect(own.ecs.runningTasks()).toEqual([])
  await expect(client.send(new ListTasksCommand({}))).rejects.toThrow()
  expect(() => readFileSync(own.ecs.tasks()[0].logFile)).toThrow()
  client.destroy()
})
