/**
 * How closely a duet's two sides share their windows (issue 19): for each round, how far apart the
 * candidate's and the baseline's measured windows start and end (rounds.json), on the local backend
 * (two masters meeting through a folder) and on the AWS backend with the emulator (two executions
 * of the template's state machine with Fargate-like task timings, the real container's masters
 * meeting through S3 and starting each round 2 s after both were ready), side by side in one run.
 * Both sides share this machine's clock here; on Fargate the tasks' clocks (Amazon Time Sync) add
 * their own offset. Target: every start and every end within 100 ms of the other side's.
 *
 *   npm run bench -- duet
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyEnv, startEmulator, stateMachineArn } from '../__tests__/emulator/index.js'
import { FARGATE_TIMINGS } from '../__tests__/emulator/ecs.js'
import { startTarget } from '../__tests__/support/helpers.js'
import { awsBackend } from '../src/backend/aws/module.js'
import type { AwsSettings } from '../src/backend/aws/settings.js'
import { createLocalBackend } from '../src/backend/local/backend.js'
import type { LocalSettings } from '../src/backend/local/settings.js'
import type { RunConfig } from '../src/run/config.js'
import type { RoundsPlan } from '../src/run/rounds.js'
import { readRoundWindows, WAIT_LOCUSTFILE } from './round-windows.js'
import { BENCH_BUCKET, BENCH_STACK, benchStateMachine } from './emulated-stack.js'

const ROUNDS = 3
const WARMUP_SECONDS = 2
const RUN_SECONDS = 5
const TARGET_MS = 100
const FLOW = stateMachineArn('distributed-locust-duet-bench')

/** The run both backends make: 4 users on 2 workers in all, half per side. */
function duetConfig(work: string, design: string, hosts: string[]): Omit<RunConfig, 'backend'> {
  const rounds: RoundsPlan = {
    design: 'duet',
    count: ROUNDS,
    warmupSeconds: WARMUP_SECONDS,
    baselineHost: hosts[1]
  }
  return {
    locustfile: join(work, 'locustfile.py'),
    data: [],
    host: hosts[0],
    users: 4,
    spawnRate: 4,
    runTime: `${RUN_SECONDS}s`,
    runTimeSeconds: RUN_SECONDS,
    workers: 2,
    rounds,
    locustArgs: [],
    thresholds: [],
    failOnThreshold: true,
    timeoutMinutes: 10,
    workingDirectory: work,
    resultsDir: join(work, design)
  }
}

/** Per round index: the candidate's start and end less the baseline's, in ms. */
function offsets(resultsDir: string): { start: number; end: number }[] {
  const rounds = readRoundWindows(resultsDir)
  const indexes = [...new Set(rounds.map((round) => round.index))]
  return indexes.map((index) => {
    const side = (name: string) => rounds.find((r) => r.index === index && r.side === name)!
    const [candidate, baseline] = [side('candidate'), side('baseline')]
    return {
      start: Date.parse(candidate.startedAt) - Date.parse(baseline.startedAt),
      end: Date.parse(candidate.endedAt) - Date.parse(baseline.endedAt)
    }
  })
}

async function runLocal(work: string, hosts: string[]): Promise<string> {
  const config: RunConfig<LocalSettings> = {
    ...duetConfig(work, 'local', hosts),
    backend: { kind: 'local', waitForHostSeconds: 0, passEnv: [] }
  }
  const outcome = await createLocalBackend().run(config, {})
  if (outcome.error) throw new Error(`The local duet failed: ${outcome.error}`)
  return config.resultsDir
}

async function runOnEmulator(work: string, hosts: string[]): Promise<string> {
  const taskTemp = mkdtempSync(join(tmpdir(), 'dl-duet-bench-tasks-'))
  const emulator = await startEmulator({
    bucket: BENCH_BUCKET,
    stateMachines: { [FLOW]: benchStateMachine(RUN_SECONDS) },
    ecs: { timings: FARGATE_TIMINGS, baseEnv: { TMPDIR: taskTemp } }
  })
  const restoreEnv = applyEnv(emulator.env)
  try {
    const config: RunConfig<AwsSettings> = {
      ...duetConfig(work, 'aws', hosts),
      backend: {
        kind: 'aws',
        region: emulator.region,
        stateMachineArn: FLOW,
        bucket: BENCH_BUCKET,
        ...BENCH_STACK,
        assignPublicIp: false,
        workerReplaceMinutes: 10,
        capacity: 'on-demand'
      }
    }
    const prepared = await awsBackend.prepare(config, {})
    const outcome = await awsBackend.run(prepared, {})
    if (outcome.error) throw new Error(`The duet on the emulator failed: ${outcome.error}`)
    return config.resultsDir
  } finally {
    restoreEnv()
    await emulator.stop()
    rmSync(taskTemp, { recursive: true, force: true })
  }
}

export default async function (): Promise<boolean> {
  const work = mkdtempSync(join(tmpdir(), 'dl-bench-duet-'))
  writeFileSync(join(work, 'locustfile.py'), WAIT_LOCUSTFILE)
  const targets = [await startTarget(), await startTarget()]
  const hosts = targets.map((target) => target.url)
  try {
    const measured = [
      { label: 'local (one folder)', folder: await runLocal(work, hosts) },
      { label: 'aws emulator (S3)', folder: await runOnEmulator(work, hosts) }
    ]
    console.log(
      `${ROUNDS} duet rounds of ${WARMUP_SECONDS} s warm-up + ${RUN_SECONDS} s, 2 users on 1 worker per side`
    )
    console.log('backend               candidate − baseline per round: window start, window end')
    let met = true
    for (const { label, folder } of measured) {
      const rounds = offsets(folder)
      met &&= rounds.every(
        (round) => Math.max(Math.abs(round.start), Math.abs(round.end)) <= TARGET_MS
      )
      const shown = rounds.map((round) => `${round.start} ms, ${round.end} ms`).join(' | ')
      console.log(`${label.padEnd(20)}  ${shown}`)
    }
    console.log(`target: every start and end within ${TARGET_MS} ms (${met ? 'met' : 'NOT met'})`)
    return met
  } finally {
    await Promise.all(targets.map((target) => target.stop()))
    rmSync(work, { recursive: true, force: true })
  }
}
