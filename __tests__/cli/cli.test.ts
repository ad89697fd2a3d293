/** The `distributed-locust` command, run as a real process against the bundled target server. */
import { jest } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CliEnvironment } from '../../src/cli/console.js'
import { main } from '../../src/cli/main.js'
import { isAlive, pidsFromLog, REPO, writeIn } from '../support/helpers.js'
import { runCli } from '../support/cli.js'
import { useTarget, useWorkDir } from '../support/hooks.js'

jest.setTimeout(40_000)

/** Runs the CLI from the sources; `onStderr` sees stderr as it grows and may signal the process. */
const cli = (args: string[], onStderr?: (text: string, pid: number) => void) =>
  runCli(args, { onStderr })

const target = useTarget()
const work = useWorkDir('cli')

test('the stages example ends on its own and passes: exit 0, report printed, everything written to --out', async () => {
  const out = join(work.dir, 'out')
  const started = Date.now()
  const run = await cli([
    'run',
    '-f',
    'examples/stages/locustfile.py',
    '--data',
    'examples/stages/stages.json',
    '--data',
    'examples/stages/rows.csv',
    '-H',
    target.url,
    '-t',
    '60s',
    '-w',
    '2',
    '--threshold',
    'fail_ratio < 1%',
    '--threshold',
    '"POST /api/rows": requests > 20',
    '--out',
    out
  ])
  expect(run.stderr).toContain('The locustfile defines a LoadTestShape')
  expect(run.code).toBe(0)
  expect(Date.now() - started).toBeLessThan(30_000) // the 60 s run time was never reached
  expect(run.stdout).toMatch(/PASSED/)
  expect(run.stdout).toContain('POST    /api/rows')
  for (const file of [
    'summary.md',
    'results.json',
    'locust_stats.csv',
    'locust_stats_history.csv',
    'report.html',
    'master.log'
  ]) {
    expect(existsSync(join(out, file))).toBe(true)
  }
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))
  expect(results.verdict).toBe('passed')
  // The shape went up to 15 users; the history shows it.
  const users = readFileSync(join(out, 'locust_stats_history.csv'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(',,Aggregated,'))
    .map((line) => Number(line.split(',')[1]))
  expect(Math.max(...users)).toBe(15)
})

test('a breached threshold exits 1 and names the rule', async () => {
  const run = await cli([
    'run',
    '-f',
    'examples/locustfile.py',
    '-H',
    target.url,
    '-u',
    '5',
    '-r',
    '5',
    '-t',
    '3s',
    '-w',
    '1',
    '--threshold',
    'requests > 1000000',
    '--out',
    join(work.dir, 'out')
  ])
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/FAILED/)
  expect(run.stdout).toMatch(/fail\s+requests > 1000000/)
})

test('a locustfile syntax error exits 2 and quotes the Python error', async () => {
  const locustfile = writeIn(
    work.dir,
    'broken.py',
    'from locust import HttpUser\n\nclass Broken(HttpUser)\n    pass\n'
  )
  const run = await cli([
    'run',
    '-f',
    locustfile,
    '-H',
    target.url,
    '-t',
    '3s',
    '--out',
    join(work.dir, 'out')
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain(`Locust could not load the locustfile ${locustfile}:`)
  expect(run.stderr).toContain('    class Broken(HttpUser)')
  expect(run.stderr).toContain("SyntaxError: expected ':'")
  expect(run.stdout).toMatch(/ERROR/)
})

test('an unreachable host exits 2 before Locust starts, once --wait-for-host has passed', async () => {
  const run = await cli([
    'run',
    '-f',
    'examples/locustfile.py',
    '-H',
    'http://127.0.0.1:1',
    '--wait-for-host',
    '1',
    '-t',
    '3s',
    '--out',
    join(work.dir, 'out')
  ])
  expect(run.code).toBe(2)
  expect(run.stdout + run.stderr).toContain(
    'Waiting for 127.0.0.1:1 to accept connections (ECONNREFUSED'
  )
  expect(run.stderr).toContain(
    'the host http://127.0.0.1:1 is unreachable (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1) after 1 s of retrying (`wait-for-host`)'
  )
  expect(run.stderr).not.toContain('Started the Locust master')
})

test('SIGTERM mid-run stops every Locust process, keeps partial results and exits 143', async () => {
  const out = join(work.dir, 'out')
  let signalled = false
  const run = await cli(
    [
      'run',
      '-f',
      'examples/locustfile.py',
      '-H',
      target.url,
      '-u',
      '10',
      '-r',
      '10',
      '-t',
      '60s',
      '-w',
      '2',
      '--out',
      out
    ],
    (stderr, pid) => {
      if (!signalled && stderr.includes('The test started')) {
        signalled = true
        setTimeout(() => process.kill(pid, 'SIGTERM'), 1_500)
      }
    }
  )
  const pids = pidsFromLog(run.stderr)
  expect(pids).toHaveLength(3)
  expect(pids.filter(isAlive)).toEqual([])
  expect(run.code).toBe(143)
  expect(run.stderr).toContain('SIGTERM received: stopping Locust')
  expect(run.stderr).toContain('The run was cancelled; the results cover only the part that ran.')
  expect(readFileSync(join(out, 'locust_stats.csv'), 'utf8')).toMatch(/,Aggregated,[1-9]\d*,/)
  expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).verdict).toBe('cancelled')
})

test('SIGINT twice: Locust stopped at once, summary.md and results.json still written, headed cancelled', async () => {
  const out = join(work.dir, 'out')
  let signalled = false
  let secondAt = 0
  const run = await cli(
    [
      'run',
      '-f',
      'examples/locustfile.py',
      '-H',
      target.url,
      '-u',
      '10',
      '-t',
      '60s',
      '-w',
      '2',
      '--out',
      out
    ],
    (stderr, pid) => {
      if (!signalled && stderr.includes('The test started')) {
        signalled = true
        setTimeout(() => process.kill(pid, 'SIGINT'), 1_500)
        setTimeout(() => {
          secondAt = Date.now()
          process.kill(pid, 'SIGINT')
        }, 1_700)
      }
    }
  )
  // Bounded: the grace after the second signal, then the report (not the run's 60 s).
  expect(Date.now() - secondAt).toBeLessThan(15_000)
  expect(run.code).toBe(130)
  expect(run.stderr).toContain('SIGINT again: stopping Locust at once; the report follows.')
  // Cancelled, and no verdict on the thresholds after it.
  expect(run.stdout).toMatch(/^■ CANCELLED {2}Load test cancelled\.\n/)
  expect(run.stdout).not.toMatch(/thresholds? (held|failed)|All \d+ thresholds/)
  expect(pidsFromLog(run.stderr).filter(isAlive)).toEqual([])
  const summary = readFileSync(join(out, 'summary.md'), 'utf8')
  expect(summary).toMatch(/^## ⏹️ Load test cancelled\n/)
  expect(summary).toContain('> **Partial results:**')
  const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))
  expect(json).toMatchObject({ verdict: 'cancelled', cancelled: true, partial: true })
})

describe('in process: usage and help', () => {
  function environment(): CliEnvironment & { out: string[]; err: string[] } {
    const out: string[] = []
    const err: string[] = []
    return {
      out,
      err,
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      env: {},
      cwd: REPO,
      now: () => new Date('2026-01-02T03:04:05Z')
    }
  }

  test('bad options exit 2, every problem named by its flag, nothing started', async () => {
    const env = environment()
    const code = await main(
      [
        'node',
        'cli',
        'run',
        '-f',
        'examples/locustfile.py',
        '-u',
        'many',
        '-w',
        '0',
        '--threshold',
        'p95 <'
      ],
      env
    )
    expect(code).toBe(2)
    const message = env.err.join('')
    expect(message).toMatch(/^Invalid options; nothing was started\.\n/)
    expect(message).toContain(`option --users (-u): got "many"`)
    expect(message).toContain(`option --workers (-w): got "0"`)
    expect(message).toContain(`option --threshold: line 1`)
    expect(existsSync(join(REPO, 'locust-results', '2026-01-02T03-04-05'))).toBe(false)
  })

  test("--out holding an earlier run's results exits 2 before anything starts", async () => {
    const env = environment()
    const earlier = join(work.dir, 'earlier')
    mkdirSync(earlier)
    writeIn(earlier, 'locust_stats.csv', 'Type,Name\n')
    writeIn(earlier, 'summary.md', '## old\n')
    const code = await main(
      ['node', 'cli', 'run', '-f', 'examples/locustfile.py', '--out', earlier],
      env
    )
    expect(code).toBe(2)
    expect(env.err.join('')).toContain(
      `distributed-locust: The results folder ${earlier} (results-dir; --out on the command line) already holds an earlier run's results (locust_stats.csv, summary.md), which would be read as this run's; nothing was started.`
    )
  })

  test('a results folder that cannot be made exits 2 naming it', async () => {
    const env = environment()
    const blocker = writeIn(work.dir, 'a-file', '')
    const code = await main(
      ['node', 'cli', 'run', '-f', 'examples/locustfile.py', '--out', join(blocker, 'out')],
      env
    )
    expect(code).toBe(2)
    expect(env.err.join('')).toContain(
      `option --out (-o): got "${join(blocker, 'out')}"; ${blocker} is not a folder; expected a folder that can be created and written to.`
    )
  })

  test('an unknown option exits 2; --help exits 0 and shows examples and exit codes', async () => {
    const unknown = environment()
    expect(await main(['node', 'cli', 'run', '--users-count', '5'], unknown)).toBe(2)
    expect(unknown.err.join('')).toContain("error: unknown option '--users-count'")

    const help = environment()
    expect(await main(['node', 'cli', 'run', '--help'], help)).toBe(0)
    const text = help.out.join('')
    expect(text).toContain('-w, --workers <n>')
    expect(text).toContain('--threshold <rule>')
    expect(text).toContain('distributed-locust run -f examples/locustfile.py')
    // run and report name every exit code of docs/outcomes.md, in order.
    for (const command of ['run', 'report']) {
      const shown = environment()
      expect(await main(['node', 'cli', command, '--help'], shown)).toBe(0)
      // Read as one line: the help is wrapped to the terminal's width.
      const text = shown.out.join('').replace(/\s+/g, ' ')
      const exitCodes = text.split('Exit codes (docs/outcomes.md): ')[1] ?? ''
      expect(exitCodes).toMatch(/^0 passed \(or inconclusive, let through\)/)
      const codes = [...exitCodes.matchAll(/(?:^|[ ,\n])(\d+)(?:\/(\d+))? /g)].flatMap((match) =>
        match.slice(1).filter((code) => code !== undefined)
      )
      expect(codes).toEqual(['0', '1', '2', '3', '4', '130', '143'])
    }
  })
})
