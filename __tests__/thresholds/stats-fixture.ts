/**
 * Builds LocustResults from a real `_stats.csv` fixture, reading only what threshold evaluation
 * needs (the stats rows); the full reader lives in src/results/.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { EndpointStats, LocustResults } from '../../src/results/model.js'

const PERCENTILE_HEADER = /^(\d+(?:\.\d+)?)%$/

function numberOrNull(text: string): number | null {
  return text === 'N/A' ? null : Number(text)
}

function toEndpointStats(row: Record<string, string>): EndpointStats {
  return {
    method: row['Type'],
    name: row['Name'],
    requests: Number(row['Request Count']),
    failures: Number(row['Failure Count']),
    medianMs: numberOrNull(row['Median Response Time']),
    avgMs: numberOrNull(row['Average Response Time']),
    minMs: numberOrNull(row['Min Response Time']),
    maxMs: numberOrNull(row['Max Response Time']),
    avgContentSize: numberOrNull(row['Average Content Size']),
    rps: Number(row['Requests/s']),
    failRps: Number(row['Failures/s']),
    percentiles: Object.keys(row).flatMap((label) => {
      const match = PERCENTILE_HEADER.exec(label)
      return match ? [{ label, quantile: Number(match[1]), ms: numberOrNull(row[label]) }] : []
    })
  }
}

export function loadStatsFixture(fileName: string): LocustResults {
  const text = readFileSync(new URL(`../fixtures/thresholds/${fileName}`, import.meta.url), 'utf8')
  const rows = (parse(text, { columns: true }) as Record<string, string>[]).map(toEndpointStats)
  const aggregate = rows.find((stats) => stats.method === '' && stats.name === 'Aggregated')
  if (!aggregate) throw new Error(`${fileName} has no Aggregated row`)
  return {
    endpoints: rows.filter((stats) => stats !== aggregate),
    aggregate,
    history: [],
    historyRowsRead: 0,
    failures: [],
    exceptions: [],
    missingFiles: []
  }
}
