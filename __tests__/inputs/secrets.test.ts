import { PreflightError } from '../../src/errors.js'
import { InputError } from '../../src/inputs/model.js'
import { parseInputs, type RawInputs } from '../../src/inputs/parse.js'
import { outsideScope, parseSecrets } from '../../src/inputs/secrets.js'
import { secretsScopeProblem } from '../../src/backend/aws/secrets.js'
import type { AwsTarget } from '../../src/backend/aws/target.js'
import { localBackend } from '../../src/backend/local/module.js'
import type { RunConfig } from '../../src/run/config.js'
import type { LocalSettings } from '../../src/backend/local/settings.js'

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:load-test/api-AbCdEf'
const PARAMETER = 'arn:aws:ssm:eu-west-1:123456789012:parameter/load-test/db-password'

const files = {
  kind: (path: string) =>
    path === '/ws'
      ? ('directory' as const)
      : path.endsWith('.py')
        ? ('file' as const)
        : ('missing' as const),
  read: () => '',
  prepareFolder: () => undefined
}
const parse = (raw: RawInputs) => parseInputs(raw, { cwd: '/ws', env: {}, files })

function problemsOf(raw: RawInputs): string[] {
  try {
    parse(raw)
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((problem) => problem.message)
    throw error
  }
  throw new Error('expected the inputs to be refused')
}

describe('parseSecrets', () => {
  test('reads secrets, JSON keys and parameters by name', () => {
    const { secrets, problems } = parseSecrets([
      `API_TOKEN=${SECRET}`,
      `API_USER = ${SECRET}:user::`,
      `DB_PASSWORD=${PARAMETER}`
    ])
    expect(problems).toEqual([])
    expect(secrets).toEqual([
      {
        name: 'API_TOKEN',
        arn: SECRET,
        store: 'secretsmanager',
        region: 'eu-west-1',
        account: '123456789012',
        resource: 'load-test/api-AbCdEf'
      },
      expect.objectContaining({
        name: 'API_USER',
        arn: `${SECRET}:user::`,
        store: 'secretsmanager'
      }),
      expect.objectContaining({
        name: 'DB_PASSWORD',
        store: 'ssm',
        resource: 'load-test/db-password'
      })
    ])
  })

  test.each([
    ['API_TOKEN', 'expected NAME=ARN lines'],
    ['API-TOKEN=' + SECRET, '"API-TOKEN" is not an environment variable name'],
    ['1TOKEN=' + SECRET, 'is not an environment variable name'],
    ['AWS_SECRET_ACCESS_KEY=' + SECRET, 'AWS_SECRET_ACCESS_KEY is reserved'],
    ['DL_HOST=' + SECRET, 'DL_HOST is reserved'],
    ['PYTHONPATH=' + SECRET, 'PYTHONPATH is reserved'],
    ['ACTIONS_RUNTIME_TOKEN=' + SECRET, 'ACTIONS_RUNTIME_TOKEN is reserved'],
    [
      'TOKEN=load-test/api',
      '"load-test/api" is neither a Secrets Manager secret ARN nor an SSM parameter ARN'
    ],
    ['TOKEN=arn:aws:s3:::bucket/key', 'is neither'],
    ['TOKEN=arn:aws:secretsmanager:eu-west-1:123:secret:api', 'is neither'],
    ['TOKEN=' + SECRET + ':a:b:c:d', 'is neither'],
    ['TOKEN=arn:aws:ssm:eu-west-1:123456789012:parameter/', 'is neither']
  ])('refuses %s', (item, why) => {
    const { secrets, problems } = parseSecrets([item])
    expect(secrets).toEqual([])
    expect(problems).toEqual([{ given: item, message: expect.stringContaining(why) }])
  })

  test('refuses a name given twice', () => {
    expect(parseSecrets([`A=${SECRET}`, `A=${PARAMETER}`]).problems).toEqual([
      { given: `A=${PARAMETER}`, message: 'A is named twice; give each variable one ARN.' }
    ])
  })
})

describe('the secrets input', () => {
  test('becomes the run config, one item per line', () => {
    const config = parse({ secrets: `API_TOKEN=${SECRET}\nDB_PASSWORD=${PARAMETER}\n` })
    expect(config.secrets?.map((secret) => [secret.name, secret.arn])).toEqual([
      ['API_TOKEN', SECRET],
      ['DB_PASSWORD', PARAMETER]
    ])
    expect(parse({}).secrets).toBeUndefined()
  })

  test('refuses every bad line, and a name pass-env gives too, before anything starts', () => {
    expect(
      problemsOf({ secrets: `API_TOKEN=${SECRET}\nbad\nTENANT=${PARAMETER}`, 'pass-env': 'TENANT' })
    ).toEqual([
      expect.stringMatching(/^Input 'secrets': got "bad"; expected NAME=ARN lines/),
      `Input 'secrets': got "TENANT=${PARAMETER}"; pass-env names TENANT too; a variable comes from one place: remove it from one of them.`
    ])
  })
})

describe('the stack may read only under its SecretsPrefix, in its account and region', () => {
  const [token, password] = parseSecrets([`TOKEN=${SECRET}`, `PASSWORD=${PARAMETER}`]).secrets
  const scope = { prefix: 'load-test/', region: 'eu-west-1', account: '123456789012' }

  test('inside the scope', () => {
    expect(outsideScope(token, scope)).toBeUndefined()
    expect(outsideScope(password, scope)).toBeUndefined()
  })

  test.each([
    ['another prefix', { prefix: 'perf/' }, 'may read only secrets named perf/…'],
    ['another region', { region: 'us-east-1' }, 'in account 123456789012, region us-east-1'],
    ['another account', { account: '210987654321' }, 'in account 210987654321']
  ])('outside: %s', (_label, change, why) => {
    const message = outsideScope(token, { ...scope, ...change })
    expect(message).toContain(why)
    expect(message).toMatch(
      /^TOKEN: .* and arn:aws:secretsmanager:\S+ is not one; rename the secret/
    )
  })

  test('a parameter is named with or without its leading slash', () => {
    expect(outsideScope(password, { ...scope, prefix: 'perf/' })).toContain(
      'may read only parameters named perf/… or /perf/…'
    )
  })

  const target = (secretsPrefix?: string): AwsTarget => ({
    stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:distributed-locust-run',
    bucket: 'bucket',
    secretsPrefix
  })

  test('the action refuses a secret outside the stack output before start', () => {
    expect(secretsScopeProblem([token, password], target('load-test/'), 'stack')).toBeUndefined()
    expect(secretsScopeProblem([token, password], target('perf/'), 'stack')).toMatch(
      /^Input 'secrets': TOKEN: .* PASSWORD: /
    )
  })

  test('a stack without the output can read no secret; without a stack the container says it', () => {
    expect(secretsScopeProblem([token], target(), 'old-stack')).toContain(
      "stack 'old-stack' has no SecretsPrefix output"
    )
    expect(secretsScopeProblem([token], target(), undefined)).toBeUndefined()
    expect(secretsScopeProblem([], target(), 'old-stack')).toBeUndefined()
  })
})

test('the local backend refuses, before start, a secret missing from its environment', async () => {
  const name = `SECRET_TEST_MISSING_${process.pid}`
  const config = {
    ...parse({ secrets: `${name}=${SECRET}` }),
    workers: 1
  } as RunConfig<LocalSettings>
  const prepare = () => localBackend.prepare(config, {})
  await expect(prepare()).rejects.toThrow(PreflightError)
  await expect(prepare()).rejects.toThrow(
    `and ${name} is not set; export it, or in a workflow set it in the step's \`env\``
  )
  process.env[name] = 'value'
  try {
    await expect(prepare()).resolves.toBe(config)
  } finally {
    delete process.env[name]
  }
})
