/**
 * Hostile conditions around a CLI run: results folders that must not be written, inputs that would
 * make Locust exit at once, the CLI killed outright, its output pipe closed, a report file that
 * cannot be written. Real processes, real Locust, the loopback target.
 */
import { jest } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { EXAMPLES, isAlive, pidsFromLog, REPO } from '../support/helpers.js'
import { CLI_FROM_SOURCES, runCli } from '../support/cli.js'
import { useTarget, useWorkDir } from '../support/hooks.js'

jest.setTimeout(60_000)

const target = useTarget()
const work = useWorkDir('hostile')
const LOCUSTFILE = join(EXAMPLES, 'locustfile.py')
/** What a run writes into its results folder. */
const RUN_FILE =
  /^(summary\.md|results\.json|report\.html|master\.log|worker-\d+\.log|locust_.*\.csv)$/

const run = (extra: string[]) =>
  runCli(['run', '-f', LOCUSTFILE, '-H', target.url, '-t', '2s', '-u', '2', '-w', '1', ...extra])

describe("run's results folder is refused before anything starts", () => {
  const startedAt = Date.now()
  // Code that accepted these folders wrote into them: take back what this test wrote, if anything.
  afterAll(() => {
    for (const folder of ['/', '/etc', '/usr/share']) {
      for (const name of readdirSync(folder).filter((entry) => RUN_FILE.test(entry))) {
        const path = join(folder, name)
        if (statSync(path).mtimeMs >= startedAt) rmSync(path, { force: true })
      }
    }
  })

  test.each([
    ['/', /\/ is the root of the file system/],
    ['/etc', /\/etc is a system folder/],
    ['/usr/share', /\/usr\/share is inside the system folder \/usr/]
  ])('-o %s', async (folder, why) => {
    const refused = await run(['-o', folder])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('nothing was started')
    expect(refused.stderr).toMatch(why)
    expect(existsSync(join(folder, 'summary.md'))).toBe(false)
  })

  test("a folder holding other files and no earlier run's results", async () => {
    writeFileSync(join(work.dir, 'notes.txt'), 'mine')
    const refused = await run(['-o', work.dir])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`${work.dir} already holds other files (notes.txt)`)
    expect(existsSync(join(work.dir, 'master.log'))).toBe(false)
  })
})

describe('inputs that would start a run that cannot work are refused, naming them', () => {
  test('a host of blanks only', async () => {
    const refused = await run(['-H', '   ', '-o', join(work.dir, 'out')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('nothing was started')
    expect(refused.stderr).toMatch(/option --host \(-H\): got " {3}"; expected a URL/)
  })

  test.each([
    '-l',
    '--list',
    '-V',
    '--version',
    '--help',
    '--show-task-ratio',
    '--show-task-ratio-json'
  ])('locust-args %s, which makes Locust exit at once', async (flag) => {
    const refused = await run(['--locust-args', flag, '-o', join(work.dir, 'out')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('nothing was started')
    expect(refused.stderr).toContain(`${flag} would stop the run before it starts`)
  })
})

test('the CLI killed with SIGKILL: the Locust master and workers quit within 5 s', async () => {
  let pids: number[] = []
  const killed = await runCli(
    [
      'run',
      '-f',
      LOCUSTFILE,
      '-H',
      target.url,
      '-t',
      '60s',
      '-w',
      '2',
      '-o',
      join(work.dir, 'out')
    ],
    {
      onStderr: (text, pid) => {
        if (pids.length === 0 && text.includes('The test started')) {
          pids = pidsFromLog(text)
          process.kill(pid, 'SIGKILL')
        }
      }
    }
  )
  expect(killed.code).toBeNull()
  expect(pids).toHaveLength(3)
  const deadline = Date.now() + 5_000
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(100)
  const survivors = pids.filter(isAlive)
  for (const pid of survivors) process.kill(-pid, 'SIGKILL')
  expect(survivors).toEqual([])
})

test('a closed stdout pipe (| head -1) loses nothing: files written, exit code the verdict’s', async () => {
  const out = join(work.dir, 'out')
  const cli = [process.execPath, ...CLI_FROM_SOURCES]
    .concat(['run', '-f', LOCUSTFILE, '-H', target.url, '-t', '2s', '-w', '1', '-o', out])
    .concat(['--threshold', 'requests > 0'])
    .map((word) => `'${word}'`)
    .join(' ')
  const shell = spawn(
    'bash',
    ['-c', `${cli} | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`],
    {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1' }
    }
  )
  let stdout = ''
  shell.stdout.on('data', (chunk) => (stdout += chunk))
  await new Promise((resolve) => shell.on('close', resolve))
  // The target's /flaky fails about 5% of its answers: the verdict may be passed or failed.
  const { verdict } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))
  expect(stdout.trim()).toBe(`exit=${{ passed: 0, failed: 1 }[verdict as string]}`)
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/Load test (passed|failed)/)
})

test('a full disk: the report file that could not be written is named, nothing half-written', async () => {
  const out = join(work.dir, 'out')
  // A stand-in for a full disk, in the CLI's own process: writing results.json fails with ENOSPC.
  const fullDisk = join(work.dir, 'full-disk.mjs')
  writeFileSync(
    fullDisk,
    [
      "import fs from 'node:fs/promises'",
      "import { syncBuiltinESMExports } from 'node:module'",
      'const writeFile = fs.writeFile',
      'fs.writeFile = async (path, ...rest) => {',
      "  if (String(path).includes('results.json')) {",
      "    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })",
      '  }',
      '  return writeFile(path, ...rest)',
      '}',
      'syncBuiltinESMExports()',
      ''
    ].join('\n')
  )
  const failed = await runCli(
    [
      'run',
      '-f',
      LOCUSTFILE,
      '-H',
      target.url,
      '-t',
      '2s',
      '-w',
      '1',
      '-o',
      out,
      '--threshold',
      'requests > 0'
    ],
    { env: { NODE_OPTIONS: `--import ${pathToFileURL(fullDisk).href}` } }
  )
  expect(failed.code).toBe(2)
  expect(failed.stderr).toContain(`Could not write results.json to ${out}/results.json (ENOSPC)`)
  expect(readdirSync(out).filter((name) => name.includes('results.json'))).toEqual([])
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/Load test (passed|failed)/)
  expect(existsSync(join(out, 'locust_stats.csv'))).toBe(true)
})
