/**
 * How long the AWS credentials the action holds last, against how long a run may take.
 * aws-actions/configure-aws-credentials hands out one-hour credentials unless
 * `role-duration-seconds` asks for more; a run that outlives them can no longer be followed,
 * stopped or have its results downloaded by the action.
 */
/** Environment variables that tools exporting temporary credentials set to their expiry. */
const EXPIRY_VARIABLES = ['AWS_SESSION_EXPIRATION', 'AWS_CREDENTIAL_EXPIRATION'] as const

/** The expiry named by the environment, when one of EXPIRY_VARIABLES holds a valid time. */
export function expiryFromEnv(env: NodeJS.ProcessEnv): Date | undefined {
  for (const name of EXPIRY_VARIABLES) {
    const text = env[name]
    if (text && !Number.isNaN(Date.parse(text))) return new Date(text)
  }
  return undefined
}

/**
 * When the credentials expire: from the environment, else as the SDK's credential provider
 * reports it (the STS expiry of assumed-role, web-identity or SSO credentials); undefined for
 * credentials that do not expire or when none can be resolved (the first call then says why).
 */
export async function credentialsExpiry(
  env: NodeJS.ProcessEnv,
  provider: (() => Promise<{ expiration?: Date }>) | undefined
): Promise<Date | undefined> {
  const fromEnv = expiryFromEnv(env)
  if (fromEnv || !provider) return fromEnv
  try {
    return (await provider()).expiration
  } catch {
    return undefined
  }
}

/** `role-duration-seconds` that covers `timeoutMinutes` with five minutes to spare (STS: 900–43200). */
export function roleDurationFor(timeoutMinutes: number): number {
  return Math.min(43_200, Math.max(900, Math.ceil((timeoutMinutes + 5) * 60)))
}

/**
 * How the credentials fall short of `timeoutMinutes`, e.g. "expire in 55 min (2026-…Z)"; undefined
 * when they last (or their expiry is unknown).
 */
export function credentialsShortfall(
  expiresAt: Date | undefined,
  nowMs: number,
  timeoutMinutes: number
): string | undefined {
  if (expiresAt === undefined) return undefined
  const remainingMinutes = (expiresAt.getTime() - nowMs) / 60_000
  if (remainingMinutes >= timeoutMinutes) return undefined
  const left =
    remainingMinutes <= 0 ? 'have expired' : `expire in ${Math.floor(remainingMinutes)} min`
  return `${left} (${expiresAt.toISOString()})`
}

/** The action's warning when the credentials expire before the run's timeout is up. */
export function credentialsLifetimeWarning(
  expiresAt: Date | undefined,
  nowMs: number,
  timeoutMinutes: number
): string | undefined {
  const shortfall = credentialsShortfall(expiresAt, nowMs, timeoutMinutes)
  if (shortfall === undefined) return undefined
  return (
    `The AWS credentials ${shortfall}, before timeout-minutes (${timeoutMinutes}) is up: ` +
    `a run that outlives them can no longer be followed, stopped or collected by this step (its tasks still stop at the deadline). ` +
    `Ask for longer credentials, e.g. \`role-duration-seconds: ${roleDurationFor(timeoutMinutes)}\` for aws-actions/configure-aws-credentials ` +
    `(the role's MaxSessionDuration must allow it; the stack's GitHub role allows 12 h).`
  )
}
