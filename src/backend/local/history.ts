/**
 * The latest live figures from the end of `<prefix>_stats_history.csv` while Locust writes it
 * (pure). Only the Aggregated row is read, and that row never holds quoted text, so splitting on
 * commas is exact for it; other rows are skipped. Its columns are the stats history's own
 * (src/results/history.ts).
 */
import { Columns } from '../../results/columns.js'
import { HISTORY_COLUMNS } from '../../results/history.js'

export interface LiveSample {
  users: number
  /** Requests per second over about the last `windowSeconds`, from the change in the totals. */
  rps: number
  totalRequests: number
  totalFailures: number
}

interface Row {
  timestamp: number
  users: number
  totalRequests: number
  totalFailures: number
}

/**
 * Locust's own "Requests/s" column stays 0 on a 2.12 master, and workers report only every 3 s,
 * so the rate is measured from the totals over a window a little wider than that.
 *
 * @param header the file's first line
 * @param tail the last part of the file, which may start in the middle of a line
 */
export function latestAggregatedSample(
  header: string,
  tail: string,
  windowSeconds = 6
): LiveSample | undefined {
  let columns: Columns<keyof typeof HISTORY_COLUMNS>
  try {
    columns = Columns.fromHeader(header.trim().split(','), HISTORY_COLUMNS, 'stats history')
  } catch {
    return undefined // Not (yet) a stats history: no live figures.
  }
  const { index } = columns

  const lines = tail.split('\n')
  // The last line may be half written; a complete row always ends with a newline.
  lines.pop()
  let latest: Row | undefined
  let earliest: Row | undefined
  for (let i = lines.length - 1; i >= 0; i--) {
    const fields = lines[i].trimEnd().split(',')
    const type = columns.has('type') ? fields[index.type] : ''
    if (fields[index.name] !== 'Aggregated' || type !== '') continue
    const row: Row = {
      timestamp: Number(fields[index.timestamp]),
      users: Number(fields[index.users]),
      totalRequests: Number(fields[index.totalRequests]),
      totalFailures: Number(fields[index.totalFailures])
    }
    if (!Object.values(row).every(Number.isFinite)) continue
    latest ??= row
    earliest = row
    if (latest.timestamp - row.timestamp >= windowSeconds) break
  }
  if (latest === undefined || earliest === undefined) return undefined
  const seconds = latest.timestamp - earliest.timestamp
  return {
    users: latest.users,
    rps: seconds > 0 ? (latest.totalRequests - earliest.totalRequests) / seconds : 0,
    totalRequests: latest.totalRequests,
    totalFailures: latest.totalFailures
  }
}
