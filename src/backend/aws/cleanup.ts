import { StopTaskCommand, type ECSClient } from '@aws-sdk/client-ecs'
import { DescribeExecutionCommand, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn'
import type { S3Client } from '@aws-sdk/client-s3'
import Bottleneck from 'bottleneck'
import { createAwsClients } from './clients.js'
import { deleteStagedHost, type StagedHost } from './stage.js'
import { listRunTaskArns } from './tasks.js'

/**
 * What stops a run: its execution, the ECS tasks it tags with the run id, and the host URL with
 * credentials it staged, if any.
 */
export interface RunHandle {
  arn: string
  region?: string
  cluster?: string
  runId: string
  stagedHost?: StagedHost
  /** The master's task, once the step has seen it: stopped before the workers. */
  masterTaskArn?: string
}

/**
 * How fast StopTask may be called: ECS throttles it per account and region with a token bucket
 * (a burst, then a steady refill). Calls past it would fail with ThrottlingException and be retried
 * after pauses that a cancelled step, killed seconds after its signal, may not have.
 */
export const STOP_TASK_RATE = { burst: 100, perSecond: 40 }

/**
 * Stops a run, in the order that matters when the runner kills a cancelled step about 10 s after
 * its signal: the master first (its workers have nothing left to do, and it uploads what it
 * measured), then every worker at once as fast as ECS takes StopTask, then the execution, then the
 * tasks it may have launched in between. Deletes the staged host URL last. Safe to call more than
 * once (the post step sweeps what is left); an execution or task that already ended is left alone.
 */
export async function stopRun(
  execution: RunHandle,
  log: (line: string) => void,
  clients: { stepFunctions: SFNClient; ecs: ECSClient; s3: S3Client } = createAwsClients(
    execution.region
  )
): Promise<void> {
  let stopped = 0
  if (execution.cluster) stopped += await stopRunTasks(clients.ecs, execution)
  const { status } = await clients.stepFunctions.send(
    new DescribeExecutionCommand({ executionArn: execution.arn })
  )
  if (status === 'RUNNING') {
    await clients.stepFunctions.send(
      new StopExecutionCommand({
        executionArn: execution.arn,
        error: 'DistributedLocust.Cancelled',
        cause: 'The workflow step was cancelled or stopped.'
      })
    )
    log(`Stopped execution ${execution.arn}.`)
    // Tasks it launched while the first ones were being stopped.
    if (execution.cluster) stopped += await stopRunTasks(clients.ecs, execution)
  }
  if (stopped > 0) log(`Stopped ${stopped} ECS task(s) of run ${execution.runId}.`)
  if (execution.stagedHost) await deleteStagedHost(execution.stagedHost, clients.s3, log)
}

/** Stops the run's tasks still meant to run, its master first; returns how many. */
async function stopRunTasks(ecs: ECSClient, run: RunHandle): Promise<number> {
  const cluster = run.cluster!
  const arns = await listRunTaskArns(ecs, cluster, run.runId)
  const reason = `distributed-locust: run ${run.runId} stopped`
  const stop = (task: string) => ecs.send(new StopTaskCommand({ cluster, task, reason }))
  const limiter = new Bottleneck({
    reservoir: STOP_TASK_RATE.burst,
    reservoirIncreaseMaximum: STOP_TASK_RATE.burst,
    // Refilled in tenths of a second, so the calls after the burst go out evenly. Bottleneck
    // refills only on its heartbeat (every 250 ms by default): that would be 16 calls a second.
    reservoirIncreaseAmount: STOP_TASK_RATE.perSecond / 10,
    reservoirIncreaseInterval: 100,
    heartbeatInterval: 100
  })
  const master = arns.find((arn) => arn === run.masterTaskArn)
  try {
    if (master) await limiter.schedule(() => stop(master))
    const workers = arns.filter((arn) => arn !== master)
    await Promise.all(workers.map((task) => limiter.schedule(() => stop(task))))
  } finally {
    await limiter.disconnect()
  }
  return arns.length
}
