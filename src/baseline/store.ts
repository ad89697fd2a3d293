/**
 * A local baseline store (docs/baselines.md): a folder holding a baseline history as one
 * `baseline-<time>-<suffix>.json` per run (each a results.json), newest by name first. The CLI's
 * `baseline show | accept | reset` keep it; `--baseline <folder>` judges against it.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { baselineHistory, mayBeAccepted, mayEnterHistory } from './history.js'
import { type Baseline, BaselineError } from './model.js'
import { parseBaseline } from './parse.js'

const ENTRY = /^baseline-.+\.json$/

export interface StoreEntry {
  /** The file's name in the store. */
  file: string
  baseline: Baseline
}

/** The store's files, newest first; empty when the folder holds none (or does not exist). */
async function storeFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return []
    throw error
  })
  return names
    .filter((name) => ENTRY.test(name))
    .sort()
    .reverse()
}

/** The store's runs, newest first; BaselineError names a file that is no results.json. */
export async function readStore(dir: string): Promise<StoreEntry[]> {
  const files = await storeFiles(dir)
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file)
      return { file, baseline: parseBaseline(await readFile(path, 'utf8'), path) }
    })
  )
}

/** The history a run is judged against from the store: see ./history.ts. */
export async function storeHistory(dir: string, size: number): Promise<Baseline[]> {
  return baselineHistory(
    (await readStore(dir)).map((entry) => entry.baseline),
    size
  )
}

export interface AcceptOptions {
  /** Add the run to the history (kept to `keep` runs) rather than restart the history from it. */
  append: boolean
  keep: number
  now: Date
}

/**
 * Puts a run's results.json into the store. Accepted (the default), it becomes the new baseline
 * and the history restarts from it: also a failed run, after an intended change. Appended, it
 * joins the history as a CI run would, and only when valid. A run that errored, was cancelled or
 * is unfit to judge is refused either way (BaselineError). Returns the new entry's file name.
 */
export async function acceptIntoStore(
  dir: string,
  resultsJsonPath: string,
  options: AcceptOptions
): Promise<string> {
  const text = await readFile(resultsJsonPath, 'utf8')
  const { verdict } = parseBaseline(text, resultsJsonPath)
  const allowed = options.append ? mayEnterHistory(verdict) : mayBeAccepted(verdict)
  if (!allowed) {
    throw new BaselineError(
      `${resultsJsonPath} is a run with verdict ${verdict}: ${options.append ? 'only a passed or inconclusive run joins the history' : 'a run that errored, was cancelled or is unfit to judge never becomes a baseline'}.`
    )
  }
  const json = JSON.parse(text) as Record<string, unknown>
  if (!options.append) json.acceptedAsBaseline = true
  await mkdir(dir, { recursive: true })
  const older = await storeFiles(dir)
  const file = `baseline-${options.now.toISOString().replace(/:/g, '-')}-${randomBytes(3).toString('hex')}.json`
  await writeFile(join(dir, file), `${JSON.stringify(json, null, 2)}\n`)
  const dropped = options.append ? older.slice(Math.max(0, options.keep - 1)) : older
  for (const name of dropped) await rm(join(dir, name))
  return file
}

/** Empties the store: the next run has no baseline until one is accepted. Returns how many went. */
export async function resetStore(dir: string): Promise<number> {
  const files = await storeFiles(dir)
  for (const file of files) await rm(join(dir, file))
  return files.length
}
