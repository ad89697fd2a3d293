/** The threshold language: parse rules, evaluate them against results, and describe them. */

export { parseThresholds, ThresholdSyntaxError, type ThresholdProblem } from './parse.js'
export { evaluateThresholds } from './evaluate.js'
export { describeRule, formatValue } from './format.js'
export { metricFamily, metricName, type MetricFamily } from './metrics.js'
