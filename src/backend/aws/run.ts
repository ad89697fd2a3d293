import { randomBytes } from 'node:crypto'
import { relative, sep } from 'node:path'
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { StartExecutionCommand } from '@aws-sdk/client-sfn'
import { PreflightError } from '../../errors.js'
import type { RunConfig } from '../../run/config.js'
import type { RunFacts } from '../../run/facts.js'
import { redactHost } from '../../run/host.js'
import type { BackendOutcome, RunHooks } from '../types.js'
import { createAwsClients, type AwsClients } from './clients.js'
import { systemClock, type Clock } from './clock.js'
import {
  credentialsLifetime,
  credentialsLifetimeProblem,
  type CredentialsLifetime
} from './credentials.js'
import { stopRun, type RunHandle } from './cleanup.js'
import { LiveFollower } from './live.js'
import {
  deadMasterMessage,
  describeTask,
  logPlace,
  monitorExecution,
  taskRole,
  type MonitorEnd
} from './monitor.js'
import { overridesProblem, type OverrideSource } from './overrides.js'
import { describeRunTasks } from './tasks.js'
import { deriveRunId } from './run-id.js'
import { costSentence, runCost, taskUsage } from './cost.js'
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
  type BundleFile,
  type StagedHost
} from './stage.js'
import type { AwsSettings } from './settings.js'
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
  clients: AwsClients
  clock: Clock
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
  const bundle = await listBundle(config.workingDirectory, [config.locustfile, ...config.data])
  const lifetime = await (
    dependencies.credentialsLifetime ??
    (() => credentialsLifetime(env, clients.stepFunctions.config.credentials))
  )()
  const problem = credentialsLifetimeProblem(lifetime, clock.now(), config.timeoutMinutes)
  if (problem) warn(`${problem.message} ${problem.fix}`)
  const nonce = (dependencies.nonce ?? randomNonce)()
  const runId = deriveRunId(env, nonce, new Date(clock.now()))
  const overrides = overridesProblem(executionInput(config, target, runId, clock.now()))
  if (overrides) throw new PreflightError(overrides)
  return { config, target, bundle, runId, clients, clock }
}

/**
 * Runs the test on Fargate through the stack's state machine: stage the locustfile and data in S3
 * → start the execution → follow it → download the results. Always returns an outcome: an error
 * on the way becomes the outcome's error, and an execution that did not reach its end is stopped.
 */
export async function runAws(
  prepared: PreparedAwsRun,
  hooks: RunHooks<RunHandle>
): Promise<BackendOutcome> {
  const { config, target, bundle, runId, clients, clock } = prepared
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
    const live = new LiveFollower({
      s3: clients.s3,
      bucket: target.bucket,
      runId,
      thresholds: config.thresholds,
      runTimeSeconds: config.runTimeSeconds,
      onProgress: hooks.onProgress,
      log,
      warn
    })
    const end = await monitorExecution(clients, {
      executionArn: run.executionArn,
      cluster: target.cluster,
      runId,
      clock,
      signal: hooks.signal ?? new AbortController().signal,
      deadline: startedAt + config.timeoutMinutes * 60_000,
      log,
      onMaster: (taskArn) => (handle.masterTaskArn = taskArn),
      onPoll: (elapsedMs) => live.poll(clock.now(), elapsedMs)
    })
    const interruption =
      end.kind === 'finished'
        ? undefined
        : await stopInterruptedRun(run, started, end, config, clients, clock, log)
    ended = true
    const outcome = await collectOutcome(
      run,
      end,
      interruption,
      config,
      clients,
      log,
      bundle.length
    )
    if (live.aborted === undefined) return outcome
    return { ...outcome, partial: true, facts: { ...outcome.facts, aborted: live.aborted } }
  } catch (error) {
    return {
      error: (error as Error).message,
      partial: started !== undefined,
      facts: started ? { links: [{ label: 'Run id', value: runId }] } : {}
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
  config: AwsRunConfig,
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
      return 'The run was cancelled; every task was stopped. Results so far are shown.'
    case 'timed-out':
      return `The run did not finish within timeout-minutes (${config.timeoutMinutes}); every task was stopped.`
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
): Promise<BackendOutcome> {
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
  const cost =
    tasks === undefined
      ? undefined
      : runCost(
          {
            region: run.target.region ?? run.executionArn.split(':')[3],
            tasks: tasks.map(taskUsage),
            // The bundle and the results are written once; every task reads the bundle.
            s3Writes: bundleFiles + downloaded.count,
            s3Reads: downloaded.count + bundleFiles * tasks.length
          },
          new Date()
        )
  const masterExitCode = masterExitCodeOf(execution?.output)
  if (error === undefined && masterExitCode !== undefined && masterExitCode !== 0) {
    error = `The Locust master container exited with code ${masterExitCode}; see master.log in the results.`
  }

  return {
    locustExitCode: container.locustExitCode ?? undefined,
    error,
    partial: error !== undefined || container.partial === true,
    facts: {
      ...workerFacts(container),
      locustVersion: container.locustVersion,
      startedAt: container.startedAt ?? execution?.startDate?.toISOString(),
      endedAt: container.endedAt ?? execution?.stopDate?.toISOString(),
      durationSeconds:
        execution?.startDate && execution.stopDate
          ? (execution.stopDate.getTime() - execution.startDate.getTime()) / 1000
          : undefined,
      links: [{ label: 'Run id', value: run.runId }, ...run.links],
      ...(cost === undefined
        ? {}
        : 'unknown' in cost
          ? { cost: { note: `not known: ${cost.unknown}` } }
          : { cost: { usd: cost.totalUsd, note: costSentence(cost) } })
    }
  }
}

/**
 * Worker tasks and Locust processes told apart: on current Locust each worker task runs one
 * process per vCPU, and the master counts processes. A task counts as connected when any of its
 * processes did.
 */
export function workerFacts(
  container: Pick<ContainerResult, 'workersConnected' | 'processesPerWorker'>
): Pick<RunFacts, 'workersConnected' | 'workerProcesses'> {
  const processes = container.workersConnected
  if (processes === undefined) return {}
  const perTask = container.processesPerWorker ?? 1
  return perTask > 1
    ? { workersConnected: Math.ceil(processes / perTask), workerProcesses: processes }
    : { workersConnected: processes }
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
    runTimeSeconds: config.runTimeSeconds,
    // A host with credentials is staged in the bundle (uploadHost); tasks see it redacted.
    ...(config.host ? { host: redactHost(config.host) } : {}),
    locustArgs: config.locustArgs,
    workers: config.workers,
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
