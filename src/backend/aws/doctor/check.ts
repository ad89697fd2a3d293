/** The doctor end to end: gather the facts of the stack the settings name, then judge them. */
import type { BackendDoctor } from '../../types.js'
import type { AwsSettings } from '../settings.js'
import { diagnose } from './checks.js'
import { createDoctorClients, destroyDoctorClients } from './clients.js'
import { gatherFacts } from './gather.js'

export const checkStack: BackendDoctor<AwsSettings>['check'] = async (
  { settings, workers, timeoutMinutes },
  { env, now, log }
) => {
  const stackName = settings.stackName ?? ''
  const region = settings.region ?? ''
  log(
    `Checking stack ${stackName} in ${region} for ${workers} worker(s) and a ${timeoutMinutes}-minute timeout…`
  )
  const clients = createDoctorClients(settings.region)
  try {
    const facts = await gatherFacts(
      settings,
      { stackName, region, workers, timeoutMinutes, assignPublicIp: settings.assignPublicIp },
      clients,
      env,
      now
    )
    return diagnose(facts)
  } finally {
    destroyDoctorClients(clients)
  }
}
