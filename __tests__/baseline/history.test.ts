/** The baseline history: which earlier runs count, newest first, and its settings. */
import { baselineHistory, mayBeAccepted, mayEnterHistory } from '../../src/baseline/history.js'
import type { Baseline } from '../../src/baseline/model.js'
import { parseGateInputs } from '../../src/inputs/gate.js'
import { InputError } from '../../src/inputs/model.js'

function run(runId: string, verdict?: string, accepted = false): Baseline {
  const stats = {
    method: '',
    name: 'Aggregated',
    requests: 1,
    failures: 0,
    medianMs: 1,
    avgMs: 1,
    minMs: 1,
    maxMs: 1,
    avgContentSize: 0,
    rps: 1,
    failRps: 0,
    percentiles: []
  }
  return {
    source: `run ${runId}`,
    runId,
    ...(verdict === undefined ? {} : { verdict }),
    ...(accepted ? { accepted } : {}),
    aggregate: stats,
    endpoints: []
  }
}

const ids = (history: Baseline[]) => history.map((baseline) => baseline.runId)

describe('baselineHistory', () => {
  test('keeps the newest K valid runs; failed, cancelled, invalid and errored runs never enter', () => {
    const candidates = [
      run('9', 'invalid'),
      run('8', 'passed'),
      run('7', 'failed'),
      run('6', 'inconclusive'),
      run('5', 'cancelled'),
      run('4', 'error'),
      run('3'), // written before verdicts existed: only passing runs were stored then
      run('2', 'passed')
    ]
    expect(ids(baselineHistory(candidates, 5))).toEqual(['8', '6', '3', '2'])
    expect(ids(baselineHistory(candidates, 2))).toEqual(['8', '6'])
  })

  test('an accepted run starts the history again: older runs no longer count', () => {
    const candidates = [run('4', 'passed'), run('3', 'failed', true), run('2', 'passed')]
    expect(ids(baselineHistory(candidates, 5))).toEqual(['4', '3'])
  })

  test('a failed run may be accepted on purpose; one unfit to judge or that did not run may not', () => {
    expect(['passed', 'inconclusive', 'failed'].every(mayBeAccepted)).toBe(true)
    expect(['invalid', 'error', 'cancelled'].some(mayBeAccepted)).toBe(false)
    expect(mayEnterHistory('failed')).toBe(false)
  })
})

describe('baseline-history and accept-baseline inputs', () => {
  test('default to 5 runs and not accepting', () => {
    expect(parseGateInputs({}, '/ws')).toMatchObject({ historySize: 5, acceptBaseline: false })
    expect(
      parseGateInputs({ 'baseline-history': '12', 'accept-baseline': 'true' }, '/ws')
    ).toMatchObject({ historySize: 12, acceptBaseline: true })
  })

  test('out of range or not a boolean: each named', () => {
    let problems: string[] = []
    try {
      parseGateInputs({ 'baseline-history': '0', 'accept-baseline': 'maybe' }, '/ws')
    } catch (error) {
      problems = (error as InputError).problems.map((problem) => problem.message)
    }
    expect(problems).toEqual([
      `Input 'baseline-history': got "0"; expected a whole number from 1 to 20.`,
      `Input 'accept-baseline': got "maybe"; expected "true" or "false".`
    ])
  })
})
