import { EC2Client } from '@aws-sdk/client-ec2'
import { ECRClient } from '@aws-sdk/client-ecr'
import { IAMClient } from '@aws-sdk/client-iam'
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas'
import { STSClient } from '@aws-sdk/client-sts'
import { awsClientConfig, createAwsClients, type AwsClients } from '../clients.js'

/** The run's clients and one per service the doctor also asks. */
export interface DoctorClients extends AwsClients {
  ecr: ECRClient
  serviceQuotas: ServiceQuotasClient
  ec2: EC2Client
  iam: IAMClient
  sts: STSClient
}

/** Clients for one region, configured like the run's (src/backend/aws/clients.ts). */
export function createDoctorClients(region: string | undefined): DoctorClients {
  const common = awsClientConfig(region)
  return {
    ...createAwsClients(region),
    ecr: new ECRClient(common),
    serviceQuotas: new ServiceQuotasClient(common),
    ec2: new EC2Client(common),
    iam: new IAMClient(common),
    sts: new STSClient(common)
  }
}

/** Closes every client's sockets, so the command exits at once. */
export function destroyDoctorClients(clients: DoctorClients): void {
  for (const client of Object.values(clients) as { destroy(): void }[]) client.destroy()
}
