/**
 * The environment Locust's processes get: only what Python, Locust and HTTP clients need, plus the
 * variables the user names in `pass-env`. The runner's own environment holds credentials
 * (ACTIONS_ID_TOKEN_REQUEST_TOKEN mints OIDC tokens, ACTIONS_RUNTIME_TOKEN, every INPUT_*), which a
 * locustfile must not be able to read. Pure.
 */

/** Variables passed by exact name. */
const BASIC_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LANG',
  'LANGUAGE',
  'TZ',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy'
])

/** Locale (LC_ALL, LC_CTYPE, …) and Python's own settings (PYTHONPATH, PYTHONHOME, …). */
const BASIC_PREFIXES = ['LC_', 'PYTHON']

/** What `pass-env` may not name: the runner's credentials and the action's own inputs. */
export const RUNNER_SECRET_PATTERN = /^(ACTIONS_|INPUT_|STATE_|GITHUB_TOKEN$)/i

function isBasicVariable(name: string): boolean {
  return BASIC_NAMES.has(name) || BASIC_PREFIXES.some((prefix) => name.startsWith(prefix))
}

/** The environment for Locust: the basic variables and `passEnv` names present in `env`. */
export function locustEnvironment(
  env: NodeJS.ProcessEnv,
  passEnv: readonly string[] = []
): NodeJS.ProcessEnv {
  const passed: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (isBasicVariable(name) || passEnv.includes(name))) {
      passed[name] = value
    }
  }
  // Logs are read while Locust runs: unbuffered output shows each line as it is written.
  return { ...passed, PYTHONUNBUFFERED: '1' }
}
