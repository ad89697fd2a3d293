/** Runs docker/test_entrypoint.py (unit tests of the entrypoint's pure parts), since CI runs only jest. */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { locustPython, repoRoot } from './harness.js'

test('the entrypoint unit tests pass on the Python that runs Locust', () => {
  const run = spawnSync(locustPython(), ['-m', 'unittest', '-v', 'test_entrypoint'], {
    cwd: join(repoRoot, 'docker'),
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
    timeout: 60000
  })
  const report = run.stderr
  expect(report).toMatch(/\nOK\n$/)
  expect(Number(report.match(/Ran (\d+) tests/)?.[1])).toBeGreaterThanOrEqual(20)
  expect(run.status).toBe(0)
})
