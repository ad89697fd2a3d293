/**
 * A results folder of A/A rounds calibrated (../thresholds/calibrate.ts), for the CLI's
 * `calibrate` and the action's `mode: calibrate`: read, computed and rendered, or why not.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { calibrationMarkdown, calibrationText } from '../report/calibration.js'
import { readRounds, ROUNDS_FILE } from '../results/rounds.js'
import { calibrate, type Calibration } from '../thresholds/calibrate.js'
import { roundsFigures } from '../thresholds/round-figures.js'
import { DEFAULT_CONFIDENCE } from '../thresholds/evaluate.js'
import type { RunConfig } from './config.js'

/** Where a calibration is written, beside the rounds it comes from (and in the action's artifact). */
export const CALIBRATION_FILE = 'calibration.md'

/** Writes the calibration's markdown into the results folder; returns the file's path. */
export async function writeCalibrationFile(resultsDir: string, markdown: string): Promise<string> {
  const path = join(resultsDir, CALIBRATION_FILE)
  await writeFile(path, markdown)
  return path
}

/** Paired rounds the gate is assumed to run when nothing says otherwise. */
export const DEFAULT_GATE_ROUNDS = 3

/** Whether the run is `mode: calibrate`. */
export function isCalibration(config: Pick<RunConfig, 'rounds'>): boolean {
  return config.rounds?.calibrate === true
}

/**
 * A calibration compares no versions: its baseline rules are left out (`ignored` says so when
 * some were given). Its absolute rules, and the `fail_ratio < 1%` guard when none checks failures,
 * are judged as usual: the noise of a target that fails its requests is not the service's.
 */
export function calibrationRun<C extends Pick<RunConfig, 'thresholds'>>(
  config: C
): { config: C; ignored?: string } {
  const absolute = config.thresholds.filter((rule) => rule.baseline === undefined)
  const count = config.thresholds.length - absolute.length
  return {
    config: { ...config, thresholds: absolute },
    ...(count === 0
      ? {}
      : {
          ignored: `mode: calibrate compares no versions: the ${count} baseline rule${count === 1 ? ' is' : 's are'} not judged in this run (its absolute rules are).`
        })
  }
}

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

/** The rounds a `mode: calibrate` run left in its results folder, calibrated at its confidence. */
export function calibrateRunFolder(
  config: Pick<RunConfig, 'resultsDir' | 'confidence'>,
  options: { gateRounds: number; width?: number }
): Promise<CalibratedFolder | { problem: string }> {
  return calibrateFolder(config.resultsDir, {
    confidence: config.confidence ?? DEFAULT_CONFIDENCE,
    ...options
  })
}
