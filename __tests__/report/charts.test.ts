/**
 * The job summary's charts against the CSV they come from: every number a chart draws is
 * computed here again, independently, from the rows of `_stats_history.csv`.
 */
import { ticks } from 'd3-array'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chartSeries } from '../../src/report/figures.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import type { RunReport } from '../../src/report/model.js'
import { stepOutcome } from '../../src/report/outcome.js'
import { parseCsv } from '../../src/results/csv.js'
import type { LocustResults } from '../../src/results/model.js'
import { readLocustResults } from '../../src/results/read.js'
import { evaluateThresholds } from '../../src/thresholds/evaluate.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import { fencedBlocks, mermaidProblems } from './markdown-check.js'

const HEADER =
  'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,95%,99%,Total Request Count,Total Failure Count'
const STATS =
  'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,' +
  'Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,95%,99%'
const T0 = 1_800_000_000

interface Sample {
  t: number
  users: number
  lagging: number
  p: [number, number, number] | null
  total: number
  failed: number
}

/**
 * A LoadTestShape run as Locust writes it: users ramp to 15, hold, then drop to 0; requests flow
 * at 30/s per 10 users while Locust's own "Requests/s" lags (0 during the peak, 65 after it);
 * the one worker reports its counts every 3 s, so the totals move every third row; no sample
 * between 30 s and 42 s; p50/p95/p99 N/A before the first request.
 */
function shapeRun(withFailures: boolean): Sample[] {
  const samples: Sample[] = []
  let [made, madeFailed, total, failed] = [0, 0, 0, 0]
  for (let t = 0; t <= 60; t++) {
    const users = t < 5 ? 3 * t : t < 45 ? 15 : 0
    made += t === 0 ? 0 : users * 3
    madeFailed += withFailures && t > 20 && t <= 40 ? users : 0
    if (t % 3 === 0) [total, failed] = [made, madeFailed]
    if (t > 30 && t < 42) continue
    const lagging = t < 45 ? 0 : 65
    const p: Sample['p'] = made === 0 ? null : [10 + (t % 3), 40 + t, 90 + 2 * t]
    samples.push({ t, users, lagging, p, total, failed })
  }
  return samples
}

function historyCsv(samples: Sample[]): string {
  const rows = samples.map(({ t, users, lagging, p, total, failed }) => {
    const percentiles = p === null ? 'N/A,N/A,N/A' : p.join(',')
    return `${T0 + t},${users},,Aggregated,${lagging}.000000,0.000000,${percentiles},${total},${failed}`
  })
  return [HEADER, ...rows].join('\n') + '\n'
}

async function resultsOf(samples: Sample[]): Promise<LocustResults> {
  const dir = await mkdtemp(join(tmpdir(), 'charts-'))
  try {
    const last = samples.at(-1)!
    await writeFile(
      join(dir, 'run_stats.csv'),
      `${STATS}\n,Aggregated,${last.total},${last.failed},40,50,5,300,10,27,0,40,95,190\n`
    )
    await writeFile(join(dir, 'run_stats_history.csv'), historyCsv(samples))
    return await readLocustResults(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function summaryOf(results: LocustResults): string {
  const report: RunReport = {
    verdict: 'passed',
    outcome: stepOutcome('passed'),
    facts: {
      backend: 'local',
      backendLabel: 'local',
      users: 10,
      spawnRate: 10,
      workers: 1,
      runTimeSeconds: 60
    },
    results,
    evaluation: evaluateThresholds(parseThresholds('fail_ratio < 100%'), results),
    partial: false
  }
  return renderMarkdown(report)
}

/** Each chart's title, x-axis range and line values, as Mermaid reads them. */
function chartsOf(markdown: string) {
  return fencedBlocks(markdown)
    .filter((block) => block.info === 'mermaid')
    .map((block) => {
      expect(mermaidProblems(block)).toEqual([])
      const title = /title "([^"]*)"/.exec(block.lines.join('\n'))![1]
      const [from, to] = /x-axis "[^"]*" ([\d.]+) --> ([\d.]+)/
        .exec(block.lines.join('\n'))!
        .slice(1)
        .map(Number)
      const lines = block.lines
        .filter((line) => line.startsWith('  line ['))
        .map((line) => line.slice('  line ['.length, -1).split(', ').map(Number))
      const palette = /"plotColorPalette": "([^"]*)"/.exec(block.lines[0])![1].split(', ')
      return { title, from, to, lines, palette }
    })
}

/** The CSV's rows, read with the generic CSV parser (not the history reader under test). */
function csvRows(
  csv: string
): { t: number; users: number; total: number; failed: number; p99: number | null }[] {
  const [, ...rows] = parseCsv(csv)
  return rows.map((row) => ({
    t: Number(row[0]) - T0,
    users: Number(row[1]),
    total: Number(row[9]),
    failed: Number(row[10]),
    p99: row[8] === 'N/A' ? null : Number(row[8])
  }))
}

/**
 * The CSV's cumulative count at elapsed time t, joined linearly between the rows where the totals
 * changed (the first row, then each worker report) and across a gap, held after the last change.
 */
function countAt(rows: ReturnType<typeof csvRows>, pick: 'total' | 'failed', t: number): number {
  const changes = rows.filter(
    (row, i) => i === 0 || row.total !== rows[i - 1].total || row.failed !== rows[i - 1].failed
  )
  const after = changes.findIndex((row) => row.t >= t)
  if (after === -1) return changes[changes.length - 1][pick]
  const b = changes[after]
  if (b.t === t || after === 0) return b[pick]
  const a = changes[after - 1]
  return a[pick] + ((b[pick] - a[pick]) * (t - a.t)) / (b.t - a.t)
}

describe('charts computed from the cumulative counts of _stats_history.csv', () => {
  const samples = shapeRun(true)
  const rows = csvRows(historyCsv(samples))
  let charts: ReturnType<typeof chartsOf>
  let markdown: string

  beforeAll(async () => {
    markdown = summaryOf(await resultsOf(samples))
    charts = chartsOf(markdown)
  })

  test('one chart per series, response times with a legend in the title, explicit colours', () => {
    expect(charts.map((chart) => [chart.title, chart.lines.length, chart.palette.length])).toEqual([
      ['Users', 1, 1],
      ['Requests per second', 1, 1],
      ['Failed requests per second', 1, 1],
      ['Response time in ms (p50 blue, p95 pink, p99 vermillion)', 3, 3]
    ])
    // Twenty 3-second intervals over the 60 s run.
    for (const chart of charts)
      expect([chart.from, chart.to, chart.lines[0].length]).toEqual([3, 60, 20])
  })

  test("requests and failures per second equal the CSV counts per interval, not Locust's lagging average", () => {
    const [, requests] = charts.slice(0, 2)
    const failures = charts[2]
    for (let k = 0; k < 20; k++) {
      const [from, to] = [3 * k, 3 * (k + 1)]
      const expected = (pick: 'total' | 'failed') =>
        (countAt(rows, pick, to) - countAt(rows, pick, from)) / (to - from)
      expect(requests.lines[0][k]).toBeCloseTo(expected('total'), 3)
      expect(failures.lines[0][k]).toBeCloseTo(expected('failed'), 3)
    }
    // During the 15-user peak 45 requests/s flowed (Locust's column said 0); after it, none (it said 65).
    expect(requests.lines[0][5]).toBe(45)
    expect(requests.lines[0].slice(15)).toEqual([0, 0, 0, 0, 0])
  })

  test('a gap in the samples is neither drawn as 0 nor hidden: the count is spread over it and said', () => {
    const requests = charts[1].lines[0]
    // 30 s to 42 s: 12 s without samples, 15 users × 3 requests/s all along.
    for (const k of [10, 11, 12, 13]) expect(requests[k]).toBe(45)
    expect(markdown).toContain(
      '_No samples from 30s to 42s: the lines join the samples on either side, and the requests there are averaged over the gap._'
    )
  })

  test('users are the most the CSV shows in each interval; p99 is drawn beside p95 and p50', () => {
    const users = charts[0].lines[0]
    for (let k = 0; k < 20; k++) {
      const inside = rows.filter(
        (row) => (k === 0 ? row.t >= 0 : row.t > 3 * k) && row.t <= 3 * (k + 1)
      )
      if (inside.length > 0) expect(users[k]).toBe(Math.max(...inside.map((row) => row.users)))
    }
    const [p50, p95, p99] = charts[3].lines
    for (let k = 0; k < 20; k++) expect(p50[k] < p95[k] && p95[k] < p99[k]).toBe(true)
    const lastInterval = rows.filter((row) => row.t > 57)
    expect(p99[19]).toBe(Math.max(...lastInterval.map((row) => row.p99!)))
  })

  test('an all-zero series is not drawn', async () => {
    const clean = chartsOf(summaryOf(await resultsOf(shapeRun(false))))
    expect(clean.map((chart) => chart.title)).toEqual([
      'Users',
      'Requests per second',
      'Response time in ms (p50 blue, p95 pink, p99 vermillion)'
    ])
    expect(summaryOf(await resultsOf(shapeRun(false)))).toContain(
      '_No request failed: no failures chart._'
    )
  })

  test('on a real steady run every point after the start is within 5% of Locust’s own rate, the last included', async () => {
    // 2 workers, 20 users spawned in the first interval, 45 s at a steady ~139 requests/s. The
    // last point once fell to 63/s: the rows after the last report diluted it.
    const results = await readLocustResults(
      fileURLToPath(new URL('../fixtures/locust-2.12.1-steady', import.meta.url))
    )
    const { requestsPerSecond, failuresPerSecond } = chartSeries(results, 60)!
    const steady = results.aggregate.rps
    expect(steady).toBeGreaterThan(130)
    for (const rate of requestsPerSecond.slice(1))
      expect(Math.abs(rate / steady - 1)).toBeLessThan(0.05)
    // The users started 1.8 s into the first interval.
    expect(requestsPerSecond[0]).toBeGreaterThan(0.3 * steady)
    expect(failuresPerSecond.at(-1)).toBeGreaterThan(0)
  })
})

/**
 * A history as Locust writes it under a steady load: the master writes a row every second (its
 * Timestamp cut to whole seconds), each worker sends its count every 3 s at its own phase, and the
 * master's totals are what the reports so far brought. At `seconds` the users stop, each worker
 * sends its last count, and the master writes two more rows.
 */
function steadyHistory(
  seconds: number,
  phases: number[],
  perWorkerRate: number,
  { failedShare = 0, resetAt = Infinity } = {}
): string {
  const rows = [HEADER]
  const reportedBy = (time: number) =>
    phases.reduce((sum, phase) => {
      if (time >= seconds) return sum + perWorkerRate * seconds
      const reports = Math.floor((time - phase) / 3)
      return sum + (reports < 0 ? 0 : perWorkerRate * (phase + 3 * reports))
    }, 0)
  // Locust clears the master's totals when a round starts; the workers' next reports add to 0.
  const countAt = (time: number) => reportedBy(time) - (time >= resetAt ? reportedBy(resetAt) : 0)
  for (let k = 0; k <= seconds + 1; k++) {
    const time = k + 0.25
    const users = time < seconds ? 10 : 0
    const [total, failed] = [countAt(time), failedShare * countAt(time)].map(Math.round)
    rows.push(`${T0 + k},${users},,Aggregated,0,0,5,9,12,${total},${failed}`)
  }
  return `${rows.join('\n')}\n`
}

async function resultsOfCsv(history: string): Promise<LocustResults> {
  const dir = await mkdtemp(join(tmpdir(), 'charts-'))
  try {
    await writeFile(join(dir, 'run_stats.csv'), `${STATS}\n,Aggregated,1,0,5,5,5,5,10,1,0,5,9,12\n`)
    await writeFile(join(dir, 'run_stats_history.csv'), history)
    return await readLocustResults(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

describe('charts a reader can trust', () => {
  test.each([
    ['2 minutes', 120],
    ['10 minutes', 600],
    ['an hour', 3600]
  ])(
    'a steady load over %s draws a steady requests line, whatever the workers’ phases',
    async (_, seconds) => {
      for (const phases of [[0.6], [0.6, 2.1], [0.6, 1.1, 1.4]]) {
        const [, requests] = chartsOf(
          summaryOf(await resultsOfCsv(steadyHistory(seconds, phases, 100)))
        )
        expect(requests.title).toBe('Requests per second')
        const rates = requests.lines[0]
        // The first interval holds the start, averaged into the first downsampled bucket's
        // counts (not every worker has reported yet); the last ends at the workers' final reports.
        const rest = rates.slice(1)
        expect(Math.max(...rest) / Math.min(...rest)).toBeLessThan(1.05)
        expect(Math.min(...rest)).toBeGreaterThan(0.95 * 100 * phases.length)
        expect(rates[0]).toBeGreaterThan(0.5 * 100 * phases.length)
      }
    }
  )

  test.each([7, 9, 12, 20, 70])(
    'a steady load over %i s draws a flat line from its first point to its last, failures too',
    async (seconds) => {
      // 137 requests/s (a tenth of them failing) from 2 workers reporting every 3 s at their own
      // phases. A 70 s run's last point once fell to ~122/s: the rows after the last report
      // diluted it; counting up to the workers' final reports instead overshot to ~156/s.
      for (const phases of [[0.6, 2.1], [0.3, 1.8], [1.2, 2.7], [0.9]]) {
        const history = steadyHistory(seconds, phases, 137 / phases.length, { failedShare: 0.1 })
        const series = chartSeries(await resultsOfCsv(history), 60)!
        const farthest = (rates: number[], expected: number) =>
          Math.max(...rates.map((rate) => Math.abs(rate / expected - 1)))
        expect({ phases, requests: farthest(series.requestsPerSecond, 137) < 0.05 }).toEqual({
          phases,
          requests: true
        })
        expect({ phases, failures: farthest(series.failuresPerSecond, 13.7) < 0.05 }).toEqual({
          phases,
          failures: true
        })
      }
    }
  )

  test.each([40, 150])(
    'a reset of Locust’s totals (a round starting) is no dip in a steady line (%i s)',
    async (seconds) => {
      // Over 150 s the rows are read into 3 s buckets: a reset must not be averaged into one.
      for (const phases of [[0.6, 2.1], [0.9]]) {
        const history = steadyHistory(seconds, phases, 137 / phases.length, {
          resetAt: seconds / 2 + 0.5
        })
        // The first point of a downsampled history holds the start (see above).
        const rates = chartSeries(await resultsOfCsv(history), 60)!.requestsPerSecond.slice(1)
        expect({ phases, min: Math.min(...rates) > 0.95 * 137 }).toEqual({ phases, min: true })
        expect({ phases, max: Math.max(...rates) < 1.05 * 137 }).toEqual({ phases, max: true })
      }
    }
  )

  test('the first point is not 0 when Locust’s first rows come before the first report', async () => {
    // As Locust writes a run: rows of 0 until the first worker report arrives after 4 s.
    const rows = [HEADER]
    for (let t = 0; t <= 70; t++) {
      const reported = t < 4 ? 0 : 300 * Math.floor((t - 1) / 3)
      rows.push(`${T0 + t},${t < 2 ? 0 : 20},,Aggregated,0,0,5,9,12,${reported},0`)
    }
    const [users, requests] = chartsOf(summaryOf(await resultsOfCsv(`${rows.join('\n')}\n`)))
    // 100 requests/s from the start; the first interval is counted up to the first report.
    expect(requests.lines[0][0]).toBeGreaterThan(50)
    expect(Math.min(...requests.lines[0].slice(2, -1))).toBeCloseTo(100, 6)
    expect(users.lines[0][0]).toBeGreaterThan(0)
  })

  test.each([1, 3, 5, 7, 20, 150])(
    'the users axis ticks at whole users only (%i at peak)',
    async (peak) => {
      const rows = [HEADER]
      for (let t = 0; t <= 90; t++)
        rows.push(`${T0 + t},${peak},,Aggregated,0,0,5,9,12,${10 * t},0`)
      const markdown = summaryOf(await resultsOfCsv(`${rows.join('\n')}\n`))
      const users = fencedBlocks(markdown).find((block) =>
        block.lines.some((line) => line.startsWith('  title "Users'))
      )!
      const top = Number(/y-axis "Users" 0 --> (\d+)/.exec(users.lines.join('\n'))![1])
      expect(top).toBeGreaterThanOrEqual(peak)
      // Mermaid draws the ticks d3 gives for the axis, asking for about ten.
      expect(ticks(0, top, 10).every(Number.isInteger)).toBe(true)
    }
  )

  test('every y-axis gets at most eleven ticks, the top one labelled, whatever its data', async () => {
    // Seen rendered: p99 at 290 ms drew an axis to 300 with sixteen labels run together.
    const crowded: string[] = []
    for (const peak of [1.3, 2.7, 29, 55, 140, 290, 610, 2900, 6500]) {
      const rows = [HEADER]
      for (let t = 0; t <= 90; t++) {
        const p = [peak / 4, peak / 2, peak].map((v) => v.toFixed(1)).join(',')
        rows.push(`${T0 + t},${Math.ceil(peak)},,Aggregated,0,0,${p},${Math.round(peak * t)},${t}`)
      }
      const markdown = summaryOf(await resultsOfCsv(`${rows.join('\n')}\n`))
      for (const block of fencedBlocks(markdown).filter((b) => b.info === 'mermaid')) {
        const top = Number(/y-axis "[^"]*" 0 --> ([\d.]+)/.exec(block.lines.join('\n'))![1])
        // Mermaid draws the ticks d3 gives for the axis, asking for about ten.
        const axisTicks = ticks(0, top, 10)
        if (axisTicks.length > 11 || axisTicks.at(-1) !== top)
          crowded.push(`${block.lines[2].trim()} up to ${top}: ${axisTicks.length} ticks`)
      }
    }
    expect(crowded).toEqual([])
  })

  test('every line keeps a contrast of 3:1 on GitHub’s light and dark backgrounds', async () => {
    const charts = chartsOf(summaryOf(await resultsOf(shapeRun(true))))
    const colours = new Set(charts.flatMap((chart) => chart.palette))
    expect(colours.size).toBeGreaterThanOrEqual(4)
    for (const colour of colours) {
      expect([colour, contrast(colour, '#ffffff') >= 3]).toEqual([colour, true])
      expect([colour, contrast(colour, '#0d1117') >= 3]).toEqual([colour, true])
    }
  })

  test('a short run whose users never reached the count asked for shows its users too', async () => {
    // Seen rendered: a 12 s run judged unfit (at most 22 of 60 users) showed response times only.
    const rows = [HEADER]
    for (let t = 0; t <= 20; t++)
      rows.push(`${T0 + t},${Math.min(t, 4)},,Aggregated,0,0,5,9,12,${30 * t},0`)
    const markdown = summaryOf(await resultsOfCsv(`${rows.join('\n')}\n`))
    const titles = fencedBlocks(markdown)
      .filter((block) => block.info === 'mermaid')
      .map((block) => block.lines[2])
    expect(titles).toEqual([
      '  title "Users (10 requested)"',
      '  title "Response time in ms (p50 blue, p95 pink, p99 vermillion)"'
    ])
    expect(markdown).toContain('_A short run: response times and the users behind its verdict,')
    // The axis reaches the count asked for, so the shortfall is seen.
    expect(markdown).toContain('  y-axis "Users" 0 --> 10\n')
  })

  test('a run under a minute gets one small chart of response times and says so', async () => {
    const rows = [HEADER]
    for (let t = 0; t <= 20; t++) rows.push(`${T0 + t},10,,Aggregated,0,0,5,9,12,${30 * t},0`)
    const markdown = summaryOf(await resultsOfCsv(`${rows.join('\n')}\n`))
    const blocks = fencedBlocks(markdown).filter((block) => block.info === 'mermaid')
    expect(blocks).toHaveLength(1)
    expect(blocks[0].lines[0]).toContain('"xyChart": {"width": 640, "height": 320}')
    expect(blocks[0].lines).toContain(
      '  title "Response time in ms (p50 blue, p95 pink, p99 vermillion)"'
    )
    expect(markdown).toContain('_A short run: response times only')
  })
})
