/** `<prefix>_stats.csv`: one row per endpoint, then Locust's "Aggregated" row. Pure. */
import type { EndpointStats } from './model.js'
import {
  Columns,
  percentileColumns,
  TableParser,
  unreadable,
  type PercentileColumn
} from './columns.js'
import { ResultsError } from './errors.js'

const STATS_COLUMNS = {
  method: { names: ['Type', 'Method'], required: false },
  name: { names: ['Name'], required: true },
  requests: { names: ['Request Count'], required: true },
  failures: { names: ['Failure Count'], required: true },
  median: { names: ['Median Response Time'], required: false },
  avg: { names: ['Average Response Time'], required: false },
  min: { names: ['Min Response Time'], required: false },
  max: { names: ['Max Response Time'], required: false },
  avgContentSize: { names: ['Average Content Size'], required: false },
  rps: { names: ['Requests/s'], required: true },
  failRps: { names: ['Failures/s'], required: true }
} as const

type StatsColumn = keyof typeof STATS_COLUMNS

export interface StatsTable {
  endpoints: EndpointStats[]
  aggregate: EndpointStats
}

/** True for Locust's total row: name "Aggregated" and no method (Locust 1.0 wrote "None"). */
export function isAggregateRow(method: string, name: string): boolean {
  return (method === '' || method === 'None') && name === 'Aggregated'
}

/**
 * Refuses the CSV formats of Locust before 1.0 by name, rather than as "not Locust output": their
 * columns are "# requests", "# failures"; 0.14 wrote them to _stats.csv with percentile columns,
 * older versions to _requests.csv beside a _distribution.csv.
 */
function refuseOldFormat(file: string, header: readonly string[]): void {
  const names = header.map((name) => name.trim().toLowerCase())
  if (!names.includes('# requests')) return
  const version = names.includes('requests failed/s') ? 'Locust 0.14' : 'Locust 0.13 or older'
  throw new ResultsError(
    `${file} is in the CSV format of ${version} (columns "# requests", "# failures"), which is ` +
      `not read: the oldest format read is Locust 1.0's. Run the test again with Locust 1.0 or ` +
      `later (2.x recommended).`
  )
}

export class StatsParser extends TableParser<StatsColumn, StatsTable> {
  private percentiles: PercentileColumn[] = []
  private readonly endpoints: EndpointStats[] = []
  private aggregate: EndpointStats | null = null
  private aggregateLine = 0

  constructor(file: string) {
    super(file, STATS_COLUMNS)
  }

  protected override checkHeader(fields: string[]): void {
    refuseOldFormat(this.file, fields)
  }

  protected override header(fields: string[]): void {
    this.percentiles = percentileColumns(fields)
  }

  protected row(fields: string[], line: number, columns: Columns<StatsColumn>): void {
    const method = columns.text(fields, 'method', line)
    const name = columns.text(fields, 'name', line)
    const aggregate = isAggregateRow(method, name)
    const stats: EndpointStats = {
      method: aggregate ? '' : method,
      name,
      requests: columns.count(fields, 'requests', line),
      failures: columns.count(fields, 'failures', line),
      medianMs: columns.number(fields, 'median', line),
      avgMs: columns.number(fields, 'avg', line),
      minMs: columns.number(fields, 'min', line),
      maxMs: columns.number(fields, 'max', line),
      avgContentSize: columns.number(fields, 'avgContentSize', line),
      rps: columns.rate(fields, 'rps', line),
      failRps: columns.rate(fields, 'failRps', line),
      percentiles: this.percentiles.map(({ index, label, quantile }) => ({
        label,
        quantile,
        ms: columns.numberAt(fields, index, line)
      }))
    }
    if (stats.failures > stats.requests) {
      throw unreadable(
        this.file,
        line,
        `${stats.failures} failures out of ${stats.requests} requests; failures are requests that failed, so never more`
      )
    }
    if (aggregate && this.aggregate !== null) {
      throw unreadable(
        this.file,
        line,
        `a second "Aggregated" row (the first is on line ${this.aggregateLine}); Locust writes one total row, so two runs may have been joined into one file`
      )
    }
    if (aggregate) {
      this.aggregate = stats
      this.aggregateLine = line
    } else this.endpoints.push(stats)
  }

  finish(): StatsTable {
    if (this.columns === null) {
      throw new ResultsError(
        `${this.file} is empty, but Locust always writes a header there: the run probably ended ` +
          `before Locust wrote its results. Check the Locust log.`
      )
    }
    if (this.aggregate === null) {
      throw new ResultsError(
        `${this.file} has no "Aggregated" row, which Locust always writes last: the file looks ` +
          `truncated (was Locust stopped while writing it?). Check the Locust log.`
      )
    }
    return { endpoints: this.endpoints, aggregate: this.aggregate }
  }
}
