import { join } from 'node:path'
import type { RunFacts } from '../run/facts.js'
import { readHistory } from './read.js'

/**
 * What the CSVs tell of a run made elsewhere (backend none, the CLI's `report`): its peak users
 * and measured duration.
 */
export async function factsFromHistory(
  resultsDir: string,
  prefix: string
): Promise<Partial<RunFacts>> {
  const file = `${prefix}_stats_history.csv`
  const history = await readHistory(join(resultsDir, file), file).catch(() => undefined)
  const points = history?.points ?? []
  const duration =
    points.length >= 2 ? points[points.length - 1].timestamp - points[0].timestamp : undefined
  return {
    users: Math.max(0, ...points.map((point) => point.users)),
    spawnRate: 0,
    workers: 0,
    runTimeSeconds: duration ?? 0,
    ...(duration === undefined ? {} : { durationSeconds: duration })
  }
}
