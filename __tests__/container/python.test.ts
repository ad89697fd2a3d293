/**
 * Runs the entrypoint's unit tests (docker/distributed_locust/test_*.py, beside the modules they
 * test), since CI runs only jest.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { locustPython, repoRoot } from './harness.js'

test('the entrypoint unit tests pass on the Python that runs Locust', () => {
  const run = spawnSync(
    locustPython(),
    ['-m', 'unittest', 'discover', '-v', '-s', 'distributed_locust', '-t', '.'],
    {
      cwd: join(repoRoot, 'docker'),
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      encoding: 'utf8',
      timeout: 60000
    }
  )
  const report = run.stderr
  expect(report).toMatch(/\nOK\n$/)
  expect(Number(report.match(/Ran (\d+) tests/)?.[1])).toBeGreaterThanOrEqual(42)
  expect(run.status).toBe(0)
})
