import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EndpointStats } from '../../src/results/model.js'
import {
  findCsvPrefix,
  MAX_STATS_BYTES,
  readLocustResults,
  ResultsError
} from '../../src/results/read.js'
import { MAX_MESSAGE_CHARS, MAX_RECORDS_KEPT } from '../../src/results/failures.js'

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url))

const percentile = (stats: EndpointStats, quantile: number): number | null | undefined =>
  stats.percentiles.find((p) => p.quantile === quantile)?.ms

/** A row of Locust's final console tables (master.log), an independent record of the totals. */
interface ConsoleRow {
  method: string
  name: string
  numbers: number[]
}

/** Parses the request and percentile tables Locust printed at shutdown. */
async function consoleTables(
  dir: string
): Promise<{ requests: ConsoleRow[]; percentiles: ConsoleRow[] }> {
  const log = await readFile(join(dir, 'master.log'), 'utf8')
  const final = log.slice(log.lastIndexOf('Shutting down'))
  const rowsOf = (table: string): ConsoleRow[] =>
    table
      .split('\n')
      .filter((line) => /\d\s*$/.test(line) && !line.startsWith('Type'))
      .map((line) => {
        // The Type column is 8 characters and a space wide; numbers end the line.
        const rest = line.slice(9)
        const match = /^(.*?)\s+([\d\s.()%|]+)$/.exec(rest)!
        return {
          method: line.slice(0, 9).trim(),
          name: match[1],
          numbers: match[2]
            .split(/[\s()%|]+/)
            .filter(Boolean)
            .map(Number)
        }
      })
  const [requests, percentiles] = final.split('Response time percentiles')
  return { requests: rowsOf(requests), percentiles: rowsOf(percentiles.split('Error report')[0]) }
}

describe('readLocustResults on real Locust 2.12.1 output', () => {
  test("the basic run: totals equal Locust's own Aggregated row", async () => {
    const results = await readLocustResults(fixture('locust-2.12.1-basic'))
    const { aggregate } = results
    expect(aggregate.requests).toBe(4333)
    expect(aggregate.failures).toBe(1079)
    expect(aggregate.rps.toFixed(2)).toBe('541.70')
    expect(aggregate.medianMs).toBe(1)
    expect(percentile(aggregate, 95)).toBe(4)
    expect(results.endpoints.map((e) => `${e.method} ${e.name}`)).toEqual(['GET /', 'GET /missing'])
    expect(results.endpoints.reduce((sum, e) => sum + e.requests, 0)).toBe(aggregate.requests)
    expect(results.historyRowsRead).toBe(11)
    expect(results.history.at(-1)).toMatchObject({
      totalRequests: 4333,
      totalFailures: 1079,
      users: 0
    })
    expect(results.failures).toEqual([
      {
        method: 'GET',
        name: '/missing',
        error: '"BadStatusCode(\'http://127.0.0.1:18080/missing\', code=404)"',
        occurrences: 1079
      }
    ])
    expect(results.exceptions).toEqual([])
    expect(results.missingFiles).toEqual([])
  })

  test.each(['locust-2.12.1-odd-names', 'locust-2.12.1-exceptions'])(
    '%s: every row equals the table Locust printed at shutdown',
    async (name) => {
      const results = await readLocustResults(fixture(name), { prefix: 'out' })
      const tables = await consoleTables(fixture(name))
      const rows = [...results.endpoints, results.aggregate]
      expect(tables.requests.map((r) => [r.method, r.name])).toEqual(
        rows.map((e) => [e.method, e.name])
      )
      rows.forEach((stats, i) => {
        const [requests, failures, , avg, min, max, median, rps, failRps] =
          tables.requests[i].numbers
        expect([stats.requests, stats.failures]).toEqual([requests, failures])
        // Locust prints times with %d (truncated) and rates with two decimals.
        expect([Math.trunc(stats.avgMs!), stats.minMs, stats.maxMs, stats.medianMs]).toEqual([
          avg,
          min,
          max,
          median
        ])
        expect([stats.rps.toFixed(2), stats.failRps.toFixed(2)]).toEqual([
          rps.toFixed(2),
          failRps.toFixed(2)
        ])
        const printed = tables.percentiles[i]
        expect(printed.name).toBe(stats.name)
        expect([...stats.percentiles.map((p) => p.ms), stats.requests]).toEqual(printed.numbers)
      })
      expect(results.history.at(-1)).toMatchObject({
        totalRequests: results.aggregate.requests,
        totalFailures: results.aggregate.failures
      })
    }
  )

  test('odd names: commas, quotes, unicode and | survive, in stats and failures', async () => {
    const results = await readLocustResults(fixture('locust-2.12.1-odd-names'))
    expect(results.endpoints.map((e) => e.name)).toEqual([
      '/missing "404" | fails, always',
      '/say "hello", world',
      '/search?q=a,b,c',
      '/ünïcødé/日本語|emoji 😀'
    ])
    expect(results.failures).toHaveLength(1)
    expect(results.failures[0]).toMatchObject({
      name: '/missing "404" | fails, always',
      occurrences: 254
    })
  })

  test('exceptions: multi-line quoted tracebacks and messages', async () => {
    const { exceptions, failures } = await readLocustResults(fixture('locust-2.12.1-exceptions'))
    expect(exceptions.map((e) => [e.count, e.message])).toEqual([
      [159, 'invalid payload \'a,b\':\nexpected JSON, got text with "quotes", commas'],
      [141, "'missing key'"]
    ])
    const traceback = exceptions[0].traceback.split('\n')
    expect(traceback[0]).toMatch(/^ {2}File ".*locust\/user\/task\.py", line \d+, in run$/)
    expect(traceback.filter((line) => line.includes('locustfile.py'))).toHaveLength(3)
    expect(traceback.at(-2)).toBe(
      '    raise ValueError(f\'invalid payload {text!r}:\\nexpected JSON, got text with "quotes", commas\')'
    )
    expect(exceptions[0].nodes.split(', ')).toHaveLength(2)
    expect(failures[0]).toMatchObject({ name: '/checked', occurrences: 161 })
    // Locust 2.12 writes the repr of the repr of the error: quotes and the newline come escaped.
    expect(failures[0].error).toBe(
      String.raw`'CatchResponseError(\'body check failed: expected "ok", got "a,b"\\nsecond line\')'`
    )
  })
})

describe('readLocustResults on hand-made edge cases', () => {
  test('current 2.x shape: First/Last Seen, unknown columns, custom percentiles, N/A', async () => {
    const results = await readLocustResults(fixture('hand-made/current-2x'))
    expect(results.failures).toEqual([
      {
        method: 'GET',
        name: '/items',
        error: "HTTPError('500 Server Error: boom, again')",
        occurrences: 12,
        firstSeen: '2025-01-02T03:04:05Z',
        lastSeen: '2025-01-02T03:05:00Z'
      }
    ])
    expect(results.aggregate.percentiles.map((p) => p.label)).toEqual([
      '50%',
      '90%',
      '99%',
      '99.9%',
      '100%'
    ])
    const idle = results.endpoints.find((e) => e.name === '/never-answered')!
    expect(idle.percentiles.every((p) => p.ms === null)).toBe(true)
    expect(results.history.map((p) => [p.totalRequests, p.p50Ms, p.p95Ms])).toEqual([
      [20, 40, null],
      [110, 45, null]
    ])
    expect(results.exceptions).toEqual([])
    expect(results.missingFiles).toEqual([])
  })

  test('a byte order mark and CRLF line ends read the same as the original', async () => {
    const edited = await readLocustResults(fixture('hand-made/windows-edited'))
    const original = await readLocustResults(fixture('locust-2.12.1-basic'))
    expect(edited.missingFiles).toEqual(['out_exceptions.csv'])
    expect({ ...edited, missingFiles: [] }).toEqual(original)
  })

  test('empty optional files give no records, absent ones are listed', async () => {
    const results = await readLocustResults(fixture('hand-made/empty-optional'))
    expect(results.failures).toEqual([])
    expect(results.exceptions).toEqual([])
    expect(results.history).toEqual([])
    expect(results.historyRowsRead).toBe(0)
    expect(results.missingFiles).toEqual(['out_stats_history.csv'])
    expect(results.aggregate.requests).toBe(4333)
  })

  test('an empty stats file is an error that says what happened', async () => {
    await expect(readLocustResults(fixture('hand-made/empty-stats'))).rejects.toThrow(
      new ResultsError(
        'out_stats.csv is empty, but Locust always writes a header there: the run probably ended ' +
          'before Locust wrote its results. Check the Locust log.'
      )
    )
  })

  test('a CSV that is not Locust output names the file and its missing columns', async () => {
    await expect(readLocustResults(fixture('hand-made/not-locust'))).rejects.toThrow(
      /^prices_stats\.csv is not Locust output: it has no "Name", "Request Count", "Failure Count", "Requests\/s", "Failures\/s" columns \(its header is: id, product, price, quantity\)/
    )
  })
})

describe('finding the files', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'results-read-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('the prefix comes from the single *_stats.csv', async () => {
    await copyFile(
      join(fixture('locust-2.12.1-basic'), 'out_stats.csv'),
      join(dir, 'my run_stats.csv')
    )
    await writeFile(join(dir, 'my run_stats_history.csv'), '')
    expect(await findCsvPrefix(dir)).toBe('my run')
    const results = await readLocustResults(dir)
    expect(results.aggregate.requests).toBe(4333)
    expect(results.missingFiles).toEqual(['my run_failures.csv', 'my run_exceptions.csv'])
  })

  test('no stats file, several, a wrong prefix and a missing folder are clear errors', async () => {
    await expect(findCsvPrefix(dir)).rejects.toThrow(
      new ResultsError(
        `No *_stats.csv file in ${dir}: Locust writes <prefix>_stats.csv when run with --csv <prefix>. ` +
          'Check that Locust ran and wrote its CSV files into this folder.'
      )
    )
    await writeFile(join(dir, 'b_stats.csv'), '')
    await writeFile(join(dir, 'a_stats.csv'), '')
    await expect(readLocustResults(dir)).rejects.toThrow(
      new ResultsError(
        `Several *_stats.csv files in ${dir} (a_stats.csv, b_stats.csv): say which run to read by ` +
          'giving its CSV prefix, or keep one run per folder.'
      )
    )
    await expect(readLocustResults(dir, { prefix: 'c' })).rejects.toThrow(
      new ResultsError(
        `${join(dir, 'c_stats.csv')} does not exist: Locust writes it when run with --csv c. ` +
          'Check the CSV prefix and that Locust ran long enough to write its results.'
      )
    )
    await expect(readLocustResults(join(dir, 'nope'))).rejects.toThrow(
      new ResultsError(
        `The results folder ${join(dir, 'nope')} does not exist: Locust wrote nothing there. Check the Locust log.`
      )
    )
    await expect(readLocustResults(join(dir, 'a_stats.csv'))).rejects.toThrow(
      new ResultsError(
        `${join(dir, 'a_stats.csv')} is not a folder: give the folder that holds Locust's CSV files.`
      )
    )
  })

  test('an unterminated quote is reported with the file and line', async () => {
    await copyFile(join(fixture('locust-2.12.1-basic'), 'out_stats.csv'), join(dir, 'x_stats.csv'))
    await writeFile(join(dir, 'x_failures.csv'), 'Method,Name,Error,Occurrences\nGET,/a,"cut\n')
    await expect(readLocustResults(dir)).rejects.toThrow(
      new ResultsError(
        'x_failures.csv is not valid CSV: a quoted field that starts on line 2 never ends (the file looks truncated).'
      )
    )
  })

  test('maxHistoryPoints bounds the series', async () => {
    const results = await readLocustResults(fixture('locust-2.12.1-basic'), { maxHistoryPoints: 4 })
    expect(results.historyRowsRead).toBe(11)
    expect(results.history.length).toBeLessThanOrEqual(4)
    expect(results.history.at(-1)).toMatchObject({ totalRequests: 4333, totalFailures: 1079 })
    expect(Math.max(...results.history.map((p) => p.users))).toBe(20)
  })
})

describe('hostile files are bounded or refused by name', () => {
  const STATS_HEADER =
    'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,95%,100%'
  const row = (method: string, name: string, requests: number) =>
    `${method},${name},${requests},0,10,10,10,10,5,1.0,0,10,10,10`
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dl-hostile-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('a second Aggregated row is refused with the file and both lines', async () => {
    const lines = [
      STATS_HEADER,
      row('GET', '/a', 5),
      row('', 'Aggregated', 5),
      row('', 'Aggregated', 9)
    ]
    await writeFile(join(dir, 'run_stats.csv'), `${lines.join('\n')}\n`)
    await expect(readLocustResults(dir)).rejects.toThrow(
      'results unreadable: run_stats.csv:4: a second "Aggregated" row (the first is on line 3)'
    )
  })

  test('a stats file over the size judged is refused naming its size, the limit and the cause', async () => {
    const endpoint = row('GET', `/items/${'1'.repeat(200)}`, 1)
    const count = Math.ceil(MAX_STATS_BYTES / endpoint.length) + 1
    const body = Array.from({ length: count }, (_, i) =>
      row('GET', `/items/${i}${'x'.repeat(200)}`, 1)
    )
    await writeFile(
      join(dir, 'run_stats.csv'),
      `${[STATS_HEADER, ...body, row('', 'Aggregated', count)].join('\n')}\n`
    )
    await expect(readLocustResults(dir)).rejects.toThrow(
      /^run_stats\.csv is 4\.\d MB, over the 4\.0 MB judged \(about 35,000 endpoints\)\. .* name=/
    )
  })

  test('a huge failure message is cut, and only the most frequent failures are kept', async () => {
    await writeFile(
      join(dir, 'run_stats.csv'),
      `${[STATS_HEADER, row('GET', '/a', 5000), row('', 'Aggregated', 5000)].join('\n')}\n`
    )
    const failures = [
      'Method,Name,Error,Occurrences',
      `GET,/a,"${'x'.repeat(MAX_MESSAGE_CHARS + 1234)}",10000`,
      // One distinct error per request, as a target that echoes ids in its errors makes.
      ...Array.from({ length: MAX_RECORDS_KEPT + 40 }, (_, i) => `GET,/a,error ${i},${i + 1}`)
    ]
    await writeFile(join(dir, 'run_failures.csv'), `${failures.join('\n')}\n`)

    const results = await readLocustResults(dir)

    expect(results.failures).toHaveLength(MAX_RECORDS_KEPT)
    // 541 distinct failures: the 41 least frequent go, counted (occurrences 1 to 41).
    expect(results.failuresNotKept).toEqual({ records: 41, occurrences: (41 * 42) / 2 })
    expect(results.failures.every((failure) => failure.occurrences > 41)).toBe(true)
    // File order is kept among those kept; the long message is cut with a note.
    expect(results.failures[0].error).toBe(
      `${'x'.repeat(MAX_MESSAGE_CHARS)}… [1,234 more characters cut]`
    )
    expect(results.failures[1].error).toBe('error 41')
  })
})
