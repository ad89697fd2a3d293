/**
 * The files of a results folder, whichever backend filled it. docker/entrypoint.py writes the same
 * CSV prefix on Fargate; keep the two in step.
 */
import { join, parse, sep } from 'node:path'

/** Prefix of Locust's CSVs: locust_stats.csv, locust_failures.csv, … */
export const CSV_PREFIX = 'locust'

/** The reports written beside the CSVs once the run is judged. */
export function reportPaths(resultsDir: string): { summary: string; resultsJson: string } {
  return { summary: join(resultsDir, 'summary.md'), resultsJson: join(resultsDir, 'results.json') }
}

/** Folders of the operating system a run must never write into, nor anywhere inside. */
const SYSTEM_FOLDERS = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/sbin',
  '/sys',
  '/usr'
]
/** Top-level folders that hold other folders, never results directly. */
const SHARED_FOLDERS = ['/home', '/opt', '/root', '/run', '/srv', '/tmp', '/var']
/** Files a run leaves in its results folder: one of them marks the folder as an earlier run's. */
const RUN_MARKERS = ['master.log', 'results.json', 'summary.md', `${CSV_PREFIX}_stats.csv`]

/**
 * Why a run must not write its results into `path` (absolute), or undefined when it may: the
 * root, a system folder, or a folder that holds other things than an earlier run's results
 * (`entries` lists what is in it; undefined when it does not exist yet). Pure.
 */
export function whyNotAResultsFolder(
  path: string,
  entries: string[] | undefined
): string | undefined {
  if (path === parse(path).root) return `${path} is the root of the file system`
  if (SHARED_FOLDERS.includes(path)) return `${path} is a system folder`
  const system = SYSTEM_FOLDERS.find((folder) => path === folder || path.startsWith(folder + sep))
  if (system !== undefined)
    return `${path} is ${path === system ? 'a system folder' : `inside the system folder ${system}`}`
  if (entries === undefined || entries.length === 0) return undefined
  if (entries.some((entry) => RUN_MARKERS.includes(entry))) return undefined
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '')
  return `${path} already holds other files (${shown}) and no earlier run's results`
}
