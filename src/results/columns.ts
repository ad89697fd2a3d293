/**
 * Finds Locust's columns by header name, never by position, so that extra or reordered columns
 * (newer Locust versions, custom percentiles) do not matter. Pure.
 */
import { ResultsError } from './errors.js'
import { parseNumberText } from './numbers.js'

/**
 * The error for a file holding numbers Locust cannot have written: the run's verdict becomes
 * "error", since no rule can be judged on them.
 */
export function unreadable(file: string, line: number, problem: string): ResultsError {
  return new ResultsError(
    `results unreadable: ${file}:${line}: ${problem}. Locust never writes this; check that the ` +
      `file is Locust's own output and was not edited.`
  )
}

export interface ColumnWanted {
  /** Accepted header names (compared trimmed and case-insensitively). */
  names: readonly string[]
  required: boolean
}

export type ColumnSpec<K extends string> = Record<K, ColumnWanted>

/** A percentile column such as "95%" or "99.9%". */
export interface PercentileColumn {
  index: number
  label: string
  quantile: number
}

const PERCENTILE_HEADER = /^(\d+(?:\.\d+)?)%$/

export function percentileColumns(header: readonly string[]): PercentileColumn[] {
  const found: PercentileColumn[] = []
  header.forEach((name, index) => {
    const match = PERCENTILE_HEADER.exec(name.trim())
    if (match) found.push({ index, label: name.trim(), quantile: Number(match[1]) })
  })
  return found
}

/** Column indexes of one file's header; -1 for an optional column the file does not have. */
export class Columns<K extends string> {
  private constructor(
    readonly file: string,
    private readonly header: readonly string[],
    readonly index: Record<K, number>
  ) {}

  static fromHeader<K extends string>(
    header: readonly string[],
    spec: ColumnSpec<K>,
    file: string
  ): Columns<K> {
    const normalized = header.map((name) => name.trim().toLowerCase())
    const index = {} as Record<K, number>
    const missing: string[] = []
    for (const key of Object.keys(spec) as K[]) {
      const wanted = spec[key]
      index[key] = normalized.findIndex((name) =>
        wanted.names.some((w) => w.toLowerCase() === name)
      )
      if (index[key] === -1 && wanted.required) missing.push(`"${wanted.names[0]}"`)
    }
    if (missing.length > 0) {
      const shown = header.length > 12 ? [...header.slice(0, 12), '…'] : header
      throw new ResultsError(
        `${file} is not Locust output: it has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} ` +
          `(its header is: ${shown.join(', ') || 'empty'}). ` +
          `Point the results folder at the CSV files Locust writes with --csv.`
      )
    }
    return new Columns(file, header, index)
  }

  has(key: K): boolean {
    return this.index[key] !== -1
  }

  /** The cell's text; "" when the column is absent. */
  text(fields: readonly string[], key: K, line: number): string {
    return this.textAt(fields, this.index[key], line)
  }

  /** The cell as a number, null for "N/A" or an absent optional column. */
  number(fields: readonly string[], key: K, line: number): number | null {
    return this.numberAt(fields, this.index[key], line)
  }

  /** A counter: a whole number of at least 0; "N/A" or an absent column count as zero. */
  count(fields: readonly string[], key: K, line: number): number {
    const value = this.number(fields, key, line) ?? 0
    if (!Number.isInteger(value)) {
      throw this.unreadable(
        line,
        this.index[key],
        `${value} is not a whole number, and a count is one`
      )
    }
    return value
  }

  /** A rate per second, at least 0; "N/A" or an absent column count as zero. */
  rate(fields: readonly string[], key: K, line: number): number {
    return this.number(fields, key, line) ?? 0
  }

  /** The text of the cell in column `index` (-1: absent, ""); throws when the row is too short. */
  textAt(fields: readonly string[], index: number, line: number): string {
    if (index === -1) return ''
    if (index >= fields.length) {
      throw new ResultsError(
        `${this.file} line ${line} has ${fields.length} cells, too few to reach its column ` +
          `"${this.headerName(index)}": the file looks truncated (was Locust stopped while writing it?).`
      )
    }
    return fields[index]
  }

  /**
   * The cell in column `index` as a number, null for "N/A". Every figure Locust writes (times,
   * sizes, counts, rates) is finite and never negative, so anything else is refused.
   */
  numberAt(fields: readonly string[], index: number, line: number): number | null {
    const text = this.textAt(fields, index, line)
    const value = index === -1 ? null : parseNumberText(text)
    if (value === null) return null
    if (Number.isNaN(value))
      throw this.unreadable(line, index, `expected a number or N/A, got "${text}"`)
    if (!Number.isFinite(value))
      throw this.unreadable(line, index, `"${text}" is not a finite number`)
    if (value < 0)
      throw this.unreadable(line, index, `${text} is negative, which Locust never writes`)
    return value
  }

  /** The error for an impossible cell: "results unreadable: x_stats.csv:4: column …". */
  unreadable(line: number, index: number, problem: string): ResultsError {
    return unreadable(this.file, line, `column "${this.headerName(index)}": ${problem}`)
  }

  private headerName(index: number): string {
    return this.header[index].trim()
  }
}

/** Consumes a CSV file record by record (the header first) and builds a result. */
export interface RecordParser<T> {
  record(fields: string[], line: number): void
  finish(): T
}

/** A RecordParser that finds its columns in the header, then hands over each data row. */
export abstract class TableParser<K extends string, T> implements RecordParser<T> {
  protected columns: Columns<K> | null = null

  constructor(
    protected readonly file: string,
    private readonly spec: ColumnSpec<K>
  ) {}

  record(fields: string[], line: number): void {
    if (this.columns === null) {
      this.checkHeader(fields)
      this.columns = Columns.fromHeader(fields, this.spec, this.file)
      this.header(fields)
    } else {
      this.row(fields, line, this.columns)
    }
  }

  /** Called once with the header, before the columns are looked for: refuses known non-formats. */
  protected checkHeader(_fields: string[]): void {}

  /** Called once with the header, after the columns were found. */
  protected header(_fields: string[]): void {}

  protected abstract row(fields: string[], line: number, columns: Columns<K>): void

  abstract finish(): T
}
