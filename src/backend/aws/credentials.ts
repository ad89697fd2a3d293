/**
 * How long the AWS credentials at hand last, against how long a run may take.
 * aws-actions/configure-aws-credentials hands out one-hour credentials unless
 * `role-duration-seconds` asks for more, and exports no expiry with them; a run that outlives its
 * credentials can no longer be followed, stopped or have its results downloaded.
 */

/** Environment variables that tools exporting temporary credentials set to their expiry. */
const EXPIRY_VARIABLES = ['AWS_SESSION_EXPIRATION', 'AWS_CREDENTIAL_EXPIRATION'] as const

/** How long configure-aws-credentials' credentials last unless `role-duration-seconds` is set. */
const DEFAULT_SESSION_MINUTES = 60

export type CredentialsLifetime =
  /** The expiry is known. */
  | { kind: 'expires'; at: Date }
  /** Temporary credentials (a session token) in the environment, of unknown expiry. */
  | { kind: 'session-of-unknown-length' }
  /** Long-term keys, credentials renewed by their provider, or none at all. */
  | { kind: 'no-known-end' }

/** A problem with the credentials' lifetime, as a finding or a warning states it. */
export interface LifetimeProblem {
  message: string
  fix: string
}

/** The expiry named by the environment, when one of EXPIRY_VARIABLES holds a valid time. */
function expiryFromEnv(env: NodeJS.ProcessEnv): Date | undefined {
  for (const name of EXPIRY_VARIABLES) {
    const text = env[name]
    if (text && !Number.isNaN(Date.parse(text))) return new Date(text)
  }
  return undefined
}

/**
 * The credentials' lifetime: the expiry from the environment, else as the SDK's credential
 * provider reports it (the STS expiry of assumed-role, web-identity or SSO credentials), else
 * whether the environment holds a session of unknown length.
 */
export async function credentialsLifetime(
  env: NodeJS.ProcessEnv,
  provider: (() => Promise<{ expiration?: Date }>) | undefined
): Promise<CredentialsLifetime> {
  let at = expiryFromEnv(env)
  if (!at && provider) {
    try {
      at = (await provider()).expiration
    } catch {
      // No credentials at all: the first call to AWS says so.
    }
  }
  if (at) return { kind: 'expires', at }
  return env.AWS_SESSION_TOKEN ? { kind: 'session-of-unknown-length' } : { kind: 'no-known-end' }
}

/** `role-duration-seconds` that covers `timeoutMinutes` with five minutes to spare (STS: 900–43200). */
function roleDurationFor(timeoutMinutes: number): number {
  return Math.min(43_200, Math.max(900, Math.ceil((timeoutMinutes + 5) * 60)))
}

/**
 * What is wrong when the credentials may end before `timeoutMinutes` is up: they expire first, or
 * they are a session of unknown length and the timeout is longer than the usual hour.
 */
export function credentialsLifetimeProblem(
  lifetime: CredentialsLifetime,
  nowMs: number,
  timeoutMinutes: number
): LifetimeProblem | undefined {
  const ask = `Ask for longer credentials: \`role-duration-seconds: ${roleDurationFor(timeoutMinutes)}\` for aws-actions/configure-aws-credentials (the role's MaxSessionDuration must allow it; the stack's GitHub role allows 12 h).`
  const consequence =
    'a run that outlives them can no longer be followed, stopped or collected (its tasks still stop at the deadline)'
  if (lifetime.kind === 'expires') {
    const remainingMinutes = (lifetime.at.getTime() - nowMs) / 60_000
    if (remainingMinutes >= timeoutMinutes) return undefined
    const left =
      remainingMinutes <= 0 ? 'have expired' : `expire in ${Math.floor(remainingMinutes)} min`
    return {
      message: `The AWS credentials ${left} (${lifetime.at.toISOString()}), before the ${timeoutMinutes}-minute timeout is up: ${consequence}.`,
      fix: ask
    }
  }
  if (lifetime.kind === 'session-of-unknown-length' && timeoutMinutes > DEFAULT_SESSION_MINUTES) {
    return {
      message: `The AWS credentials are a session of unknown length, and aws-actions/configure-aws-credentials makes them last ${DEFAULT_SESSION_MINUTES} min unless told otherwise; the timeout is ${timeoutMinutes} min: ${consequence}.`,
      fix: `${ask} To have the expiry checked, set \`output-credentials: true\` on that step and pass its \`aws-expiration\` output to this one as the environment variable AWS_SESSION_EXPIRATION.`
    }
  }
  return undefined
}
