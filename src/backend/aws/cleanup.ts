import { StopTaskCommand, type ECSClient } from '@aws-sdk/client-ecs'
import { DescribeExecutionCommand, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn'
import type { S3Client } from '@aws-sdk/client-s3'
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
}

/**
 * Stops a run: its execution (when still running) and every ECS task started for it, then deletes
 * its staged host URL. Safe to call more than once; an execution or task that already ended is left
 * alone.
 */
export async function stopRun(
  execution: RunHandle,
  log: (line: string) => void,
  clients: { stepFunctions: SFNClient; ecs: ECSClient; s3: S3Client } = createAwsClients(
    execution.region
  )
): Promise<void> {
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
  }
  if (execution.cluster) {
    const stopped = await stopRunTasks(clients.ecs, execution.cluster, execution.runId)
    if (stopped > 0) log(`Stopped ${stopped} ECS task(s) of run ${execution.runId}.`)
  }
  if (execution.stagedHost) await deleteStagedHost(execution.stagedHost, clients.s3, log)
}

/** Stops every task of the cluster that was started for the run; returns how many. */
async function stopRunTasks(ecs: ECSClient, cluster: string, runId: string): Promise<number> {
  const arns = await listRunTaskArns(ecs, cluster, runId)
  for (const task of arns) {
    await ecs.send(
      new StopTaskCommand({ cluster, task, reason: `distributed-locust: run ${runId} stopped` })
    )
  }
  return arns.length
}
