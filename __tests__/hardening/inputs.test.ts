/**
 * Careless or hostile inputs, each refused before anything starts with a message naming the input,
 * against the real file system (parseInputs with nodeFiles, the CLI in process and as a process).
 * Every case here was accepted, crashed later, hung or quoted too much before issue 12.
 */
import { jest } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { availableParallelism } from 'node:os'
import { listBundle } from '../../src/backend/aws/stage.js'
import { localBackend } from '../../src/backend/local/module.js'
import type { CliEnvironment } from '../../src/cli/console.js'
import { main } from '../../src/cli/main.js'
import { nodeFiles } from '../../src/inputs/files.js'
import { InputError } from '../../src/inputs/model.js'
import { LIMITS, parseInputs, type RawInputs } from '../../src/inputs/parse.js'
import { REPO, removeDir, runConfig, tempDir, writeIn } from '../support/helpers.js'

jest.setTimeout(30_000)

let work: string
beforeEach(() => {
  work = tempDir('hostile')
  writeIn(work, 'locustfile.py', 'from locust import HttpUser\n')
})
afterEach(() => removeDir(work))

const parse = (raw: RawInputs) =>
  parseInputs(
    { 'results-dir': join(work, 'results'), ...raw },
    {
      cwd: work,
      env: {},
      files: nodeFiles
    }
  )

/** The problems parseInputs reports, as one text; fails the test when the inputs are accepted. */
function refusal(raw: RawInputs): string {
  try {
    parse(raw)
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  throw new Error(`expected ${JSON.stringify(raw).slice(0, 200)} to be refused`)
}

describe('host: checked as a URL', () => {
  test.each([
    ['http://[', 'not a valid URL'],
    ['http://127.0.0.1:99999', 'the port from 1 to 65535'],
    ['http://127.0.0.1:0', 'port 0'],
    ['http://h:p --csv /tmp/x', 'a URL holds no spaces; give extra Locust flags in `locust-args`'],
    ['ftp://files.example.com', 'expected a URL starting with http:// or https://']
  ])('%s', (host, why) => {
    const message = refusal({ host })
    expect(message).toContain(`Input 'host': got "${host}"`)
    expect(message).toContain(why)
  })

  test("the message shows a refused host's password as ***", () => {
    const message = refusal({ host: 'http://alice:s3cret@127.0.0.1:99999' })
    expect(message).toContain(`got "http://***@127.0.0.1:99999"`)
    expect(message).not.toContain('s3cret')
  })
})

describe('results-dir: created and writable before anything starts', () => {
  test.each([
    ['a file', () => writeIn(work, 'afile', ''), 'is not a folder'],
    ['under a device', () => '/dev/null/x', '/dev/null is not a folder'],
    ['in /proc', () => '/proc/nope', '/proc/nope cannot be created (ENOENT)']
  ])('%s', (_, folder, why) => {
    const message = refusal({ 'results-dir': folder() })
    expect(message).toContain(`Input 'results-dir'`)
    expect(message).toContain(why)
    expect(message).toContain('expected a folder that can be created and written to')
  })

  test('a missing folder is created, however deep', () => {
    const folder = join(work, 'a', 'b', 'c')
    expect(parse({ 'results-dir': folder }).resultsDir).toBe(folder)
    expect(existsSync(folder)).toBe(true)
  })

  test('nothing is created when another input is refused', () => {
    const folder = join(work, 'never')
    refusal({ users: 'many', 'results-dir': folder })
    expect(existsSync(folder)).toBe(false)
  })

  test.each(['/proc/nope', '/dev/null/x'])(
    'the CLI given -o %s exits 2 at once, naming --out',
    async (folder) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(REPO, 'src/cli/index.ts'),
          'run',
          '-f',
          join(work, 'locustfile.py'),
          '-o',
          folder
        ],
        { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } }
      )
      let stderr = ''
      child.stderr.on('data', (chunk) => (stderr += chunk))
      // Before issue 12 this spun at 100 % CPU and ignored SIGTERM: SIGKILL ends the test then.
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000)
      const code = await new Promise((resolve) => child.on('close', resolve))
      clearTimeout(killer)
      expect(code).toBe(2)
      expect(stderr).toContain(`option --out (-o): got "${folder}"`)
      expect(stderr).not.toContain('Running')
    }
  )
})

describe('thresholds: sizes are capped and the file is not quoted', () => {
  test('/dev/zero is refused as not a regular file', () => {
    expect(refusal({ 'thresholds-file': '/dev/zero' })).toContain(
      '/dev/zero is not a regular file (a device or a pipe)'
    )
  })

  test('a file above the size cap is refused without being read whole', () => {
    writeFileSync(join(work, 'big.txt'), 'p95 < 500ms\n'.repeat(30_000))
    expect(refusal({ 'thresholds-file': 'big.txt' })).toContain('is larger than 256 KiB')
  })

  test('/etc/passwd is named, its content never quoted', () => {
    const message = refusal({ 'thresholds-file': '/etc/passwd' })
    expect(message).toMatch(
      /lines are not threshold rules \(the first at line 1, column \d+\); is it the right file\?/
    )
    expect(message).not.toContain('root')
  })

  test('a thresholds file with one typo still gets the reason, quoted', () => {
    writeIn(work, 'one.txt', 'p95x < 3\n')
    expect(refusal({ 'thresholds-file': 'one.txt' })).toMatch(
      /^Input 'thresholds-file' \(one.txt\): line 1, column 1: unknown metric "p95x"/
    )
  })

  test('10,000 bad rules: the first 20 problems and a count of the rest, in a short message', () => {
    const message = refusal({ thresholds: 'p95x < 3\n'.repeat(10_000) })
    expect(message.split('\n')).toHaveLength(LIMITS.problemsPerInput + 1)
    expect(message).toContain('9980 more problems not shown')
    expect(message.length).toBeLessThan(5_000)
  })

  test('more rules than the cap are refused with the numbers', () => {
    const message = refusal({ thresholds: 'p95 < 500ms\n'.repeat(LIMITS.rules + 1) })
    expect(message).toBe(
      `Input 'thresholds': ${LIMITS.rules + 1} threshold rules given; at most ${LIMITS.rules} are accepted (with \`thresholds-file\` counted in).`
    )
  })

  test('a 200,000-character selector is refused by its length, not printed', () => {
    const message = refusal({ thresholds: `"${'x'.repeat(200_000)}": p95 < 500ms` })
    expect(message).toBe(
      "Input 'thresholds': line 1 is 200,015 characters long; a rule is at most 1,000."
    )
  })

  test('a long problem message says how much of it was cut', () => {
    const message = refusal({ thresholds: `p95 < 500ms ${'y'.repeat(900)}` })
    expect(message.length).toBeLessThan(LIMITS.problemChars + 60)
    expect(message).toMatch(/… \([\d,]+ more characters cut\)$/)
  })
})

describe('run time and timeout', () => {
  test.each(['99999h', '24h', '1440m'])(
    'run-time %s is refused: timeout-minutes caps at 1440',
    (runTime) => {
      expect(refusal({ 'run-time': runTime })).toContain(
        `Input 'run-time': got "${runTime}"; expected less than 24h: timeout-minutes is at most 1440`
      )
    }
  )

  test('23h30m is accepted, its default timeout within the cap', () => {
    expect(parse({ 'run-time': '23h30m' }).timeoutMinutes).toBe(1420)
    expect(parse({ 'run-time': '23h55m' }).timeoutMinutes).toBe(1440)
  })

  test('the CLI refuses -t "" (and any flag given empty) instead of running the default 1m', async () => {
    const err: string[] = []
    const environment: CliEnvironment = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => err.push(text) },
      env: {},
      cwd: work,
      now: () => new Date('2026-01-02T03:04:05Z')
    }
    expect(
      await main(
        ['node', 'cli', 'run', '-t', '', '-w', '', '--threshold', 'p95 < 1s', '--threshold', ''],
        environment
      )
    ).toBe(2)
    expect(err.join('')).toContain(
      'option --run-time (-t): got nothing; give it a value, or leave the flag out for its default.'
    )
    expect(err.join('')).toContain('option --workers (-w): got nothing')
    expect(err.join('')).toContain('option --threshold: got nothing')
  })
})

describe("pass-env: names only, never the runner's credentials or inputs", () => {
  test.each([
    [
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      "the runner's credentials and the action's inputs never reach Locust"
    ],
    [
      'actions_runtime_token',
      "the runner's credentials and the action's inputs never reach Locust"
    ],
    ['INPUT_HOST', "the runner's credentials and the action's inputs never reach Locust"],
    ['GITHUB_TOKEN', "the runner's credentials and the action's inputs never reach Locust"],
    ['API-TOKEN', 'expected names of environment variables']
  ])('%s', (name, why) => {
    const message = refusal({ 'pass-env': `MY_TOKEN\n${name}` })
    expect(message).toContain(`Input 'pass-env': got "${name}"; ${why}`)
    expect(message.split('\n')).toHaveLength(1)
  })

  test('names are kept in order', () => {
    expect(parse({ 'pass-env': 'API_TOKEN, TENANT\nREGION' }).backend).toMatchObject({
      passEnv: ['API_TOKEN', 'TENANT', 'REGION']
    })
  })
})

test('a file named ..rows.csv inside the working directory is accepted at input time and shipped', async () => {
  writeIn(work, '..rows.csv', 'id\n1\n')
  const config = parse({
    backend: 'aws',
    'stack-name': 'distributed-locust',
    'aws-region': 'eu-west-1',
    data: '..rows.csv'
  })
  expect(config.data).toEqual([join(work, '..rows.csv')])
  expect(await listBundle(work, config.data)).toEqual([
    { path: join(work, '..rows.csv'), key: '..rows.csv' }
  ])
  mkdirSync(join(work, 'inner'))
  expect(
    refusal({
      backend: 'aws',
      'stack-name': 'x',
      'aws-region': 'eu-west-1',
      'working-directory': 'inner',
      data: '../..rows.csv'
    })
  ).toContain('is outside it')
})

test('locust-args with a quote never closed is refused, not split silently', () => {
  expect(refusal({ 'locust-args': '--tags "checkout --stop-timeout 5' })).toContain(
    `Input 'locust-args': got "--tags "checkout --stop-timeout 5"; the " quote at character 8 is never closed`
  )
  expect(parse({ 'locust-args': `--tags "it's" 'a "b"' \\"` }).locustArgs).toEqual([
    '--tags',
    "it's",
    'a "b"',
    '"'
  ])
})

test('more local workers than CPUs: a warning with both numbers', async () => {
  const cpus = availableParallelism()
  const warnings: string[] = []
  const config = runConfig({ locustfile: 'x.py', resultsDir: work, workers: cpus + 1 })
  await localBackend.prepare(config, { warn: (line) => warnings.push(line) })
  expect(warnings).toEqual([
    `workers is ${cpus + 1} but this machine has ${cpus} CPUs: each Locust worker uses one CPU at most, so the extra workers share CPUs and add no load; set workers to ${cpus} or fewer.`
  ])
  warnings.length = 0
  await localBackend.prepare({ ...config, workers: cpus }, { warn: (line) => warnings.push(line) })
  expect(warnings).toEqual([])
})
