/**
 * Runs of many tasks for timing the AWS backend's cleanup: an emulator whose tasks are stand-ins (a
 * sleeping shell in place of Locust, quick to start), an execution that only waits, and the run's
 * master and workers launched the way the state machine launches them. Used by
 * cancel-order.test.ts and bench/aws.bench.ts.
 */
import { RunTaskCommand, type ECSClient } from '@aws-sdk/client-ecs'
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn'
import { startEmulator, stateMachineArn, type Emulator } from './index.js'
import { waitFor } from './wait.js'

const HOLD = stateMachineArn('hold')

export function startStandInEmulator(): Promise<Emulator> {
  return startEmulator({
    stateMachines: {
      [HOLD]: { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } }
    },
    ecs: {
      // Ends by itself if anything is left behind.
      taskCommand: ['sh', '-c', 'exec sleep 300'],
      timings: {
        addressMs: 0,
        provisioningMs: 20,
        pendingMs: 20,
        stopTimeoutMs: 5_000,
        deprovisioningMs: 50
      }
    }
  })
}

export interface StandInRun {
  executionArn: string
  masterTaskArn: string
}

/** Starts a waiting execution named `runId` and its master and workers, 10 per RunTask. */
export async function startStandInRun(
  emulator: Emulator,
  clients: { stepFunctions: SFNClient; ecs: ECSClient },
  runId: string,
  workers: number
): Promise<StandInRun> {
  const { executionArn } = await clients.stepFunctions.send(
    new StartExecutionCommand({ stateMachineArn: HOLD, name: runId, input: '{}' })
  )
  const launch = async (count: number, role: string) => {
    const { tasks } = await clients.ecs.send(
      new RunTaskCommand({
        cluster: 'load',
        taskDefinition: 'locust:1',
        count,
        startedBy: runId,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
        overrides: { containerOverrides: [{ name: 'locust', command: [role] }] }
      })
    )
    return tasks!.map((task) => task.taskArn!)
  }
  const [masterTaskArn] = await launch(1, 'master')
  for (let left = workers; left > 0; left -= 10) await launch(Math.min(10, left), 'worker')
  await waitFor(
    `${workers + 1} task processes`,
    () => emulator.ecs.tasks().filter((task) => task.startedBy === runId && task.pid),
    (started) => started.length === workers + 1,
    60_000
  )
  return { executionArn: executionArn!, masterTaskArn }
}
