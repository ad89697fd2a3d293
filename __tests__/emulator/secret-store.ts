/**
 * Secrets Manager (GetSecretValue) and SSM Parameter Store (GetParameters) as the stack's task role
 * sees them: values by ARN, readable only under `prefix`, as the template's SecretsPrefix grant
 * allows (anything else answers AccessDeniedException, as IAM would). Both services speak the AWS
 * JSON 1.1 protocol, so one loopback server answers both, by their X-Amz-Target prefix; point
 * AWS_ENDPOINT_URL_SECRETSMANAGER and AWS_ENDPOINT_URL_SSM at it (`env`).
 */
import {
  AwsServiceError,
  jsonProtocolHandler,
  startHttpServer,
  type RunningServer
} from './http.js'

const ARN = /^arn:[^:]+:(secretsmanager|ssm):([^:]+):(\d{12}):(?:secret:|parameter\/)(.+)$/

export interface SecretStore {
  url: string
  /** The environment that points boto3's Secrets Manager and SSM clients here. */
  env: Record<string, string>
  /** Stores `value` under a secret or parameter ARN. */
  put(arn: string, value: string): void
  /** The ARNs read so far, in order (each parameter of a GetParameters call). */
  reads: string[]
  close(): Promise<void>
}

/** Starts the store on a free loopback port; the task role may read names starting with `prefix`. */
export async function startSecretStore(prefix: string): Promise<SecretStore> {
  const values = new Map<string, string>()
  const reads: string[] = []
  const readable = (arn: string, action: string): string => {
    const name = ARN.exec(arn)?.[4]
    if (name === undefined || !name.startsWith(prefix)) {
      throw new AwsServiceError(
        'AccessDeniedException',
        `User: arn:aws:sts::123456789012:assumed-role/TaskRole/task is not authorized to perform: ${action} on resource: ${arn} because no identity-based policy allows the ${action} action`
      )
    }
    reads.push(arn)
    return name
  }
  const secretsManager = jsonProtocolHandler('secretsmanager', '1.1', {
    GetSecretValue: ({ SecretId }: { SecretId: string }) => {
      const name = readable(SecretId, 'secretsmanager:GetSecretValue')
      const value = values.get(SecretId)
      if (value === undefined) {
        throw new AwsServiceError(
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret."
        )
      }
      return { ARN: SecretId, Name: name, SecretString: value, VersionId: 'v1' }
    }
  })
  const ssm = jsonProtocolHandler('AmazonSSM', '1.1', {
    GetParameters: ({ Names }: { Names: string[] }) => {
      const names = Names.map((arn) => [arn, readable(arn, 'ssm:GetParameters')])
      return {
        Parameters: names
          .filter(([arn]) => values.has(arn))
          .map(([arn, name]) => ({
            ARN: arn,
            Name: `/${name}`,
            Type: 'SecureString',
            Value: values.get(arn),
            Version: 1
          })),
        InvalidParameters: names.filter(([arn]) => !values.has(arn)).map(([arn]) => arn)
      }
    }
  })
  const server: RunningServer = await startHttpServer((request, body) =>
    String(request.headers['x-amz-target'] ?? '').startsWith('AmazonSSM.')
      ? ssm(request, body)
      : secretsManager(request, body)
  )
  return {
    url: server.url,
    env: { AWS_ENDPOINT_URL_SECRETSMANAGER: server.url, AWS_ENDPOINT_URL_SSM: server.url },
    put: (arn, value) => void values.set(arn, value),
    reads,
    close: () => server.close()
  }
}
