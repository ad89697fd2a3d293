/**
 * The stop path with Fargate's own task timings (the emulator's defaults): a task takes about 25 s
 * to run and 40 s from its container's exit to STOPPED. A cancelled run waits for the master's
 * result.json, not for STOPPED, so the step ends with the results so far while ECS still
 * deprovisions the tasks.
 */
import { jest } from '@jest/globals'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import { FARGATE_TIMINGS } from '../emulator/ecs.js'
import {
  isMaster,
  onlyExecutionSince,
  awsRunInputs,
  useActionWorld,
  waitForRunningTasks,
  waitForTaskLog
} from './world.js'

jest.setTimeout(120_000)

const { world, runner } = useActionWorld({ ecs: { timings: FARGATE_TIMINGS } })

test('SIGINT mid-run: the step shows the results so far without waiting for the tasks to be STOPPED', async () => {
  const before = world.emulator.sfn.executions().length
  runner.setInputs(
    awsRunInputs(world, {
      users: '4',
      'spawn-rate': '4',
      'run-time': '2m',
      workers: '1',
      'results-dir': join(runner.dir, 'results')
    })
  )
  const step = run()
  const master = (await waitForRunningTasks(world.emulator.ecs, 1, 60_000)).find(isMaster)!
  await waitForTaskLog(world.emulator.ecs, master, '/api/items')
  process.emit('SIGINT', 'SIGINT')
  const cancelledAt = Date.now()
  await step
  const stepTookMs = Date.now() - cancelledAt

  const execution = onlyExecutionSince(world.emulator, before)
  expect(execution.status).toBe('ABORTED')
  // The master's task is still stopping or deprovisioning: the step did not wait for STOPPED.
  expect(['STOPPING', 'DEPROVISIONING']).toContain(
    world.emulator.ecs.task(master.taskArn).lastStatus
  )
  expect(stepTookMs).toBeLessThan(FARGATE_TIMINGS.deprovisioningMs)
  expect(runner.log()).not.toContain('the results may be incomplete')
  const summary = runner.summary()
  expect(summary).toContain('**Partial results:**')
  expect(Number(runner.outputs().requests)).toBeGreaterThan(0)
})
