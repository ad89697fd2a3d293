/**
 * Numbers Locust cannot have written (infinite, negative, fractional counts, more failures than
 * requests) make the results unreadable, naming file and line; old CSV formats are named; files
 * older than the run are never judged.
 */
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CsvTokenizer, parseCsv } from '../../src/results/csv.js'
import { HistoryParser } from '../../src/results/history.js'
import { readLocustResults, refuseEarlierResults } from '../../src/results/read.js'
import { StatsParser } from '../../src/results/stats.js'

const STATS_HEADER =
  'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,' +
  'Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,95%'

/** A stats file whose endpoint row holds `cells` from Request Count on. */
function statsWith(requests: string, failures: string, rps: string, avg = '6.5'): string {
  return [
    STATS_HEADER,
    `GET,/a,${requests},${failures},5,${avg},1,20,100.0,${rps},0.0,5,19`,
    ',Aggregated,10,1,5,6.0,1,20,90.5,3.0,0.25,5,19'
  ].join('\n')
}

function readStats(text: string): void {
  const parser = new StatsParser('run_stats.csv')
  parseCsv(text).forEach((fields, index) => parser.record(fields, index + 1))
  parser.finish()
}

const HISTORY_HEADER =
  'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,95%,99%,Total Request Count,Total Failure Count'

function readHistory(row: string): void {
  const parser = new HistoryParser('run_stats_history.csv')
  const tokenizer = new CsvTokenizer(parser)
  tokenizer.write(`${HISTORY_HEADER}\n100,1,,Aggregated,1.0,0.0,1,2,3,5,0\n${row}\n`)
  tokenizer.end()
  parser.finish()
}

describe('impossible numbers in _stats.csv', () => {
  test.each([
    [
      'an infinite rate',
      statsWith('10', '1', 'inf'),
      /column "Requests\/s": "inf" is not a finite number/
    ],
    ['negative failures', statsWith('10', '-3', '1.0'), /column "Failure Count": -3 is negative/],
    [
      'a fractional count',
      statsWith('10.5', '1', '1.0'),
      /column "Request Count": 10.5 is not a whole number/
    ],
    [
      'a negative time',
      statsWith('10', '1', '1.0', '-2'),
      /column "Average Response Time": -2 is negative/
    ],
    [
      'NaN written out',
      statsWith('10', '1', 'NaN'),
      /column "Requests\/s": expected a number or N\/A, got "NaN"/
    ],
    [
      'more failures than requests',
      statsWith('10', '50', '1.0'),
      /50 failures out of 10 requests; failures are requests that failed, so never more/
    ]
  ])('%s: "results unreadable: <file>:<line>"', (_what, text, detail) => {
    expect(() => readStats(text)).toThrow(/^results unreadable: run_stats\.csv:2: /)
    expect(() => readStats(text)).toThrow(detail)
  })
})

describe('impossible numbers in _stats_history.csv', () => {
  test.each([
    [
      'an infinite rate',
      '101,1,,Aggregated,inf,0.0,1,2,3,9,0',
      /column "Requests\/s": Infinity is not a finite number/
    ],
    [
      'negative users',
      '101,-1,,Aggregated,1.0,0.0,1,2,3,9,0',
      /column "User Count": -1 is negative/
    ],
    [
      'fractional totals',
      '101,1,,Aggregated,1.0,0.0,1,2,3,9.5,0',
      /column "Total Request Count": 9.5 is not a whole number/
    ],
    [
      'more failures than requests',
      '101,1,,Aggregated,1.0,0.0,1,2,3,9,12',
      /12 failures out of 9 requests/
    ]
  ])('%s', (_what, row, detail) => {
    expect(() => readHistory(row)).toThrow(/^results unreadable: run_stats_history\.csv:3: /)
    expect(() => readHistory(row)).toThrow(detail)
  })

  test('p99 is read beside p50 and p95', () => {
    const parser = new HistoryParser('run_stats_history.csv')
    const tokenizer = new CsvTokenizer(parser)
    tokenizer.write(`${HISTORY_HEADER}\n100,1,,Aggregated,1.0,0.0,1,2,3,5,0\n`)
    tokenizer.end()
    expect(parser.finish().points[0]).toMatchObject({ p50Ms: 1, p95Ms: 2, p99Ms: 3 })
  })
})

describe('old Locust formats', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'old-format-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  test('Locust 1.0: the total row\'s method "None" is the aggregate, and is read', async () => {
    await writeFile(
      join(dir, 'v10_stats.csv'),
      [
        '"Type","Name","Request Count","Failure Count","Median Response Time","Average Response Time","Min Response Time","Max Response Time","Average Content Size","Requests/s","Failures/s","50%","95%","99.999%","100%"',
        '"GET","/a",10,1,5,6,1,20,100,2.5,0.25,5,19,20,20',
        '"None","Aggregated",10,1,5,6,1,20,100,2.5,0.25,5,19,20,20'
      ].join('\n')
    )
    const results = await readLocustResults(dir)
    expect(results.aggregate).toMatchObject({ method: '', name: 'Aggregated', requests: 10 })
    expect(results.endpoints.map((e) => e.name)).toEqual(['/a'])
  })

  test('Locust 0.14 _stats.csv ("# requests", "Requests Failed/s") is refused by name', async () => {
    await writeFile(
      join(dir, 'old_stats.csv'),
      '"Type","Name","# requests","# failures","Median response time","Average response time","Min response time","Max response time","Average Content Size","Requests/s","Requests Failed/s","50%","100%"\n' +
        '"None","Aggregated",5488,288,180,327,76,5208,4257,3.05,0.16,180,5200\n'
    )
    await expect(readLocustResults(dir)).rejects.toThrow(
      'old_stats.csv is in the CSV format of Locust 0.14 (columns "# requests", "# failures"), ' +
        "which is not read: the oldest format read is Locust 1.0's."
    )
  })

  test('Locust 0.13 and older (_requests.csv beside _distribution.csv) is refused by name', async () => {
    await writeFile(
      join(dir, 'ex_requests.csv'),
      '"Method","Name","# requests","# failures","Median response time","Average response time","Min response time","Max response time","Average Content Size","Requests/s"\n' +
        '"None","Total",635,1,4,4,2,51,26,10.60\n'
    )
    await writeFile(join(dir, 'ex_distribution.csv'), '"Name","# requests","50%","100%"\n')
    await expect(readLocustResults(dir)).rejects.toThrow(
      /^ex_requests\.csv is in the CSV format of Locust 0\.13 or older .*the oldest format read is Locust 1\.0's/
    )
  })

  test("the web UI's _requests.csv download of a 2.x run is read when there is no _stats.csv", async () => {
    await writeFile(
      join(dir, 'ui_requests.csv'),
      `${STATS_HEADER}\nGET,/a,10,1,5,6.5,1,20,100.0,2.5,0.25,5,19\n,Aggregated,10,1,5,6.5,1,20,100.0,2.5,0.25,5,19\n`
    )
    expect((await readLocustResults(dir)).aggregate.requests).toBe(10)
  })
})

describe('results older than the run', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stale-'))
    await writeFile(
      join(dir, 'locust_stats.csv'),
      `${STATS_HEADER}\n,Aggregated,211,0,5,6.5,1,20,100.0,2.5,0,5,19\n`
    )
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  test("a stats file written before the run started is an earlier run's: no verdict from it", async () => {
    const written = new Date('2026-11-30T08:00:00Z')
    await utimes(join(dir, 'locust_stats.csv'), written, written)
    await expect(
      readLocustResults(dir, { notBefore: new Date('2026-11-30T09:00:00Z') })
    ).rejects.toThrow(
      'locust_stats.csv was written at 2026-11-30T08:00:00.000Z, before this run started ' +
        "(2026-11-30T09:00:00.000Z): it is an earlier run's file, and no verdict is drawn from it."
    )
    expect((await readLocustResults(dir, { notBefore: written })).aggregate.requests).toBe(211)
  })

  test("a results folder holding an earlier run's files is refused before the run", async () => {
    await expect(refuseEarlierResults(dir)).rejects.toThrow(
      `The results folder ${dir} (results-dir; --out on the command line) already holds an earlier run's results (locust_stats.csv), which would be read as this run's; nothing was started.`
    )
    await expect(refuseEarlierResults(join(dir, 'missing'))).resolves.toBeUndefined()
    const other = await mkdtemp(join(tmpdir(), 'fresh-'))
    await writeFile(join(other, 'notes.txt'), 'not results')
    await expect(refuseEarlierResults(other)).resolves.toBeUndefined()
    await rm(other, { recursive: true, force: true })
  })
})
