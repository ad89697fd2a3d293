import { StopTaskCommand, type ECSClient } from '@aws-sdk/client-ecs'
import { DescribeExecutionCommand, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn'
import { createAwsClients } from './clients.js'
import { listRunTaskArns } from './tasks.js'

/** What stops a run: its execution, and the ECS tasks it tags with the run id. */
export interface RunHandle {
  arn: string
  region?: string
  cluster?: string
  runId: string
}

/**
 * Stops a run: its execution (when still running) and every ECS task started for it. Safe to call
 * more than once; an execution or task that already ended is left alone.
 */
export async function stopRun(
  execution: RunHandle,
  log: (line: string) => void,
  clients: { stepFunctions: SFNClient; ecs: ECSClient } = createAwsClients(execution.region)
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
  if (!execution.cluster) return
  const stopped = await stopRunTasks(clients.ecs, execution.cluster, execution.runId)
  if (stopped > 0) log(`Stopped ${stopped} ECS task(s) of run ${execution.runId}.`)
}

/** Stops every task of the cluster that was started for the run; returns how many. */
export async function stopRunTasks(
  ecs: ECSClient,
  cluster: string,
  runId: string
): Promise<number> {
  const arns = await listRunTaskArns(ecs, cluster, runId)
  for (const task of arns) {
    await ecs.send(
      new StopTaskCommand({ cluster, task, reason: `distributed-locust: run ${runId} stopped` })
    )
  }
  return arns.length
}
