/**
 * The Locust flags distributed-locust sets itself, from docker/reserved-flags.json: the container
 * entrypoint reads the same file, so the action refuses exactly what the container would, before
 * any task starts. Pure.
 */
import reserved from '../../docker/reserved-flags.json' with { type: 'json' }

/** Reserved flag → what to use instead. */
const INSTEAD: ReadonlyMap<string, string> = new Map(
  reserved.flags.flatMap(({ flags, instead }) => flags.map((flag) => [flag, instead] as const))
)
const LONG_FLAGS = [...INSTEAD.keys()].filter((flag) => flag.startsWith('--'))

/**
 * The reserved flags one argument gives, sorted: `--flag` or `--flag=value`; a prefix argparse
 * expands (`--run` → `--run-time`; one matching several reserved flags gives them all); a short
 * flag, with its value attached or not (`-u15` → `-u`).
 */
export function reservedFlagsOf(token: string): string[] {
  if (token.startsWith('--')) {
    const name = token.split('=', 1)[0]
    if (name === '--') return []
    if (INSTEAD.has(name)) return [name]
    return LONG_FLAGS.filter((flag) => flag.startsWith(name)).sort()
  }
  const short = token.slice(0, 2)
  return token.startsWith('-') && INSTEAD.has(short) ? [short] : []
}

/** What to use instead of a reserved flag. */
export function insteadOf(flag: string): string {
  return INSTEAD.get(flag) ?? ''
}

/** Reserved flags that make Locust exit at once (--list, --version, --help, …): no test would run. */
const EXITS: ReadonlySet<string> = new Set(
  reserved.flags.flatMap((entry) => ('exits' in entry && entry.exits ? entry.flags : []))
)

/** Whether a reserved flag makes Locust exit before any test runs. */
export function exitsAtOnce(flag: string): boolean {
  return EXITS.has(flag)
}

/**
 * The keys of a Locust config file (ConfigArgParse's `key = value` lines, as in locust.conf) that
 * set a reserved flag, in the file's order. Locust reads `locust.conf` in its working directory
 * by itself, on the master and on every worker, so such keys fight the flags the backend gives.
 */
export function reservedConfigKeys(text: string): string[] {
  const keys = text
    .split(/\r?\n/)
    .map((line) => /^\s*([A-Za-z][\w-]*)\s*(?:[=:\s]|$)/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined)
  return [...new Set(keys.filter((key) => INSTEAD.has(`--${key.replaceAll('_', '-')}`)))]
}

/** The file a `--config FILE` or `--config=FILE` in Locust's extra arguments names, if any. */
export function configFileArgument(args: readonly string[]): string | undefined {
  const index = args.findIndex((arg) => arg === '--config' || arg.startsWith('--config='))
  if (index === -1) return undefined
  const arg = args[index]
  return arg === '--config' ? args[index + 1] : arg.slice('--config='.length)
}
