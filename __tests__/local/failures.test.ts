/**
 * Failures that real Locust rarely shows on demand, staged by a stand-in `locust` that misbehaves
 * as asked (FAKE_LOCUST_MODE) and otherwise runs the real one.
 */
import { jest } from '@jest/globals'
import { chmodSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLocalBackend } from '../../src/backend/local/backend.js'
import { LOCUST_BOOTSTRAP, pythonFromShebang } from '../../src/backend/local/locust-runtime.js'
import { EXAMPLES, isAlive, runConfig, writeIn } from '../support/helpers.js'
import { useTarget, useWorkDir } from '../support/hooks.js'

jest.setTimeout(40_000)

const target = useTarget()
const work = useWorkDir('failures')

function standInLocust(): string {
  const locustScript = (process.env.PATH ?? '')
    .split(':')
    .map((dir) => join(dir, 'locust'))
    .find((path) => existsSync(path))!
  const python = pythonFromShebang(readFileSync(locustScript, 'utf8').split('\n')[0])!
  writeIn(work.dir, 'bootstrap.py', LOCUST_BOOTSTRAP)
  const script = writeIn(
    work.dir,
    'locust',
    `#!/bin/sh
case "$FAKE_LOCUST_MODE $*" in
  "port-busy-once "*--master*)
    if [ ! -e "${work.dir}/port-was-busy" ]; then
      touch "${work.dir}/port-was-busy"
      echo "[2026-01-01 00:00:00,000] vm/ERROR/locust.runners: The Locust master port (127.0.0.1:1) was busy. Close any applications using that port" >&2
      exit 1
    fi ;;
  "workers-crash "*--worker*)
    echo "[2026-01-01 00:00:00,000] vm/CRITICAL/locust.main: worker cannot start: out of sockets" >&2
    exit 3 ;;
esac
exec ${python.join(' ')} "${work.dir}/bootstrap.py" "$@"
`
  )
  chmodSync(script, 0o755)
  return script
}

function backendIn(mode: string) {
  return createLocalBackend({
    locust: { command: standInLocust(), prefixArgs: [] },
    // Reaches the stand-in through each config's pass-env, as a user's own variable would.
    env: { ...process.env, FAKE_LOCUST_MODE: mode },
    stopGraceMs: 2_000
  })
}

test('a master port taken meanwhile: the run is retried on another port', async () => {
  const lines: string[] = []
  const groups: number[] = []
  const outcome = await backendIn('port-busy-once').run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir: join(work.dir, 'results'),
      backend: { kind: 'local', waitForHostSeconds: 0, passEnv: ['FAKE_LOCUST_MODE'] },
      host: target.url,
      workers: 1,
      runTime: '2s',
      runTimeSeconds: 2
    }),
    {
      log: (line) => lines.push(line),
      onStarted: (processGroup) => groups.push(processGroup.pid)
    }
  )
  expect(lines).toContain(
    'The master port was taken by another program meanwhile; retrying on another free port.'
  )
  expect(outcome.error).toBeUndefined()
  expect(outcome.facts.workersConnected).toBe(1)
  expect(groups).toHaveLength(4) // master and worker, twice
  expect(groups.filter(isAlive)).toEqual([])
})

test('workers that all die before connecting: the master is stopped at once and the workers quoted', async () => {
  const started = Date.now()
  const groups: number[] = []
  const outcome = await backendIn('workers-crash').run(
    runConfig({
      locustfile: join(EXAMPLES, 'locustfile.py'),
      resultsDir: join(work.dir, 'results'),
      backend: { kind: 'local', waitForHostSeconds: 0, passEnv: ['FAKE_LOCUST_MODE'] },
      host: target.url
    }),
    { onStarted: (processGroup) => groups.push(processGroup.pid) }
  )
  expect(outcome.error).toBe(
    [
      'Only 0 of 2 Locust workers connected to the master.',
      '  worker-1.log: CRITICAL worker cannot start: out of sockets',
      '  worker-2.log: CRITICAL worker cannot start: out of sockets',
      '(from the worker logs)'
    ].join('\n')
  )
  expect(outcome.partial).toBe(false)
  expect(Date.now() - started).toBeLessThan(15_000) // not the master's 60 s wait for workers
  expect(groups.filter(isAlive)).toEqual([])
})
