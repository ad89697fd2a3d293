/**
 * The `distributed-locust` command with `--backend aws`, run as a real process against the
 * emulator (reached through the AWS_ENDPOINT_URL_* variables in its environment).
 */
import { jest } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  BUCKET,
  CLUSTER,
  isWorker,
  onlyExecutionSince,
  removeDir,
  SECURITY_GROUP,
  STATE_MACHINE_ARN,
  SUBNETS,
  taskLogs,
  tempDir,
  waitForNoRunningTask,
  useAwsWorld
} from './world.js'
import { runCli } from '../support/cli.js'

jest.setTimeout(60_000)

const world = useAwsWorld()
const work = tempDir('e2e-aws-cli')
afterAll(() => removeDir(work))

/** Outside a workflow: the run id is made from the time. */
const cli = (args: string[]) => runCli(args, { env: { GITHUB_RUN_ID: '' } })

test('a passing run with the target given flag by flag: exit 0, report printed, results in --out', async () => {
  const out = join(work, 'out')
  const before = world.emulator.sfn.executions().length
  const run = await cli([
    'run',
    '--backend',
    'aws',
    '--state-machine-arn',
    STATE_MACHINE_ARN,
    '--bucket',
    BUCKET,
    '--cluster',
    CLUSTER,
    '--task-definition',
    'distributed-locust:1',
    '--subnet',
    SUBNETS[1],
    '--subnet',
    SUBNETS[0],
    '--security-group',
    SECURITY_GROUP,
    '--assign-public-ip',
    '-f',
    'examples/locustfile.py',
    '-H',
    world.target.url,
    '-u',
    '4',
    '-t',
    '4s',
    '-w',
    '2',
    '--threshold',
    'fail_ratio < 50%',
    '--out',
    out
  ])
  if (run.code !== 0) {
    throw new Error(`exit ${run.code}\n${run.stdout}\n${run.stderr}\n${taskLogs(world.emulator)}`)
  }
  expect(run.stdout).toMatch(/PASSED/)
  expect(run.stdout).toContain(`Report, results and Locust logs in ${out}`)
  expect(run.stderr).toContain('(aws backend)')

  const execution = onlyExecutionSince(world.emulator, before)
  expect(execution.name).toMatch(/^dl-\d{8}-\d{6}-[0-9a-f]{6}$/)
  expect(JSON.parse(execution.input)).toMatchObject({
    bucket: BUCKET,
    cluster: CLUSTER,
    taskDefinition: 'distributed-locust:1',
    subnets: [SUBNETS[1], SUBNETS[0]],
    securityGroups: [SECURITY_GROUP],
    assignPublicIp: 'ENABLED',
    workers: 2
  })
  const workers = world.emulator.ecs
    .tasks()
    .filter((task) => task.startedBy === execution.name && isWorker(task))
  expect(workers).toHaveLength(2)
  expect(readdirSync(out)).toEqual(
    expect.arrayContaining(['locust_stats.csv', 'summary.md', 'results.json', 'master.log'])
  )
  await waitForNoRunningTask(world.emulator.ecs)
})

test('bad aws flags exit 2, each named by its flag, nothing started', async () => {
  const before = world.emulator.sfn.executions().length
  const runTasks = world.emulator.ecs.journal('RunTask').length
  const run = await cli([
    'run',
    '--backend',
    'aws',
    '--state-machine-arn',
    'arn:aws:states:us-east-1:42:stateMachine:run',
    '--bucket',
    BUCKET,
    '--subnet',
    'private-a',
    '-f',
    'examples/locustfile.py',
    '--out',
    join(work, 'bad')
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('Invalid options; nothing was started.')
  expect(run.stderr).toContain(
    `option --state-machine-arn: got "arn:aws:states:us-east-1:42:stateMachine:run"`
  )
  expect(run.stderr).toContain(`option --subnet: got "private-a"`)
  expect(world.emulator.sfn.executions()).toHaveLength(before)
  expect(world.emulator.ecs.journal('RunTask')).toHaveLength(runTasks)
})
