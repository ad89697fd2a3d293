/**
 * `<prefix>_failures.csv` (Method, Name, Error, Occurrences; newer Locust versions may add
 * First Seen / Last Seen) and `<prefix>_exceptions.csv` (Count, Message, Traceback, Nodes, with
 * multi-line tracebacks). Pure.
 */
import type { ExceptionRecord, FailureRecord, NotKept } from './model.js'
import { Columns, TableParser } from './columns.js'

/**
 * Bounds on what a failures or exceptions file brings into the report and results.json: a failure
 * message can be megabytes (a response body quoted whole), and a broken target can raise one
 * distinct error per request.
 */
export const MAX_MESSAGE_CHARS = 4_000
export const MAX_RECORDS_KEPT = 500

/** The text, cut to `max` characters with a note of how much was cut. */
export function capText(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text
  return `${text.slice(0, max)}… [${(text.length - max).toLocaleString('en-US')} more characters cut]`
}

/**
 * Keeps the `limit` most frequent records in file order, counting what it drops; memory stays
 * within twice the limit however long the file.
 */
class MostFrequent<T> {
  private kept: { record: T; index: number }[] = []
  private seen = 0
  private readonly dropped: NotKept = { records: 0, occurrences: 0 }

  constructor(
    private readonly count: (record: T) => number,
    private readonly limit = MAX_RECORDS_KEPT
  ) {}

  add(record: T): void {
    this.kept.push({ record, index: this.seen++ })
    if (this.kept.length >= 2 * this.limit) this.trim()
  }

  finish(): { records: T[]; notKept?: NotKept } {
    this.trim()
    const records = this.kept.sort((a, b) => a.index - b.index).map(({ record }) => record)
    return this.dropped.records === 0 ? { records } : { records, notKept: { ...this.dropped } }
  }

  private trim(): void {
    if (this.kept.length <= this.limit) return
    this.kept.sort((a, b) => this.count(b.record) - this.count(a.record) || a.index - b.index)
    for (const { record } of this.kept.splice(this.limit)) {
      this.dropped.records += 1
      this.dropped.occurrences += this.count(record)
    }
  }
}

const FAILURE_COLUMNS = {
  method: { names: ['Method', 'Type'], required: false },
  name: { names: ['Name'], required: true },
  error: { names: ['Error'], required: true },
  occurrences: { names: ['Occurrences'], required: true },
  firstSeen: { names: ['First Seen'], required: false },
  lastSeen: { names: ['Last Seen'], required: false }
} as const

export class FailuresParser extends TableParser<
  keyof typeof FAILURE_COLUMNS,
  { records: FailureRecord[]; notKept?: NotKept }
> {
  private readonly failures = new MostFrequent<FailureRecord>((failure) => failure.occurrences)

  constructor(file: string) {
    super(file, FAILURE_COLUMNS)
  }

  protected row(
    fields: string[],
    line: number,
    columns: Columns<keyof typeof FAILURE_COLUMNS>
  ): void {
    const failure: FailureRecord = {
      method: columns.text(fields, 'method', line),
      name: columns.text(fields, 'name', line),
      error: capText(columns.text(fields, 'error', line)),
      occurrences: columns.count(fields, 'occurrences', line)
    }
    if (columns.has('firstSeen')) failure.firstSeen = columns.text(fields, 'firstSeen', line)
    if (columns.has('lastSeen')) failure.lastSeen = columns.text(fields, 'lastSeen', line)
    this.failures.add(failure)
  }

  /** The most frequent failures in file order (none for an empty file), and what was dropped. */
  finish(): { records: FailureRecord[]; notKept?: NotKept } {
    return this.failures.finish()
  }
}

const EXCEPTION_COLUMNS = {
  count: { names: ['Count'], required: true },
  message: { names: ['Message'], required: true },
  traceback: { names: ['Traceback'], required: true },
  nodes: { names: ['Nodes'], required: false }
} as const

export class ExceptionsParser extends TableParser<
  keyof typeof EXCEPTION_COLUMNS,
  { records: ExceptionRecord[]; notKept?: NotKept }
> {
  private readonly exceptions = new MostFrequent<ExceptionRecord>((exception) => exception.count)

  constructor(file: string) {
    super(file, EXCEPTION_COLUMNS)
  }

  protected row(
    fields: string[],
    line: number,
    columns: Columns<keyof typeof EXCEPTION_COLUMNS>
  ): void {
    this.exceptions.add({
      count: columns.count(fields, 'count', line),
      message: capText(columns.text(fields, 'message', line)),
      traceback: capText(columns.text(fields, 'traceback', line)),
      nodes: capText(columns.text(fields, 'nodes', line))
    })
  }

  /** The most frequent exceptions in file order (none for an empty file), and what was dropped. */
  finish(): { records: ExceptionRecord[]; notKept?: NotKept } {
    return this.exceptions.finish()
  }
}
