/** Reads a baseline from a file or folder: the thin file-system layer over ./parse.ts. */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { PreflightError } from '../errors.js'
import { type Baseline, BaselineError, type BaselineLookup } from './model.js'
import { DEFAULT_HISTORY_SIZE } from './history.js'
import { parseBaseline } from './parse.js'
import { storeHistory } from './store.js'

const RESULTS_JSON = 'results.json'

/**
 * The baseline at `path`: a results.json, or a folder holding one. Undefined when nothing is
 * there (the first run on a branch); BaselineError when something is there but unusable.
 */
export async function readBaselineFile(path: string): Promise<Baseline | undefined> {
  let file = path
  try {
    if ((await stat(path)).isDirectory()) file = join(path, RESULTS_JSON)
    return parseBaseline(await readFile(file, 'utf8'), file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    if (error instanceof BaselineError) throw error
    throw new BaselineError(`Cannot read the baseline ${file}: ${(error as Error).message}.`)
  }
}

/**
 * The baseline someone named (the `baseline` input, `--baseline`): a results.json, its folder, or
 * a local baseline store (./store.ts) whose history is judged against. Nothing at the path is
 * refused before the run (a mistyped path would silently turn the gate off); a store with no run
 * yet is a note, and a baseline that is there but unusable a warning: their rules are skipped.
 */
export async function lookUpBaselineFile(path: string, input: string): Promise<BaselineLookup> {
  try {
    const baseline = await readBaselineFile(path)
    if (baseline) return { baseline }
    if (await isFolder(path)) {
      const history = await storeHistory(path, DEFAULT_HISTORY_SIZE)
      if (history.length > 0) return { baseline: history[0], history }
      return {
        note: `No baseline yet in ${path}: accept a run with \`distributed-locust baseline accept\`. Baseline rules are skipped.`
      }
    }
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error
    return { note: `${error.message} Baseline rules are skipped.`, unusable: true }
  }
  throw new PreflightError(
    `${input}: no baseline at ${path}; give the results.json of an earlier run (or its folder, or a baseline store), or leave ${input} out to run without one. Nothing was started.`
  )
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false
  )
}
