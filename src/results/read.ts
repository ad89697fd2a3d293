/** Reads a folder of Locust CSV output into the typed model, streaming every file. */
import { open, readdir, readFile, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { endpointLabel, type EndpointStats, type LocustResults } from './model.js'
import { CsvError, CsvTokenizer, RecordSink, type CsvSink } from './csv.js'
import type { RecordParser } from './columns.js'
import { DEFAULT_MAX_HISTORY_POINTS } from './downsample.js'
import { PreflightError } from '../errors.js'
import { ResultsError } from './errors.js'
import { ExceptionsParser, FailuresParser } from './failures.js'
import { HistoryParser, type HistoryTable } from './history.js'
import { HISTOGRAMS_FILE, parseHistograms, withHistograms } from './histograms.js'
import { StatsParser } from './stats.js'

export { ResultsError } from './errors.js'

export interface ReadOptions {
  /** CSV prefix as given to Locust's --csv; found from the single `*_stats.csv` when omitted. */
  prefix?: string
  /** When the run started: a stats file written before it is an earlier run's, and refused. */
  notBefore?: Date
  /** Bound on the downsampled time series (default 120). */
  maxHistoryPoints?: number
}

const STATS_SUFFIX = '_stats.csv'
/**
 * The same table as the web UI's "Download request statistics" saves it (and Locust before 0.14
 * wrote it, in a format refused by name): read when a folder has no _stats.csv.
 */
const REQUESTS_SUFFIX = '_requests.csv'
/**
 * The largest stats file judged: about 35,000 endpoints, which the reader and the report hold
 * within 300 MB of memory. Real runs stay far below it unless their URLs carry ids.
 */
export const MAX_STATS_BYTES = 4 * 1024 * 1024
/** Big enough chunks for throughput, small enough to keep memory flat. */
const CHUNK_BYTES = 256 * 1024

/** The prefix of the single `<prefix>_stats.csv` (or else `<prefix>_requests.csv`) in `dir`. */
export async function findCsvPrefix(dir: string): Promise<string> {
  const present = await listFolder(dir)
  for (const suffix of [STATS_SUFFIX, REQUESTS_SUFFIX]) {
    const names = present.filter((name) => name.endsWith(suffix)).sort()
    if (names.length > 1) {
      throw new ResultsError(
        `Several *${suffix} files in ${dir} (${names.join(', ')}): say which run to read ` +
          `by giving its CSV prefix, or keep one run per folder.`
      )
    }
    if (names.length === 1) return names[0].slice(0, -suffix.length)
  }
  throw new ResultsError(
    `No *${STATS_SUFFIX} file in ${dir}: Locust writes <prefix>${STATS_SUFFIX} when run with ` +
      `--csv <prefix>. Check that Locust ran and wrote its CSV files into this folder.`
  )
}

export async function readLocustResults(
  dir: string,
  options: ReadOptions = {}
): Promise<LocustResults> {
  const prefix = options.prefix ?? (await findCsvPrefix(dir))
  const historyFile = `${prefix}_stats_history.csv`
  const failuresFile = `${prefix}_failures.csv`
  const exceptionsFile = `${prefix}_exceptions.csv`
  const present = new Set(await listFolder(dir))
  const statsFile = [STATS_SUFFIX, REQUESTS_SUFFIX]
    .map((suffix) => `${prefix}${suffix}`)
    .find((name) => present.has(name))
  if (statsFile === undefined) {
    throw new ResultsError(
      `${join(dir, `${prefix}${STATS_SUFFIX}`)} does not exist: Locust writes it when run with --csv ${prefix}. ` +
        `Check the CSV prefix and that Locust ran long enough to write its results.`
    )
  }
  if (options.notBefore !== undefined) {
    await refuseOlderThan(join(dir, statsFile), statsFile, options.notBefore)
  }
  await refuseOversized(join(dir, statsFile), statsFile)
  const missingFiles = [historyFile, failuresFile, exceptionsFile].filter((f) => !present.has(f))
  const readIfPresent = async <T>(file: string, parser: RecordParser<T>, absent: T): Promise<T> =>
    present.has(file) ? readRecords(join(dir, file), file, parser) : absent

  const stats = await readRecords(join(dir, statsFile), statsFile, new StatsParser(statsFile))
  const history: HistoryTable = present.has(historyFile)
    ? await readHistory(join(dir, historyFile), historyFile, options.maxHistoryPoints)
    : { points: [], counts: [], windows: new Map(), rowsRead: 0, span: null }
  const none = { records: [] }
  const failures = await readIfPresent(failuresFile, new FailuresParser(failuresFile), none)
  const exceptions = await readIfPresent(exceptionsFile, new ExceptionsParser(exceptionsFile), none)
  // An unreadable histograms.json is left aside: the CSVs still judge the run (method csv-percentiles).
  const histograms = present.has(HISTOGRAMS_FILE)
    ? parseHistograms(await readFile(join(dir, HISTOGRAMS_FILE), 'utf8'))
    : undefined
  const attach = <T extends EndpointStats>(row: T): T => {
    const windows = history.windows.get(endpointLabel(row))
    const withWindows = windows ? { ...row, windows } : row
    return histograms instanceof Map ? withHistograms(withWindows, histograms) : withWindows
  }
  return {
    endpoints: stats.endpoints.map(attach),
    aggregate: attach(stats.aggregate),
    history: history.points,
    historyCounts: history.counts,
    historyRowsRead: history.rowsRead,
    historySpan: history.span,
    failures: failures.records,
    ...(failures.notKept && { failuresNotKept: failures.notKept }),
    exceptions: exceptions.records,
    ...(exceptions.notKept && { exceptionsNotKept: exceptions.notKept }),
    missingFiles
  }
}

/** File times are coarse on some file systems; a file this much older than the start is stale. */
const CLOCK_SLACK_MS = 2_000

async function refuseOlderThan(path: string, file: string, notBefore: Date): Promise<void> {
  const written = (await stat(path)).mtime
  if (written.getTime() >= notBefore.getTime() - CLOCK_SLACK_MS) return
  throw new ResultsError(
    `${file} was written at ${written.toISOString()}, before this run started ` +
      `(${notBefore.toISOString()}): it is an earlier run's file, and no verdict is drawn from it. ` +
      `Give each run a results folder of its own.`
  )
}

async function refuseOversized(path: string, file: string): Promise<void> {
  const { size } = await stat(path)
  if (size <= MAX_STATS_BYTES) return
  const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  throw new ResultsError(
    `${file} is ${megabytes(size)}, over the ${megabytes(MAX_STATS_BYTES)} judged (about 35,000 ` +
      `endpoints). So many endpoints come from URLs with ids or queries in them, each counted on its ` +
      `own: group them in the locustfile with name=, e.g. self.client.get(f"/items/{id}", name="/items/[id]").`
  )
}

/** Names that only a run's results have: a folder holding one is not fresh. */
const RESULT_FILE =
  /(_stats\.csv|_stats_history\.csv|_requests\.csv)$|^(summary\.md|results\.json)$/

/**
 * Refuses, before a run starts, a results folder that already holds an earlier run's results: its
 * files would be read as this run's. A missing or empty folder (or one with other files) is fine.
 */
export async function refuseEarlierResults(dir: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    // No folder yet (or a path that cannot be one, which making it will report): nothing earlier.
    if (isFileSystemError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return
    throw error
  }
  const earlier = names.filter((name) => RESULT_FILE.test(name)).sort()
  if (earlier.length === 0) return
  const shown = earlier.length > 4 ? [...earlier.slice(0, 4), '…'] : earlier
  throw new PreflightError(
    `The results folder ${dir} (results-dir; --out on the command line) already holds an earlier run's results (${shown.join(', ')}), which ` +
      `would be read as this run's; nothing was started. Give this run a folder of its own, or ` +
      `empty that one first.`
  )
}

/** Streams `<prefix>_stats_history.csv` into the downsampled aggregate series. */
export async function readHistory(
  path: string,
  file: string,
  maxPoints = DEFAULT_MAX_HISTORY_POINTS
): Promise<HistoryTable> {
  const parser = new HistoryParser(file, maxPoints)
  await streamCsv(path, file, parser)
  return parser.finish()
}

async function readRecords<T>(path: string, file: string, parser: RecordParser<T>): Promise<T> {
  await streamCsv(path, file, new RecordSink((fields, line) => parser.record(fields, line)))
  return parser.finish()
}

/** Feeds a file to the tokenizer through one reused buffer: no allocation per chunk. */
async function streamCsv(path: string, file: string, sink: CsvSink): Promise<void> {
  const tokenizer = new CsvTokenizer(sink)
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  let handle: FileHandle | undefined
  try {
    handle = await open(path, 'r')
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      // The sink only uses the bytes during the call (see CsvSink), so the buffer can be reused.
      tokenizer.write(buffer.subarray(0, bytesRead))
    }
    tokenizer.end()
  } catch (error) {
    if (error instanceof CsvError) {
      throw new ResultsError(`${file} is not valid CSV: ${error.message}.`)
    }
    if (isFileSystemError(error)) {
      throw new ResultsError(`Cannot read ${path}: ${error.message}. Check the file's permissions.`)
    }
    throw error
  } finally {
    await handle?.close()
  }
}

async function listFolder(dir: string): Promise<string[]> {
  try {
    if (!(await stat(dir)).isDirectory()) {
      throw new ResultsError(
        `${dir} is not a folder: give the folder that holds Locust's CSV files.`
      )
    }
    return await readdir(dir)
  } catch (error) {
    if (isFileSystemError(error) && error.code === 'ENOENT') {
      throw new ResultsError(
        `The results folder ${dir} does not exist: Locust wrote nothing there. Check the Locust log.`
      )
    }
    if (isFileSystemError(error)) {
      throw new ResultsError(`Cannot read the results folder ${dir}: ${error.message}.`)
    }
    throw error
  }
}

/** Node's errors with a code; not `instanceof Error`, which fails across realms (e.g. jest). */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as NodeJS.ErrnoException).code === 'string'
  )
}
