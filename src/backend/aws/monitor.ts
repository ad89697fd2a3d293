import type { ECSClient, Task } from '@aws-sdk/client-ecs'
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
  type SFNClient
} from '@aws-sdk/client-sfn'
import { backoff, type Clock } from './clock.js'
import { describeTaskArns, listRunTaskArns } from './tasks.js'

export interface MonitorOptions {
  executionArn: string
  cluster?: string
  runId: string
  clock: Clock
  signal: AbortSignal
  /** Absolute time (ms) after which monitoring gives up. */
  deadline: number
  log: (line: string) => void
  /** Called after each poll of a running execution (live progress, abort rules); awaited. */
  onPoll?: (elapsedMs: number) => void | Promise<void>
  /** Called once the run's master task is seen, so a cancel can stop it first. */
  onMaster?: (taskArn: string) => void
}

export type MonitorEnd =
  | { kind: 'finished'; execution: DescribeExecutionCommandOutput }
  | { kind: 'cancelled' }
  | { kind: 'timed-out' }
  /** The master's task stopped with a failure while the execution still ran. */
  | { kind: 'master-stopped'; task: Task }

/**
 * Polls the execution until it ends, logging its state changes and the run's ECS tasks (role,
 * id, address, status) as they appear. Polling backs off from 1 s to 5 s, so the end of a run is
 * noticed within 5 s, and so is a master that died mid-run: its workers have nothing left to do.
 */
export async function monitorExecution(
  clients: { stepFunctions: SFNClient; ecs: ECSClient },
  options: MonitorOptions
): Promise<MonitorEnd> {
  const started = options.clock.now()
  const history = new HistoryFollower(clients.stepFunctions, options.executionArn)
  const tasks = new TaskFollower(clients.ecs, options.cluster, options.runId, options.onMaster)
  for (const delay of backoff(1000, 1.5, 5000)) {
    const execution = await clients.stepFunctions.send(
      new DescribeExecutionCommand({ executionArn: options.executionArn })
    )
    for (const line of await history.newStateChanges()) options.log(line)
    for (const line of await tasks.changes()) options.log(line)
    if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
      return { kind: 'finished', execution }
    }
    if (tasks.deadMaster) return { kind: 'master-stopped', task: tasks.deadMaster }
    await options.onPoll?.(options.clock.now() - started)
    if (options.signal.aborted) return { kind: 'cancelled' }
    if (options.clock.now() >= options.deadline) return { kind: 'timed-out' }
    await options.clock.sleep(
      Math.min(delay, Math.max(0, options.deadline - options.clock.now())),
      options.signal
    )
    if (options.signal.aborted) return { kind: 'cancelled' }
  }
  throw new Error('unreachable: backoff() never ends')
}

/**
 * Reads only the history events not seen yet (newest first, stopping at the last one seen) and
 * reports each state the first time it is entered: the flow, without the polling loops' repeats.
 */
class HistoryFollower {
  private lastSeenId = 0
  private readonly statesSeen = new Set<string>()

  constructor(
    private readonly stepFunctions: SFNClient,
    private readonly executionArn: string
  ) {}

  async newStateChanges(): Promise<string[]> {
    const fresh: HistoryEvent[] = []
    let nextToken: string | undefined
    pages: do {
      const page = await this.stepFunctions.send(
        new GetExecutionHistoryCommand({
          executionArn: this.executionArn,
          reverseOrder: true,
          maxResults: 100,
          nextToken
        })
      )
      for (const event of page.events ?? []) {
        if ((event.id ?? 0) <= this.lastSeenId) break pages
        fresh.push(event)
      }
      nextToken = page.nextToken
    } while (nextToken)
    if (fresh.length > 0) this.lastSeenId = Math.max(...fresh.map((event) => event.id ?? 0))
    const lines: string[] = []
    for (const event of fresh.reverse()) {
      const state = event.type?.endsWith('StateEntered')
        ? event.stateEnteredEventDetails?.name
        : undefined
      if (state === undefined || this.statesSeen.has(state)) continue
      this.statesSeen.add(state)
      lines.push(`State machine: ${state}`)
    }
    return lines
  }
}

/**
 * Follows the run's ECS tasks, reporting each task's role, address and status once per change.
 * A task seen STOPPED is not described again: each poll describes the tasks still meant to run and
 * those seen before that have not stopped yet, 100 per DescribeTasks call.
 */
class TaskFollower {
  private readonly known = new Map<string, string>()
  private readonly stopped = new Set<string>()
  private masterSeen = false
  /** The master's task, once seen stopped with a failure (an exit code other than 0, or none). */
  deadMaster?: Task

  constructor(
    private readonly ecs: ECSClient,
    private readonly cluster: string | undefined,
    private readonly runId: string,
    private readonly onMaster?: (taskArn: string) => void
  ) {}

  async changes(): Promise<string[]> {
    if (!this.cluster) return []
    const arns = new Set([
      ...this.known.keys(),
      ...(await listRunTaskArns(this.ecs, this.cluster, this.runId))
    ])
    for (const arn of this.stopped) arns.delete(arn)
    const tasks = await describeTaskArns(this.ecs, this.cluster, [...arns])
    const lines: string[] = []
    for (const task of tasks) {
      if (!task.taskArn) continue
      if (task.lastStatus === 'STOPPED') this.stopped.add(task.taskArn)
      if (taskRole(task) === 'master' && masterFailed(task)) this.deadMaster ??= task
      if (!this.masterSeen && taskRole(task) === 'master') {
        this.masterSeen = true
        this.onMaster?.(task.taskArn)
      }
      const line = describeTask(task)
      if (this.known.get(task.taskArn) !== line) {
        this.known.set(task.taskArn, line)
        lines.push(line)
      }
    }
    return lines
  }
}

/** "master" or "worker", from the container command the state machine gave the task. */
export function taskRole(task: Task): 'master' | 'worker' | 'task' {
  const command = task.overrides?.containerOverrides?.[0]?.command ?? []
  if (command[0] === 'master' || command.includes('--master')) return 'master'
  if (command[0] === 'worker' || command.includes('--worker')) return 'worker'
  return 'task'
}

function taskAddress(task: Task): string | undefined {
  const details = task.attachments?.flatMap((attachment) => attachment.details ?? []) ?? []
  return details.find((detail) => detail.name === 'privateIPv4Address')?.value
}

export function describeTask(task: Task): string {
  const id = task.taskArn?.split('/').pop() ?? 'unknown'
  const address = taskAddress(task)
  const container = task.containers?.[0]
  const parts = [`${taskRole(task)} task ${id}`, task.lastStatus ?? 'UNKNOWN']
  if (address) parts.push(`at ${address}`)
  if (task.lastStatus === 'STOPPED') {
    if (container?.exitCode !== undefined) parts.push(`exit code ${container.exitCode}`)
    if (task.stoppedReason) parts.push(`(${task.stoppedReason})`)
  }
  return parts.join(' ')
}

/**
 * A master that ends its test exits 0, and the execution ends soon after: only a failure counts.
 * The exit code is known while the task deprovisions, 30-60 s before it is STOPPED.
 */
function masterFailed(task: Task): boolean {
  const exitCode = task.containers?.[0]?.exitCode
  return exitCode === undefined ? task.lastStatus === 'STOPPED' : exitCode !== 0
}

/** The task definition's awslogs-stream-prefix (cloudformation/src/template.yaml). */
const LOG_STREAM_PREFIX = 'run'

/** A task's CloudWatch Logs stream: "<prefix>/<container>/<task id>", as the awslogs driver names it. */
export function logStreamOf(task: Task): string {
  const id = task.taskArn?.split('/').pop() ?? 'unknown'
  return `${LOG_STREAM_PREFIX}/${task.containers?.[0]?.name ?? 'locust'}/${id}`
}

/** Why a run whose master died mid-run was stopped: the exit code, the stop reason and its log. */
export function deadMasterMessage(task: Task, logGroupName: string | undefined): string {
  const id = task.taskArn?.split('/').pop() ?? 'unknown'
  const exitCode = task.containers?.[0]?.exitCode
  const exit = exitCode === undefined ? 'without an exit code' : `with exit code ${exitCode}`
  const reason = task.stoppedReason ? ` (${task.stoppedReason})` : ''
  return (
    `The Locust master task ${id} stopped ${exit}${reason} while the run was still going, so every worker was stopped at once. ` +
    `Its log: ${logPlace(task, logGroupName)}.`
  )
}

/** "CloudWatch Logs group /g, stream run/locust/<id>": where a task's log is. */
export function logPlace(task: Task, logGroupName: string | undefined): string {
  return logGroupName
    ? `CloudWatch Logs group ${logGroupName}, stream ${logStreamOf(task)}`
    : `CloudWatch Logs stream ${logStreamOf(task)}`
}
