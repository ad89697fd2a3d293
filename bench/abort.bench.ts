/**
 * Abort rules on a dead target (a closed loopback port: every request fails at once), side by side:
 * the same run with and without `fail_ratio < 5% abort after 15s`, locally and on the AWS emulator
 * (the CLI, the template's state machine, the real entrypoint; the container syncs every 10 s as
 * on Fargate). Targets: with the rule the test ends within the abort time + 5 s of its start
 * locally, + 30 s on the emulator; without it, it runs its whole run time.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLocalBackend } from '../src/backend/local/backend.js'
import type { LocalSettings } from '../src/backend/local/settings.js'
import type { RunConfig } from '../src/run/config.js'
import { parseThresholds } from '../src/thresholds/parse.js'
import { applyEnv, startEmulator, stateMachineArn } from '../__tests__/emulator/index.js'
import { FARGATE_TIMINGS } from '../__tests__/emulator/ecs.js'
import { loadStateMachineDefinition } from '../scripts/template/template.js'
import { runCli } from '../__tests__/support/cli.js'
import { closedPort } from '../__tests__/support/helpers.js'

const RUN_SECONDS = 60
const ABORT_SECONDS = 15
const SLACK_SECONDS = 5
const EMULATOR_SLACK_SECONDS = 30
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
/** The resources the CLI is pointed at on the emulator, flag by flag (no stack). */
const BUCKET = 'distributed-locust-abort-bench'
const STATE_MACHINE = stateMachineArn('distributed-locust-abort-bench')
const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/distributed-locust'
const TASK_DEFINITION = 'arn:aws:ecs:us-east-1:123456789012:task-definition/distributed-locust:1'
const ABORT_RULE = `fail_ratio < 5% abort after ${ABORT_SECONDS}s`

const LOCUSTFILE = `from locust import HttpUser, constant, task


class Reader(HttpUser):
    wait_time = constant(0.1)

    @task
    def index(self):
        self.client.get("/")
`

interface Measurement {
  rules: string
  /** From the test's start (all workers connected) to its end, as the master logged them. */
  testSeconds: number
  /** From asking for the run until the backend returned. */
  wallSeconds: number
  aborted?: string
}

async function measure(rules: string, host: string, work: string, name: string) {
  const config: RunConfig<LocalSettings> = {
    backend: { kind: 'local', waitForHostSeconds: 0, passEnv: [] },
    locustfile: join(work, 'locustfile.py'),
    data: [],
    host,
    users: 10,
    spawnRate: 10,
    runTime: `${RUN_SECONDS}s`,
    runTimeSeconds: RUN_SECONDS,
    workers: 2,
    locustArgs: [],
    thresholds: parseThresholds(rules),
    failOnThreshold: true,
    timeoutMinutes: 5,
    workingDirectory: work,
    resultsDir: join(work, name)
  }
  const started = performance.now()
  const outcome = await createLocalBackend({ checkHost: false }).run(config, {})
  const wallSeconds = (performance.now() - started) / 1000
  if (outcome.error) throw new Error(`The run with "${rules}" failed: ${outcome.error}`)
  return {
    rules,
    testSeconds: outcome.facts.durationSeconds ?? NaN,
    wallSeconds,
    aborted: outcome.facts.aborted?.message
  } satisfies Measurement
}

/** One run through the CLI on the emulator: how long its master's Locust ran, from result.json. */
async function measureOnEmulator(rules: string, host: string, work: string, name: string) {
  const out = join(work, name)
  const started = performance.now()
  const run = await runCli(
    [
      'run',
      '--backend',
      'aws',
      '--state-machine-arn',
      STATE_MACHINE,
      '--bucket',
      BUCKET,
      '--cluster',
      CLUSTER,
      '--task-definition',
      TASK_DEFINITION,
      '--subnet',
      'subnet-0123456789abcdef0',
      '--security-group',
      'sg-0123456789abcdef0',
      '-f',
      'examples/locustfile.py',
      '-H',
      host,
      '-u',
      '10',
      '-r',
      '10',
      '-t',
      `${RUN_SECONDS}s`,
      '-w',
      '2',
      '--threshold',
      rules,
      '--out',
      out
    ],
    { env: { GITHUB_RUN_ID: '' } }
  )
  const wallSeconds = (performance.now() - started) / 1000
  if (!existsSync(join(out, 'results.json'))) {
    throw new Error(
      `The emulated run with "${rules}" wrote no results.json (exit ${run.code}):\n${run.stderr.slice(-2000)}`
    )
  }
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
    facts: { startedAt?: string; endedAt?: string; aborted?: { message: string } }
  }
  const { startedAt, endedAt, aborted } = results.facts
  if (startedAt === undefined || endedAt === undefined) {
    throw new Error(`The emulated run with "${rules}" has no start or end (exit ${run.code})`)
  }
  return {
    rules,
    testSeconds: (Date.parse(endedAt) - Date.parse(startedAt)) / 1000,
    wallSeconds,
    aborted: aborted?.message
  } satisfies Measurement
}

function table(title: string, rows: Measurement[], slack: number): boolean {
  const [, withRule] = rows
  const limit = ABORT_SECONDS + slack
  const met = withRule.aborted !== undefined && withRule.testSeconds <= limit
  console.log(title)
  console.log('rules                                  test ran   wall time   ended by')
  for (const m of rows) {
    console.log(
      `${m.rules.padEnd(37)}  ${m.testSeconds.toFixed(1).padStart(6)} s  ${m.wallSeconds.toFixed(1).padStart(8)} s   ${m.aborted ?? 'its run time'}`
    )
  }
  console.log(
    `with the rule: ${withRule.testSeconds.toFixed(1)} s ≤ abort time + ${slack} s = ${limit} s: ${met ? 'met' : 'MISSED'}\n`
  )
  return met
}

export default async function (): Promise<boolean> {
  const work = mkdtempSync(join(tmpdir(), 'dl-bench-abort-'))
  writeFileSync(join(work, 'locustfile.py'), LOCUSTFILE)
  try {
    const host = `http://127.0.0.1:${await closedPort()}`
    const local = [
      await measure('fail_ratio < 5%', host, work, 'without'),
      await measure(ABORT_RULE, host, work, 'with')
    ]
    const localMet = table(
      `Local backend, 2 workers, 10 users against a closed loopback port, run time ${RUN_SECONDS} s (test ran: from all workers connected to the end)`,
      local,
      SLACK_SECONDS
    )
    const definition = loadStateMachineDefinition(
      readFileSync(join(REPO, 'cloudformation/template.yaml'), 'utf8'),
      {
        BucketName: BUCKET,
        ClusterArn: CLUSTER,
        TaskDefinitionArn: TASK_DEFINITION,
        Subnets: 'subnet-0123456789abcdef0',
        SecurityGroup: 'sg-0123456789abcdef0',
        AssignPublicIp: 'DISABLED',
        ContainerName: 'locust',
        ExpectWorkersTimeoutSeconds: '120',
        RunDeadlineMarginSeconds: '60',
        SeedRunTimeSeconds: '5'
      }
    )
    const emulator = await startEmulator({
      bucket: BUCKET,
      stateMachines: { [STATE_MACHINE]: definition },
      ecs: { timings: FARGATE_TIMINGS }
    })
    const restoreEnv = applyEnv(emulator.env)
    let emulated: Measurement[]
    try {
      emulated = [
        await measureOnEmulator('fail_ratio < 5%', host, work, 'emulated-without'),
        await measureOnEmulator(ABORT_RULE, host, work, 'emulated-with')
      ]
    } finally {
      restoreEnv()
      await emulator.stop()
    }
    const emulatorMet = table(
      `AWS emulator with Fargate-like task timings (CLI, state machine, entrypoint), 2 worker tasks, same target and run time (test ran: the master's Locust, start to end)`,
      emulated,
      EMULATOR_SLACK_SECONDS
    )
    return localMet && emulatorMet
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
