/**
 * An execution started directly (StartExecution through the SDK, as the seed project's callers do)
 * with the seed input format of docs/aws-contract.md: raw Locust commands, one Jobs entry per
 * worker. The state machine runs them as given, appending the master's address to every worker.
 */
import { jest } from '@jest/globals'
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn'
import { createServer } from 'node:net'
import { join } from 'node:path'
import {
  CLUSTER,
  isMaster,
  isWorker,
  REPO,
  SECURITY_GROUP,
  SEED_RUN_TIME_SECONDS,
  STATE_MACHINE_ARN,
  SUBNETS,
  taskLogs,
  waitFor,
  waitForNoRunningTask,
  useAwsWorld
} from './world.js'

jest.setTimeout(60_000)

const world = useAwsWorld()

/** A port free on every interface: the seed master binds all of them. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

test('a seed-format execution runs the commands as given, workers told the master address', async () => {
  const port = String(await freePort())
  const locustfile = join(REPO, 'examples', 'locustfile.py')
  const runId = 'seed-e2e-1'
  const job = {
    ClusterName: CLUSTER,
    TaskDefinition: world.stackOutputs.TaskDefinitionArn,
    Subnets: SUBNETS,
    SecurityGroups: [SECURITY_GROUP],
    FamilyName: 'seed'
  }
  const masterCommand = [
    'locust',
    '-f',
    locustfile,
    '--master',
    '--headless',
    '--master-bind-port',
    port,
    '--expect-workers',
    '2',
    '-u',
    '4',
    '-r',
    '4',
    '-t',
    `${SEED_RUN_TIME_SECONDS}s`,
    '-H',
    world.target.url
  ]
  const workerCommand = ['locust', '-f', locustfile, '--worker', '--master-port', port]
  const input = {
    JobDetails: {
      ...job,
      ExecutionId: runId,
      MasterTaskName: 'seed-master',
      MasterCommand: masterCommand
    },
    Jobs: [1, 2].map(() => ({
      ...job,
      WorkerTaskName: 'seed-worker',
      WorkerCommand: workerCommand
    }))
  }

  const sfn = new SFNClient({})
  try {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: STATE_MACHINE_ARN,
        name: runId,
        input: JSON.stringify(input)
      })
    )
    const execution = await waitFor(
      'the execution to end',
      () => sfn.send(new DescribeExecutionCommand({ executionArn })),
      (described) => described.status !== 'RUNNING',
      40_000,
      250
    )
    if (execution.status !== 'SUCCEEDED') {
      throw new Error(
        `Execution ${execution.status}: ${execution.error}: ${execution.cause}\n${taskLogs(world.emulator)}`
      )
    }
    expect(JSON.parse(execution.output!)).toMatchObject({
      runId,
      masterExitCode: 0,
      workersRequested: 2,
      workersLaunched: 2
    })
  } finally {
    sfn.destroy()
  }

  const tasks = world.emulator.ecs.tasks()
  // Seed tasks carry raw Locust commands, not the native `master` / `worker`.
  expect(tasks.filter((task) => isMaster(task) || isWorker(task))).toEqual([])
  const seedMaster = tasks.find((task) => task.command.includes('--master'))!
  const seedWorkers = tasks.filter((task) => task.command.includes('--worker'))
  expect(seedMaster.command).toEqual(masterCommand)
  expect(seedWorkers.map((task) => task.command)).toEqual(
    Array(2).fill([...workerCommand, '--master-host', seedMaster.address])
  )
  expect(tasks.every((task) => task.startedBy === runId && task.exitCode === 0)).toBe(true)
  // The seed form sets no DL_* variables: nothing is staged or uploaded.
  expect(seedMaster.environment).toEqual({})
  expect(await world.emulator.objectKeys('runs/')).toEqual([])
  const masterLog = world.emulator.ecs.taskLog(seedMaster.taskArn)
  expect(masterLog).toContain('2 workers connected')
  expect(masterLog).toMatch(/GET\s+\/api\/items/)
  await waitForNoRunningTask(world.emulator.ecs)
})
