/**
 * AWS start latency: how long a run takes from StartExecution until every worker is connected, with
 * the emulator's Fargate-like task timings (FARGATE_TIMINGS: address during PROVISIONING, T until
 * RUNNING, DEPROVISIONING before STOPPED), for our state machine (cloudformation/template.yaml) and
 * for the original project's sequential flow (bench/baseline/sequential.asl.json), side by side in
 * one emulator run with the real container entrypoint and real Locust. Also: how long after the
 * master's container exits every container of the run has exited, and how soon a run whose image
 * is missing fails (early-failure detection; target ≤ 60 s).
 *
 * "All workers connected" is `allWorkersConnectedAt` of the master's result.json in S3 (the moment
 * the master's log said all expected workers had connected); "StartExecution" is the execution's
 * start date. Task times come from the emulated ECS.
 *
 * At scale, with stand-in tasks in place of Locust (__tests__/emulator/stand-in-run.ts), for 10
 * and 200 workers: how long after a cancel ECS has answered every StopTask (the runner kills a
 * cancelled step about 10 s after its SIGINT; target ≤ 5 s) and how many DescribeTasks calls one
 * poll of the step's monitor makes (target ≤ ⌈tasks/100⌉).
 *
 * Spot: a run of 10 workers on Fargate Spot (real Locust, Fargate-like timings) of which 3 are
 * reclaimed once the load runs: how soon the state machine asks for replacements (one watch poll:
 * target ≤ 15 s) and how soon they joined the master, and that the run still ends with every
 * worker's results (13 joins). Later in the run (the run watch, one poll a minute, on the ECS
 * model): a worker reclaimed just after a poll, the worst case, is asked for again at the next
 * (target ≤ 65 s).
 * The master's watch during the run (the state machine on the emulator's ECS model, no processes):
 * how long after it was last seen running a master that died mid-run has every worker stopped
 * (the run-time polls wait their real 60 s; target ≤ 90 s; before the watch, the rest of the run
 * time), and the history events per execution at the template's maximum parameters, counted as
 * AWS counts them (target ≤ 15,000; the single wait before the watch made 22,913).
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import {
  applyEnv,
  startEmulator,
  stateMachineArn,
  type Emulator,
  type EmulatedTask
} from '../__tests__/emulator/index.js'
import { FARGATE_TIMINGS } from '../__tests__/emulator/ecs.js'
import { waitFor } from '../__tests__/emulator/wait.js'
import { startStandInEmulator, startStandInRun } from '../__tests__/emulator/stand-in-run.js'
import { stopRun } from '../src/backend/aws/cleanup.js'
import { createAwsClients } from '../src/backend/aws/clients.js'
import { systemClock } from '../src/backend/aws/clock.js'
import { monitorExecution } from '../src/backend/aws/monitor.js'
import {
  runStateMachine,
  StackEcs,
  testSubstitutions
} from '../__tests__/stack/helpers/run-machine.js'
import { BENCH_BUCKET, BENCH_STACK, benchStateMachine } from './emulated-stack.js'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const TASK_START_SECONDS = (FARGATE_TIMINGS.provisioningMs + FARGATE_TIMINGS.pendingMs) / 1000
const ADDRESS_KNOWN_SECONDS = FARGATE_TIMINGS.addressMs / 1000
const CONNECT_SLACK_SECONDS = 5
const CLEANUP_TARGET_SECONDS = 15
const EARLY_FAILURE_TARGET_SECONDS = 60
const WORKERS = 2
const USERS = 5
const RUN_SECONDS = 5
/** Both flows end well within this; past it something hangs and the bench gives up. */
const BENCH_LIMIT_MS = 200_000

interface Flow {
  label: string
  stateMachine: string
  definition: unknown
}

interface Measurement {
  /** StartExecution → the workers' RunTask. */
  workersLaunchedSeconds: number
  /** The master's address known (ECS) → the workers' RunTask: the state machine's own delay. */
  launchLagSeconds: number
  /** StartExecution → the last worker container started. */
  workersRunningSeconds: number
  /** StartExecution → all workers connected. */
  connectSeconds: number
  /** The master's container exited → every container of the run exited. */
  allExitedSeconds: number
  /** The master's container exited → the execution ended (how soon the state machine notices). */
  executionEndSeconds: number
}

export default async function awsBench(): Promise<boolean> {
  const startMet = await awsStartLatency()
  const scaleMet = await cancelAndMonitorAtScale()
  const spotMet = await spotReclaimedMidRun()
  const historyMet = await watchAtMaximumParameters()
  return startMet && scaleMet && spotMet && historyMet
}

const SPOT_WORKERS = 10
const SPOT_RECLAIMED = 3
const SPOT_RUN_SECONDS = 90
/** One watch poll (10 s while the master waits for its workers) and the calls around it. */
const REPLACEMENT_ASKED_TARGET_SECONDS = 15

/** 10 Spot workers, 3 reclaimed once the load runs: reclaim → replacements asked, joined. */
async function spotReclaimedMidRun(): Promise<boolean> {
  const taskTemp = mkdtempSync(join(tmpdir(), 'dl-aws-bench-spot-'))
  const target = await startTarget()
  const flow = stateMachineArn('distributed-locust')
  let emulator: Emulator | undefined
  let restoreEnv = () => {}
  const s3 = new S3Client({})
  const sfn = new SFNClient({})
  try {
    emulator = await startEmulator({
      bucket: BENCH_BUCKET,
      stateMachines: { [flow]: benchStateMachine(RUN_SECONDS) },
      ecs: { timings: FARGATE_TIMINGS, baseEnv: { TMPDIR: taskTemp } }
    })
    restoreEnv = applyEnv(emulator.env)
    const ecs = emulator.ecs
    const runId = `bench-spot-${Date.now().toString(36)}`
    await stageLocustfile(s3, runId)
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: flow,
        name: runId,
        input: JSON.stringify({
          ...JSON.parse(executionInput(runId, SPOT_RUN_SECONDS, target.url)),
          users: SPOT_WORKERS,
          spawnRate: SPOT_WORKERS,
          workers: SPOT_WORKERS,
          workerCapacity: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
          replaceWorkersUntil: new Date(Date.now() + SPOT_RUN_SECONDS * 1000).toISOString()
        })
      })
    )
    const runTasks = () => ecs.tasks().filter((task) => task.startedBy === runId)
    const joins = () => {
      const master = runTasks().find((task) => task.command[0] === 'master')
      return master ? ecs.taskLog(master.taskArn).split('reported as ready').length - 1 : 0
    }
    await waitFor(`${SPOT_WORKERS} workers joined`, joins, (n) => n >= SPOT_WORKERS, 120_000, 500)
    const reclaimedAt = Date.now()
    const reclaimed = runTasks()
      .filter((task) => task.command[0] === 'worker')
      .slice(0, SPOT_RECLAIMED)
    for (const task of reclaimed) ecs.reclaimTask(task.taskArn, 120_000)
    const replacements = await waitFor(
      'the replacements launched',
      () =>
        runTasks()
          .filter((task) => task.command[0] === 'worker')
          .slice(SPOT_WORKERS),
      (found) => found.length === SPOT_RECLAIMED,
      60_000,
      200
    )
    const askedSeconds = (replacements[0].createdAt - reclaimedAt) / 1000
    const all = SPOT_WORKERS + SPOT_RECLAIMED
    await waitFor('the replacements joined', joins, (n) => n >= all, 90_000, 500)
    const joinedSeconds = (Date.now() - reclaimedAt) / 1000
    const execution = await withTimeLimit(emulator.sfn.whenDone(executionArn!))
    const result = JSON.parse(
      await (
        await s3.send(
          new GetObjectCommand({ Bucket: BENCH_BUCKET, Key: `runs/${runId}/results/result.json` })
        )
      ).Body!.transformToString()
    ) as { workersJoined?: number }
    const met =
      execution.status === 'SUCCEEDED' &&
      result.workersJoined === all &&
      askedSeconds <= REPLACEMENT_ASKED_TARGET_SECONDS
    console.log(
      `Spot, ${SPOT_WORKERS} workers, ${SPOT_RECLAIMED} reclaimed mid-run`.padEnd(46) +
        `reclaim → replacements asked ${askedSeconds.toFixed(1)} s (≤ ${REPLACEMENT_ASKED_TARGET_SECONDS} s), ` +
        `joined ${joinedSeconds.toFixed(1)} s; execution ${execution.status}, ` +
        `${result.workersJoined} joins of ${all}: ${met ? 'met' : 'MISSED'}`
    )
    return met
  } catch (error) {
    console.log(`The Spot bench could not measure: ${(error as Error).message}`)
    return false
  } finally {
    s3.destroy()
    sfn.destroy()
    restoreEnv()
    await emulator?.stop()
    target.stop()
    rmSync(taskTemp, { recursive: true, force: true })
  }
}

const HISTORY_TARGET = 15_000
const DEAD_MASTER_TARGET_SECONDS = 90
const MAXIMUM_PARAMETERS = {
  ...testSubstitutions,
  RunDeadlineMarginSeconds: '7200',
  ExpectWorkersTimeoutSeconds: '1800'
}
const BENCH_INPUT = {
  runId: 'bench-watch',
  locustfile: 'locustfile.py',
  users: 1000,
  spawnRate: 10,
  workers: 200
}

/**
 * The master's watch during the run, in the state machine with the emulator's ECS model (no
 * processes): how long a master that dies mid-run goes unnoticed (in real time: it dies just after
 * a poll, the worst case; the run-time polls wait their real 60 s, every other wait 0 ms), and the
 * history events per execution as AWS counts them at the template's maximum parameters (200
 * workers, a 7-day run, the largest margin and worker wait; waits 0 ms).
 */
async function watchAtMaximumParameters(): Promise<boolean> {
  // Seen running by the first poll of the run time, stopped by the second: the longest it can go
  // unnoticed. 2 polls find its address, 6 watch it while its workers connect (testSubstitutions).
  const firstRunPoll = 2 + 6 + 1
  const dying = new StackEcs({
    master: { addressOnDescribe: 2, stopOnDescribe: firstRunPoll + 1, exitCode: 1 }
  })
  const [dyingRun, replacedSeconds] = await Promise.all([
    runStateMachine({ ...BENCH_INPUT, runTimeSeconds: 600 }, dying, {
      realWaits: ['WaitForWatchPoll']
    }),
    reclaimDuringRunWatch(firstRunPoll)
  ])
  const replacedMet = replacedSeconds <= RUN_WATCH_REPLACEMENT_TARGET_SECONDS
  const describes = dying.calls.filter((call) => call.action === 'DescribeTasks')
  const lastSeenRunning = describes[firstRunPoll - 1].atMs
  const lastStop = Math.max(...dying.workers.map((worker) => worker.stoppedAtMs ?? Infinity))
  const notice = (lastStop - lastSeenRunning) / 1000
  const noticeMet =
    dyingRun.error === 'DistributedLocust.MasterFailed' && notice <= DEAD_MASTER_TARGET_SECONDS

  const { history } = await runStateMachine(
    { ...BENCH_INPUT, runTimeSeconds: 604_800 },
    new StackEcs({ master: { addressOnDescribe: 2 } }),
    { substitutions: MAXIMUM_PARAMETERS }
  )
  const historyMet = Math.max(history.rootEvents, history.largestChildEvents) <= HISTORY_TARGET
  console.log(
    `dead master mid-run (dies just after a poll) → every worker stopped: ${notice.toFixed(1)} s ` +
      `(≤ ${DEAD_MASTER_TARGET_SECONDS} s: ${noticeMet ? 'met' : 'MISSED'})`
  )
  console.log(
    `Spot worker reclaimed in the run watch (just after a poll) → replacement asked: ` +
      `${replacedSeconds.toFixed(1)} s (≤ ${RUN_WATCH_REPLACEMENT_TARGET_SECONDS} s: ` +
      `${replacedMet ? 'met' : 'MISSED'})`
  )
  console.log(
    `history events at the maximum parameters: ${history.rootEvents} in the execution, at most ` +
      `${history.largestChildEvents} in each of its ${history.childExecutions} watch windows ` +
      `(≤ ${HISTORY_TARGET}: ${historyMet ? 'met' : 'MISSED'}; AWS fails an execution at 25,000)`
  )
  return historyMet && noticeMet && replacedMet
}

/** One poll of the run watch (60 s) and the calls around it. */
const RUN_WATCH_REPLACEMENT_TARGET_SECONDS = 65

/**
 * 10 Spot workers; one reclaimed 100 ms after the run watch's first poll counted the workers (the
 * worst case): seconds until the watch asks for its replacement (RunTask), its polls waiting their
 * real 60 s.
 */
async function reclaimDuringRunWatch(firstRunPoll: number): Promise<number> {
  let reclaimedAt = 0
  const ecs = new StackEcs({
    // Two run-watch polls (the run time left after the workers connected: 120 s), then the margin.
    master: { addressOnDescribe: 2, stopOnDescribe: firstRunPoll + 3, exitCode: 0 },
    beforeCall: (action, ecs) => {
      if (reclaimedAt || action !== 'ListTasks' || ecs.master!.describeCount < firstRunPoll) return
      reclaimedAt = -1
      setTimeout(() => {
        ecs.model.reclaim(ecs.workers[0].arn)
        reclaimedAt = Date.now()
      }, 100)
    }
  })
  const outcome = await runStateMachine(
    {
      ...BENCH_INPUT,
      workers: 10,
      runTimeSeconds: 180,
      workerCapacity: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
      replaceWorkersUntil: '2999-01-01T00:00:00Z'
    },
    ecs,
    { realWaits: ['WaitForWatchPoll'] }
  )
  const replacement = ecs.calls.filter((call) => call.action === 'RunTask')[2]
  if (outcome.status !== 'SUCCEEDED' || !replacement || reclaimedAt <= 0) {
    throw new Error(`the run-watch replacement was not asked for (${outcome.status})`)
  }
  return (replacement.atMs - reclaimedAt) / 1000
}

const CANCEL_TARGET_SECONDS = 5

/** Cancel → every StopTask answered, and DescribeTasks per monitor poll, for 10 and 200 workers. */
async function cancelAndMonitorAtScale(): Promise<boolean> {
  const emulator = await startStandInEmulator()
  const restoreEnv = applyEnv(emulator.env)
  const clients = createAwsClients(emulator.region)
  try {
    console.log(
      'stand-in tasks'.padEnd(46) +
        'cancel → all StopTask answered'.padStart(32) +
        'DescribeTasks per poll'.padStart(24)
    )
    let met = true
    for (const workers of [10, 200]) {
      const runId = `bench-scale-${workers}-${Date.now().toString(36)}`
      const run = await startStandInRun(emulator, clients, runId, workers)
      const describesBefore = emulator.ecs.journal('DescribeTasks').length
      const onePoll = new AbortController()
      await monitorExecution(clients, {
        executionArn: run.executionArn,
        cluster: 'load',
        runId,
        clock: systemClock,
        signal: onePoll.signal,
        deadline: Date.now() + 60_000,
        log: () => undefined,
        onPoll: () => onePoll.abort()
      })
      const describes = emulator.ecs.journal('DescribeTasks').length - describesBefore
      const stopsBefore = emulator.ecs.journal('StopTask').length
      const signalAt = Date.now()
      await stopRun(
        { arn: run.executionArn, cluster: 'load', runId, masterTaskArn: run.masterTaskArn },
        () => undefined,
        clients
      )
      const stops = emulator.ecs.journal('StopTask').slice(stopsBefore)
      const cancelSeconds = (Math.max(...stops.map((stop) => stop.at)) - signalAt) / 1000
      const describeTarget = Math.ceil((workers + 1) / 100)
      const cancelMet = cancelSeconds <= CANCEL_TARGET_SECONDS
      met &&= cancelMet && describes <= describeTarget
      console.log(
        `${workers} workers`.padEnd(46) +
          `${cancelSeconds.toFixed(1)} s (≤ ${CANCEL_TARGET_SECONDS} s: ${cancelMet ? 'met' : 'MISSED'})`.padStart(
            32
          ) +
          `${describes} (≤ ${describeTarget})`.padStart(24)
      )
    }
    return met
  } catch (error) {
    console.log(`The AWS scale bench could not measure: ${(error as Error).message}`)
    return false
  } finally {
    for (const client of Object.values(clients)) client.destroy()
    restoreEnv()
    await emulator.stop()
  }
}

async function awsStartLatency(): Promise<boolean> {
  const flows: Flow[] = [
    {
      label: 'ours (template.yaml)',
      stateMachine: stateMachineArn('distributed-locust'),
      definition: benchStateMachine(RUN_SECONDS)
    },
    {
      label: 'baseline (sequential)',
      stateMachine: stateMachineArn('sequential-baseline'),
      definition: JSON.parse(readFileSync(join(REPO, 'bench/baseline/sequential.asl.json'), 'utf8'))
    }
  ]
  // The entrypoint leaves its scratch folder in the temporary folder, as a container may.
  const taskTemp = mkdtempSync(join(tmpdir(), 'dl-aws-bench-'))
  const target = await startTarget()
  let emulator: Emulator | undefined
  let restoreEnv = () => {}
  try {
    emulator = await startEmulator({
      bucket: BENCH_BUCKET,
      stateMachines: Object.fromEntries(flows.map((flow) => [flow.stateMachine, flow.definition])),
      ecs: { timings: FARGATE_TIMINGS, baseEnv: { TMPDIR: taskTemp } }
    })
    restoreEnv = applyEnv(emulator.env)
    console.log(
      `Simulated Fargate: T = ${TASK_START_SECONDS} s per task, address known after ` +
        `${ADDRESS_KNOWN_SECONDS} s, ${FARGATE_TIMINGS.deprovisioningMs / 1000} s from exit to ` +
        `STOPPED; ${WORKERS} workers, ${USERS} users, ${RUN_SECONDS} s run.`
    )
    const stamp = Date.now().toString(36)
    const [[ours, baseline], earlyFailureSeconds] = await withTimeLimit(
      Promise.all([
        Promise.all(
          flows.map((flow, i) => measure(emulator!, flow, `bench-${i}-${stamp}`, target.url))
        ),
        missingImageFailure(emulator, flows[0], `bench-missing-${stamp}`)
      ])
    )
    return report(ours, baseline, earlyFailureSeconds)
  } catch (error) {
    console.log(`The AWS start-latency bench could not measure: ${(error as Error).message}`)
    return false
  } finally {
    restoreEnv()
    await emulator?.stop()
    target.stop()
    rmSync(taskTemp, { recursive: true, force: true })
  }
}

/** Stages the example locustfile as the run's bundle, as the action would. */
async function stageLocustfile(s3: S3Client, runId: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: BENCH_BUCKET,
      Key: `runs/${runId}/bundle/locustfile.py`,
      Body: readFileSync(join(REPO, 'examples/locustfile.py'))
    })
  )
}

function executionInput(runId: string, runTimeSeconds: number, host = 'http://127.0.0.1:9') {
  return JSON.stringify({
    runId,
    locustfile: 'locustfile.py',
    users: USERS,
    spawnRate: USERS,
    runTimeSeconds,
    host,
    workers: WORKERS,
    bucket: BENCH_BUCKET,
    ...BENCH_STACK
  })
}

/** A 30-minute run whose master image cannot be pulled: seconds until its execution fails. */
async function missingImageFailure(emulator: Emulator, flow: Flow, runId: string): Promise<number> {
  emulator.ecs.injectFault({
    kind: 'failToStart',
    when: (launch) => launch.environment.DL_RUN_ID === runId && launch.command[0] === 'master'
  })
  const sfn = new SFNClient({})
  try {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: flow.stateMachine,
        name: runId,
        input: executionInput(runId, 1800)
      })
    )
    const execution = await emulator.sfn.whenDone(executionArn!)
    if (execution.status !== 'FAILED' || !/CannotPullContainerError/.test(execution.cause ?? '')) {
      throw new Error(
        `missing image: execution ${execution.status}: ${execution.error}: ${execution.cause}`
      )
    }
    return (execution.stopDate! - execution.startDate) / 1000
  } finally {
    sfn.destroy()
  }
}

/** Stages the bundle, runs one execution to its end and reads the figures off S3 and ECS. */
async function measure(
  emulator: Emulator,
  flow: Flow,
  runId: string,
  host: string
): Promise<Measurement> {
  const s3 = new S3Client({})
  const sfn = new SFNClient({})
  try {
    await stageLocustfile(s3, runId)
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: flow.stateMachine,
        name: runId,
        input: executionInput(runId, RUN_SECONDS, host)
      })
    )
    const execution = await emulator.sfn.whenDone(executionArn!)
    const tasks = await Promise.all(
      emulator.ecs
        .tasks()
        .filter((task) => task.startedBy === runId)
        .map((task) => emulator.ecs.whenStopped(task.taskArn))
    )
    if (execution.status !== 'SUCCEEDED') {
      throw new Error(
        `${flow.label}: execution ${execution.status}: ${execution.error}: ${execution.cause}\n` +
          taskLogs(emulator, tasks)
      )
    }
    const result = JSON.parse(
      await (
        await s3.send(
          new GetObjectCommand({ Bucket: BENCH_BUCKET, Key: `runs/${runId}/results/result.json` })
        )
      ).Body!.transformToString()
    ) as { allWorkersConnectedAt: string | null; workersConnected: number }
    if (!result.allWorkersConnectedAt) {
      throw new Error(
        `${flow.label}: the master saw ${result.workersConnected} of ${WORKERS} workers ` +
          `(result.json has no allWorkersConnectedAt)\n${taskLogs(emulator, tasks)}`
      )
    }
    const master = tasks.find((task) => task.command[0] === 'master')!
    const workers = tasks.filter((task) => task.command[0] === 'worker')
    const started = execution.startDate
    const seconds = (from: number, to: number) => (to - from) / 1000
    const workersLaunchedAt = Math.min(...workers.map((task) => task.createdAt))
    return {
      workersLaunchedSeconds: seconds(started, workersLaunchedAt),
      launchLagSeconds: seconds(master.createdAt + ADDRESS_KNOWN_SECONDS * 1000, workersLaunchedAt),
      workersRunningSeconds: seconds(started, Math.max(...workers.map((task) => task.startedAt!))),
      connectSeconds: seconds(started, Date.parse(result.allWorkersConnectedAt)),
      allExitedSeconds: seconds(master.exitedAt!, Math.max(...tasks.map((task) => task.exitedAt!))),
      executionEndSeconds: seconds(master.exitedAt!, execution.stopDate!)
    }
  } finally {
    s3.destroy()
    sfn.destroy()
  }
}

function report(ours: Measurement, baseline: Measurement, earlyFailureSeconds: number): boolean {
  const connectTarget = TASK_START_SECONDS + CONNECT_SLACK_SECONDS
  const connectMet = ours.connectSeconds <= connectTarget
  const cleanupMet = ours.allExitedSeconds <= CLEANUP_TARGET_SECONDS
  const earlyFailureMet = earlyFailureSeconds <= EARLY_FAILURE_TARGET_SECONDS
  const row = (label: string, pick: (m: Measurement) => number, note = '', withRatio = true) => {
    const ratio = withRatio ? `${(pick(baseline) / pick(ours)).toFixed(2)}×` : ''
    console.log(
      label.padEnd(46) +
        `${pick(ours).toFixed(1)} s`.padStart(8) +
        `${pick(baseline).toFixed(1)} s`.padStart(10) +
        ratio.padStart(8) +
        (note ? `  ${note}` : '')
    )
  }
  console.log(
    `T = ${TASK_START_SECONDS} s`.padEnd(46) +
      'ours'.padStart(8) +
      'baseline'.padStart(10) +
      'ratio'.padStart(8) +
      '  target (ours)'
  )
  // Ours launches the workers right after the master (near 0 s): a ratio would mean nothing.
  row('StartExecution → workers RunTask', (m) => m.workersLaunchedSeconds, '', false)
  row('  relative to the master address being known', (m) => m.launchLagSeconds, '', false)
  row('StartExecution → workers running', (m) => m.workersRunningSeconds)
  row(
    '  then until connected (entrypoint, Locust)',
    (m) => m.connectSeconds - m.workersRunningSeconds,
    '',
    false
  )
  row(
    'StartExecution → all workers connected',
    (m) => m.connectSeconds,
    `≤ T + ${CONNECT_SLACK_SECONDS} s = ${connectTarget} s: ${connectMet ? 'met' : 'MISSED'}`
  )
  row(
    'master exit → all containers exited',
    (m) => m.allExitedSeconds,
    `≤ ${CLEANUP_TARGET_SECONDS} s: ${cleanupMet ? 'met' : 'MISSED'}`,
    false
  )
  row('master exit → execution end', (m) => m.executionEndSeconds, '', false)
  console.log(
    'missing image, 30-minute run → execution failed'.padEnd(46) +
      `${earlyFailureSeconds.toFixed(1)} s`.padStart(8) +
      `  ≤ ${EARLY_FAILURE_TARGET_SECONDS} s: ${earlyFailureMet ? 'met' : 'MISSED'}`
  )
  const baselineEstimate = Math.ceil(TASK_START_SECONDS / 30) * 30 + TASK_START_SECONDS
  console.log(
    `(The baseline needs about ceil(T/30)·30 + T = ${baselineEstimate} s plus the container's ` +
      `own start; ours about T plus it, since the workers start with the master and read its ` +
      `address (known after ${ADDRESS_KNOWN_SECONDS} s) from S3.)`
  )
  return connectMet && cleanupMet && earlyFailureMet
}

async function startTarget(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(REPO, 'examples/target-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', resolve)
  )
  return { url, stop: () => child.kill('SIGTERM') }
}

function withTimeLimit<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the runs took longer than ${BENCH_LIMIT_MS / 1000} s`)),
      BENCH_LIMIT_MS
    )
  })
  return Promise.race([work, limit]).finally(() => clearTimeout(timer))
}

function taskLogs(emulator: Emulator, tasks: EmulatedTask[]): string {
  return tasks
    .map((task) => `--- ${task.command.join(' ')}\n${emulator.ecs.taskLog(task.taskArn)}`)
    .join('\n')
}
