import { randomBytes, randomInt } from 'node:crypto'
import { relative, sep } from 'node:path'
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { StartExecutionCommand } from '@aws-sdk/client-sfn'
import { PreflightError } from '../../errors.js'
import type { RunConfig } from '../../run/config.js'
import type { RunFacts } from '../../run/facts.js'
import { redactHost } from '../../run/host.js'
import {
  masterRoundsSettings,
  measuredLoadSeconds,
  plannedLoadSeconds,
  SEED_RANGE
} from '../../run/rounds.js'
import type { BackendOutcome, RunHooks } from '../types.js'
import { createAwsClients, type AwsClients } from './clients.js'
import { systemClock, type Clock } from './clock.js'
import {
  credentialsLifetime,
  credentialsLifetimeProblem,
  type CredentialsLifetime
} from './credentials.js'
import { stopRun, type RunHandle } from './cleanup.js'
import { LiveFollower, type LiveFollowerOptions } from './live.js'
import {
  deadMasterMessage,
  describeTask,
  logPlace,
  monitorExecution,
  taskRole,
  type MonitorEnd
} from './monitor.js'
import { overridesProblem, type OverrideSource } from './overrides.js'
import { SECRETS_FILE_KEY, secretsScopeProblem, uploadSecretReferences } from './secrets.js'
import { describeRunTasks } from './tasks.js'
import { workerFleet, workerShortfall, type WorkerFleet } from './fleet.js'
import { deriveRunId } from './run-id.js'
import { combinedUsage, costSentence, runCost, taskUsage, type RunUsage } from './cost.js'
import { countStateTransitions } from './transitions.js'
import {
  downloadResults,
  masterExitCodeOf,
  readContainerResult,
  type ContainerResult
} from './results.js'
import {
  bundlePrefix,
  deleteStagedHost,
  HOST_FILE_KEY,
  resultsPrefix,
  runPrefix,
  listBundle,
  uploadBundle,
  uploadHost,
  uploadRounds,
  type BundleFile,
  type StagedHost
} from './stage.js'
import { capacityProviderStrategy, spotArchitectureProblem, type AwsSettings } from './settings.js'
import { resolveAwsTarget, type AwsTarget } from './target.js'

type AwsRunConfig = RunConfig<AwsSettings>
/**
 * How long a stopped run waits for the master's result.json, its last upload, before downloading
 * the results so far. A Fargate task takes 30-60 s from its container's exit to STOPPED, so the
 * upload, not the task status, says when the results are complete. A cancelled job is killed by the
 * runner about 10 s after its SIGINT, so it waits less.
 */
const RESULT_WAIT_MS = { 'timed-out': 90_000, cancelled: 8_000, 'master-stopped': 5_000 }

export interface AwsBackendDependencies {
  clients?: AwsClients
  clock?: Clock
  env?: NodeJS.ProcessEnv
  /** Random suffix of the run id. */
  nonce?: () => string
  /** How long the credentials last (default: the environment, else the SDK's credential provider). */
  credentialsLifetime?: () => Promise<CredentialsLifetime>
}

/** One run as the backend follows it, once its execution has started. */
interface StartedRun {
  runId: string
  target: AwsTarget
  executionArn: string
  links: NonNullable<RunFacts['links']>
}

/** A run checked and ready to start: nothing is written or started yet. */
export interface PreparedAwsRun {
  config: AwsRunConfig
  target: AwsTarget
  bundle: BundleFile[]
  runId: string
  /** A duet's second execution, the baseline side's (duet.ts). */
  baselineRunId?: string
  clients: AwsClients
  clock: Clock
}

/** One execution of the state machine: the whole run, or one side of a duet (duet.ts). */
export interface Execution {
  /** Its own users, workers, host and results folder. */
  config: AwsRunConfig
  runId: string
  /** The rounds settings its master runs (src/run/rounds.ts's masterRoundsSettings). */
  rounds?: string
  live: LiveFollower
  /** Stops following it, and stops it: the step was cancelled, or the duet's other side failed. */
  signal: AbortSignal
  /** Why `signal` stopped it, when it was not the step's cancel. */
  stoppedBecause?: () => string | undefined
  /** Told as soon as the execution has ended (before its results come back), and whether it failed. */
  onEnded?: (failed: boolean) => void
}

/** How an execution ended, and what it used (undefined when its tasks could not be described). */
export interface ExecutionResult {
  outcome: BackendOutcome
  usage?: RunUsage
}

/**
 * Everything that can reject the run before anything is written or started: resolves the stack
 * (an AwsTargetError, a PreflightError, when it is unusable) and lists the files to ship (a
 * BundleError). Warns when the stack is being updated or the credentials expire before the
 * run's timeout.
 */
export async function prepareAwsRun(
  config: AwsRunConfig,
  dependencies: AwsBackendDependencies = {},
  warn: (line: string) => void = () => undefined
): Promise<PreparedAwsRun> {
  const clients = dependencies.clients ?? createAwsClients(config.backend.region)
  const clock = dependencies.clock ?? systemClock
  const env = dependencies.env ?? process.env
  const target = await resolveAwsTarget(config.backend, clients.cloudFormation, warn)
  const secretsProblem = secretsScopeProblem(config.secrets ?? [], target, config.backend.stackName)
  if (secretsProblem) throw new PreflightError(secretsProblem)
  const spot = spotArchitectureProblem(
    config.backend.capacity,
    target.cpuArchitecture,
    target.taskDefinition ?? "the stack's task definition"
  )
  if (config.backend.capacity !== 'on-demand' && target.cpuArchitecture === undefined) {
    // A task definition given by input: the GitHub role may not describe it.
    warn(
      `Fargate Spot (capacity: ${config.backend.capacity}) runs x86_64 tasks only; the architecture of task definition ${target.taskDefinition} is not known before the run, and ECS refuses an ARM64 one when the workers start.`
    )
  }
  if (spot) throw new PreflightError(spot)
  const bundle = await listBundle(config.workingDirectory, [config.locustfile, ...config.data])
  const lifetime = await (
    dependencies.credentialsLifetime ??
    (() => credentialsLifetime(env, clients.stepFunctions.config.credentials))
  )()
  const problem = credentialsLifetimeProblem(lifetime, clock.now(), config.timeoutMinutes)
  if (problem) warn(`${problem.message} ${problem.fix}`)
  const nonce = (dependencies.nonce ?? randomNonce)()
  const runId = deriveRunId(env, nonce, new Date(clock.now()))
  if (config.rounds?.design !== 'duet') {
    const overrides = overridesProblem(executionInput(config, target, runId, clock.now()))
    if (overrides) throw new PreflightError(overrides)
    return { config, target, bundle, runId, clients, clock }
  }
  const baselineRunId = deriveRunId(env, `${nonce}-b`, new Date(clock.now()))
  const { duetExecutions } = await import('./duet.js')
  for (const side of duetExecutions(config, runId, baselineRunId)) {
    const overrides = overridesProblem(executionInput(side.config, target, side.runId, clock.now()))
    if (overrides) throw new PreflightError(overrides)
  }
  return { config, target, bundle, runId, baselineRunId, clients, clock }
}

/**
 * Runs the test on Fargate through the stack's state machine: stage the locustfile and data in S3
 * → start the execution → follow it → download the results. Always returns an outcome: an error
 * on the way becomes the outcome's error, and an execution that did not reach its end is stopped.
 * A duet runs two executions at once (duet.ts).
 */
export async function runAws(
  prepared: PreparedAwsRun,
  hooks: RunHooks<RunHandle>
): Promise<BackendOutcome> {
  const { config, runId } = prepared
  if (config.rounds?.design === 'duet') {
    return (await import('./duet.js')).runAwsDuet(prepared, hooks)
  }
  const { outcome, usage } = await runExecution(prepared, hooks, {
    config,
    runId,
    // The candidate's host stays out of it: the master takes it from its own -H (or HOST_FILE_KEY).
    rounds:
      config.rounds === undefined
        ? undefined
        : masterRoundsSettings(
            config.rounds,
            { runTimeSeconds: config.runTimeSeconds },
            randomInt(SEED_RANGE)
          ),
    live: liveFollower(prepared, hooks, { runId, thresholds: config.thresholds }),
    signal: hooks.signal ?? new AbortController().signal
  })
  return withCost(outcome, usage === undefined ? undefined : [usage])
}

/** Follows an execution's live progress (and judges `thresholds`' abort rules on it). */
export function liveFollower(
  prepared: PreparedAwsRun,
  hooks: RunHooks<RunHandle>,
  options: Pick<LiveFollowerOptions, 'runId' | 'thresholds' | 'abortAlso' | 'onProgress'>
): LiveFollower {
  const log = hooks.log ?? (() => undefined)
  return new LiveFollower({
    s3: prepared.clients.s3,
    bucket: prepared.target.bucket,
    runTimeSeconds: plannedLoadSeconds(prepared.config.runTimeSeconds, prepared.config.rounds),
    onProgress: hooks.onProgress,
    log,
    warn: hooks.warn ?? log,
    ...options
  })
}

/** The outcome with the cost of what its executions used (none when one is not known). */
export function withCost(outcome: BackendOutcome, usages: RunUsage[] | undefined): BackendOutcome {
  if (usages === undefined) return outcome
  const cost = runCost(combinedUsage(usages), new Date())
  return {
    ...outcome,
    facts: {
      ...outcome.facts,
      cost:
        'unknown' in cost
          ? { note: `not known: ${cost.unknown}` }
          : { usd: cost.totalUsd, note: costSentence(cost) }
    }
  }
}

/**
 * Stages and starts one execution, follows it to its end (stopping it when `execution.signal`
 * says so, or at the timeout) and downloads its results into its config's results folder.
 */
export async function runExecution(
  prepared: PreparedAwsRun,
  hooks: RunHooks<RunHandle>,
  execution: Execution
): Promise<ExecutionResult> {
  const { target, bundle, clients, clock } = prepared
  const { config, runId, live } = execution
  const log = hooks.log ?? (() => undefined)
  const warn = hooks.warn ?? log
  let stagedHost: StagedHost | undefined
  let started: RunHandle | undefined
  let ended = false
  try {
    stagedHost = await uploadHost(clients.s3, target.bucket, bundlePrefix(runId), config.host)
    if (stagedHost) {
      log(`Staged the host URL as ${HOST_FILE_KEY} in the bundle: it carries credentials.`)
    }
    const secrets = config.secrets ?? []
    await uploadSecretReferences(clients.s3, target.bucket, bundlePrefix(runId), secrets)
    if (secrets.length > 0) {
      log(
        `Staged the ARNs of ${secrets.length} secret(s) as ${SECRETS_FILE_KEY}: the tasks read the values.`
      )
    }
    if (execution.rounds !== undefined) {
      await uploadRounds(clients.s3, target.bucket, bundlePrefix(runId), execution.rounds)
    }
    const run = await startRun(config, { target, bundle, runId }, clients, clock, log)
    const handle: RunHandle = {
      arn: run.executionArn,
      region: target.region,
      cluster: target.cluster,
      runId,
      stagedHost
    }
    started = handle
    hooks.onStarted?.(handle)

    const startedAt = clock.now()
    const end = await monitorExecution(clients, {
      executionArn: run.executionArn,
      cluster: target.cluster,
      runId,
      clock,
      signal: execution.signal,
      deadline: startedAt + config.timeoutMinutes * 60_000,
      log,
      onMaster: (taskArn) => (handle.masterTaskArn = taskArn),
      onPoll: (elapsedMs) => live.poll(clock.now(), elapsedMs)
    })
    execution.onEnded?.(endedInFailure(end))
    const interruption =
      end.kind === 'finished'
        ? undefined
        : await stopInterruptedRun(run, started, end, execution, clients, clock, log)
    ended = true
    const collected = await collectOutcome(
      run,
      end,
      interruption,
      config,
      clients,
      log,
      bundle.length
    )
    if (live.aborted === undefined) return collected
    const { outcome } = collected
    return {
      ...collected,
      outcome: { ...outcome, partial: true, facts: { ...outcome.facts, aborted: live.aborted } }
    }
  } catch (error) {
    execution.onEnded?.(true)
    return {
      outcome: {
        error: (error as Error).message,
        partial: started !== undefined,
        facts: started ? { links: [{ label: 'Run id', value: runId }] } : {}
      }
    }
  } finally {
    if (started && !ended) {
      // Also deletes the staged host; a run that could not be stopped still needs it.
      await stopRun(started, log, clients).catch((error: unknown) =>
        warn(`Could not stop run ${runId} (${(error as Error).message}); it stops at its deadline.`)
      )
    } else if (stagedHost) {
      await deleteStagedHost(stagedHost, clients.s3, warn)
    }
  }
}

/** Whether an execution ended other than well: failed, timed out, its master dead or exited with an error. */
function endedInFailure(end: MonitorEnd): boolean {
  if (end.kind !== 'finished') return end.kind !== 'cancelled'
  const masterExit = masterExitCodeOf(end.execution.output)
  return end.execution.status !== 'SUCCEEDED' || (masterExit !== undefined && masterExit !== 0)
}

/** Stages the bundle and starts the execution. */
async function startRun(
  config: AwsRunConfig,
  plan: { target: AwsTarget; bundle: BundleFile[]; runId: string },
  clients: AwsClients,
  clock: Clock,
  log: (line: string) => void
): Promise<StartedRun> {
  const { target, bundle, runId } = plan
  const bundleAt = bundlePrefix(runId)
  const bytes = await uploadBundle(clients.s3, target.bucket, bundleAt, bundle)
  log(`Staged ${bundle.length} file(s), ${bytes} bytes, in s3://${target.bucket}/${bundleAt}`)

  const { executionArn } = await clients.stepFunctions.send(
    new StartExecutionCommand({
      stateMachineArn: target.stateMachineArn,
      name: runId,
      input: JSON.stringify(executionInput(config, target, runId, clock.now()))
    })
  )
  if (!executionArn) throw new Error('Step Functions returned no execution ARN')
  const links = consoleLinks(target, executionArn)
  log(`Started run ${runId}: ${links[0].url ?? executionArn}`)
  return { runId, target, executionArn, links }
}

/**
 * Stops a cancelled or timed-out run and gives the master a moment to upload the results so far.
 * Returns the message that explains the interruption.
 */
async function stopInterruptedRun(
  run: StartedRun,
  handle: RunHandle,
  end: Exclude<MonitorEnd, { kind: 'finished' }>,
  execution: Execution,
  clients: AwsClients,
  clock: Clock,
  log: (line: string) => void
): Promise<string> {
  const { target } = run
  // The staged host is deleted once, when runAws ends.
  await stopRun({ ...handle, stagedHost: undefined }, log, clients)
  const limitMs = RESULT_WAIT_MS[end.kind]
  log(`Waiting up to ${limitMs / 1000} s for the master to upload the results so far…`)
  const key = `${resultsPrefix(run.runId)}result.json`
  if (!(await waitForObject(clients.s3, target.bucket, key, clock, limitMs))) {
    log(`The master has not uploaded ${key} yet; the results may be incomplete.`)
  }
  switch (end.kind) {
    case 'cancelled':
      return (
        execution.stoppedBecause?.() ??
        'The run was cancelled; every task was stopped. Results so far are shown.'
      )
    case 'timed-out':
      return `The run did not finish within timeout-minutes (${execution.config.timeoutMinutes}); every task was stopped.`
    case 'master-stopped':
      return deadMasterMessage(end.task, target.logGroupName)
  }
}

/** Downloads the results and tells how the run ended: the execution's error, the tasks' exits. */
async function collectOutcome(
  run: StartedRun,
  end: MonitorEnd,
  interruption: string | undefined,
  config: AwsRunConfig,
  clients: AwsClients,
  log: (line: string) => void,
  bundleFiles: number
): Promise<ExecutionResult> {
  const execution = end.kind === 'finished' ? end.execution : undefined
  let error = interruption
  if (execution && execution.status !== 'SUCCEEDED') {
    error = `Step Functions execution ${execution.status}: ${execution.error ?? 'no error name'}: ${execution.cause ?? 'no cause given'}`
  }
  // Every task of the run, once: how the failed ones stopped, and what the run cost.
  const tasks = run.target.cluster
    ? await describeRunTasks(clients.ecs, run.target.cluster, run.runId).catch((reason: Error) => {
        log(`Could not describe the run's tasks (${reason.message}); no cost is shown.`)
        return undefined
      })
    : undefined
  if (error !== undefined && tasks) {
    const stopped = tasks.filter((task) => task.lastStatus === 'STOPPED').map(describeTask)
    if (stopped.length > 0) error += `\nECS tasks: ${stopped.join('; ')}`
    const shortfall = workerShortfall(tasks, {
      workers: config.workers,
      minWorkers: config.backend.minWorkers ?? config.workers,
      replaceMinutes: config.backend.workerReplaceMinutes
    })
    if (shortfall) error += `\n${shortfall}`
    const master = tasks.find((task) => taskRole(task) === 'master')
    const masterExit = master?.containers?.[0]?.exitCode
    if (end.kind === 'finished' && master && masterExit !== undefined && masterExit !== 0) {
      error += `\nThe master's log: ${logPlace(master, run.target.logGroupName)}.`
    }
  }

  const downloaded = await downloadResults(
    clients.s3,
    run.target.bucket,
    resultsPrefix(run.runId),
    config.resultsDir
  )
  log(`Downloaded ${downloaded.count} result file(s) into ${config.resultsDir}`)
  const unreadable: string[] = []
  if (downloaded.refused.length > 0) {
    unreadable.push(
      `${downloaded.refused.length} result object(s) have names that lead outside the results folder and were not written: ${downloaded.refused.slice(0, 3).join(', ')}`
    )
  }
  const reading = await readContainerResult(config.resultsDir, run.runId)
  if (reading.kind === 'unreadable') unreadable.push(reading.reason)
  if (unreadable.length > 0) {
    const message = `Results unreadable: ${unreadable.join('; ')}. Check who else can write under s3://${run.target.bucket}/${runPrefix(run.runId)}.`
    error = error === undefined ? message : `${error}\n${message}`
  }
  const container = reading.kind === 'valid' ? reading.result : {}
  // The master's own words say what went wrong inside it (a secret it could not read, the bundle).
  if (error !== undefined && container.reason) error += `\nThe master: ${container.reason}`
  const usage: RunUsage | undefined =
    tasks === undefined
      ? undefined
      : {
          region: run.target.region ?? run.executionArn.split(':')[3],
          tasks: tasks.map(taskUsage),
          stateTransitions: await countStateTransitions(clients.stepFunctions, run.executionArn),
          // The bundle and the results are written once; every task reads the bundle.
          s3Writes: bundleFiles + downloaded.count,
          s3Reads: downloaded.count + bundleFiles * tasks.length
        }
  const masterExitCode = masterExitCodeOf(execution?.output)
  if (error === undefined && masterExitCode !== undefined && masterExitCode !== 0) {
    error = `The Locust master container exited with code ${masterExitCode}; see master.log in the results.`
  }

  const outcome: BackendOutcome = {
    locustExitCode: container.locustExitCode ?? undefined,
    error,
    partial: error !== undefined || container.partial === true,
    facts: {
      ...workerFacts(container),
      ...(config.backend.minWorkers === undefined ? {} : { minWorkers: config.backend.minWorkers }),
      ...(tasks === undefined ? {} : fleetFacts(workerFleet(tasks, config.workers))),
      locustVersion: container.locustVersion ?? undefined,
      startedAt: container.startedAt ?? execution?.startDate?.toISOString(),
      endedAt: container.endedAt ?? execution?.stopDate?.toISOString(),
      durationSeconds:
        execution?.startDate && execution.stopDate
          ? (execution.stopDate.getTime() - execution.startDate.getTime()) / 1000
          : undefined,
      links: [{ label: 'Run id', value: run.runId }, ...run.links]
    }
  }
  return { outcome, usage }
}

/**
 * Worker tasks and Locust processes told apart: on current Locust each worker task runs one
 * process per vCPU, and the master counts processes. A task counts as connected when any of its
 * processes did.
 */
export function workerFacts(
  container: Pick<ContainerResult, 'workersConnected' | 'workersJoined' | 'processesPerWorker'>
): Pick<RunFacts, 'workersConnected' | 'workerProcesses' | 'workersJoined'> {
  const processes = container.workersConnected
  if (processes === undefined) return {}
  const perTask = container.processesPerWorker ?? 1
  const joined =
    container.workersJoined === undefined
      ? {}
      : { workersJoined: Math.ceil(container.workersJoined / perTask) }
  return perTask > 1
    ? { workersConnected: Math.ceil(processes / perTask), workerProcesses: processes, ...joined }
    : { workersConnected: processes, ...joined }
}

/** The fleet's counts as run facts (reclaimed only when Spot reclaimed any). */
function fleetFacts(
  fleet: WorkerFleet
): Pick<RunFacts, 'workersReplaced' | 'workersReclaimed' | 'workersLost'> {
  return {
    workersReplaced: fleet.replaced,
    workersLost: fleet.stopped,
    ...(fleet.reclaimed > 0 ? { workersReclaimed: fleet.reclaimed } : {})
  }
}

function randomNonce(): string {
  return randomBytes(3).toString('hex')
}

/** The state machine's native input (docs/aws-contract.md). */
export function executionInput(
  config: AwsRunConfig,
  target: AwsTarget,
  runId: string,
  nowMs: number
): OverrideSource & Record<string, unknown> {
  const locustfile = relative(config.workingDirectory, config.locustfile).split(sep).join('/')
  return {
    runId,
    locustfile,
    users: config.users,
    spawnRate: config.spawnRate,
    // With rounds, the tasks' run time covers them all; the master times each round itself.
    runTimeSeconds: plannedLoadSeconds(config.runTimeSeconds, config.rounds),
    // A host with credentials is staged in the bundle (uploadHost); tasks see it redacted.
    ...(config.host ? { host: redactHost(config.host) } : {}),
    locustArgs: config.locustArgs,
    workers: config.workers,
    minWorkers: config.backend.minWorkers ?? config.workers,
    // Workers that stop are replaced through the load, and not once it may be over: the load starts
    // after this moment and lasts at least its measured windows (a worker that stops when its master
    // has ended is no loss). 0 turns replacement off.
    replaceWorkersUntil: new Date(
      config.backend.workerReplaceMinutes === 0
        ? nowMs
        : nowMs + measuredLoadSeconds(config.runTimeSeconds, config.rounds) * 1000
    ).toISOString(),
    replaceWorkersSeconds: config.backend.workerReplaceMinutes * 60,
    workerCapacity: capacityProviderStrategy(config.backend.capacity),
    bucket: target.bucket,
    ...(target.cluster ? { cluster: target.cluster } : {}),
    ...(target.taskDefinition ? { taskDefinition: target.taskDefinition } : {}),
    ...(target.subnets ? { subnets: target.subnets } : {}),
    ...(target.securityGroups ? { securityGroups: target.securityGroups } : {}),
    assignPublicIp: config.backend.assignPublicIp ? 'ENABLED' : 'DISABLED',
    // Tasks give up on their own when the action itself would: at timeout-minutes.
    deadlineEpoch: Math.floor(nowMs / 1000) + Math.ceil(config.timeoutMinutes * 60)
  }
}

function consoleLinks(target: AwsTarget, executionArn: string): NonNullable<RunFacts['links']> {
  const region = target.region ?? executionArn.split(':')[3]
  const console = `https://${region}.console.aws.amazon.com`
  const links: NonNullable<RunFacts['links']> = [
    {
      label: 'Step Functions execution',
      url: `${console}/states/home?region=${region}#/v2/executions/details/${executionArn}`
    }
  ]
  if (target.logGroupName) {
    const group = encodeURIComponent(encodeURIComponent(target.logGroupName)).replace(/%/g, '$')
    links.push({
      label: 'Container logs',
      url: `${console}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${group}`
    })
  }
  return links
}

/**
 * Polls until the object exists, at most `limitMs`; returns whether it does. It lists the key rather
 * than HEAD it: without ListBucket on the whole bucket S3 answers a missing key with 403, not 404.
 */
async function waitForObject(
  s3: S3Client,
  bucket: string,
  key: string,
  clock: Clock,
  limitMs: number
): Promise<boolean> {
  const deadline = clock.now() + limitMs
  for (;;) {
    const listing = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 })
    )
    if (listing.Contents?.some((object) => object.Key === key)) return true
    if (clock.now() >= deadline) return false
    await clock.sleep(Math.min(1000, deadline - clock.now()))
  }
}
