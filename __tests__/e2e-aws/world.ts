/**
 * The end-to-end world for the `aws` backend: the demo target server, and the local AWS emulator
 * running the state machine of cloudformation/template.yaml, whose ECS tasks run the real container
 * entrypoint with real Locust. A CloudFormation stack in the emulator gives the outputs the action
 * reads. Also the pieces of a GitHub runner the action touches: INPUT_* variables, the job summary,
 * GITHUB_OUTPUT and GITHUB_STATE (read back as the runner would, for the post step).
 */
import { afterEach, beforeEach, expect } from '@jest/globals'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { STACK_OUTPUTS } from '../../src/backend/aws/target.js'
import { loadStateMachineDefinition } from '../../scripts/template/template.js'
import {
  applyEnv,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  startEmulator,
  stateMachineArn,
  type EcsEmulator,
  type EmulatedExecution,
  type EmulatedTask,
  type Emulator,
  type EmulatorOptions
} from '../emulator/index.js'
import { waitFor } from '../emulator/wait.js'
import { REPO, startTarget, writeIn, type Target } from '../support/helpers.js'
import { medianOf } from '../support/histograms.js'
import { lateBound, useForAll } from '../support/hooks.js'
import { Runner, SETTLE_TIMEOUT_MS } from '../support/runner.js'

export { REPO, removeDir, tempDir, writeIn } from '../support/helpers.js'
export { Runner } from '../support/runner.js'
export { waitFor } from '../emulator/wait.js'

export const STACK_NAME = 'distributed-locust'
export const BUCKET = 'distributed-locust-runs'
export const CLUSTER = 'distributed-locust'
export const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210']
export const SECURITY_GROUP = 'sg-0123456789abcdef0'
export const STATE_MACHINE_ARN = stateMachineArn('distributed-locust-run')
/** The stack's SecretsPrefix: the tasks may read secrets and parameters named under it. */
export const SECRETS_PREFIX = 'distributed-locust/'
/** The stack's SeedRunTimeSeconds: how long a seed-form run lasts. */
export const SEED_RUN_TIME_SECONDS = 4

/**
 * Fargate's task lifecycle (FARGATE_TIMINGS) scaled down about 40 times to keep the suite short: the
 * address during PROVISIONING, then PENDING, RUNNING, and DEPROVISIONING before STOPPED.
 */
export const TEST_TIMINGS = {
  addressMs: 150,
  provisioningMs: 300,
  pendingMs: 350,
  stopTimeoutMs: 10_000,
  deprovisioningMs: 1_000
}

export interface AwsWorld {
  emulator: Emulator
  target: Target
  /** The outputs of the emulated stack, by output key. */
  stackOutputs: Record<string, string>
  stop(): Promise<void>
}

export interface WorldOptions {
  /** Changes the state machine definition before it is loaded (e.g. shorter waits). */
  adjustDefinition?: (definition: StateMachineDefinition) => void
  ecs?: EmulatorOptions['ecs']
  /** Start without the target server (for runs that never reach Locust). */
  withoutTarget?: boolean
}

export interface StateMachineDefinition {
  States: Record<string, Record<string, unknown>>
}

/** Starts the target server and the emulator, and points the AWS SDK at the emulator. */
export async function startAwsWorld(options: WorldOptions = {}): Promise<AwsWorld> {
  const [region, accountId] = [DEFAULT_REGION, DEFAULT_ACCOUNT_ID]
  const clusterArn = `arn:aws:ecs:${region}:${accountId}:cluster/${CLUSTER}`
  const taskDefinitionArn = `arn:aws:ecs:${region}:${accountId}:task-definition/distributed-locust:1`
  const definition = loadStateMachineDefinition(
    readFileSync(join(REPO, 'cloudformation', 'template.yaml'), 'utf8'),
    {
      BucketName: BUCKET,
      ClusterArn: clusterArn,
      TaskDefinitionArn: taskDefinitionArn,
      Subnets: SUBNETS.join(','),
      SecurityGroup: SECURITY_GROUP,
      AssignPublicIp: 'DISABLED',
      ContainerName: 'locust',
      // Generous: no test here is about these limits, and on an overloaded machine a worker's two
      // Python starts (entrypoint, Locust) can take longer than 30 s; the runs end long before.
      ExpectWorkersTimeoutSeconds: '120',
      RunDeadlineMarginSeconds: '300',
      SeedRunTimeSeconds: String(SEED_RUN_TIME_SECONDS)
    }
  ) as StateMachineDefinition
  options.adjustDefinition?.(definition)
  const stackOutputs: Record<string, string> = {
    [STACK_OUTPUTS.stateMachineArn]: STATE_MACHINE_ARN,
    [STACK_OUTPUTS.bucket]: BUCKET,
    [STACK_OUTPUTS.cluster]: CLUSTER,
    [STACK_OUTPUTS.taskDefinition]: taskDefinitionArn,
    [STACK_OUTPUTS.subnets]: SUBNETS.join(','),
    [STACK_OUTPUTS.securityGroups]: SECURITY_GROUP,
    [STACK_OUTPUTS.logGroupName]: '/distributed-locust/tasks',
    [STACK_OUTPUTS.secretsPrefix]: SECRETS_PREFIX
  }

  const target = options.withoutTarget
    ? { url: 'http://127.0.0.1:9', stop: async () => undefined }
    : await startTarget()
  let emulator: Emulator
  try {
    emulator = await startEmulator({
      region,
      accountId,
      bucket: BUCKET,
      stateMachines: { [STATE_MACHINE_ARN]: definition },
      stacks: { [STACK_NAME]: { outputs: stackOutputs } },
      // Small delays keep runs short; the address comes before the container, as on Fargate.
      ecs: { timings: TEST_TIMINGS, ...options.ecs }
    })
  } catch (error) {
    await target.stop()
    throw error
  }
  const restoreEnv = applyEnv(emulator.env)
  return {
    emulator,
    target,
    stackOutputs,
    async stop() {
      restoreEnv()
      await emulator.stop()
      await target.stop()
    }
  }
}

/** The world of a test file: started before its tests, stopped after them. */
export function useAwsWorld(options: WorldOptions = {}): AwsWorld {
  return useForAll(
    'The AWS world',
    () => startAwsWorld(options),
    (world) => world.stop()
  )
}

/**
 * The world and a GitHub runner around the action's steps, a fresh step for each test. The runner
 * is made once the world has set its AWS variables, so that it keeps them between steps.
 */
export function useActionWorld(options: WorldOptions = {}): { world: AwsWorld; runner: Runner } {
  const both = useForAll(
    'The AWS world',
    async () => {
      const world = await startAwsWorld(options)
      return { world, runner: new Runner() }
    },
    async ({ world, runner }) => {
      runner.remove()
      await world.stop()
    }
  )
  beforeEach(() => both.runner.reset())
  afterEach(async () => {
    await both.runner.settle()
    both.runner.restore()
  }, SETTLE_TIMEOUT_MS)
  return { world: lateBound(() => both.world), runner: lateBound(() => both.runner) }
}

/** The inputs of a run of the examples' locustfile against the world's target, with `inputs`. */
export function awsRunInputs(
  world: AwsWorld,
  inputs: Record<string, string>
): Record<string, string> {
  return {
    backend: 'aws',
    'stack-name': STACK_NAME,
    locustfile: 'examples/locustfile.py',
    host: world.target.url,
    ...inputs
  }
}

/**
 * Rounds against the world's target and a second server (rounds.test.ts, duet.test.ts): a
 * locustfile in `work` that calls /wait, 4 users and 2 workers, 1 s of warm-up and 3 s per round,
 * with `inputs`.
 */
export function roundsRunInputs(
  world: AwsWorld,
  work: string,
  inputs: Record<string, string>
): Record<string, string> {
  writeIn(
    work,
    'locustfile.py',
    `from locust import HttpUser, constant, task


class Visitor(HttpUser):
    wait_time = constant(0.05)

    @task
    def wait(self):
        self.client.get("/wait")
`
  )
  return awsRunInputs(world, {
    'working-directory': work,
    locustfile: 'locustfile.py',
    users: '4',
    'run-time': '3s',
    workers: '2',
    warmup: '1s',
    ...inputs
  })
}

/** A second target server, 8 times slower on /wait (160 ms, the world's 20 ms): a baseline side. */
export function useSlowerTarget(): Target {
  return useForAll(
    'The baseline server',
    (): Promise<Target> => startTarget(['--work-factor', '8']),
    (server) => server.stop()
  )
}

export interface RoundEntry {
  index: number
  side: string
  host: string
  folder: string
  startedAt: string
  endedAt: string | null
  complete: boolean
}

export function readRounds(resultsDir: string): { design: string; rounds: RoundEntry[] } {
  return JSON.parse(readFileSync(join(resultsDir, 'rounds.json'), 'utf8')) as {
    design: string
    rounds: RoundEntry[]
  }
}

/**
 * Every round loaded its side's server: the candidate's (the world's target) answers /wait in
 * about 20 ms, the baseline's (useSlowerTarget) in 160 ms; each round's histograms say which.
 */
export function expectRoundsOnTheirServers(
  resultsDir: string,
  rounds: RoundEntry[],
  hosts: { candidate: string; baseline: string }
): void {
  for (const round of rounds) {
    expect(round.host).toBe(round.side === 'candidate' ? hosts.candidate : hosts.baseline)
    const path = join(resultsDir, round.folder, 'histograms.json')
    expect(existsSync(path)).toBe(true)
    const { aggregate } = JSON.parse(readFileSync(path, 'utf8')) as {
      aggregate: { responseTimes: Record<string, number>; numRequests: number }
    }
    expect(aggregate.numRequests).toBeGreaterThan(0)
    const median = medianOf(aggregate.responseTimes)
    if (round.side === 'candidate') expect(median).toBeLessThan(80)
    else expect(median).toBeGreaterThanOrEqual(140)
  }
}

/** Replaces a Wait state's wait by a fixed number of seconds. */
export function fixWait(definition: StateMachineDefinition, stateName: string, seconds: number) {
  const state = findState(definition, stateName)
  if (!state || state.Type !== 'Wait') {
    throw new Error(`The definition has no Wait state named ${stateName}; update the test.`)
  }
  delete state.SecondsPath
  state.Seconds = seconds
}

function findState(
  definition: StateMachineDefinition,
  name: string
): Record<string, unknown> | undefined {
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (stateName === name) return state
    const nested = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition | undefined
    const inner = nested ? findState(nested, name) : undefined
    if (inner) return inner
    for (const branch of (state.Branches ?? []) as StateMachineDefinition[]) {
      const found = findState(branch, name)
      if (found) return found
    }
  }
  return undefined
}

export const isMaster = (task: EmulatedTask): boolean => task.command[0] === 'master'
export const isWorker = (task: EmulatedTask): boolean => task.command[0] === 'worker'

/**
 * Waits until a master and `workers` workers are RUNNING (the tasks of earlier runs have stopped);
 * returns them.
 */
export async function waitForRunningTasks(
  ecs: EcsEmulator,
  workers: number,
  timeoutMs = 20_000
): Promise<EmulatedTask[]> {
  return waitFor(
    `a running master and ${workers} running worker(s)`,
    () => ecs.runningTasks(),
    (tasks) =>
      tasks.some((task) => isMaster(task) && task.lastStatus === 'RUNNING') &&
      tasks.filter((task) => isWorker(task) && task.lastStatus === 'RUNNING').length === workers,
    timeoutMs,
    100
  )
}

/**
 * Waits until the load is under way: a master and `workers` workers run, and the master has stats
 * from its workers (its console table lists `endpoint`; workers report every 3 s). Returns the master.
 */
export async function waitUntilMeasuring(
  ecs: EcsEmulator,
  workers: number,
  endpoint = '/api/items'
): Promise<EmulatedTask> {
  const master = (await waitForRunningTasks(ecs, workers, 30_000)).find(isMaster)!
  await waitForTaskLog(ecs, master, endpoint)
  return master
}

/** What each task ran and printed, for the message of a failed assertion. */
export function taskLogs(emulator: Emulator): string {
  return emulator.ecs
    .tasks()
    .map(
      (task) =>
        `--- ${task.command.join(' ')} (${task.lastStatus}, exit ${task.exitCode})\n` +
        emulator.ecs.taskLog(task.taskArn).slice(-3000)
    )
    .join('\n')
}

/** The bytes of an object in the emulated bucket. */
export async function readObject(key: string): Promise<Buffer> {
  const s3 = new S3Client({})
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
    return Buffer.from(await object.Body!.transformToByteArray())
  } finally {
    s3.destroy()
  }
}

/** Waits until the task's log (stdout and stderr) contains `text`. */
export async function waitForTaskLog(
  ecs: EcsEmulator,
  task: EmulatedTask,
  text: string,
  timeoutMs = 20_000
): Promise<void> {
  await waitFor(
    `"${text}" in the log of task ${task.command.join(' ')}`,
    () => ecs.taskLog(task.taskArn).includes(text),
    (found) => found,
    timeoutMs,
    100
  )
}

/** Resolves once every task of the emulator has stopped. */
export async function waitForNoRunningTask(ecs: EcsEmulator, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    'every task to stop',
    () => ecs.runningTasks().map((task) => `${task.command[0]} ${task.lastStatus}`),
    (left) => left.length === 0,
    timeoutMs,
    100
  )
}

/** The one execution started after the first `before` ones. */
export function onlyExecutionSince(emulator: Emulator, before: number): EmulatedExecution {
  const executions = emulator.sfn.executions()
  if (executions.length !== before + 1) {
    throw new Error(`Expected 1 new execution, found ${executions.length - before}.`)
  }
  return executions[before]
}

/**
 * The state transitions AWS bills for an emulated execution, counted in its history and in its
 * distributed Map's child executions: every state entered, and every retried Task attempt.
 */
export function emulatedTransitions(
  emulator: Emulator,
  executionArn: string
): { transitions: number; children: number } {
  const children = emulator.sfn.childExecutionArns(executionArn)
  const events = [executionArn, ...children].flatMap((arn) => emulator.sfn.events(arn))
  const count = (type: RegExp) => events.filter((event) => type.test(event.type)).length
  const retries = count(/^TaskScheduled$/) - count(/^TaskStateEntered$/)
  return { transitions: count(/StateEntered$/) + retries, children: children.length }
}

/** The transitions the summary's cost line priced ("Step Functions $… for 1,234 state transitions"). */
export function pricedTransitions(summary: string): number | undefined {
  const priced = /Step Functions &#36;\d+\.\d+ for ([\d,]+) state transitions/.exec(summary)
  return priced ? Number(priced[1].replaceAll(',', '')) : undefined
}

/**
 * Fails, showing the execution's error and cause and every task's log, unless the execution ended
 * with `status`.
 */
export function expectExecutionStatus(
  emulator: Emulator,
  execution: EmulatedExecution,
  status: EmulatedExecution['status']
): void {
  if (execution.status !== status) {
    throw new Error(
      `Expected execution ${execution.name} to be ${status}, it is ${execution.status}: ` +
        `${execution.error ?? ''} ${execution.cause ?? ''}\n${taskLogs(emulator)}`
    )
  }
}

/** Fails with the step log and every task's log when the step reported an error. */
export function expectStepSucceeded(runner: Runner, emulator: Emulator): void {
  if (runner.errors().length > 0 || process.exitCode !== undefined) {
    throw new Error(
      `The step failed: ${runner.errors().join('\n')}\n--- step log\n${runner.log()}\n${taskLogs(emulator)}`
    )
  }
}
