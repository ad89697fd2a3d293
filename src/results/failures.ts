/**
 * `<prefix>_failures.csv` (Method, Name, Error, Occurrences; newer Locust versions may add
 * First Seen / Last Seen) and `<prefix>_exceptions.csv` (Count, Message, Traceback, Nodes, with
 * multi-line tracebacks). Pure.
 */
import type { ExceptionRecord, FailureRecord } from './model.js'
import { Columns, TableParser } from './columns.js'

const FAILURE_COLUMNS = {
  method: { names: ['Method', 'Type'], required: false },
  name: { names: ['Name'], required: true },
  error: { names: ['Error'], required: true },
  occurrences: { names: ['Occurrences'], required: true },
  firstSeen: { names: ['First Seen'], required: false },
  lastSeen: { names: ['Last Seen'], required: false }
} as const

export class FailuresParser extends TableParser<keyof typeof FAILURE_COLUMNS, FailureRecord[]> {
  private readonly failures: FailureRecord[] = []

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
      error: columns.text(fields, 'error', line),
      occurrences: columns.count(fields, 'occurrences', line)
    }
    if (columns.has('firstSeen')) failure.firstSeen = columns.text(fields, 'firstSeen', line)
    if (columns.has('lastSeen')) failure.lastSeen = columns.text(fields, 'lastSeen', line)
    this.failures.push(failure)
  }

  /** The failures in file order; none for an empty file. */
  finish(): FailureRecord[] {
    return this.failures
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
  ExceptionRecord[]
> {
  private readonly exceptions: ExceptionRecord[] = []

  constructor(file: string) {
    super(file, EXCEPTION_COLUMNS)
  }

  protected row(
    fields: string[],
    line: number,
    columns: Columns<keyof typeof EXCEPTION_COLUMNS>
  ): void {
    this.exceptions.push({
      count: columns.count(fields, 'count', line),
      message: columns.text(fields, 'message', line),
      traceback: columns.text(fields, 'traceback', line),
      nodes: columns.text(fields, 'nodes', line)
    })
  }

  /** The exceptions in file order; none for an empty file. */
  finish(): ExceptionRecord[] {
    return this.exceptions
  }
}
