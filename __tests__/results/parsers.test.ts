import { CsvTokenizer, parseCsv } from '../../src/results/csv.js'
import type { RecordParser } from '../../src/results/columns.js'
import { ResultsError } from '../../src/results/errors.js'
import { ExceptionsParser, FailuresParser } from '../../src/results/failures.js'
import { HistoryParser, type HistoryTable } from '../../src/results/history.js'
import type { HistoryPoint } from '../../src/results/model.js'
import { StatsParser } from '../../src/results/stats.js'

function parseWith<T>(parser: RecordParser<T>, text: string): T {
  parseCsv(text).forEach((fields, index) => parser.record(fields, index + 1))
  return parser.finish()
}

function parseHistory(text: string, maxPoints?: number): HistoryTable {
  const parser = new HistoryParser('x_stats_history.csv', maxPoints)
  const tokenizer = new CsvTokenizer(parser)
  tokenizer.write(text)
  tokenizer.end()
  return parser.finish()
}

const STATS_HEADER =
  'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,' +
  'Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,95%,99.9%'

const HISTORY_HEADER =
  'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,95%,Total Request Count,' +
  'Total Failure Count,Total Median Response Time'

describe('StatsParser', () => {
  const stats = parseWith(
    new StatsParser('x_stats.csv'),
    `${STATS_HEADER}
GET,"/a,b ""q"" | ü",10,1,5,6.5,1,20,100.0,2.5,0.25,5,19,20
GET,Aggregated,3,0,N/A,N/A,N/A,N/A,N/A,0.0,0.0,N/A,N/A,N/A
,Aggregated,13,1,5,6.0,1,20,90.5,3.0,0.25,5,19,20
`
  )

  test('endpoints in file order, the Aggregated row apart', () => {
    expect(stats.endpoints.map((e) => [e.method, e.name])).toEqual([
      ['GET', '/a,b "q" | ü'],
      ['GET', 'Aggregated'] // an endpoint that happens to be called so keeps its method
    ])
    expect(stats.aggregate).toEqual({
      method: '',
      name: 'Aggregated',
      requests: 13,
      failures: 1,
      medianMs: 5,
      avgMs: 6,
      minMs: 1,
      maxMs: 20,
      avgContentSize: 90.5,
      rps: 3,
      failRps: 0.25,
      percentiles: [
        { label: '50%', quantile: 50, ms: 5 },
        { label: '95%', quantile: 95, ms: 19 },
        { label: '99.9%', quantile: 99.9, ms: 20 }
      ]
    })
  })

  test('"N/A" becomes null', () => {
    const idle = stats.endpoints[1]
    expect([idle.medianMs, idle.avgMs, idle.minMs, idle.maxMs, idle.avgContentSize]).toEqual([
      null,
      null,
      null,
      null,
      null
    ])
    expect(idle.percentiles.map((p) => p.ms)).toEqual([null, null, null])
  })

  test('columns are found by name: reordered and unknown extra columns change nothing', () => {
    const header = STATS_HEADER.split(',')
    const rows = parseCsv(
      `${STATS_HEADER}\nGET,/x,4,0,2,2.5,1,3,10.0,1.0,0.0,2,3,3\n,Aggregated,4,0,2,2.5,1,3,10.0,1.0,0.0,2,3,3\n`
    )
    const order = header.map((_, i) => i).reverse()
    const shuffled = rows
      .map((row) => ['extra', ...order.map((i) => row[i]), 'more'])
      .map((row, i) =>
        i === 0 ? row : row.map((cell, c) => (c === 0 || c === row.length - 1 ? `junk${i}` : cell))
      )
    const parser = new StatsParser('x_stats.csv')
    shuffled.forEach((row, i) => parser.record(row, i + 1))
    const direct = new StatsParser('x_stats.csv')
    rows.forEach((row, i) => direct.record(row, i + 1))
    // Percentiles come in column order, so reversed columns give them reversed.
    const reversed = parser.finish()
    for (const row of [reversed.aggregate, ...reversed.endpoints]) row.percentiles.reverse()
    expect(reversed).toEqual(direct.finish())
  })

  test('a file that is not Locust output names the file and the missing columns', () => {
    expect(() => parseWith(new StatsParser('prices_stats.csv'), 'id,name,price\n1,a,2\n')).toThrow(
      new ResultsError(
        'prices_stats.csv is not Locust output: it has no "Request Count", "Failure Count", ' +
          '"Requests/s", "Failures/s" columns (its header is: id, name, price). ' +
          'Point the results folder at the CSV files Locust writes with --csv.'
      )
    )
  })

  test('an empty file, a missing Aggregated row, a bad number and a cut row are errors', () => {
    expect(() => parseWith(new StatsParser('x_stats.csv'), '')).toThrow(
      /^x_stats\.csv is empty, but Locust always writes a header there/
    )
    expect(() =>
      parseWith(new StatsParser('x_stats.csv'), `${STATS_HEADER}\nGET,/x,1,0,1,1,1,1,1,1,0,1,1,1\n`)
    ).toThrow(/^x_stats\.csv has no "Aggregated" row/)
    expect(() =>
      parseWith(
        new StatsParser('x_stats.csv'),
        `${STATS_HEADER}\nGET,/x,many,0,1,1,1,1,1,1,0,1,1,1\n`
      )
    ).toThrow(
      new ResultsError(
        'results unreadable: x_stats.csv:2: column "Request Count": expected a number or N/A, ' +
          'got "many". Locust never writes this; check that the file is Locust\'s own output and was not edited.'
      )
    )
    expect(() =>
      parseWith(new StatsParser('x_stats.csv'), `${STATS_HEADER}\nGET,/x,1,0,1,1,1\n`)
    ).toThrow(
      /^x_stats\.csv line 2 has 7 cells, too few to reach its column "Max Response Time": the file looks truncated/
    )
  })
})

describe('FailuresParser and ExceptionsParser', () => {
  test('Locust 2.12 failures: no first/last seen properties at all', () => {
    const failures = parseWith(
      new FailuresParser('x_failures.csv'),
      'Method,Name,Error,Occurrences\nGET,"/a,""b""","""BadStatusCode(\'http://h/a\', code=404)""",7\n'
    ).records
    expect(failures).toEqual([
      {
        method: 'GET',
        name: '/a,"b"',
        error: '"BadStatusCode(\'http://h/a\', code=404)"',
        occurrences: 7
      }
    ])
  })

  test('newer failures with First Seen / Last Seen and extra columns', () => {
    const failures = parseWith(
      new FailuresParser('x_failures.csv'),
      'Extra,Method,Name,Error,Occurrences,First Seen,Last Seen\n' +
        'z,POST,/o,"boom\nline 2",3,2025-01-02 03:04:05,2025-01-02 03:05:00\n'
    ).records
    expect(failures).toEqual([
      {
        method: 'POST',
        name: '/o',
        error: 'boom\nline 2',
        occurrences: 3,
        firstSeen: '2025-01-02 03:04:05',
        lastSeen: '2025-01-02 03:05:00'
      }
    ])
  })

  test('empty files give no records; a header alone too', () => {
    expect(parseWith(new FailuresParser('x_failures.csv'), '')).toEqual({ records: [] })
    expect(
      parseWith(new ExceptionsParser('x_exceptions.csv'), 'Count,Message,Traceback,Nodes\n')
    ).toEqual({ records: [] })
  })

  test('exceptions with multi-line quoted tracebacks', () => {
    const traceback = '  File "locustfile.py", line 9, in boom\n    raise ValueError("a, ""b""")\n'
    const csv = `Count,Message,Traceback,Nodes\n4,"bad\nvalue","${traceback.replaceAll('"', '""')}","w1, w2"\n`
    expect(parseWith(new ExceptionsParser('x_exceptions.csv'), csv).records).toEqual([
      { count: 4, message: 'bad\nvalue', traceback, nodes: 'w1, w2' }
    ])
  })

  test('a failures file missing its columns is not Locust output', () => {
    expect(() => parseWith(new FailuresParser('x_failures.csv'), 'Method,Name\nGET,/\n')).toThrow(
      /^x_failures\.csv is not Locust output: it has no "Error", "Occurrences" columns/
    )
  })
})

describe('HistoryParser', () => {
  test('keeps only the Aggregated rows, with p50/p95 from the percentile columns', () => {
    const table = parseHistory(
      `${HISTORY_HEADER}
100,0,,Aggregated,0.000000,0.000000,N/A,N/A,0,0,0
101,5,GET,"/a,""b""",9.000000,1.000000,4,8,9,1,4
101,5,GET,Aggregated,99.000000,99.000000,99,99,99,99,99
101,5,,Aggregated,9.000000,1.000000,4,8,9,1,4
`
    )
    expect(table).toEqual({
      rowsRead: 2,
      points: [
        {
          timestamp: 100,
          users: 0,
          rps: 0,
          failRps: 0,
          p50Ms: null,
          p95Ms: null,
          p99Ms: null,
          totalRequests: 0,
          totalFailures: 0
        },
        {
          timestamp: 101,
          users: 5,
          rps: 9,
          failRps: 1,
          p50Ms: 4,
          p95Ms: 8,
          p99Ms: null,
          totalRequests: 9,
          totalFailures: 1
        }
      ],
      counts: [{ timestamp: 101, totalRequests: 9, totalFailures: 1 }],
      // Users started at 101: a whole 10 s window has not passed, so no window yet.
      windows: new Map(),
      span: {
        first: { timestamp: 100, totalRequests: 0, totalFailures: 0 },
        lastTimestamp: 101,
        peakUsers: 5,
        finalUsers: 5
      }
    })
  })

  test('a last row cut short (Locust stopped mid-write) is skipped', () => {
    const table = parseHistory(
      `${HISTORY_HEADER}\n100,1,,Aggregated,1.0,0.0,1,2,5,0,1\n101,2,,Aggregated,1.0`
    )
    expect(table.rowsRead).toBe(1)
    expect(table.points.map((p) => p.timestamp)).toEqual([100])
  })

  test('users when the load stopped: the rows written after the stop (0 users) do not count', () => {
    const rows = (users: number[]): string =>
      users.map((count, i) => `${100 + i},${count},,Aggregated,1.0,0.0,1,2,${i},0,1`).join('\n')
    const finalUsers = (users: number[]) =>
      parseHistory(`${HISTORY_HEADER}\n${rows(users)}\n`).span?.finalUsers
    expect(finalUsers([5, 20, 20, 0])).toBe(20)
    expect(finalUsers([5, 20, 15])).toBe(15)
    // Locust 2.12 writes two rows after the stop; a LoadTestShape ending at 0 reads like them.
    expect(finalUsers([5, 20, 20, 0, 0])).toBe(20)
    expect(finalUsers([20, 5, 0, 0])).toBe(5)
    expect(finalUsers([0, 0])).toBe(0)
    expect(finalUsers([0])).toBe(0)
  })

  test('without a 95% column p95 is null; unknown columns are ignored', () => {
    const table = parseHistory(
      'Future,Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,Total Request Count,Total Failure Count\n' +
        'x,100,1,,Aggregated,2.0,0.0,3,10,0\n'
    )
    expect(table.points).toEqual([
      {
        timestamp: 100,
        users: 1,
        rps: 2,
        failRps: 0,
        p50Ms: 3,
        p95Ms: null,
        p99Ms: null,
        totalRequests: 10,
        totalFailures: 0
      }
    ])
  })

  test('a bad number in an Aggregated row names the line and column', () => {
    expect(() => parseHistory(`${HISTORY_HEADER}\n100,1,,Aggregated,fast,0.0,1,2,5,0,1\n`)).toThrow(
      new ResultsError(
        'results unreadable: x_stats_history.csv:2: column "Requests/s": expected a number, got "fast". ' +
          "Locust never writes this; check that the file is Locust's own output and was not edited."
      )
    )
    expect(() => parseHistory(`${HISTORY_HEADER}\n100,N/A,,Aggregated,1,0.0,1,2,5,0,1\n`)).toThrow(
      /x_stats_history\.csv:2: column "User Count": expected a number, got "N\/A"/
    )
  })

  test('a file that is not a history names the missing columns', () => {
    expect(() => parseHistory('Type,Name,Request Count\n')).toThrow(
      /^x_stats_history\.csv is not Locust output: it has no "Timestamp", "User Count", "Requests\/s", "Failures\/s", "Total Request Count", "Total Failure Count" columns/
    )
  })

  test('downsamples a long run to at most maxPoints, as bucketing at the final width would', () => {
    const seconds = 10_000
    const maxPoints = 120
    const rows = [HISTORY_HEADER]
    const sample = (i: number) => ({
      t: 1_000 + i,
      users: (i * 37) % 501,
      rps: (i * 13) % 97,
      p50: i % 5 === 0 ? null : (i * 7) % 53,
      p95: i % 7 === 0 ? null : (i * 11) % 301
    })
    for (let i = 0; i < seconds; i++) {
      const s = sample(i)
      rows.push(`${s.t},${s.users},GET,/x,1,0,1,1,1,0,1`)
      rows.push(
        `${s.t},${s.users},,Aggregated,${s.rps},${s.rps / 10},${s.p50 ?? 'N/A'},${s.p95 ?? 'N/A'},${i * 3},${i},1`
      )
    }
    const table = parseHistory(rows.join('\n'), maxPoints)
    expect(table.rowsRead).toBe(seconds)

    // Reference: the first width of 1 s, 3 s, 6 s, 12 s… that fits, then plain buckets of that width.
    let width = 1
    while (Math.ceil(seconds / width) > maxPoints) width = width === 1 ? 3 : width * 2
    const expected: HistoryPoint[] = []
    for (let start = 0; start < seconds; start += width) {
      const bucket = Array.from({ length: Math.min(width, seconds - start) }, (_, k) =>
        sample(start + k)
      )
      const p50s = bucket.flatMap((s) => (s.p50 === null ? [] : [s.p50]))
      const p95s = bucket.flatMap((s) => (s.p95 === null ? [] : [s.p95]))
      const last = start + bucket.length - 1
      expected.push({
        timestamp: 1_000 + last,
        users: Math.max(...bucket.map((s) => s.users)),
        rps: bucket.reduce((sum, s) => sum + s.rps, 0) / bucket.length,
        failRps: bucket.reduce((sum, s) => sum + s.rps / 10, 0) / bucket.length,
        p50Ms: p50s.length ? p50s.reduce((a, b) => a + b, 0) / p50s.length : null,
        p95Ms: p95s.length ? Math.max(...p95s) : null,
        p99Ms: null,
        totalRequests: last * 3,
        totalFailures: last
      })
    }
    expect(table.points.length).toBeGreaterThan(maxPoints / 3)
    expect(table.points.length).toBeLessThanOrEqual(maxPoints)
    expect(table.points).toHaveLength(expected.length)
    // The totals change at every row here (but the first, which has no row before it); the last
    // change is kept apart, exactly.
    const lastRow = seconds - 1
    table.counts.slice(0, -1).forEach((count, i) => {
      const rowsIn = Array.from({ length: width }, (_, k) => i * width + k).filter(
        (row) => row > 0 && row < lastRow
      )
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
      expect(count.timestamp).toBeCloseTo(1_000 + mean(rowsIn), 9)
      expect(count.totalRequests).toBeCloseTo(3 * mean(rowsIn), 9)
      expect(count.totalFailures).toBeCloseTo(mean(rowsIn), 9)
    })
    expect(table.counts.at(-1)).toEqual({
      timestamp: 1_000 + lastRow,
      totalRequests: 3 * lastRow,
      totalFailures: lastRow
    })
    expect(table.counts).toHaveLength(expected.length + 1)
    table.points.forEach((point, i) => {
      const want = expected[i]
      expect({ ...point, rps: 0, failRps: 0, p50Ms: 0 }).toEqual({
        ...want,
        rps: 0,
        failRps: 0,
        p50Ms: 0
      })
      expect(point.rps).toBeCloseTo(want.rps, 9)
      expect(point.failRps).toBeCloseTo(want.failRps, 9)
      expect(point.p50Ms).toBeCloseTo(want.p50Ms!, 9)
    })
  })

  test('totals are kept where worker reports changed them, as their mean in each bucket, the last apart', () => {
    // The master writes a row every second; its totals move every third row (a worker report).
    const rows = (count: number) => {
      const lines = [HISTORY_HEADER]
      for (let i = 0; i < count; i++) {
        const total = 30 * Math.floor((i + 2) / 3)
        lines.push(`${100 + i},5,,Aggregated,9,0,1,2,${total},${total / 10},1`)
      }
      return lines.join('\n')
    }
    const countsOf = (table: HistoryTable) =>
      table.counts.map((c) => [c.timestamp - 100, c.totalRequests, c.totalFailures])
    expect(countsOf(parseHistory(rows(10)))).toEqual([
      [1, 30, 3],
      [4, 60, 6],
      [7, 90, 9]
    ])
    // Twelve rows in four buckets: 3 s wide (a whole report period), never 2 s or 4 s.
    const coarse = parseHistory(rows(12), 4)
    expect(coarse.points.map((p) => p.timestamp - 100)).toEqual([2, 5, 8, 11])
    expect(countsOf(coarse).map(([t]) => t)).toEqual([1, 4, 7, 10])
    // In two 6 s buckets, two reports each; the last report (the workers' final counts, usually)
    // is kept apart from its bucket's mean.
    expect(countsOf(parseHistory(rows(12), 2))).toEqual([
      [2.5, 45, 4.5],
      [7, 90, 9],
      [10, 120, 12]
    ])
  })

  test('a run shorter than maxPoints keeps every sample; maxPoints must be at least 1', () => {
    const rows = [HISTORY_HEADER]
    for (let i = 0; i < 50; i++) rows.push(`${500 + i},1,,Aggregated,${i},0,1,2,${i},0,1`)
    expect(parseHistory(rows.join('\n')).points.map((p) => p.rps)).toEqual(
      rows.slice(1).map((_, i) => i)
    )
    expect(parseHistory(rows.join('\n'), 1).points).toHaveLength(1)
    expect(() => new HistoryParser('x', 0)).toThrow(RangeError)
  })
})
