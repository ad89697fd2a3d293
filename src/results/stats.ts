/** `<prefix>_stats.csv`: one row per endpoint, then Locust's "Aggregated" row. Pure. */
import type { EndpointStats } from './model.js'
import { Columns, percentileColumns, TableParser, type PercentileColumn } from './columns.js'
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

/** True for Locust's total row: no method, name "Aggregated". */
export function isAggregateRow(method: string, name: string): boolean {
  return method === '' && name === 'Aggregated'
}

export class StatsParser extends TableParser<StatsColumn, StatsTable> {
  private percentiles: PercentileColumn[] = []
  private readonly endpoints: EndpointStats[] = []
  private aggregate: EndpointStats | null = null

  constructor(file: string) {
    super(file, STATS_COLUMNS)
  }

  protected override header(fields: string[]): void {
    this.percentiles = percentileColumns(fields)
  }

  protected row(fields: string[], line: number, columns: Columns<StatsColumn>): void {
    const stats: EndpointStats = {
      method: columns.text(fields, 'method', line),
      name: columns.text(fields, 'name', line),
      requests: columns.count(fields, 'requests', line),
      failures: columns.count(fields, 'failures', line),
      medianMs: columns.number(fields, 'median', line),
      avgMs: columns.number(fields, 'avg', line),
      minMs: columns.number(fields, 'min', line),
      maxMs: columns.number(fields, 'max', line),
      avgContentSize: columns.number(fields, 'avgContentSize', line),
      rps: columns.count(fields, 'rps', line),
      failRps: columns.count(fields, 'failRps', line),
      percentiles: this.percentiles.map(({ index, label, quantile }) => ({
        label,
        quantile,
        ms: columns.numberAt(fields, index, line)
      }))
    }
    if (isAggregateRow(stats.method, stats.name)) this.aggregate = stats
    else this.endpoints.push(stats)
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
