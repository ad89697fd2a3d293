/**
 * The results reader on a generated `_stats_history.csv` of 1,000,000 rows (50 endpoints plus the
 * Aggregated row per second, about 140 MB), against csv-parse with `columns: true` on the same file
 * in the same run. Our reader runs in a child process so that its peak RSS is its own.
 * Targets: at least 100 MB/s, at least 4× csv-parse, peak RSS at most 150 MB.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse'
import { readHistory } from '../src/results/read.js'

const ROWS = 1_000_000
const ENDPOINTS = 50
const OUR_RUNS = 3
const TARGET_MB_PER_S = 100
const TARGET_RATIO = 4
const TARGET_PEAK_RSS_MB = 150
const MB = 1e6

const HEADER =
  'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,' +
  '99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,' +
  'Total Average Response Time,Total Min Response Time,Total Max Response Time,' +
  'Total Average Content Size\n'

/** What the child reports about our reader. */
interface ChildReport {
  bestSeconds: number
  /** Peak RSS of the child before reading: Node and the TypeScript loader alone. */
  idleRssBytes: number
  peakRssBytes: number
  rowsRead: number
  points: number
}

export default async function readerBench(): Promise<boolean> {
  const folder = await mkdtemp(join(tmpdir(), 'reader-bench-'))
  const file = join(folder, 'bench_stats_history.csv')
  try {
    const aggregatedRows = await generateHistory(file)
    const bytes = (await stat(file)).size
    console.log(`generated ${ROWS.toLocaleString('en')} rows, ${(bytes / MB).toFixed(1)} MB`)

    const ours = await measureOursInChild(file)
    const oursMBps = bytes / MB / ours.bestSeconds
    const csvParseSeconds = await measureCsvParse(file, ROWS)
    const csvParseMBps = bytes / MB / csvParseSeconds
    const ratio = oursMBps / csvParseMBps
    const peakRssMB = ours.peakRssBytes / MB

    const correct = ours.rowsRead === aggregatedRows && ours.points > 0
    const checks = [
      [
        `our reader: ${oursMBps.toFixed(0)} MB/s, best of ${OUR_RUNS} (target ≥ ${TARGET_MB_PER_S} MB/s)`,
        oursMBps >= TARGET_MB_PER_S
      ],
      [`csv-parse columns:true: ${csvParseMBps.toFixed(1)} MB/s`, true],
      [`ratio: ${ratio.toFixed(1)}× csv-parse (target ≥ ${TARGET_RATIO}×)`, ratio >= TARGET_RATIO],
      [
        `our peak RSS: ${peakRssMB.toFixed(0)} MB, of which ${(ours.idleRssBytes / MB).toFixed(0)} MB ` +
          `is Node and tsx at rest (target ≤ ${TARGET_PEAK_RSS_MB} MB)`,
        peakRssMB <= TARGET_PEAK_RSS_MB
      ],
      [
        `aggregated rows read: ${ours.rowsRead} of ${aggregatedRows}, ${ours.points} points`,
        correct
      ]
    ] as const
    for (const [line, met] of checks) console.log(`${met ? 'ok  ' : 'MISS'} ${line}`)
    return checks.every(([, met]) => met)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/** Writes ROWS rows: per second, one row per endpoint then the Aggregated row. */
async function generateHistory(file: string): Promise<number> {
  const out = createWriteStream(file)
  const names = Array.from({ length: ENDPOINTS }, (_, e) =>
    e % 10 === 0 ? `"/search?q=a,b&page=${e}"` : `/api/items/${e}`
  )
  let rows = 0
  let aggregatedRows = 0
  let second = 0
  let batch = HEADER
  while (rows < ROWS) {
    const timestamp = 1_700_000_000 + second
    const users = Math.min(500, second * 10)
    const total = second * 2_000
    for (let e = 0; e <= ENDPOINTS && rows < ROWS; e++, rows++) {
      const aggregated = e === ENDPOINTS
      const method = aggregated ? '' : e % 3 === 0 ? 'POST' : 'GET'
      const name = aggregated ? 'Aggregated' : names[e]
      const rps = (aggregated ? 2_000 : 40) + (second % 7) / 3
      const p = 10 + (e % 13)
      batch +=
        `${timestamp},${users},${method},${name},${rps.toFixed(6)},${(rps / 100).toFixed(6)},` +
        `${p},${p + 2},${p + 4},${p + 5},${p + 9},${p + 20},${p + 40},${p + 60},${p + 300},` +
        `${p + 900},${p + 1000},${total},${total >> 6},${p},${(p * 1.2345678901234).toString()},` +
        `1,${p + 1000},654.0\n`
      if (aggregated) aggregatedRows++
    }
    second++
    if (batch.length > 1 << 20 || rows === ROWS) {
      if (!out.write(batch)) await once(out, 'drain')
      batch = ''
    }
  }
  out.end()
  await finished(out)
  return aggregatedRows
}

async function measureOursInChild(file: string): Promise<ChildReport> {
  const tsxLoader = import.meta.resolve('tsx')
  const self = fileURLToPath(import.meta.url)
  const child = spawn(process.execPath, ['--import', tsxLoader, self, '--child', file], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`the reader's child process exited with code ${code}: ${stdout}`)
  return JSON.parse(stdout) as ChildReport
}

/** Child side: reads the file OUR_RUNS times, reports the best time and the process's peak RSS. */
async function childMain(file: string): Promise<void> {
  const idleRssBytes = peakRssBytes()
  let bestSeconds = Infinity
  let table = { points: [] as unknown[], rowsRead: 0 }
  for (let run = 0; run < OUR_RUNS; run++) {
    const started = performance.now()
    table = await readHistory(file, 'bench_stats_history.csv')
    bestSeconds = Math.min(bestSeconds, (performance.now() - started) / 1000)
  }
  const report: ChildReport = {
    bestSeconds,
    idleRssBytes,
    peakRssBytes: peakRssBytes(),
    rowsRead: table.rowsRead,
    points: table.points.length
  }
  process.stdout.write(JSON.stringify(report))
}

function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024 // maxRSS is in kilobytes
}

async function measureCsvParse(file: string, expectedRows: number): Promise<number> {
  const started = performance.now()
  let records = 0
  const parser = createReadStream(file).pipe(parse({ columns: true }))
  for await (const record of parser) {
    if (record) records++
  }
  if (records !== expectedRows)
    throw new Error(`csv-parse read ${records} rows, expected ${expectedRows}`)
  return (performance.now() - started) / 1000
}

if (process.argv[2] === '--child' && process.argv[1] === fileURLToPath(import.meta.url)) {
  await childMain(process.argv[3])
}
