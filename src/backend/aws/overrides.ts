/**
 * The size of the container overrides the state machine sends with every RunTask (its
 * PlanNativeRun state, docs/aws-contract.md), worked out from the execution input before anything
 * starts: ECS refuses a RunTask whose overrides exceed 8,192 characters, and would do so only once
 * the master is being launched. Pure.
 */

/** ECS's limit on the container overrides of one RunTask. */
export const ECS_OVERRIDES_LIMIT = 8192

/** The execution input fields that the overrides carry (see executionInput). */
export interface OverrideSource {
  runId: string
  locustfile: string
  users: number
  spawnRate: number
  runTimeSeconds: number
  host?: string
  locustArgs: string[]
  workers: number
  /** Workers the master waits for before the load starts. */
  minWorkers: number
  bucket: string
  deadlineEpoch: number
}

/**
 * A worker's overrides (the longer of master and worker) as ECS receives them. The expect-workers
 * timeout is a stack parameter the action does not know: its largest value is counted.
 */
export function workerOverrides(input: OverrideSource): object {
  const environment: Record<string, string> = {
    DL_RUN_ID: input.runId,
    DL_BUCKET: input.bucket,
    DL_BUNDLE_PREFIX: `runs/${input.runId}/bundle/`,
    DL_RESULTS_PREFIX: `runs/${input.runId}/results/`,
    DL_LOCUSTFILE: input.locustfile,
    DL_USERS: String(input.users),
    DL_SPAWN_RATE: String(input.spawnRate),
    DL_RUN_TIME_SECONDS: String(input.runTimeSeconds),
    DL_HOST: input.host ?? '',
    DL_LOCUST_ARGS: JSON.stringify(input.locustArgs),
    DL_EXPECT_WORKERS: String(input.minWorkers),
    DL_EXPECT_WORKERS_TIMEOUT: '1800',
    DL_DEADLINE_EPOCH: String(input.deadlineEpoch),
    DL_MASTER_ADDRESS_KEY: `runs/${input.runId}/master-address`
  }
  return {
    containerOverrides: [
      {
        name: 'locust',
        command: ['worker'],
        environment: Object.entries(environment).map(([name, value]) => ({ name, value }))
      }
    ]
  }
}

/**
 * Why the overrides are too large, naming the inputs to trim with their share, or undefined when
 * they fit.
 */
export function overridesProblem(input: OverrideSource): string | undefined {
  const size = JSON.stringify(workerOverrides(input)).length
  if (size <= ECS_OVERRIDES_LIMIT) return undefined
  const parts = [
    { name: 'locust-args', size: JSON.stringify(input.locustArgs).length },
    { name: 'host', size: input.host?.length ?? 0 },
    { name: 'locustfile (its path)', size: input.locustfile.length }
  ]
    .filter((part) => part.size > 0)
    .sort((a, b) => b.size - a.size)
    .map((part) => `${part.name} ${part.size}`)
  return (
    `The Locust tasks' settings would take ${size} characters of ECS container overrides, over ` +
    `ECS's limit of ${ECS_OVERRIDES_LIMIT}, so no task could start. Shorten by at least ` +
    `${size - ECS_OVERRIDES_LIMIT} characters what takes the most room (characters: ` +
    `${parts.join(', ')}), e.g. move Locust options into a config file in the bundle.`
  )
}
