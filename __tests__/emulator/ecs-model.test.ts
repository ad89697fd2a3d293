/**
 * The ECS model called directly (no HTTP, no processes): its checks, its faults by call number and
 * the scripted tasks the state-machine tests drive.
 */
import { EcsModel, ScriptedTasks, type MasterScript } from './ecs-model.js'
import { AwsServiceError } from './http.js'

interface WireTask {
  taskArn: string
  lastStatus: string
  desiredStatus: string
  stopCode?: string
  stoppedReason?: string
  attachments: { status: string; details: { name: string; value: string }[] }[]
  containers: { exitCode?: number }[]
}

function scriptedModel(script: MasterScript = {}, options: { containerNames?: string[] } = {}) {
  return new EcsModel({
    region: 'eu-west-1',
    accountId: '123456789012',
    driver: new ScriptedTasks(script),
    clusters: ['load'],
    ...options
  })
}

function runTaskInput(overrides: Record<string, unknown> = {}) {
  return {
    cluster: 'load',
    taskDefinition: 'locust:1',
    count: 1,
    startedBy: 'run-1',
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
    overrides: { containerOverrides: [{ name: 'locust', command: ['master'] }] },
    ...overrides
  }
}

function launch(model: EcsModel, count = 1): string[] {
  const { tasks } = model.call('RunTask', runTaskInput({ count })) as { tasks: WireTask[] }
  return tasks.map((task) => task.taskArn)
}

function describeOne(model: EcsModel, arn: string): WireTask {
  const { tasks } = model.call('DescribeTasks', { cluster: 'load', tasks: [arn] }) as {
    tasks: WireTask[]
  }
  return tasks[0]
}

function errorOf(call: () => unknown): { type: string; message: string } {
  try {
    call()
  } catch (error) {
    if (error instanceof AwsServiceError) return { type: error.type, message: error.message }
    throw error
  }
  throw new Error('The call did not fail.')
}

test('a cluster that does not exist is refused by every action', () => {
  const model = scriptedModel()
  expect(errorOf(() => model.call('RunTask', runTaskInput({ cluster: 'other' })))).toEqual({
    type: 'ClusterNotFoundException',
    message: 'Cluster not found.'
  })
  for (const [action, input] of [
    ['DescribeTasks', { cluster: 'other', tasks: ['x'] }],
    ['ListTasks', { cluster: 'other' }],
    ['StopTask', { cluster: 'other', task: 'x' }]
  ] as const) {
    expect(errorOf(() => model.call(action, input)).type).toBe('ClusterNotFoundException')
  }
  expect(model.records()).toEqual([])
})

test('an override naming a container the task definition lacks is refused', () => {
  const model = scriptedModel({}, { containerNames: ['seed-master'] })
  expect(errorOf(() => model.call('RunTask', runTaskInput()))).toEqual({
    type: 'InvalidParameterException',
    message: 'Override for container named locust is not a container in the TaskDefinition.'
  })
})

test('error faults hit the calls they pick by number, with any error name, and are journaled', () => {
  const model = scriptedModel()
  model.injectFault({
    kind: 'error',
    action: 'ListTasks',
    type: 'AccessDeniedException',
    message: 'denied',
    times: Infinity,
    when: (call) => call.callIndex >= 1
  })
  model.call('ListTasks', { cluster: 'load' })
  expect(errorOf(() => model.call('ListTasks', { cluster: 'load' })).type).toBe(
    'AccessDeniedException'
  )
  expect(errorOf(() => model.call('ListTasks', { cluster: 'load' })).type).toBe(
    'AccessDeniedException'
  )
  expect(model.journal('ListTasks').map((entry) => entry.error?.type)).toEqual([
    undefined,
    'AccessDeniedException',
    'AccessDeniedException'
  ])
})

test('RunTask failures can pick the launch by its call number and task count', () => {
  const model = scriptedModel()
  model.injectFault({
    kind: 'failures',
    tasksLaunched: 1,
    failureEntries: 1,
    times: Infinity,
    when: (request) => request.count === 3
  })
  expect(launch(model, 2)).toHaveLength(2)
  const partly = model.call('RunTask', runTaskInput({ count: 3 })) as {
    tasks: unknown[]
    failures: unknown[]
  }
  expect([partly.tasks.length, partly.failures.length]).toEqual([1, 1])
})

test('the scripted master: no attachment, then a precreated interface, then its address; PENDING, then RUNNING', () => {
  const model = scriptedModel({ addressOnDescribe: 3 })
  const [master, worker] = [...launch(model), ...launch(model)]

  const first = describeOne(model, master)
  expect(first.lastStatus).toBe('PROVISIONING')
  expect(first.attachments).toEqual([])
  const second = describeOne(model, master)
  expect(second.attachments).toMatchObject([
    { status: 'PRECREATED', details: [{ name: 'subnetId', value: 'subnet-a' }] }
  ])
  expect(second.attachments[0].details).toHaveLength(1)
  const third = describeOne(model, master)
  expect(third.lastStatus).toBe('PENDING')
  expect(third.attachments[0].status).toBe('ATTACHED')
  expect(third.attachments[0].details.map((detail) => detail.name)).toContain('privateIPv4Address')
  expect(describeOne(model, master).lastStatus).toBe('RUNNING')

  const workerNow = describeOne(model, worker)
  expect(workerNow.lastStatus).toBe('RUNNING')
  expect(workerNow.attachments[0].status).toBe('ATTACHED')
})

test('the scripted master can stop without an exit code, with any stop code', () => {
  const model = scriptedModel({
    stopOnDescribe: 2,
    exitCode: null,
    stopCode: 'SpotInterruption',
    stoppedReason: 'Your Spot Task was interrupted.'
  })
  const [master] = launch(model)
  expect(describeOne(model, master).lastStatus).toBe('PROVISIONING')
  const stopped = describeOne(model, master)
  expect(stopped).toMatchObject({
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    stopCode: 'SpotInterruption',
    stoppedReason: 'Your Spot Task was interrupted.'
  })
  expect(stopped.containers[0].exitCode).toBeUndefined()
})

test('StopTask stops a scripted task at once: STOPPED, exit code 143, the reason given', () => {
  const model = scriptedModel({ addressOnDescribe: 1 })
  const [master] = launch(model)
  const { task } = model.call('StopTask', {
    cluster: 'load',
    task: master,
    reason: 'deadline'
  }) as { task: WireTask }
  expect(task).toMatchObject({
    lastStatus: 'STOPPED',
    stopCode: 'UserInitiated',
    stoppedReason: 'deadline',
    containers: [{ exitCode: 143 }]
  })
  expect(model.call('ListTasks', { cluster: 'load' })).toMatchObject({ taskArns: [] })
})

test('StopTask is throttled as ECS throttles it: a burst, then a steady refill', () => {
  const model = new EcsModel({
    region: 'eu-west-1',
    accountId: '123456789012',
    driver: new ScriptedTasks(),
    clusters: ['load'],
    stopTaskRate: { burst: 5, perSecond: 1 }
  })
  const tasks = launch(model, 8)
  const outcomes = tasks.map((task) => {
    try {
      model.call('StopTask', { cluster: 'load', task })
      return 'stopped'
    } catch (error) {
      return (error as AwsServiceError).type
    }
  })
  expect(outcomes).toEqual([...Array(5).fill('stopped'), ...Array(3).fill('ThrottlingException')])
})

test('a RunTask repeated with its ClientToken answers the first call and starts nothing more', () => {
  const model = scriptedModel()
  const first = model.call('RunTask', runTaskInput({ count: 3, clientToken: 'token-1' }))
  const again = model.call('RunTask', runTaskInput({ count: 3, clientToken: 'token-1' }))
  expect(again).toEqual(first)
  expect(model.records()).toHaveLength(3)
  model.call('RunTask', runTaskInput({ count: 3, clientToken: 'token-2' }))
  expect(model.records()).toHaveLength(6)
})

describe('capacity providers and Spot', () => {
  const placed = (model: EcsModel, strategy: unknown[], count: number) => {
    const { tasks } = model.call(
      'RunTask',
      runTaskInput({ count, capacityProviderStrategy: strategy })
    ) as { tasks: { capacityProviderName: string }[] }
    return tasks.map((task) => task.capacityProviderName)
  }

  test('a strategy places each provider’s base first, then the rest by weight', () => {
    const model = scriptedModel()
    launch(model) // the master
    const mixed = [
      { capacityProvider: 'FARGATE', weight: 1, base: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 }
    ]
    const providers = placed(model, mixed, 10)
    expect(providers[0]).toBe('FARGATE')
    expect(providers.filter((name) => name === 'FARGATE')).toHaveLength(3)
    expect(providers.filter((name) => name === 'FARGATE_SPOT')).toHaveLength(7)
    expect(placed(model, [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], 2)).toEqual([
      'FARGATE_SPOT',
      'FARGATE_SPOT'
    ])
  })

  test('a launch type with a strategy, or a provider the cluster lacks, is refused as ECS does', () => {
    const model = scriptedModel()
    const call = (input: Record<string, unknown>) => () =>
      model.call('RunTask', runTaskInput(input))
    expect(
      call({ launchType: 'FARGATE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] })
    ).toThrow(/both a launch type and capacity provider strategy/)
    expect(
      call({ capacityProviderStrategy: [{ capacityProvider: 'EC2_ASG', weight: 1 }] })
    ).toThrow(/not associated with the cluster/)
  })

  test('a reclaimed Spot task stops with stop code SpotInterruption; an on-demand one cannot be reclaimed', () => {
    const model = scriptedModel()
    const [master] = launch(model)
    const { tasks } = model.call(
      'RunTask',
      runTaskInput({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] })
    ) as { tasks: WireTask[] }
    model.reclaim(tasks[0].taskArn)
    expect(describeOne(model, tasks[0].taskArn)).toMatchObject({
      desiredStatus: 'STOPPED',
      lastStatus: 'STOPPED',
      stopCode: 'SpotInterruption',
      stoppedReason: 'Your Spot Task was interrupted.'
    })
    expect(() => model.reclaim(master)).toThrow(/not a running Spot task/)
  })
})
