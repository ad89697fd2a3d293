/**
 * The emulator running what we ship: the state machine Definition from cloudformation/template.yaml
 * starts the real container entrypoint (docker/entrypoint.py) as master and worker, with real
 * Locust, against the example target server; the results land in the emulated S3.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn'
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { loadStateMachineDefinition } from '../../scripts/template/template.js'
import { applyEnv, startEmulator, stateMachineArn, type Emulator } from './index.js'
import { waitFor } from './wait.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const arn = stateMachineArn('distributed-locust')
const bucket = 'distributed-locust-runs'

let emulator: Emulator
let definition: object
let restoreEnv: () => void
let target: ChildProcess
let targetUrl: string

beforeAll(async () => {
  target = spawn(process.execPath, [join(root, 'examples', 'target-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  targetUrl = await new Promise<string>((resolve) =>
    createInterface({ input: target.stdout! }).once('line', resolve)
  )
  definition = loadStateMachineDefinition(
    readFileSync(join(root, 'cloudformation', 'template.yaml'), 'utf8'),
    {
      BucketName: bucket,
      ClusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/distributed-locust',
      TaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/distributed-locust:1',
      Subnets: 'subnet-0a,subnet-0b',
      SecurityGroup: 'sg-0c',
      AssignPublicIp: 'DISABLED',
      ContainerName: 'locust',
      ExpectWorkersTimeoutSeconds: '30',
      RunDeadlineMarginSeconds: '60',
      SeedRunTimeSeconds: '5'
    }
  )
  emulator = await startEmulator({
    bucket,
    stateMachines: { [arn]: definition },
    ecs: { timings: { addressMs: 300, provisioningMs: 600, pendingMs: 400, deprovisioningMs: 500 } }
  })
  restoreEnv = applyEnv(emulator.env)
})

afterAll(async () => {
  restoreEnv()
  await emulator.stop()
  target.kill()
})

test('one master and one worker run real Locust from the staged bundle and upload the results', async () => {
  const runId = 'emulated-real-stack'
  const s3 = new S3Client({})
  const sfn = new SFNClient({})
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `runs/${runId}/bundle/locustfile.py`,
      Body: readFileSync(join(root, 'examples', 'locustfile.py'))
    })
  )
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: arn,
      name: runId,
      input: JSON.stringify({
        runId,
        locustfile: 'locustfile.py',
        users: 4,
        spawnRate: 4,
        runTimeSeconds: 3,
        host: targetUrl,
        workers: 1
      })
    })
  )
  const described = await waitFor(
    'the execution to end',
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (execution) => execution.status !== 'RUNNING',
    40_000,
    250
  )
  const tasks = emulator.ecs.tasks()
  if (described.status !== 'SUCCEEDED') {
    const logs = tasks.map(
      (task) => `--- ${task.command.join(' ')}\n${emulator.ecs.taskLog(task.taskArn)}`
    )
    throw new Error(
      `Execution ${described.status}: ${described.error}: ${described.cause}\n${logs.join('\n')}`
    )
  }

  const output = JSON.parse(described.output!)
  const master = tasks.find((task) => task.command[0] === 'master')!
  expect(output).toMatchObject({
    runId,
    bucket,
    resultsPrefix: `runs/${runId}/results/`,
    masterTaskArn: master.taskArn,
    masterExitCode: 0,
    workersRequested: 1,
    workersLaunched: 1
  })
  const workers = tasks.filter((task) => task.command[0] === 'worker')
  expect(workers).toHaveLength(1)
  // The worker started without the address and read it from the object the state machine wrote.
  expect(workers[0].command).toEqual(['worker'])
  const addressKey = `runs/${runId}/master-address`
  expect(workers[0].environment.DL_MASTER_ADDRESS_KEY).toBe(addressKey)
  expect(workers[0].createdAt - master.createdAt).toBeLessThan(300)
  const addressObject = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: addressKey }))
  expect(await addressObject.Body!.transformToString()).toBe(master.address)
  expect(emulator.ecs.taskLog(workers[0].taskArn)).toContain(
    `master address ${master.address} read from s3://${bucket}/${addressKey}`
  )
  // The execution ends once the master deprovisions; ECS takes a while longer to reach STOPPED.
  expect(tasks.every((task) => task.desiredStatus === 'STOPPED')).toBe(true)
  const stopped = await Promise.all(tasks.map((task) => emulator.ecs.whenStopped(task.taskArn)))
  expect(stopped.every((task) => task.startedBy === runId && task.exitCode === 0)).toBe(true)

  expect(await emulator.objectKeys(`runs/${runId}/results/`)).toEqual(
    [
      'histograms.json',
      'locust_exceptions.csv',
      'locust_failures.csv',
      'locust_stats.csv',
      'locust_stats_history.csv',
      'master.log',
      'progress.json',
      'report.html',
      'result.json'
    ].map((file) => `runs/${runId}/results/${file}`)
  )
  const read = async (file: string) =>
    (
      await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `runs/${runId}/results/${file}` }))
    ).Body!.transformToString()
  const result = JSON.parse(await read('result.json'))
  expect(result).toMatchObject({ runId, exitCode: 0, partial: false, workersExpected: 1 })
  expect(result.workersConnected).toBe(result.workerProcessesExpected)
  const aggregated = (await read('locust_stats.csv'))
    .split('\n')
    .find((line) => line.includes('Aggregated'))
  expect(Number(aggregated!.split(',')[2])).toBeGreaterThan(0)
  s3.destroy()
  sfn.destroy()
}, 60_000)

test('a master whose image is missing fails a 30-minute run within a minute, naming the stop reason (Fargate timings)', async () => {
  // Its own emulator with the default, Fargate-like task timings.
  const fargate = await startEmulator({ bucket, stateMachines: { [arn]: definition } })
  const sfn = new SFNClient({ endpoint: fargate.endpoints.sfn })
  try {
    fargate.ecs.injectFault({
      kind: 'failToStart',
      when: (launch) => launch.command[0] === 'master'
    })
    const startedAt = Date.now()
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: arn,
        name: 'image-missing',
        input: JSON.stringify({
          runId: 'image-missing',
          locustfile: 'locustfile.py',
          users: 4,
          spawnRate: 4,
          runTimeSeconds: 1800,
          workers: 2
        })
      })
    )
    const ended = await waitFor(
      'the execution to fail',
      () => sfn.send(new DescribeExecutionCommand({ executionArn })),
      (execution) => execution.status !== 'RUNNING',
      90_000,
      500
    )
    const detectedAfterSeconds = (Date.now() - startedAt) / 1000
    console.log(
      `Missing image: the execution failed ${detectedAfterSeconds.toFixed(1)} s after it started.`
    )
    expect(ended).toMatchObject({ status: 'FAILED', error: 'DistributedLocust.MasterFailed' })
    expect(ended.cause).toMatch(/stop code TaskFailedToStart\): CannotPullContainerError/)
    expect(detectedAfterSeconds).toBeLessThan(60)
    const tasks = fargate.ecs.tasks()
    expect(tasks.every((task) => task.desiredStatus === 'STOPPED')).toBe(true)
  } finally {
    sfn.destroy()
    await fargate.stop()
  }
}, 120_000)
