/**
 * The files of a results folder, whichever backend filled it. docker/entrypoint.py writes the same
 * CSV prefix on Fargate; keep the two in step.
 */
import { join } from 'node:path'

/** Prefix of Locust's CSVs: locust_stats.csv, locust_failures.csv, … */
export const CSV_PREFIX = 'locust'

/** The reports written beside the CSVs once the run is judged. */
export function reportPaths(resultsDir: string): { summary: string; resultsJson: string } {
  return { summary: join(resultsDir, 'summary.md'), resultsJson: join(resultsDir, 'results.json') }
}
