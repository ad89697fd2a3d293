import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { ECSClient } from '@aws-sdk/client-ecs'
import { S3Client } from '@aws-sdk/client-s3'
import { SFNClient } from '@aws-sdk/client-sfn'

/** One client per AWS service the AWS backend talks to. */
export interface AwsClients {
  cloudFormation: CloudFormationClient
  stepFunctions: SFNClient
  ecs: ECSClient
  s3: S3Client
}

/**
 * Clients for one region. Credentials come from the SDK's standard chain (environment, OIDC web
 * identity as set up by aws-actions/configure-aws-credentials, profiles); endpoints honour
 * AWS_ENDPOINT_URL_<SERVICE>. The SDK's adaptive retry mode backs off with jitter on throttling.
 */
export function awsClientConfig(region: string | undefined) {
  return { region, maxAttempts: 6, retryMode: 'adaptive' }
}

export function createAwsClients(region: string | undefined): AwsClients {
  const common = awsClientConfig(region)
  return {
    cloudFormation: new CloudFormationClient(common),
    stepFunctions: new SFNClient(common),
    ecs: new ECSClient(common),
    s3: new S3Client(common)
  }
}
