import { InputError } from '../../src/inputs/model.js'
import { parseInputs, type FileAccess, type RawInputs } from '../../src/inputs/parse.js'
import { parseDuration, splitList } from '../../src/inputs/read.js'

/** An in-memory workspace: paths under /ws that exist, with their contents. */
function workspace(entries: Record<string, string | null>): FileAccess {
  return {
    kind: (path) => (path in entries ? (entries[path] === null ? 'directory' : 'file') : 'missing'),
    read: (path, maxBytes) => {
      const text = entries[path]
      if (typeof text !== 'string') throw new Error(`no file ${path}`)
      return text.length > maxBytes ? undefined : text
    },
    prepareFolder: (path) => {
      const inTheWay = Object.keys(entries).find(
        (entry) => entries[entry] !== null && (path === entry || path.startsWith(`${entry}/`))
      )
      return inTheWay === undefined ? undefined : `${inTheWay} is not a folder`
    }
  }
}

const files = workspace({
  '/ws': null,
  '/ws/locustfile.py': 'from locust import HttpUser',
  '/ws/tests': null,
  '/ws/tests/load.py': 'from locust import HttpUser',
  '/ws/tests/users.csv': 'id\n1',
  '/ws/thresholds.txt': 'p95 < 500ms\nfail_ratio < 1%\n',
  '/ws/bad-thresholds.txt': 'p95 < 500ms\np95x < 3\n',
  '/ws/notes.txt': 'not python',
  '/ws/custom.py': 'import locust.stats\nlocust.stats.PERCENTILES_TO_REPORT = [0.59, 0.95]\n'
})

const parse = (raw: RawInputs, env: NodeJS.ProcessEnv = {}) =>
  parseInputs(raw, { cwd: '/ws', env, files })

function problemsOf(raw: RawInputs, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parse(raw, env)
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => p.message)
    throw error
  }
  throw new Error('expected the inputs to be rejected')
}

const awsBase: RawInputs = {
  backend: 'aws',
  'stack-name': 'distributed-locust',
  'aws-region': 'eu-west-1'
}

describe('parseInputs accepts good inputs', () => {
  test('defaults give a small local run of locustfile.py', () => {
    const config = parse({})
    expect(config).toMatchObject({
      backend: { kind: 'local', waitForHostSeconds: 30, passEnv: [] },
      locustfile: '/ws/locustfile.py',
      users: 10,
      spawnRate: 10,
      runTime: '1m',
      runTimeSeconds: 60,
      workers: 1,
      locustArgs: [],
      thresholds: [],
      failOnThreshold: true,
      onInvalid: 'fail',
      timeoutMinutes: 11,
      workingDirectory: '/ws',
      resultsDir: '/ws/locust-results'
    })
  })

  test('every input typed and resolved against the working directory', () => {
    const config = parse({
      'working-directory': 'tests',
      locustfile: 'load.py',
      data: 'users.csv\n',
      host: 'http://127.0.0.1:8080',
      'wait-for-host': '120',
      users: '200',
      'spawn-rate': '2.5',
      'run-time': '1h30m',
      workers: '4',
      'locust-args': `--stop-timeout 10 --tags "check out" '$NOT_EXPANDED'`,
      thresholds: 'p95 < 500ms  # the gate\n"GET /api": fail_ratio < 1%',
      'thresholds-file': '../thresholds.txt',
      'fail-on-threshold': 'False',
      'on-invalid': 'pass',
      'timeout-minutes': '120',
      'results-dir': 'out'
    })
    expect(config.locustfile).toBe('/ws/tests/load.py')
    expect(config.backend).toMatchObject({ kind: 'local', waitForHostSeconds: 120 })
    expect(config.data).toEqual(['/ws/tests/users.csv'])
    expect(config.spawnRate).toBe(2.5)
    expect(config.runTimeSeconds).toBe(5400)
    expect(config.locustArgs).toEqual([
      '--stop-timeout',
      '10',
      '--tags',
      'check out',
      '$NOT_EXPANDED'
    ])
    expect(config.thresholds.map((rule) => rule.text)).toEqual([
      'p95 < 500ms',
      '"GET /api": fail_ratio < 1%',
      'p95 < 500ms',
      'fail_ratio < 1%'
    ])
    expect(config.failOnThreshold).toBe(false)
    expect(config.confidence).toBe(0.95)
    expect(config.onInconclusive).toBe('pass')
    expect(parse({ confidence: '0.99', 'on-inconclusive': 'fail' })).toMatchObject({
      confidence: 0.99,
      onInconclusive: 'fail'
    })
    expect(config.onInvalid).toBe('pass')
    expect(config.timeoutMinutes).toBe(120)
    expect(config.resultsDir).toBe('/ws/tests/out')
  })

  test('aws settings from explicit inputs, region from the environment', () => {
    const config = parse(
      {
        backend: 'aws',
        'state-machine-arn':
          'arn:aws:states:eu-west-1:123456789012:stateMachine:distributed-locust',
        bucket: 'my-load-tests',
        subnets: 'subnet-0123456789abcdef0, subnet-0fedcba9876543210',
        'security-groups': 'sg-0123456789abcdef0',
        'assign-public-ip': 'true',
        workers: '200'
      },
      { AWS_REGION: 'eu-west-1' }
    )
    expect(config.backend).toEqual({
      kind: 'aws',
      region: 'eu-west-1',
      stackName: undefined,
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:distributed-locust',
      bucket: 'my-load-tests',
      cluster: undefined,
      taskDefinition: undefined,
      subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
      securityGroups: ['sg-0123456789abcdef0'],
      assignPublicIp: true,
      workerReplaceMinutes: 10,
      capacity: 'on-demand'
    })
    expect(config.workers).toBe(200)
  })

  test('the region of a state machine ARN serves when none is configured', () => {
    const config = parse({
      backend: 'aws',
      'state-machine-arn': 'arn:aws:states:us-east-2:123456789012:stateMachine:dl',
      bucket: 'bucket-1'
    })
    expect(config.backend).toMatchObject({ kind: 'aws', region: 'us-east-2' })
  })
})

describe('parseInputs rejects bad inputs with a message naming the input, the value and the accepted form', () => {
  const cases: [string, RawInputs, string, NodeJS.ProcessEnv?][] = [
    [
      'unknown backend',
      { backend: 'k8s' },
      'Input \'backend\': got "k8s"; expected "local", "aws" or "none".'
    ],
    [
      'missing locustfile',
      { locustfile: 'nope.py' },
      `Input 'locustfile': got "nope.py"; no file at /ws/nope.py; expected a path to a Python locustfile, relative to the working directory.`
    ],
    [
      'locustfile is a folder',
      { locustfile: 'tests' },
      `Input 'locustfile': got "tests"; that is a folder; expected a Python file such as "locustfile.py".`
    ],
    [
      'locustfile not python',
      { locustfile: 'notes.txt' },
      `Input 'locustfile': got "notes.txt"; expected a Python file ending in ".py".`
    ],
    [
      'missing data file',
      { data: 'tests/users.csv\nfixtures/' },
      `Input 'data': got "fixtures/"; no file or folder at /ws/fixtures; list existing files or folders, one per line.`
    ],
    [
      'host without scheme',
      { host: 'staging.example.com' },
      `Input 'host': got "staging.example.com"; expected a URL starting with http:// or https://, e.g. "https://staging.example.com".`
    ],
    [
      'users zero',
      { users: '0' },
      `Input 'users': got "0"; expected a whole number from 1 to 1000000.`
    ],
    [
      'users negative',
      { users: '-5' },
      `Input 'users': got "-5"; expected a whole number from 1 to 1000000.`
    ],
    [
      'users not a number',
      { users: 'lots' },
      `Input 'users': got "lots"; expected a whole number from 1 to 1000000.`
    ],
    [
      'users fractional',
      { users: '2.5' },
      `Input 'users': got "2.5"; expected a whole number from 1 to 1000000.`
    ],
    [
      'spawn rate zero',
      { 'spawn-rate': '0' },
      `Input 'spawn-rate': got "0"; expected a number greater than 0 and at most 100000, e.g. "10" or "0.5".`
    ],
    [
      'run time in parsecs',
      { 'run-time': '5 parsecs' },
      `Input 'run-time': got "5 parsecs"; expected a duration in Locust's form, e.g. "90s", "5m" or "1h30m".`
    ],
    [
      'run time zero',
      { 'run-time': '0s' },
      `Input 'run-time': got "0s"; expected a duration in Locust's form, e.g. "90s", "5m" or "1h30m".`
    ],
    [
      'run time in wrong order',
      { 'run-time': '5m1h' },
      `Input 'run-time': got "5m1h"; expected a duration in Locust's form, e.g. "90s", "5m" or "1h30m".`
    ],
    [
      'workers zero',
      { workers: '0' },
      `Input 'workers': got "0"; expected a whole number from 1 to 200.`
    ],
    [
      'workers 1000',
      { workers: '1000' },
      `Input 'workers': got "1000"; expected a whole number from 1 to 200.`
    ],
    [
      'locust-args sets users',
      { 'locust-args': '-u 100' },
      `Input 'locust-args': got "-u 100"; the action sets -u itself (use the \`users\` input); remove it from locust-args.`
    ],
    [
      'locust-args sets csv with =',
      { 'locust-args': '--csv=out' },
      `Input 'locust-args': got "--csv=out"; the action sets --csv itself (the backend writes CSVs into \`results-dir\`); remove it from locust-args.`
    ],
    [
      'locust-args with a shell pipe',
      { 'locust-args': '--tags a | tee log' },
      `Input 'locust-args': got "--tags a | tee log"; shell operators such as | > ; & are not allowed; give Locust flags only, quoting values with spaces.`
    ],
    [
      'threshold typo',
      { thresholds: 'p95 < 500ms\np95x < 3' },
      `Input 'thresholds': line 2, column 1: unknown metric "p95x"; did you mean "p95"?`
    ],
    [
      'threshold typo in a file',
      { 'thresholds-file': 'bad-thresholds.txt' },
      `Input 'thresholds-file' (bad-thresholds.txt): line 2, column 1: unknown metric "p95x"; did you mean "p95"?`
    ],
    [
      'missing thresholds file',
      { 'thresholds-file': 'gates.txt' },
      `Input 'thresholds-file': got "gates.txt"; no file at /ws/gates.txt; expected a text file with one threshold rule per line.`
    ],
    [
      'confidence out of range',
      { confidence: '95' },
      `Input 'confidence': got "95"; expected a number from 0.5 to 0.999.`
    ],
    [
      'on-inconclusive not pass or fail',
      { 'on-inconclusive': 'warn' },
      `Input 'on-inconclusive': got "warn"; expected "pass" or "fail".`
    ],
    [
      'fail-on-threshold not boolean',
      { 'fail-on-threshold': 'maybe' },
      `Input 'fail-on-threshold': got "maybe"; expected "true" or "false".`
    ],
    [
      'on-invalid neither fail nor pass',
      { 'on-invalid': 'warn' },
      `Input 'on-invalid': got "warn"; expected "fail" or "pass".`
    ],
    [
      'timeout shorter than the run',
      { 'run-time': '30m', 'timeout-minutes': '20' },
      `Input 'timeout-minutes': got "20"; expected more minutes than the run time (30m), leaving time to start and collect results.`
    ],
    [
      'timeout not a number',
      { 'timeout-minutes': 'soon' },
      `Input 'timeout-minutes': got "soon"; expected a number greater than 0 and at most 1440, e.g. "10" or "0.5".`
    ],
    [
      'missing working directory',
      { 'working-directory': 'services/api' },
      `Input 'working-directory': got "services/api"; expected an existing folder (relative to the workspace).`
    ],
    [
      'wait-for-host not a number',
      { 'wait-for-host': '30s' },
      `Input 'wait-for-host': got "30s"; expected a whole number from 0 to 3600.`
    ],
    [
      'bad locust version',
      { 'locust-version': 'latest' },
      `Input 'locust-version': got "latest"; expected a Locust version such as "2.32.1".`
    ],
    [
      'aws without stack or state machine',
      { backend: 'aws', 'aws-region': 'eu-west-1' },
      `Input 'stack-name': got nothing; the aws backend needs either \`stack-name\` (the deployed distributed-locust stack) or both \`state-machine-arn\` and \`bucket\`.`
    ],
    [
      'malformed state machine ARN',
      { ...awsBase, 'state-machine-arn': 'arn:aws:lambda:eu-west-1:123:function:x' },
      `Input 'state-machine-arn': got "arn:aws:lambda:eu-west-1:123:function:x"; expected an ARN like "arn:aws:states:eu-west-1:123456789012:stateMachine:distributed-locust".`
    ],
    [
      'region of ARN and input differ',
      {
        backend: 'aws',
        'aws-region': 'eu-west-1',
        'state-machine-arn': 'arn:aws:states:us-east-1:123456789012:stateMachine:dl',
        bucket: 'b-1'
      },
      `Input 'state-machine-arn': got "arn:aws:states:us-east-1:123456789012:stateMachine:dl"; its region us-east-1 differs from aws-region eu-west-1; use one region.`
    ],
    [
      'bad region',
      { ...awsBase, 'aws-region': 'Europe' },
      `Input 'aws-region': got "Europe"; expected an AWS region such as "eu-west-1".`
    ],
    [
      'no region at all',
      { backend: 'aws', 'stack-name': 'dl' },
      `Input 'aws-region': got nothing; no region given and none in AWS_REGION; set \`aws-region\` or configure AWS credentials first.`
    ],
    [
      'bad stack name',
      { ...awsBase, 'stack-name': '1st_stack' },
      `Input 'stack-name': got "1st_stack"; expected a CloudFormation stack name: letters, digits and hyphens, starting with a letter.`
    ],
    [
      'bad bucket name',
      { ...awsBase, bucket: 'My_Bucket' },
      `Input 'bucket': got "My_Bucket"; expected an S3 bucket name: 3–63 lowercase letters, digits, dots and hyphens.`
    ],
    [
      'empty subnets',
      { ...awsBase, subnets: ' , ' },
      `Input 'subnets': got ","; the list is empty; expected IDs such as "subnet-0123456789abcdef0", one per line or comma-separated.`
    ],
    [
      'malformed subnet',
      { ...awsBase, subnets: 'subnet-0123456789abcdef0\nsubnet-xyz' },
      `Input 'subnets': got "subnet-xyz"; expected IDs such as "subnet-0123456789abcdef0".`
    ],
    [
      'malformed security group',
      { ...awsBase, 'security-groups': 'default' },
      `Input 'security-groups': got "default"; expected IDs such as "sg-0123456789abcdef0".`
    ],
    [
      'bad task definition',
      { ...awsBase, 'task-definition': 'locust:latest' },
      `Input 'task-definition': got "locust:latest"; expected a task definition family[:revision] or ARN.`
    ],
    [
      'aws: data outside the working directory',
      {
        ...awsBase,
        'working-directory': 'tests',
        locustfile: 'load.py',
        data: '../thresholds.txt'
      },
      'Input \'data\': got "../thresholds.txt"; the aws backend ships files by their path inside `working-directory`, and this one is outside it; move it inside, or set `working-directory` to a folder that holds the locustfile and its data.'
    ],
    [
      'aws: locustfile outside the working directory',
      { ...awsBase, 'working-directory': 'tests', locustfile: '../locustfile.py' },
      'Input \'locustfile\': got "../locustfile.py"; the aws backend ships files by their path inside `working-directory`, and this one is outside it; move it inside, or set `working-directory` to a folder that holds the locustfile and its data.'
    ],
    [
      'bad assign-public-ip',
      { ...awsBase, 'assign-public-ip': 'ENABLED' },
      `Input 'assign-public-ip': got "ENABLED"; expected "true" or "false".`
    ]
  ]

  // One argument, so that jest does not take a missing 4th element for a `done` callback.
  test.each(cases.map((row) => ({ name: row[0], row })))(
    '$name',
    ({ row: [, raw, message, env] }) => {
      expect(problemsOf(raw, env)).toEqual([message])
    }
  )

  test('every problem is reported at once', () => {
    const problems = problemsOf({
      users: '0',
      workers: '1000',
      'run-time': 'forever',
      backend: 'gcp',
      'wait-for-host': 'a while'
    })
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      "Input 'backend'",
      "Input 'users'",
      "Input 'run-time'",
      "Input 'workers'",
      "Input 'wait-for-host'"
    ])
  })

  test('each threshold syntax error is its own problem, with its line', () => {
    expect(problemsOf({ thresholds: 'p95 < 500ms\nrps >> 3\n# fine\nmedian < 2 parsecs' })).toEqual(
      [
        expect.stringMatching(/^Input 'thresholds': line 2, column \d+: /),
        expect.stringMatching(/^Input 'thresholds': line 4, column \d+: /)
      ]
    )
  })

  test('the CLI names its flags instead of input names', () => {
    try {
      parseInputs(
        { users: 'many' },
        {
          cwd: '/ws',
          env: {},
          files,
          displayName: (input) => (input === 'users' ? '--users/-u' : input)
        }
      )
      throw new Error('expected rejection')
    } catch (error) {
      expect((error as Error).message).toBe(
        `Input '--users/-u': got "many"; expected a whole number from 1 to 1000000.`
      )
    }
  })

  test('a very long value is shortened in the message', () => {
    const [message] = problemsOf({ host: 'x'.repeat(500) })
    expect(message).toContain(`"${'x'.repeat(200)}…" (300 more characters cut)`)
    expect(message.length).toBeLessThan(400)
  })
})

describe('helpers', () => {
  test.each([
    ['90', 90],
    ['90s', 90],
    ['5m', 300],
    ['1h30m', 5400],
    ['2h5s', 7205],
    ['', undefined],
    ['1d', undefined],
    ['5 m', undefined]
  ])('parseDuration(%p) = %p', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds)
  })

  test('splitList takes lines and commas, dropping blanks', () => {
    expect(splitList('a, b\n\n c ,')).toEqual(['a', 'b', 'c'])
  })
})

describe('threshold rules are checked against what Locust writes, before anything starts', () => {
  test('a percentile Locust does not write is refused with the other inputs', () => {
    expect(problemsOf({ thresholds: 'p59 < 300ms', users: 'many' })).toEqual([
      expect.stringMatching(/^Input 'users'/),
      expect.stringContaining(
        "Input 'thresholds': line 1, column 1: Locust writes no 59% column, so p59 cannot be measured"
      )
    ])
  })

  test('a locustfile that sets PERCENTILES_TO_REPORT may have its own percentiles checked', () => {
    const config = parse({ locustfile: 'custom.py', thresholds: 'p59 < 300ms' })
    expect(config.thresholds[0].metric).toEqual({ kind: 'percentile', quantile: 59 })
  })
})
