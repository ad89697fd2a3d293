/**
 * The bundled target's work factor (examples/target-server.mjs): the gate benchmark makes a
 * "slower build" by starting it with more server work. The amount of work is checked, not timed.
 */
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { EXAMPLES, stopChild } from '../support/helpers.js'

const SERVER = join(EXAMPLES, 'target-server.mjs')

/** Starts the target with `args` and `env`, asks it `paths`, and stops it; the JSON answers. */
async function answers(
  args: string[],
  env: Record<string, string>,
  paths: string[]
): Promise<unknown[]> {
  const child = spawn(process.execPath, [SERVER, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`the target exited with code ${code}`)))
    })
    return await Promise.all(paths.map(async (path) => (await fetch(url + path)).json()))
  } finally {
    await stopChild(child)
  }
}

test('without a work factor the target does its usual work', async () => {
  expect(await answers([], {}, ['/compute', '/wait'])).toEqual([
    { iterations: 5000, digest: expect.stringMatching(/^[0-9a-f]{32}$/) },
    { delayedMs: 20 }
  ])
})

test('--work-factor scales the computation and the wait; it wins over TARGET_WORK_FACTOR', async () => {
  expect(
    await answers(['--work-factor', '1.3'], { TARGET_WORK_FACTOR: '2' }, ['/compute', '/wait'])
  ).toEqual([{ iterations: 6500, digest: expect.any(String) }, { delayedMs: 26 }])
  expect(await answers([], { TARGET_WORK_FACTOR: '1.5' }, ['/compute'])).toEqual([
    { iterations: 7500, digest: expect.any(String) }
  ])
})

test.each([['0'], ['-1'], ['fast'], ['1000']])(
  '--work-factor %s is refused with exit 2',
  (value) => {
    // Bounded: a target that accepted the value would serve until stopped.
    const run = spawnSync(process.execPath, [SERVER, '--work-factor', value], {
      encoding: 'utf8',
      timeout: 10_000
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(
      `--work-factor must be a number above 0 and at most 100 (1.3 = 30 % more work), got "${value}"`
    )
  }
)
