/**
 * Cancelling a run of 200 workers against the emulator (ECS with StopTask's rate limit, Step
 * Functions): the step stops the master first, every worker without being throttled, the execution
 * last. Stand-in tasks take Locust's place. How long it takes (every StopTask answered within 5 s
 * of the signal, before the runner's SIGKILL about 10 s after its SIGINT) is measured by
 * bench/aws.bench.ts, not asserted here.
 */
import { jest } from '@jest/globals'
import { stopRun } from '../../src/backend/aws/cleanup.js'
import { createAwsClients, type AwsClients } from '../../src/backend/aws/clients.js'
import { applyEnv, type Emulator } from './index.js'
import { startStandInEmulator, startStandInRun } from './stand-in-run.js'

jest.setTimeout(120_000)

let emulator: Emulator
let restoreEnv: () => void
let clients: AwsClients

beforeAll(async () => {
  emulator = await startStandInEmulator()
  restoreEnv = applyEnv(emulator.env)
  clients = createAwsClients(emulator.region)
})

afterAll(async () => {
  for (const client of Object.values(clients)) client.destroy()
  restoreEnv()
  await emulator.stop()
})

test.each([10, 200])(
  'cancel with %i workers: master first, every worker stopped unthrottled, the execution last',
  async (workers) => {
    const runId = `cancel-${workers}`
    const run = await startStandInRun(emulator, clients, runId, workers)
    const stopsBefore = emulator.ecs.journal('StopTask').length

    await stopRun(
      { arn: run.executionArn, cluster: 'load', runId, masterTaskArn: run.masterTaskArn },
      () => undefined,
      clients
    )

    const stops = emulator.ecs.journal('StopTask').slice(stopsBefore)
    expect(stops.filter((stop) => stop.error)).toEqual([])
    const stopped = stops.map((stop) => (stop.request as { task: string }).task)
    expect(stopped[0]).toBe(run.masterTaskArn)
    expect(new Set(stopped).size).toBe(workers + 1)
    expect(
      emulator.ecs
        .tasks()
        .filter((task) => task.startedBy === runId && task.desiredStatus !== 'STOPPED')
    ).toEqual([])
    const execution = emulator.sfn.execution(run.executionArn)
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'DistributedLocust.Cancelled' })
    expect(execution.stopDate).toBeGreaterThanOrEqual(stops.at(-1)!.at)
  }
)
