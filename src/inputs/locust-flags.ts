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
