import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  DEFAULT_POLICY,
  EXIT_CODES,
  stepOutcome,
  verdictOf,
  VERDICTS,
  type OutcomePolicy,
  type Verdict
} from '../../src/report/outcome.js'

const policies: OutcomePolicy[] = [true, false].flatMap((failOnThreshold) =>
  (['pass', 'fail'] as const).flatMap((onInconclusive) =>
    (['pass', 'fail'] as const).map((onInvalid) => ({ failOnThreshold, onInconclusive, onInvalid }))
  )
)

describe('stepOutcome', () => {
  it('fails the step by default for every verdict but passed and inconclusive', () => {
    const failing = VERDICTS.filter((verdict) => stepOutcome(verdict).fails)
    expect(failing.sort()).toEqual(['cancelled', 'error', 'failed', 'invalid'])
    expect(stepOutcome('inconclusive')).toEqual({
      fails: false,
      warns: true,
      exitCode: 0,
      passed: true
    })
  })

  it('always fails the step for error and cancelled, whatever the policy', () => {
    for (const policy of policies) {
      for (const verdict of ['error', 'cancelled'] as const) {
        expect(stepOutcome(verdict, policy)).toMatchObject({
          fails: true,
          exitCode: EXIT_CODES[verdict],
          passed: false
        })
      }
    }
  })

  it('lets each policy input govern its own verdict only', () => {
    const lenient: OutcomePolicy = {
      failOnThreshold: false,
      onInconclusive: 'pass',
      onInvalid: 'pass'
    }
    const strict: OutcomePolicy = {
      failOnThreshold: true,
      onInconclusive: 'fail',
      onInvalid: 'fail'
    }
    const governed: [Verdict, keyof OutcomePolicy][] = [
      ['failed', 'failOnThreshold'],
      ['inconclusive', 'onInconclusive'],
      ['invalid', 'onInvalid']
    ]
    for (const [verdict, input] of governed) {
      expect(stepOutcome(verdict, strict).fails).toBe(true)
      expect(stepOutcome(verdict, { ...strict, [input]: lenient[input] }).fails).toBe(false)
      expect(stepOutcome(verdict, { ...lenient, [input]: strict[input] }).fails).toBe(true)
    }
  })

  it('never fails silently: a verdict let through warns, a failing one exits non-zero', () => {
    for (const policy of policies) {
      for (const verdict of VERDICTS) {
        const outcome = stepOutcome(verdict, policy)
        expect(outcome.exitCode === 0).toBe(!outcome.fails)
        if (verdict !== 'passed') expect(outcome.fails || outcome.warns).toBe(true)
        if (outcome.passed) expect(outcome.fails).toBe(false)
      }
    }
  })

  it('says passed only of rules that held or an inconclusive let through', () => {
    const passing = VERDICTS.filter((verdict) =>
      policies.some((policy) => stepOutcome(verdict, policy).passed)
    )
    expect(passing.sort()).toEqual(['inconclusive', 'passed'])
    expect(stepOutcome('failed', { ...DEFAULT_POLICY, failOnThreshold: false }).passed).toBe(false)
  })

  it('gives every failing verdict its own exit code', () => {
    const codes = VERDICTS.filter((verdict) => verdict !== 'passed').map((v) => EXIT_CODES[v])
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes).not.toContain(0)
  })
})

describe('verdictOf', () => {
  it('takes the most severe verdict that applies', () => {
    const all = {
      cancelled: true,
      error: true,
      invalid: true,
      anyRuleFailed: true,
      anyRuleInconclusive: true
    }
    expect(verdictOf(all)).toBe('cancelled')
    expect(verdictOf({ ...all, cancelled: false })).toBe('error')
    expect(verdictOf({ ...all, cancelled: false, error: false })).toBe('invalid')
    expect(verdictOf({ ...all, cancelled: false, error: false, invalid: false })).toBe('failed')
    const none = { cancelled: false, error: false, invalid: false, anyRuleFailed: false }
    expect(verdictOf({ ...none, anyRuleInconclusive: true })).toBe('inconclusive')
    expect(verdictOf({ ...none, anyRuleInconclusive: false })).toBe('passed')
  })

  it('fails a run an abort rule ended, whatever its partial figures show; a cancel or an error still wins', () => {
    const aborted = {
      cancelled: false,
      error: false,
      aborted: true,
      invalid: true,
      anyRuleFailed: false,
      anyRuleInconclusive: true
    }
    expect(verdictOf(aborted)).toBe('failed')
    expect(verdictOf({ ...aborted, invalid: false, anyRuleInconclusive: false })).toBe('failed')
    expect(verdictOf({ ...aborted, error: true })).toBe('error')
    expect(verdictOf({ ...aborted, cancelled: true })).toBe('cancelled')
  })
})

describe('docs/outcomes.md', () => {
  const doc = readFileSync(new URL('../../docs/outcomes.md', import.meta.url), 'utf8')

  it('states each verdict with the exit code, passed output and step outcome of the code', () => {
    for (const verdict of VERDICTS) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${verdict}\``))
      expect(row).toBeDefined()
      const cells = row!.split('|').map((cell) => cell.trim())
      const outcome = stepOutcome(verdict)
      expect(cells[3]).toContain(String(outcome.exitCode === 0 ? 0 : EXIT_CODES[verdict]))
      expect(cells[4]).toContain(`\`${String(outcome.passed)}\``)
      expect(cells[5].startsWith(outcome.fails ? 'fails' : 'succeeds')).toBe(true)
    }
  })

  it('says that an aborted run is failed, never unfit, and shows the abort syntax and message', () => {
    const item = doc.slice(doc.indexOf('4. **`failed`**'), doc.indexOf('5. **'))
    expect(item).toContain(
      'A run that an abort rule ended early is `failed` too, never\n   `invalid`'
    )
    const lines = doc.split('\n')
    expect(lines.find((line) => line.startsWith('| `failed`'))).toContain(
      'or an abort rule ended the run'
    )
    expect(doc).toContain('`fail_ratio < 5% abort after 30s`')
    expect(doc).toContain('aborted at 2:10 by')
  })
})
