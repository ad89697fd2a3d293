/**
 * Runs that go wrong on the AWS side, through the action's main step: the master's container
 * crashes, the master is stopped mid-run (as by a Fargate Spot interruption). Each time: the
 * execution fails with its reason, every task is stopped, and the summary says what happened with
 * whatever results exist. A master that stops mid-run is noticed by the action (which then stops
 * the run at once) or by the state machine, whichever polls first: the error names its exit code
 * either way. Workers that cannot be placed: unplaced-workers.test.ts.
 */
import { jest } from '@jest/globals'
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs'
import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { run } from '../../src/action/main.js'
import {
  CLUSTER,
  isWorker,
  onlyExecutionSince,
  awsRunInputs,
  useActionWorld,
  waitForNoRunningTask,
  waitUntilMeasuring
} from './world.js'

jest.setTimeout(60_000)

const { world, runner } = useActionWorld()

function setRunInputs(runTime: string): void {
  runner.setInputs(
    awsRunInputs(world, {
      users: '4',
      'spawn-rate': '4',
      'run-time': runTime,
      workers: '1',
      thresholds: 'fail_ratio < 50%',
      'results-dir': runner.freshResultsDir()
    })
  )
}

/** A process and all its descendants, from `ps`. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number)
    if (pid > 0) children.set(ppid, [...(children.get(ppid) ?? []), pid])
  }
  const tree = [root]
  for (let k = 0; k < tree.length; k++) tree.push(...(children.get(tree[k]) ?? []))
  return tree
}

/** Starts the step and waits until the load is under way; returns the step and its master. */
async function startMidRun(runTime = '6s') {
  const before = world.emulator.sfn.executions().length
  setRunInputs(runTime)
  const step = run()
  const master = await waitUntilMeasuring(world.emulator.ecs, 1)
  return { step, master, before }
}

test('the master container crashes mid-run: execution failed, every task stopped, the error in the summary', async () => {
  const { step, master, before } = await startMidRun()
  world.emulator.ecs.crashTask(master.taskArn)
  await step

  const execution = onlyExecutionSince(world.emulator, before)
  expect(['FAILED', 'ABORTED']).toContain(execution.status)
  await waitForNoRunningTask(world.emulator.ecs)

  expect(process.exitCode).toBe(1)
  const [error] = runner.errors()
  expect(error).toContain('exit code 137 (Essential container in task exited)')
  expect(error).toContain(`master task ${master.taskId} STOPPED at ${master.address} exit code 137`)
  expect(runner.outputs()).toMatchObject({ passed: 'false', verdict: 'error' })
  // A killed container uploads nothing: the summary says so beside the error.
  const summary = runner.summary()
  expect(summary).toMatch(/^## ⚠️ Load test could not run/)
  expect(summary).toContain('exit code 137')
  expect(summary).toContain('**Partial results:**')
  expect(summary).toContain('Locust wrote no readable results.')
  expect(summary).toContain('**Workers:** 1 expected')
})

test('the master is stopped mid-run (Spot interruption): partial results in the summary with the error', async () => {
  const { step, master, before } = await startMidRun()
  const ecs = new ECSClient({})
  await ecs.send(
    new StopTaskCommand({ cluster: CLUSTER, task: master.taskArn, reason: 'Spot interruption' })
  )
  ecs.destroy()
  await step

  const execution = onlyExecutionSince(world.emulator, before)
  expect(['FAILED', 'ABORTED']).toContain(execution.status)
  await waitForNoRunningTask(world.emulator.ecs)

  expect(process.exitCode).toBe(1)
  expect(runner.errors()[0]).toContain('exit code 143 (Spot interruption)')
  expect(runner.outputs()).toMatchObject({ verdict: 'error' })
  expect(Number(runner.outputs().requests)).toBeGreaterThan(0)
  // The entrypoint uploaded what Locust had measured when it was stopped.
  const summary = runner.summary()
  expect(summary).toMatch(/^## ⚠️ Load test could not run/)
  expect(summary).toContain('**Partial results:**')
  expect(summary).toContain('| GET | /api/items |')
  expect(summary).toContain('exit code 143')
})

test('a worker frozen mid-run (its task still RUNNING): the master drops it, the run is invalid, not passed', async () => {
  // Seen in CI on a busy machine: the master missed its workers' heartbeats, took their users,
  // and the run went on to its run time with none — and passed. The task is not lost on ECS.
  // (A task may run several Locust worker processes: the master counts processes.)
  const { step, before } = await startMidRun('20s')
  const worker = world.emulator.ecs.runningTasks().find(isWorker)!
  // The container's Locust processes run in sessions of their own: freeze the whole tree.
  const tree = processTree(worker.pid!)
  for (const pid of tree) process.kill(pid, 'SIGSTOP')
  try {
    await sleep(8_000) // Locust gives up on a worker after about 3 missed one-second heartbeats
  } finally {
    for (const pid of tree) process.kill(pid, 'SIGCONT')
  }
  await step

  expect(onlyExecutionSince(world.emulator, before).status).toBe('SUCCEEDED')
  expect(runner.outputs()).toMatchObject({ passed: 'false', verdict: 'invalid' })
  expect(runner.summary()).toMatch(
    /The users stopped after \d+ s of the 20 s run time and did not come back: the master missed the heartbeats of (1 worker|\d+ workers) \(master\.log\)/
  )
  await waitForNoRunningTask(world.emulator.ecs)
})
