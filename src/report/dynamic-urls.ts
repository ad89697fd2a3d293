/**
 * Endpoints that are one URL with changing ids (`/items/17`, `/items/18`, `?id=42`): Locust keeps
 * one row per URL unless the locustfile groups them with `name=`, which buries a report under
 * thousands of rows. Finds the largest such group and words what to do about it. Pure.
 */
import type { EndpointStats } from '../results/model.js'
import { formatCount } from './format.js'

/** Endpoint rows a report shows at most (failing first, then the busiest); results.json has all. */
export const MAX_ENDPOINT_ROWS = 50
/** How many endpoints of one pattern it takes to say so. */
const MIN_GROUP = 20

/** Path segments and query values that look like ids: numbers, UUIDs, long hex, digits in letters. */
const ID_SEGMENT =
  /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=[^/]*\d)[0-9a-z_-]{8,})$/i

/** The name with its ids replaced by `{id}`: `/items/17?color=red` → `/items/{id}?color={id}`. */
export function urlPattern(name: string): string {
  const [path, query] = splitOnce(name, '?')
  const shownPath = path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/')
  if (query === undefined) return shownPath
  const shownQuery = query
    .split('&')
    .map((pair) => `${splitOnce(pair, '=')[0]}={id}`)
    .join('&')
  return `${shownPath}?${shownQuery}`
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}

export interface ChangingIds {
  /** Endpoints that share the pattern. */
  count: number
  /** Method and pattern, e.g. "GET /items/{id}". */
  pattern: string
}

/** The largest group of endpoints that differ only in their ids, when it is large enough. */
export function changingIds(endpoints: readonly EndpointStats[]): ChangingIds | undefined {
  const groups = new Map<string, number>()
  for (const endpoint of endpoints) {
    const pattern = urlPattern(endpoint.name)
    if (pattern === endpoint.name) continue
    const key = `${endpoint.method} ${pattern}`.trim()
    groups.set(key, (groups.get(key) ?? 0) + 1)
  }
  let largest: ChangingIds | undefined
  for (const [pattern, count] of groups) {
    if (count >= MIN_GROUP && count > (largest?.count ?? 0)) largest = { count, pattern }
  }
  return largest
}

/** What the report says about such a group: what was found, and the fix. */
export function changingIdsAdvice(group: ChangingIds): string {
  const path = group.pattern.slice(group.pattern.indexOf(' ') + 1)
  return `${formatCount(group.count)} endpoints look like one URL with changing ids (\`${group.pattern}\`) — group them with \`name=\`, e.g. \`self.client.get(url, name="${path}")\`.`
}
