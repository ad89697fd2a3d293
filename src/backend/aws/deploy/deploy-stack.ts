/** The aws backend's `deploy`: the stack the settings name, deployed with the run's clients. */
import type { BackendDoctor } from '../../types.js'
import { createAwsClients } from '../clients.js'
import { deployStack } from './change-set.js'
import type { AwsSettings } from '../settings.js'

export const deployAwsStack: NonNullable<BackendDoctor<AwsSettings>['deploy']> = async (
  { settings, template, templateBucket, parameters },
  hooks
) => {
  const clients = createAwsClients(settings.region)
  try {
    return await deployStack(
      clients,
      {
        stackName: settings.stackName ?? '',
        region: settings.region ?? '',
        template,
        templateBucket,
        parameters
      },
      hooks
    )
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  } finally {
    for (const client of Object.values(clients) as { destroy(): void }[]) client.destroy()
  }
}
