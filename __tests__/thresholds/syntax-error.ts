import { parseThresholds, ThresholdSyntaxError } from '../../src/thresholds/parse.js'

/** The ThresholdSyntaxError that parsing `text` throws. */
export function syntaxError(text: string): ThresholdSyntaxError {
  try {
    parseThresholds(text)
  } catch (error) {
    if (error instanceof ThresholdSyntaxError) return error
    throw error
  }
  throw new Error(`expected a ThresholdSyntaxError for ${JSON.stringify(text)}`)
}
