import { describe, expect, test } from '@jest/globals'
import { toResultsJson } from '../../src/report/json.js'
import { actionOutputs, resultOutputs } from '../../src/report/outputs.js'
import { errorReport, failingReport, passingReport } from './reports.js'

describe('resultOutputs', () => {
  test("match Locust's Aggregated row and the rounded figures of results.json", async () => {
    const report = await failingReport()
    const outputs = resultOutputs(report)
    expect(outputs).toEqual({
      passed: 'false',
      skipped: '0',
      requests: '4333',
      failures: '1079',
      'fail-ratio': '0.249019',
      rps: '541.697',
      p50: '1',
      p95: '4',
      p99: '8',
      'baseline-run-id': '',
      'cost-usd': '',
      'p95-delta': '',
      'p95-change': '',
      'rps-change': '',
      'fail-ratio-delta': ''
    })
    const totals = toResultsJson(report).totals!
    expect(outputs.rps).toBe(String(totals.rps))
    expect(outputs['fail-ratio']).toBe(String(totals.failRatio))
    expect(outputs.p95).toBe(String(totals.percentiles.p95))
  })

  test('passed is "true" only for a passing run; unknown figures are empty strings', async () => {
    expect(resultOutputs(await passingReport()).passed).toBe('true')
    expect(resultOutputs(errorReport())).toEqual({
      passed: 'false',
      skipped: '0',
      requests: '',
      failures: '',
      'fail-ratio': '',
      rps: '',
      p50: '',
      p95: '',
      p99: '',
      'baseline-run-id': '',
      'cost-usd': '',
      'p95-delta': '',
      'p95-change': '',
      'rps-change': '',
      'fail-ratio-delta': ''
    })
  })
})

test('skipped counts the baseline rules that had no baseline to compare', async () => {
  const report = await passingReport()
  const [rule] = report.evaluation.results
  const skipped = { ...rule, actual: null, limit: null, verdict: 'skipped' as const }
  const withSkipped = {
    ...report,
    evaluation: { ...report.evaluation, results: [skipped, skipped, rule] }
  }
  expect(resultOutputs(withSkipped).skipped).toBe('2')
})

describe('actionOutputs', () => {
  test('add the verdict and where the results and report were written', () => {
    const location = {
      resultsDir: 'out',
      summaryPath: 'out/summary.md',
      resultsJsonPath: 'out/results.json'
    }
    expect(actionOutputs(errorReport(), location)).toEqual({
      ...resultOutputs(errorReport()),
      verdict: 'error',
      'results-dir': 'out',
      'summary-path': 'out/summary.md',
      'results-json': 'out/results.json'
    })
  })
})
