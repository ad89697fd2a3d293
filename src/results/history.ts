/**
 * `<prefix>_stats_history.csv`: one row per endpoint and one "Aggregated" row per interval, for the
 * whole run (it can be hundreds of MB). Read straight from the tokenizer's bytes: only the cells
 * of Aggregated rows that the time series needs are parsed, and the series is downsampled as it
 * streams, so memory stays bounded whatever the file size. Beside the downsampled series (charts),
 * the raw rows give the statistics their own series of non-overlapping windows. Pure.
 */
import type { CsvSink } from './csv.js'
import { decodeField } from './csv.js'
import { Columns, percentileColumns, unreadable } from './columns.js'
import { DEFAULT_MAX_HISTORY_POINTS, HistoryDownsampler } from './downsample.js'
import {
  endpointLabel,
  type CountSample,
  type HistoryPoint,
  type HistorySpan,
  type HistoryWindow
} from './model.js'
import { isNullBytes, parseNumberBytes } from './numbers.js'

/** The history's columns, for every reader of the file (the local backend's live figures too). */
export const HISTORY_COLUMNS = {
  type: { names: ['Type', 'Method'], required: false },
  name: { names: ['Name'], required: true },
  timestamp: { names: ['Timestamp'], required: true },
  users: { names: ['User Count'], required: true },
  rps: { names: ['Requests/s'], required: true },
  failRps: { names: ['Failures/s'], required: true },
  totalRequests: { names: ['Total Request Count'], required: true },
  totalFailures: { names: ['Total Failure Count'], required: true }
} as const

/** What a column means to this parser; numeric roles index the per-row value arrays. */
// Roles are stored in a Uint8Array for speed, so they are read back as numbers:
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison */
const enum Role {
  Timestamp,
  Users,
  Rps,
  FailRps,
  P50,
  P95,
  P99,
  TotalRequests,
  TotalFailures,
  NumericCount,
  Type = NumericCount,
  Name,
  Ignored
}

/** The numeric cells a sample needs; percentiles may be absent (custom percentile lists). */
const REQUIRED_NUMERIC = [
  Role.Timestamp,
  Role.Users,
  Role.Rps,
  Role.FailRps,
  Role.TotalRequests,
  Role.TotalFailures
]
const PERCENTILES = [Role.P50, Role.P95, Role.P99]
const NUMERIC = [...REQUIRED_NUMERIC, ...PERCENTILES]
/** Cells that count things: whole numbers. */
const WHOLE = [Role.Users, Role.TotalRequests, Role.TotalFailures]

const enum Cell {
  Missing,
  Number,
  Null,
  Invalid
}

/** The aggregate's label among the windows: its name, as endpointLabel gives it. */
export const AGGREGATE_LABEL = 'Aggregated'

/** "Aggregated" in ASCII. */
const AGGREGATED = [0x41, 0x67, 0x67, 0x72, 0x65, 0x67, 0x61, 0x74, 0x65, 0x64]

/**
 * Locust's "current" percentiles and requests/s in a history row cover the last 10 s
 * (CURRENT_RESPONSE_TIME_PERCENTILE_WINDOW): rows at least this far apart describe disjoint sets
 * of requests.
 */
export const LOCUST_WINDOW_SECONDS = 10

/**
 * The most windows kept, all endpoints together; beyond, every series keeps every second one. Even
 * 50 endpoints keep 50 windows or more each, plenty for batch means, and the reader's peak memory
 * on a 140 MB history stays within a few MB of what it was without windows.
 */
export const MAX_WINDOWS = 5000

/**
 * Each endpoint's and the aggregate's non-overlapping windows, from the raw rows as they are read
 * (Locust writes one row per endpoint and one Aggregated row per interval, all with the interval's
 * timestamp). The windows follow one schedule: an interval is a window when users are running, a
 * whole window has passed since they started (before, Locust's "current" figures cover part of a
 * window and read 0), and it is at least the spacing after the last one. An endpoint with no
 * requests yet (N/A) has no window there; one with none in the window (0 requests/s) keeps its rate
 * but no percentiles, which Locust then writes as 0. The spacing starts at Locust's window and
 * doubles (each series dropping every second window) whenever more than `maxWindows` would be kept,
 * so memory stays bounded and every series stays disjoint.
 */
export class WindowCollector {
  private readonly series = new Map<string, HistoryWindow[]>()
  private spacing = LOCUST_WINDOW_SECONDS
  private current = Number.NEGATIVE_INFINITY
  private usersStarted = Number.POSITIVE_INFINITY
  private kept = 0

  constructor(private readonly maxWindows = MAX_WINDOWS) {}

  /**
   * Whether a row of this interval may be a window: the rest of the row is read only then. Asked
   * for every row in file order, so the first row with users running marks when they started.
   */
  wanted(timestamp: number, users: number): boolean {
    if (users <= 0) return false
    this.usersStarted = Math.min(this.usersStarted, timestamp)
    if (timestamp - this.usersStarted < LOCUST_WINDOW_SECONDS) return false
    return timestamp === this.current || timestamp - this.current >= this.spacing
  }

  /** A row `wanted` said yes to, by its endpoint's label ("GET /items", or "Aggregated"). */
  add(label: string, users: number, window: HistoryWindow): void {
    if (!this.wanted(window.timestamp, users) || window.p50Ms === null) return
    this.current = window.timestamp
    const windows = this.series.get(label) ?? []
    this.series.set(label, windows)
    if (windows.at(-1)?.timestamp === window.timestamp) return
    const requested = window.rps > 0
    windows.push(requested ? window : { ...window, p50Ms: null, p95Ms: null, p99Ms: null })
    if (++this.kept <= this.maxWindows) return
    this.kept = 0
    for (const [name, list] of this.series) {
      const thinned = list.filter((_, index) => index % 2 === 0)
      this.series.set(name, thinned)
      this.kept += thinned.length
    }
    this.spacing *= 2
  }

  finish(): Map<string, HistoryWindow[]> {
    return this.series
  }
}

export interface HistoryTable {
  points: HistoryPoint[]
  counts: CountSample[]
  /**
   * Each endpoint's and the aggregate's non-overlapping windows from the raw rows, by label, for
   * the spread over time (not downsampled).
   */
  windows: Map<string, HistoryWindow[]>
  /** Aggregated rows read, before downsampling. */
  rowsRead: number
  span: HistorySpan | null
}

export class HistoryParser implements CsvSink {
  private header: string[] | null = []
  private roles = new Uint8Array(0)
  private columnNames: string[] = []
  private hasTypeColumn = false
  private readonly downsampler: HistoryDownsampler
  private readonly windows = new WindowCollector()
  private rowsRead = 0
  // The row being read.
  private readonly values = new Float64Array(Role.NumericCount)
  private readonly cells = new Uint8Array(Role.NumericCount)
  private readonly invalidText: string[] = new Array<string>(Role.NumericCount).fill('')
  private typeEmpty = true
  private nameSeen = false
  private aggregated = false
  /** An endpoint row that may be a window: its method and name, else null (the row is skipped). */
  private endpointType = ''
  private endpointName: string | null = null

  constructor(
    private readonly file: string,
    maxPoints = DEFAULT_MAX_HISTORY_POINTS
  ) {
    this.downsampler = new HistoryDownsampler(maxPoints)
  }

  field(bytes: Uint8Array, start: number, end: number, column: number): void {
    if (this.header !== null) {
      this.header.push(decodeField(bytes, start, end))
      return
    }
    const role = column < this.roles.length ? this.roles[column] : Role.Ignored
    if (role < Role.NumericCount) {
      // Endpoint rows are skipped as soon as their name is known, unless they may be a window.
      if (this.nameSeen && !this.aggregated && this.endpointName === null) return
      if (isNullBytes(bytes, start, end)) {
        this.cells[role] = Cell.Null
      } else {
        const value = parseNumberBytes(bytes, start, end)
        this.values[role] = value
        if (Number.isNaN(value)) {
          this.cells[role] = Cell.Invalid
          this.invalidText[role] = decodeField(bytes, start, end)
        } else {
          this.cells[role] = Cell.Number
        }
      }
    } else if (role === Role.Name) {
      this.nameSeen = true
      this.aggregated = equalsAscii(bytes, start, end, AGGREGATED)
      if (!this.aggregated && this.windowWanted())
        this.endpointName = decodeField(bytes, start, end)
    } else if (role === Role.Type) {
      this.typeEmpty = start === end
      // Decoded only for the rows that may be windows (one interval in ten): files can be huge.
      if (this.windowWanted()) this.endpointType = decodeField(bytes, start, end)
    }
  }

  endRecord(line: number): void {
    if (this.header !== null) {
      this.readHeader(this.header)
      this.header = null
      return
    }
    if (this.aggregated && (this.typeEmpty || !this.hasTypeColumn)) this.addSample(line)
    else if (this.endpointName !== null) this.addEndpointWindow(this.endpointName)
    this.cells.fill(Cell.Missing)
    this.typeEmpty = true
    this.nameSeen = false
    this.aggregated = false
    this.endpointType = ''
    this.endpointName = null
  }

  /** Locust writes the timestamp and users before the type and name: known by then. */
  private windowWanted(): boolean {
    return (
      this.cells[Role.Timestamp] === Cell.Number &&
      this.cells[Role.Users] === Cell.Number &&
      this.windows.wanted(this.values[Role.Timestamp], this.values[Role.Users])
    )
  }

  /** An endpoint's row in a window interval; a cell that is no number is no figure. */
  private addEndpointWindow(name: string): void {
    if (this.cells[Role.Rps] !== Cell.Number) return
    const label = endpointLabel({ method: this.endpointType, name })
    this.windows.add(label, this.values[Role.Users], this.windowOf())
  }

  private windowOf(): HistoryWindow {
    const valueOrNull = (role: Role): number | null =>
      this.cells[role] === Cell.Number ? this.values[role] : null
    return {
      timestamp: this.values[Role.Timestamp],
      rps: this.values[Role.Rps],
      p50Ms: valueOrNull(Role.P50),
      p95Ms: valueOrNull(Role.P95),
      p99Ms: valueOrNull(Role.P99)
    }
  }

  finish(): HistoryTable {
    return {
      points: this.downsampler.points(),
      counts: this.downsampler.counts(),
      windows: this.windows.finish(),
      rowsRead: this.rowsRead,
      span: this.downsampler.span()
    }
  }

  private readHeader(header: string[]): void {
    const columns = Columns.fromHeader(header, HISTORY_COLUMNS, this.file)
    const roles = new Uint8Array(header.length).fill(Role.Ignored)
    const assign = (index: number, role: Role): void => {
      if (index !== -1) roles[index] = role
    }
    assign(columns.index.type, Role.Type)
    assign(columns.index.name, Role.Name)
    assign(columns.index.timestamp, Role.Timestamp)
    assign(columns.index.users, Role.Users)
    assign(columns.index.rps, Role.Rps)
    assign(columns.index.failRps, Role.FailRps)
    assign(columns.index.totalRequests, Role.TotalRequests)
    assign(columns.index.totalFailures, Role.TotalFailures)
    const percentiles = percentileColumns(header)
    assign(percentiles.find((p) => p.quantile === 50)?.index ?? -1, Role.P50)
    assign(percentiles.find((p) => p.quantile === 95)?.index ?? -1, Role.P95)
    assign(percentiles.find((p) => p.quantile === 99)?.index ?? -1, Role.P99)
    this.roles = roles
    this.columnNames = header.map((name) => name.trim())
    this.hasTypeColumn = columns.has('type')
  }

  private columnOf(role: Role): string {
    return this.columnNames[this.roles.indexOf(role)]
  }

  private addSample(line: number): void {
    const { cells, values } = this
    // A row cut short (Locust stopped mid-write) is skipped: the series is still useful without it.
    if (REQUIRED_NUMERIC.some((role) => cells[role] === Cell.Missing)) return
    for (const role of NUMERIC) {
      const nullAllowed = PERCENTILES.includes(role)
      if (cells[role] === Cell.Invalid || (cells[role] === Cell.Null && !nullAllowed)) {
        const text = cells[role] === Cell.Null ? 'N/A' : this.invalidText[role]
        throw unreadable(
          this.file,
          line,
          `column "${this.columnOf(role)}": expected a number, got "${text}"`
        )
      }
      if (cells[role] !== Cell.Number) continue
      const value = values[role]
      const problem = !Number.isFinite(value)
        ? 'is not a finite number'
        : value < 0
          ? 'is negative'
          : WHOLE.includes(role) && !Number.isInteger(value)
            ? 'is not a whole number, and it counts things'
            : undefined
      if (problem !== undefined) {
        throw unreadable(this.file, line, `column "${this.columnOf(role)}": ${value} ${problem}`)
      }
    }
    if (values[Role.TotalFailures] > values[Role.TotalRequests]) {
      throw unreadable(
        this.file,
        line,
        `${values[Role.TotalFailures]} failures out of ${values[Role.TotalRequests]} requests; failures are requests that failed, so never more`
      )
    }
    const valueOrNaN = (role: Role): number => (cells[role] === Cell.Number ? values[role] : NaN)
    this.windows.add(AGGREGATE_LABEL, values[Role.Users], this.windowOf())
    this.downsampler.add(
      values[Role.Timestamp],
      values[Role.Users],
      values[Role.Rps],
      values[Role.FailRps],
      valueOrNaN(Role.P50),
      valueOrNaN(Role.P95),
      valueOrNaN(Role.P99),
      values[Role.TotalRequests],
      values[Role.TotalFailures]
    )
    this.rowsRead++
  }
}

function equalsAscii(bytes: Uint8Array, start: number, end: number, expected: number[]): boolean {
  if (end - start !== expected.length) return false
  for (let k = 0; k < expected.length; k++) if (bytes[start + k] !== expected[k]) return false
  return true
}
/* eslint-enable @typescript-eslint/no-unsafe-enum-comparison */
