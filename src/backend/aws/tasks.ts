import {
  DescribeTasksCommand,
  ListTasksCommand,
  type ECSClient,
  type Task
} from '@aws-sdk/client-ecs'

/** ARNs of the run's tasks (ECS `startedBy` = run id) with the given desired status, every page. */
export async function listRunTaskArns(
  ecs: ECSClient,
  cluster: string,
  runId: string,
  desiredStatus: 'RUNNING' | 'STOPPED'
): Promise<string[]> {
  const arns: string[] = []
  let nextToken: string | undefined
  do {
    const page = await ecs.send(
      new ListTasksCommand({ cluster, startedBy: runId, desiredStatus, nextToken })
    )
    arns.push(...(page.taskArns ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  return arns
}

/** Every task of the run, running or stopped. */
export async function describeRunTasks(
  ecs: ECSClient,
  cluster: string,
  runId: string
): Promise<Task[]> {
  const arns = [
    ...(await listRunTaskArns(ecs, cluster, runId, 'RUNNING')),
    ...(await listRunTaskArns(ecs, cluster, runId, 'STOPPED'))
  ]
  const tasks: Task[] = []
  // DescribeTasks takes at most 100 tasks per call.
  for (let i = 0; i < arns.length; i += 100) {
    const page = await ecs.send(
      new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) })
    )
    tasks.push(...(page.tasks ?? []))
  }
  return tasks
}
