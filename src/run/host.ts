/**
 * Credentials written into the host URL (`http://alice:s3cret@staging…`): Locust needs the URL as
 * given, everything that shows it gets it with the userinfo replaced. Pure.
 */

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i

/** The URL with its userinfo replaced by `***`; as given when it has none. */
export function redactHost(host: string): string {
  return host.replace(USERINFO, '$1***@')
}

/**
 * The secret texts a host URL carries, as they may appear in logs and reports: the userinfo as
 * written, and the password as written and decoded. Empty when the URL has no password.
 */
export function hostSecrets(host: string | undefined): string[] {
  const userinfo = host === undefined ? undefined : USERINFO.exec(host)?.[2]
  if (userinfo === undefined) return []
  const colon = userinfo.indexOf(':')
  const password = colon < 0 ? '' : userinfo.slice(colon + 1)
  const secrets = [userinfo, password, safeDecode(password)]
  // A password of one or two characters would blank out ordinary text.
  return [...new Set(secrets)]
    .filter((secret) => secret.length >= 3)
    .sort((a, b) => b.length - a.length)
}

/** `text` with every secret replaced by `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join('***'), text)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
