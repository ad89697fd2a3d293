/**
 * Safe by default: a gate that checks only response times passes a dead target, whose connection
 * errors are fast. So when no rule checks failures, `fail_ratio < 1%` applies. Pure.
 */
import type { Metric, ThresholdRule } from './model.js'

const FAILURE_METRICS: readonly Metric['kind'][] = ['fail_ratio', 'failures', 'fail_rps']

/** The guard as it is shown and documented. */
export const DEFAULT_FAILURE_RULE: ThresholdRule = {
  text: 'fail_ratio < 1%',
  line: 0,
  metric: { kind: 'fail_ratio' },
  operator: '<',
  limit: 0.01,
  isDefault: true
}

/**
 * True when a rule (for the aggregate or an endpoint) limits failures. A baseline rule counts only
 * when there is a baseline: without one it is skipped, and the run would go unguarded.
 */
function checksFailures(rules: readonly ThresholdRule[], hasBaseline: boolean): boolean {
  return rules.some(
    (rule) =>
      FAILURE_METRICS.includes(rule.metric.kind) && (rule.baseline === undefined || hasBaseline)
  )
}

/** The rules to evaluate: the user's, plus the default guard when none of them checks failures. */
export function withDefaultGuard(
  rules: readonly ThresholdRule[],
  hasBaseline = false
): ThresholdRule[] {
  return checksFailures(rules, hasBaseline) ? [...rules] : [...rules, DEFAULT_FAILURE_RULE]
}
