/**
 * A results folder of A/A rounds calibrated (../thresholds/calibrate.ts), for the CLI's
 * `calibrate` and the action's `mode: calibrate`: read, computed and rendered, or why not.
 */
import { calibrationMarkdown, calibrationText } from '../report/calibration.js'
import { readRounds, ROUNDS_FILE } from '../results/rounds.js'
import { calibrate, type Calibration } from '../thresholds/calibrate.js'
import { roundsFigures } from '../thresholds/round-figures.js'

export interface CalibratedFolder {
  calibration: Calibration
  /** For the job summary and calibration.md. */
  markdown: string
  /** For a terminal or a log, at most `width` columns. */
  text: string
}

export async function calibrateFolder(
  resultsDir: string,
  options: { confidence: number; gateRounds: number; width?: number }
): Promise<CalibratedFolder | { problem: string }> {
  const read = await readRounds(resultsDir)
  if (read === undefined) {
    return {
      problem: `No ${ROUNDS_FILE} in ${resultsDir}: calibrate reads a run of several rounds against one target`
    }
  }
  if ('problem' in read) return read
  const figures = roundsFigures(read)
  if (figures === null) return { problem: `No complete round in ${resultsDir} to calibrate from` }
  const calibration = calibrate(figures, options)
  if (calibration.problem !== undefined) {
    return { problem: `Cannot calibrate from ${resultsDir}: ${calibration.problem}` }
  }
  return {
    calibration,
    markdown: calibrationMarkdown(calibration),
    text: calibrationText(calibration, options.width ?? 80)
  }
}
