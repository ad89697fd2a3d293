/**
 * The calibration (`distributed-locust calibrate`, ../thresholds/calibrate.ts) for people: a
 * markdown section for the job summary and plain lines for an 80-column terminal.
 */
import type { Calibration, NoiseBand } from '../thresholds/calibrate.js'
import { inlineCode, markdownText, tableCode } from './escape.js'
import { formatCount, formatSeconds, formatValue } from './format.js'

function valueOf(band: NoiseBand): string {
  return formatValue(band.value, band.metric === 'rps' ? 'rate' : 'time')
}

function percent(ratio: number): string {
  return `${(Math.abs(ratio - 1) * 100).toFixed(1)} %`
}

function spreadOf(band: NoiseBand): string {
  return band.band === null ? 'unknown' : `±${percent(band.band.high)}`
}

function factor(ratio: number | null): string {
  return ratio === null ? 'n/a' : `×${ratio.toFixed(2)}`
}

function intro(calibration: Calibration): string {
  return (
    `${formatCount(calibration.rounds)} A/A rounds of ${formatSeconds(calibration.roundSeconds)} ` +
    `paired among themselves (${formatCount(calibration.pairs)} ${calibration.pairs === 1 ? 'pair' : 'pairs'}); a gate of ` +
    `${formatCount(calibration.gateRounds)} paired rounds at confidence ${calibration.confidence}. ` +
    `"A/A pair" is the ratio two rounds of identical code fall within; "passes" the smallest ` +
    `tolerance identical code passes 80 % of the time; "catches" the smallest slowdown caught 80 % of ` +
    `the time under it.`
  )
}

function runTimeAdvice(calibration: Calibration): string {
  const seconds = calibration.suggestedRoundSeconds
  return seconds > calibration.roundSeconds
    ? `Each round's own sampling noise dominates: rounds of ${formatSeconds(seconds)} (run-time) narrow the band.`
    : `The spread between rounds dominates: longer rounds will not help much; more rounds will.`
}

export function calibrationMarkdown(calibration: Calibration): string {
  if (calibration.problem !== undefined) {
    return `## Calibration\n\n${markdownText(calibration.problem)}\n`
  }
  const rows = calibration.bands.map(
    (band) =>
      `| ${tableCode(band.label)} | ${band.metric} | ${valueOf(band)} | ${spreadOf(band)} | ` +
      `${factor(band.tolerance)} | ${factor(band.detectable)} |`
  )
  return [
    '## Calibration',
    '',
    markdownText(intro(calibration), 1000),
    '',
    '| Endpoint | Figure | Value | A/A pair | Passes | Catches |',
    '| :-- | :-- | --: | --: | --: | --: |',
    ...rows,
    '',
    'Suggested rules:',
    '',
    '```',
    ...calibration.suggestedRules,
    '```',
    '',
    `${markdownText(runTimeAdvice(calibration))} Use the rules with ${inlineCode(`rounds: ${calibration.gateRounds}`)}.`,
    ''
  ].join('\n')
}

/** Plain lines, at most `width` columns (names cut with an ellipsis). */
export function calibrationText(calibration: Calibration, width = 80): string {
  if (calibration.problem !== undefined) return `Calibration: ${calibration.problem}`
  const nameWidth = Math.max(12, width - 56)
  const cut = (text: string) =>
    text.length > nameWidth ? `${text.slice(0, nameWidth - 1)}…` : text.padEnd(nameWidth)
  const header =
    `${'Endpoint'.padEnd(nameWidth)}  ${'Figure'.padEnd(6)} ${'Value'.padStart(11)} ` +
    `${'A/A pair'.padStart(9)} ${'Passes'.padStart(7)} ${'Catches'.padStart(8)}`
  const lines = calibration.bands.map(
    (band) =>
      `${cut(band.label)}  ${band.metric.padEnd(6)} ${valueOf(band).padStart(11)} ` +
      `${spreadOf(band).padStart(9)} ${factor(band.tolerance).padStart(7)} ` +
      `${factor(band.detectable).padStart(8)}`
  )
  return [
    'Calibration',
    wrap(intro(calibration), width),
    '',
    header,
    ...lines,
    '',
    'Suggested rules:',
    ...calibration.suggestedRules.map((rule) => `  ${rule}`),
    wrap(
      `${runTimeAdvice(calibration)} Use the rules with --rounds ${calibration.gateRounds} (rounds: ${calibration.gateRounds}).`,
      width
    )
  ].join('\n')
}

function wrap(text: string, width: number): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.join('\n')
}
