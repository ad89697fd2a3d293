/**
 * The `secrets` input: `NAME=arn` lines naming a Secrets Manager secret or an SSM Parameter Store
 * parameter whose value the locustfile reads as the environment variable NAME. On AWS only the
 * ARNs travel (staged in the run's bundle); the tasks read the values with their role
 * (docker/distributed_locust/secrets.py). The local backend reads NAME from its own environment.
 * Pure. See docs/security.md.
 */

export interface SecretReference {
  /** The environment variable the locustfile reads. */
  name: string
  arn: string
  store: 'secretsmanager' | 'ssm'
  region: string
  account: string
  /** The secret's name (with the random suffix when the ARN has it) or the parameter's path. */
  resource: string
}

/** Where the stack's task role may read: its SecretsPrefix, in its own account and region. */
export interface SecretScope {
  prefix: string
  region: string
  account: string
}

/**
 * `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME`, optionally followed by ECS's
 * `:json-key:version-stage:version-id` (each may be empty).
 */
const SECRET_ARN =
  /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:([A-Za-z0-9/_+=.@-]+)(?::[^:\s]*){0,3}$/
const PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):parameter\/([A-Za-z0-9_./-]+)$/
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/**
 * Names a secret may not take: the runner's credentials and the action's inputs (local), the
 * container's own settings and what Python and the loader read before the locustfile runs.
 */
const RESERVED_NAME =
  /^(?:ACTIONS_|INPUT_|STATE_|GITHUB_TOKEN$|DL_|AWS_|ECS_|PYTHON|LD_|PATH$|HOME$)/i

const EXAMPLES =
  'expected NAME=ARN lines such as "API_TOKEN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:load-test/api-AbCdEf" or "DB_PASSWORD=arn:aws:ssm:eu-west-1:123456789012:parameter/load-test/db-password"'

/** Reads `NAME=arn` items; each problem names the item and says what is accepted. */
export function parseSecrets(items: readonly string[]): {
  secrets: SecretReference[]
  problems: { given: string; message: string }[]
} {
  const secrets: SecretReference[] = []
  const problems: { given: string; message: string }[] = []
  for (const item of items) {
    const equals = item.indexOf('=')
    const name = item.slice(0, equals).trim()
    const arn = item.slice(equals + 1).trim()
    const problem =
      equals < 0
        ? `${EXAMPLES}.`
        : !VARIABLE_NAME.test(name)
          ? `"${name}" is not an environment variable name; use letters, digits and _, not starting with a digit.`
          : RESERVED_NAME.test(name)
            ? `${name} is reserved (the runner's credentials, the action's inputs, the container's DL_*, AWS_* and ECS_* settings, PYTHON*, LD_*, PATH and HOME); choose another name.`
            : secrets.some((secret) => secret.name === name)
              ? `${name} is named twice; give each variable one ARN.`
              : undefined
    const reference = problem === undefined ? referenceOf(name, arn) : undefined
    if (problem !== undefined || reference === undefined) {
      problems.push({
        given: item,
        message:
          problem ??
          `"${arn}" is neither a Secrets Manager secret ARN nor an SSM parameter ARN; ${EXAMPLES}.`
      })
    } else {
      secrets.push(reference)
    }
  }
  return { secrets, problems }
}

function referenceOf(name: string, arn: string): SecretReference | undefined {
  const secret = SECRET_ARN.exec(arn)
  if (secret) {
    const [, region, account, resource] = secret
    return { name, arn, store: 'secretsmanager', region, account, resource }
  }
  const parameter = PARAMETER_ARN.exec(arn)
  if (parameter) {
    const [, region, account, resource] = parameter
    return { name, arn, store: 'ssm', region, account, resource }
  }
  return undefined
}

/**
 * Why the stack's task role cannot read `secret` (another account or region, or a name outside
 * the prefix), or undefined when it may.
 */
export function outsideScope(secret: SecretReference, scope: SecretScope): string | undefined {
  const where = `account ${scope.account}, region ${scope.region}`
  const what =
    secret.store === 'ssm'
      ? `parameters named ${scope.prefix}… or /${scope.prefix}…`
      : `secrets named ${scope.prefix}…`
  if (
    secret.account === scope.account &&
    secret.region === scope.region &&
    secret.resource.startsWith(scope.prefix)
  ) {
    return undefined
  }
  return `${secret.name}: the stack's task role may read only ${what} (its SecretsPrefix parameter) in ${where}, and ${secret.arn} is not one; rename the secret, or redeploy the stack with another SecretsPrefix.`
}
