/** The state machine's inputs and checks that the stack test files share. */
import { expect } from '@jest/globals'
import type { StackEcs } from './run-machine.js'

export const nativeInput = {
  runId: 'gh-4242-1-load',
  locustfile: 'tests/locustfile.py',
  users: 50,
  spawnRate: 10,
  runTimeSeconds: 300,
  host: 'https://staging.example.com',
  locustArgs: ['--stop-timeout', '10'],
  workers: 3
}

/** The original project's input: one Jobs entry per worker. */
export const seedJob = {
  ExecutionId: 'seed-run-7',
  ClusterName: 'dl-cluster',
  TaskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/seed:1',
  AwsRegion: 'eu-west-1',
  Subnets: ['subnet-1', 'subnet-2'],
  SecurityGroups: ['sg-seed'],
  FamilyName: 'seed'
}
export const seedInput = {
  JobDetails: {
    ...seedJob,
    MasterTaskName: 'seed-master',
    MasterCommand: ['locust', '-f', '/opt/locustfile.py', '--master', '--headless', '-u', '20']
  },
  Jobs: Array.from({ length: 3 }, () => ({
    ...seedJob,
    WorkerTaskName: 'seed-worker',
    WorkerCommand: ['locust', '-f', '/opt/locustfile.py', '--worker']
  }))
}

/** Where the native form's workers find their master (DL_MASTER_ADDRESS_KEY in the stack bucket). */
export const addressObject = 'dl-runs/runs/gh-4242-1-load/master-address'

export function expectEveryTaskStopped(ecs: StackEcs): void {
  expect(ecs.tasks.length).toBeGreaterThan(0)
  expect(ecs.tasksLeftRunning().map((task) => task.arn)).toEqual([])
}
