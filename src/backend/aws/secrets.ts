import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { outsideScope, type SecretReference } from '../../inputs/secrets.js'
import { RESERVED_FOLDER } from './stage.js'
import type { AwsTarget } from './target.js'

/**
 * The bundle file that carries the `secrets` input's ARNs, never a value (docs/security.md): the
 * tasks read the values with their role (docker/distributed_locust/secrets.py). The bundle, not
 * the RunTask overrides, carries them: the overrides have no secrets field and an 8,192-character
 * limit, and the state machine stays as it is.
 */
export const SECRETS_FILE_KEY = `${RESERVED_FOLDER}secrets.json`

/**
 * Why the stack's task role cannot read every secret, naming each one it cannot, or undefined.
 * Without a stack (state-machine-arn and bucket given) the prefix is unknown: the task's error then
 * says which secret it could not read.
 */
export function secretsScopeProblem(
  secrets: readonly SecretReference[],
  target: AwsTarget,
  stackName: string | undefined
): string | undefined {
  if (secrets.length === 0 || stackName === undefined) return undefined
  if (target.secretsPrefix === undefined) {
    return `Input 'secrets': stack '${stackName}' has no SecretsPrefix output, so its tasks may read no secret; redeploy cloudformation/template.yaml of this version (its SecretsPrefix parameter says which secrets the tasks may read).`
  }
  // arn:aws:states:REGION:ACCOUNT:stateMachine:NAME
  const [, , , region, account] = target.stateMachineArn.split(':')
  const scope = { prefix: target.secretsPrefix, region, account }
  const outside = secrets.flatMap((secret) => outsideScope(secret, scope) ?? [])
  return outside.length > 0 ? `Input 'secrets': ${outside.join(' ')}` : undefined
}

/** Stages the secrets' names and ARNs as SECRETS_FILE_KEY under `prefix` (nothing without any). */
export async function uploadSecretReferences(
  s3: S3Client,
  bucket: string,
  prefix: string,
  secrets: readonly SecretReference[]
): Promise<void> {
  if (secrets.length === 0) return
  const references = Object.fromEntries(secrets.map(({ name, arn }) => [name, arn]))
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `${prefix}${SECRETS_FILE_KEY}`,
      Body: JSON.stringify(references),
      ContentType: 'application/json'
    })
  )
}
