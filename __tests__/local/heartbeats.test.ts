/**
 * A master that misses its worker's heartbeats takes its users and stops the test, while the
 * run goes on to its run time with no load: seen in CI on a busy machine, where such a run passed.
 * Real Locust: the worker is frozen (SIGSTOP) for longer than Locust's heartbeat allowance, then
 * let go again; the run must come back `invalid`, saying why.
 */
import { jest } from '@jest/globals'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { executeRun } from '../../src/engine.js'
import { EXAMPLES, runConfig } from '../support/helpers.js'
import { useTarget, useWorkDir } from '../support/hooks.js'

jest.setTimeout(60_000)

const target = useTarget()
const work = useWorkDir('heartbeats')

test('a worker frozen mid-run: the master drops it, and the run is unfit to judge', async () => {
  const groups: number[] = []
  let started!: () => void
  const testStarted = new Promise<void>((resolve) => (started = resolve))
  const running = executeRun(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir: join(work.dir, 'results'),
      host: target.url,
      users: 4,
      spawnRate: 4,
      workers: 1,
      runTime: '20s',
      runTimeSeconds: 20
    }),
    {
      onStarted: ({ handle }) => groups.push((handle as { pid: number }).pid),
      log: (line) => {
        if (line.startsWith('The test started')) started()
      }
    }
  )
  await testStarted
  await sleep(3_000)
  // The master's process group first, then the worker's.
  const worker = groups[1]
  process.kill(-worker, 'SIGSTOP')
  try {
    await sleep(8_000) // Locust gives up on a worker after about 3 missed one-second heartbeats
  } finally {
    process.kill(-worker, 'SIGCONT')
  }
  const { report } = await running

  expect(report.verdict).toBe('invalid')
  // The local backend counts the worker lost too (on Fargate its task still runs: not lost).
  expect(report.unfitReasons).toEqual([
    '1 worker was lost during the run (no heartbeat) and not replaced: the load was not the one planned.',
    expect.stringMatching(
      /^The users stopped after \d+ s of the 20 s run time and did not come back: the master missed the heartbeats of 1 worker \(master\.log\)/
    )
  ])
})
