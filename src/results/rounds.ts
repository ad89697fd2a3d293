/**
 * `rounds.json` and the round folders beside it (issue 19): a run of several rounds (`rounds: N`),
 * of interleaved rounds against a baseline host, or a duet. The layout (written by the engine):
 *
 *   rounds.json  { version: 1, design, warmupSeconds, roundSeconds, order,
 *                  rounds: [{ index, side, host, startedAt, endedAt, folder, complete }] }
 *   <folder>/histograms.json  that round's measured window only (after warm-up); each endpoint
 *                             and the aggregate also carry numRequests and numFailures.
 *
 * Incomplete rounds (a cancel) and rounds whose folder cannot be read are not judged: they are
 * listed with the reason. A folder outside the results folder is refused (a hostile file).
 */
import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { HISTOGRAMS_FILE, parseHistograms } from './histograms.js'
import { endpointLabel } from './model.js'

export const ROUNDS_FILE = 'rounds.json'

/** repeated: `rounds: N` against one target; interleaved and duet: a baseline host too. */
export type RoundsDesign = 'repeated' | 'interleaved' | 'duet'
export type RoundSide = 'candidate' | 'baseline'

/** One endpoint (or the aggregate) of one round: its distribution and its counts. */
export interface RoundEndpoint {
  method: string
  name: string
  /** Rounded ms → requests, ascending. */
  histogram: readonly (readonly [ms: number, count: number])[]
  numRequests: number
  numFailures: number
}

/** One complete, readable round of one side. */
export interface RoundData {
  index: number
  side: RoundSide
  host: string
  /** The measured window's length (endedAt − startedAt). */
  seconds: number
  endpoints: RoundEndpoint[]
  aggregate: RoundEndpoint
}

/** A round listed but not judged, and why. */
export interface RoundSkipped {
  index: number
  side: RoundSide
  reason: string
}

export interface RoundsRun {
  design: RoundsDesign
  warmupSeconds: number
  roundSeconds: number
  /** How the order of the sides was chosen ("seeded random, seed 1234"); empty when not said. */
  order: string
  /** Complete rounds, by index then side. */
  rounds: RoundData[]
  skipped: RoundSkipped[]
}

interface RoundEntry {
  index: number
  side: RoundSide
  host: string
  seconds: number
  folder: string
  complete: boolean
}

const DESIGNS: readonly RoundsDesign[] = ['repeated', 'interleaved', 'duet']

/**
 * Reads `rounds.json` and every complete round's histograms in `resultsDir`; undefined when the
 * folder has no rounds.json (a run of one round), `{ problem }` when it cannot be read.
 */
export async function readRounds(
  resultsDir: string
): Promise<RoundsRun | { problem: string } | undefined> {
  let text: string
  try {
    text = await readFile(resolve(resultsDir, ROUNDS_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    return { problem: `${ROUNDS_FILE} cannot be read: ${(error as Error).message}` }
  }
  const parsed = parseRoundsJson(text)
  if ('problem' in parsed) return parsed
  const rounds: RoundData[] = []
  const skipped: RoundSkipped[] = []
  for (const entry of parsed.entries) {
    const read = entry.complete
      ? await readRound(resultsDir, entry)
      : { reason: 'incomplete (the run was stopped during it)' }
    if ('reason' in read)
      skipped.push({ index: entry.index, side: entry.side, reason: read.reason })
    else rounds.push(read)
  }
  rounds.sort((a, b) => a.index - b.index || a.side.localeCompare(b.side))
  return { ...parsed.run, rounds, skipped }
}

async function readRound(
  resultsDir: string,
  entry: RoundEntry
): Promise<RoundData | { reason: string }> {
  const folder = resolve(resultsDir, entry.folder)
  const inside = relative(resolve(resultsDir), folder)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { reason: `its folder "${entry.folder}" is outside the results folder` }
  }
  let text: string
  try {
    text = await readFile(resolve(folder, HISTOGRAMS_FILE), 'utf8')
  } catch (error) {
    return {
      reason: `${entry.folder}/${HISTOGRAMS_FILE} cannot be read (${(error as Error).message})`
    }
  }
  const round = parseRoundHistograms(text)
  if ('problem' in round) return { reason: `${entry.folder}: ${round.problem}` }
  return {
    index: entry.index,
    side: entry.side,
    host: entry.host,
    seconds: entry.seconds,
    ...round
  }
}

/** A round's histograms.json with its counts; pure. */
export function parseRoundHistograms(
  text: string
): { endpoints: RoundEndpoint[]; aggregate: RoundEndpoint } | { problem: string } {
  const histograms = parseHistograms(text)
  if ('problem' in histograms) return histograms
  const json = JSON.parse(text) as {
    endpoints: Record<string, unknown>[]
    aggregate: Record<string, unknown>
  }
  const endpointOf = (entry: Record<string, unknown>): RoundEndpoint | string => {
    const method = entry.method as string
    const name = entry.name as string
    const histogram = histograms.get(endpointLabel({ method, name })) ?? []
    const counted = histogram.reduce((sum, [, count]) => sum + count, 0)
    const numRequests = entry.numRequests ?? counted
    const numFailures = entry.numFailures ?? 0
    if (!isCount(numRequests) || !isCount(numFailures) || numFailures > numRequests) {
      return `${name} has no valid numRequests and numFailures`
    }
    return { method, name, histogram, numRequests, numFailures }
  }
  const endpoints: RoundEndpoint[] = []
  for (const entry of json.endpoints) {
    const endpoint = endpointOf(entry)
    if (typeof endpoint === 'string') return { problem: `${HISTOGRAMS_FILE}: ${endpoint}` }
    endpoints.push(endpoint)
  }
  const aggregate = endpointOf(json.aggregate)
  if (typeof aggregate === 'string') return { problem: `${HISTOGRAMS_FILE}: ${aggregate}` }
  return { endpoints, aggregate }
}

/** rounds.json's run and round entries; pure. */
export function parseRoundsJson(
  text: string
): { run: Omit<RoundsRun, 'rounds' | 'skipped'>; entries: RoundEntry[] } | { problem: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { problem: `${ROUNDS_FILE} is not valid JSON (${(error as Error).message})` }
  }
  if (!isObject(json) || json.version !== 1 || !Array.isArray(json.rounds)) {
    return { problem: `${ROUNDS_FILE} is not version 1 with a list of rounds` }
  }
  const design = json.design as RoundsDesign
  if (!DESIGNS.includes(design)) {
    return { problem: `${ROUNDS_FILE}: design must be one of ${DESIGNS.join(', ')}` }
  }
  const entries: RoundEntry[] = []
  for (const round of json.rounds as unknown[]) {
    const entry = entryOf(round)
    if (typeof entry === 'string') return { problem: `${ROUNDS_FILE}: ${entry}` }
    if (design === 'repeated' && entry.side === 'baseline') {
      return {
        problem: `${ROUNDS_FILE}: a repeated design has no baseline side (round ${entry.index})`
      }
    }
    entries.push(entry)
  }
  return {
    run: {
      design,
      warmupSeconds: isCount(json.warmupSeconds) ? json.warmupSeconds : 0,
      roundSeconds: typeof json.roundSeconds === 'number' ? json.roundSeconds : 0,
      order: typeof json.order === 'string' ? json.order : ''
    },
    entries
  }
}

function entryOf(round: unknown): RoundEntry | string {
  if (!isObject(round)) return 'a round that is not an object'
  const { index, side, host, folder, complete } = round
  if (!isCount(index)) return 'a round without an integer index'
  if (side !== 'candidate' && side !== 'baseline')
    return `round ${index}: side must be candidate or baseline`
  if (typeof folder !== 'string' || folder === '') return `round ${index}: no folder`
  const started = Date.parse(String(round.startedAt))
  const ended = Date.parse(String(round.endedAt))
  return {
    index,
    side,
    host: typeof host === 'string' ? host : '',
    seconds: Number.isFinite(started) && ended > started ? (ended - started) / 1000 : 0,
    folder,
    complete: complete === true
  }
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
