import {
  DescribeTasksCommand,
  ListTasksCommand,
  type ECSClient,
  type ListTasksCommandInput,
  type Task
} from '@aws-sdk/client-ecs'

/**
 * ARNs of the run's tasks still meant to run, every page. ECS `startedBy` (the run id) must be the
 * only filter of ListTasks; desired status RUNNING is its default.
 */
export async function listRunTaskArns(
  ecs: ECSClient,
  cluster: string,
  runId: string
): Promise<string[]> {
  return listTaskArns(ecs, { cluster, startedBy: runId })
}

/**
 * Every task of the run, running or stopped. ListTasks cannot combine startedBy with desired status
 * STOPPED, so the cluster's stopped tasks are described and kept when the run started them: call it
 * once, not in a polling loop (there, describe the tasks seen so far with `describeTaskArns`).
 */
export async function describeRunTasks(
  ecs: ECSClient,
  cluster: string,
  runId: string
): Promise<Task[]> {
  const running = await describeTaskArns(ecs, cluster, await listRunTaskArns(ecs, cluster, runId))
  const stopped = await describeTaskArns(
    ecs,
    cluster,
    await listTaskArns(ecs, { cluster, desiredStatus: 'STOPPED' })
  )
  return [...running, ...stopped.filter((task) => task.startedBy === runId)]
}

async function listTaskArns(ecs: ECSClient, filter: ListTasksCommandInput): Promise<string[]> {
  const arns: string[] = []
  let nextToken: string | undefined
  do {
    const page = await ecs.send(new ListTasksCommand({ ...filter, nextToken }))
    arns.push(...(page.taskArns ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  return arns
}

/** The tasks of `arns`, 100 per DescribeTasks call. */
export async function describeTaskArns(
  ecs: ECSClient,
  cluster: string,
  arns: string[]
): Promise<Task[]> {
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
