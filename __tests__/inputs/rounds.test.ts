/** `rounds`, `warmup`, `baseline-host` and `mode` (issue 19): one plan, checked before anything starts. */
import { InputError } from '../../src/inputs/model.js'
import { parseInputs, type FileAccess, type RawInputs } from '../../src/inputs/parse.js'
import { masterRoundsSettings, plannedLoadSeconds } from '../../src/run/rounds.js'

const SHAPE = 'from locust import LoadTestShape\nclass Ramp(LoadTestShape):\n    pass\n'
const LOCUSTFILES: Record<string, string> = {
  '/ws/locustfile.py': 'from locust import HttpUser',
  '/ws/shape.py': SHAPE
}
const files: FileAccess = {
  kind: (path) => (path === '/ws' ? 'directory' : path in LOCUSTFILES ? 'file' : 'missing'),
  read: (path) => LOCUSTFILES[path],
  prepareFolder: () => undefined
}
const aws: RawInputs = {
  backend: 'aws',
  'stack-name': 'distributed-locust',
  'aws-region': 'eu-west-1'
}
const parse = (raw: RawInputs, env: NodeJS.ProcessEnv = {}) =>
  parseInputs(raw, { cwd: '/ws', env, files })

function problemsOf(raw: RawInputs): string[] {
  try {
    parse(raw)
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((problem) => problem.message)
    throw error
  }
  throw new Error('expected the inputs to be refused')
}

test('without rounds, warm-up or a baseline host the run is one plain run, as before', () => {
  const config = parse({})
  expect(config.rounds).toBeUndefined()
  expect(config.timeoutMinutes).toBe(11)
})

test('rounds without a baseline host repeat the candidate; with one they interleave both sides', () => {
  expect(parse({ rounds: '3', warmup: '10s' }).rounds).toEqual({
    design: 'repeated',
    count: 3,
    warmupSeconds: 10
  })
  expect(parse({ warmup: '5s' }).rounds).toEqual({
    design: 'repeated',
    count: 1,
    warmupSeconds: 5
  })
  expect(
    parse({ host: 'http://127.0.0.1:8080', 'baseline-host': 'http://127.0.0.1:8081' }).rounds
  ).toEqual({
    design: 'interleaved',
    count: 1,
    warmupSeconds: 0,
    baselineHost: 'http://127.0.0.1:8081'
  })
  const duet = parse({
    host: 'http://127.0.0.1:8080',
    mode: 'duet',
    rounds: '2',
    workers: '4',
    users: '20',
    'baseline-host': 'http://127.0.0.1:8081'
  })
  expect(duet.rounds).toMatchObject({ design: 'duet', count: 2 })
})

test('the default timeout covers every round with its warm-up', () => {
  // 3 interleaved rounds = 6 windows of 10 s warm-up + 60 s run time + 5 s to change rounds.
  const config = parse({
    rounds: '3',
    warmup: '10s',
    'run-time': '1m',
    host: 'http://127.0.0.1:8080',
    'baseline-host': 'http://127.0.0.1:8081'
  })
  expect(plannedLoadSeconds(config.runTimeSeconds, config.rounds)).toBe(6 * 75)
  expect(config.timeoutMinutes).toBe(8 + 10)
  expect(problemsOf({ rounds: '3', 'run-time': '1m', 'timeout-minutes': '2' })).toEqual([
    'Input \'timeout-minutes\': got "2"; expected more minutes than the rounds take (4 min: warm-up and run time of every round), leaving time to start and collect results.'
  ])
})

test('a duet needs a baseline host and splits workers and users evenly', () => {
  expect(problemsOf({ mode: 'duet', workers: '3', users: '5' })).toEqual([
    'Input \'mode\': got "duet"; a duet loads two targets at once: give the second in `baseline-host`.',
    'Input \'workers\': got "3"; a duet gives each side half the workers: expected an even number, at least 2.',
    'Input \'users\': got "5"; a duet gives each side half the users: expected an even number.'
  ])
})

test('on AWS a loopback host or baseline host is refused: the tasks cannot reach it', () => {
  const problems = problemsOf({
    ...aws,
    host: 'http://localhost:8080',
    'baseline-host': 'http://127.0.0.1:8081'
  })
  expect(problems).toEqual([
    "Input 'host': got \"http://localhost:8080\"; that is this machine (loopback), which the Fargate tasks cannot reach; give an address they can reach, e.g. the service's DNS name in the VPC.",
    "Input 'baseline-host': got \"http://127.0.0.1:8081\"; that is this machine (loopback), which the Fargate tasks cannot reach; give an address they can reach, e.g. the service's DNS name in the VPC."
  ])
  // A duet runs on AWS too (one execution per side), to hosts the tasks can reach.
  const duet = { ...aws, mode: 'duet', workers: '2', users: '4' }
  expect(
    parse({ ...duet, host: 'http://a.internal', 'baseline-host': 'http://b.internal' }).rounds
  ).toMatchObject({ design: 'duet', baselineHost: 'http://b.internal' })
  expect(
    problemsOf({ ...duet, host: 'http://a.internal', 'baseline-host': 'http://localhost:8081' })
  ).toEqual([
    "Input 'baseline-host': got \"http://localhost:8081\"; that is this machine (loopback), which the Fargate tasks cannot reach; give an address they can reach, e.g. the service's DNS name in the VPC."
  ])
  expect(
    parse({ ...aws, host: 'http://a.internal', 'baseline-host': 'http://b.internal' }).rounds
  ).toMatchObject({ design: 'interleaved' })
  // Unless ECS itself is on this machine (an emulator): its tasks run here.
  const local = { ...aws, host: 'http://127.0.0.1:8080', 'baseline-host': 'http://127.0.0.1:8081' }
  expect(parse(local, { AWS_ENDPOINT_URL_ECS: 'http://127.0.0.1:4566' }).rounds).toMatchObject({
    design: 'interleaved'
  })
  expect(
    problemsOf({ ...aws, host: 'http://a.internal', 'baseline-host': 'http://bob:pw@b.internal' })
  ).toEqual([
    'Input \'baseline-host\': got "http://***@b.internal"; credentials in the URL cannot be sent to the Fargate tasks yet; give them to the locustfile another way (e.g. an environment variable of the tasks).'
  ])
})

test('bad values name the input', () => {
  expect(problemsOf({ 'baseline-host': 'http://b.internal' })).toEqual([
    "Input 'baseline-host': got \"http://b.internal\"; the candidate needs its own URL beside it: give `host` too (the locustfile's host cannot be switched between rounds)."
  ])
  expect(
    problemsOf({
      host: 'http://a.internal',
      rounds: '0',
      warmup: 'soon',
      'baseline-host': 'b.internal'
    })
  ).toEqual([
    'Input \'rounds\': got "0"; expected a whole number from 1 to 100.',
    'Input \'warmup\': got "soon"; expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".',
    'Input \'baseline-host\': got "b.internal"; expected a URL starting with http:// or https://, e.g. "https://staging.example.com".'
  ])
  expect(problemsOf({ locustfile: 'shape.py', warmup: '5s' })).toEqual([
    'Input \'rounds\': got "1"; the locustfile defines a LoadTestShape, which sets the load over the whole run, while rounds start the users anew each round (also with `warmup` or `baseline-host`): remove the shape, or those inputs.'
  ])
  expect(parse({ locustfile: 'shape.py' }).rounds).toBeUndefined()
})

test('mode: calibrate plans A/A rounds on host alone, 5 unless rounds says otherwise', () => {
  expect(parse({ host: 'http://127.0.0.1:8080', mode: 'calibrate' }).rounds).toEqual({
    design: 'repeated',
    count: 5,
    warmupSeconds: 0,
    calibrate: true
  })
  expect(parse({ mode: 'calibrate', rounds: '3', warmup: '2s' }).rounds).toEqual({
    design: 'repeated',
    count: 3,
    warmupSeconds: 2,
    calibrate: true
  })
  expect(
    problemsOf({
      host: 'http://127.0.0.1:8080',
      'baseline-host': 'http://127.0.0.1:8081',
      mode: 'calibrate',
      rounds: '1'
    })
  ).toEqual([
    'Input \'baseline-host\': got "http://127.0.0.1:8081"; mode: calibrate measures the noise of one target against itself (A/A rounds on `host`): leave baseline-host out, or use mode "interleaved" or "duet" to compare two versions.',
    'Input \'rounds\': got "1"; mode: calibrate pairs rounds among themselves: give at least 2 (4 or more give a useful band; default 5).'
  ])
  // On AWS the tasks must reach the target: a calibration is refused a loopback host as any run.
  expect(problemsOf({ ...aws, host: 'http://127.0.0.1:8080', mode: 'calibrate' })).toEqual([
    expect.stringContaining('Input \'host\': got "http://127.0.0.1:8080"; that is this machine')
  ])
})

test("the master's rounds settings carry both hosts, the seed and a duet's side", () => {
  const config = parse({
    host: 'http://127.0.0.1:8080',
    'baseline-host': 'http://127.0.0.1:8081',
    rounds: '2',
    'run-time': '30s'
  })
  expect(JSON.parse(masterRoundsSettings(config.rounds!, config, 1234))).toEqual({
    design: 'interleaved',
    rounds: 2,
    warmupSeconds: 0,
    roundSeconds: 30,
    seed: 1234,
    hosts: { candidate: 'http://127.0.0.1:8080', baseline: 'http://127.0.0.1:8081' }
  })
})
