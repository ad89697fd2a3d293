/** The stack the AWS benches deploy into the emulator: our template's state machine and its resources. */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadStateMachineDefinition } from '../scripts/template/template.js'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')

export const BENCH_BUCKET = 'distributed-locust-bench'
export const BENCH_STACK = {
  cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/distributed-locust',
  taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/distributed-locust:1',
  subnets: ['subnet-0a'],
  securityGroups: ['sg-0c']
}

/** The template's state machine as the stack would deploy it; a seed run lasts `seedRunSeconds`. */
export function benchStateMachine(seedRunSeconds: number): unknown {
  return loadStateMachineDefinition(
    readFileSync(join(REPO, 'cloudformation/template.yaml'), 'utf8'),
    {
      BucketName: BENCH_BUCKET,
      ClusterArn: BENCH_STACK.cluster,
      TaskDefinitionArn: BENCH_STACK.taskDefinition,
      Subnets: BENCH_STACK.subnets.join(','),
      SecurityGroup: BENCH_STACK.securityGroups[0],
      AssignPublicIp: 'DISABLED',
      ContainerName: 'locust',
      // The entrypoint's default.
      ExpectWorkersTimeoutSeconds: '120',
      RunDeadlineMarginSeconds: '60',
      SeedRunTimeSeconds: String(seedRunSeconds)
    }
  )
}
