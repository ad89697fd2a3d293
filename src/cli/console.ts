/**
 * What the CLI shows while a run goes on: log lines, and a progress line that is redrawn in place
 * on a terminal and printed now and then otherwise (CI logs, pipes).
 */
import cliTruncate from 'cli-truncate'
import { plainText } from '../report/escape.js'
import { progressLine } from '../report/sentences.js'
import { PROGRESS_LOG_INTERVAL_MS, throttled, type Progress } from '../run/progress.js'

export interface Output {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

/** The process a command runs in: its streams, environment, folder and clock. */
export interface CliEnvironment {
  stdout: Output
  stderr: Output
  env: NodeJS.ProcessEnv
  cwd: string
  /** The current time, for the default results folder name. */
  now: () => Date
}

/** Exit codes of the CLI's own failures; a run's exit code is its outcome's (../report/outcome.ts). */
export const EXIT = { passed: 0, error: 2 } as const

export const NO_COLOR_OPTION = [
  '--no-color',
  'plain text without ANSI colours (also when NO_COLOR is set)'
] as const

/** Colours on a terminal, unless --no-color or NO_COLOR asks for plain text. */
export function wantsColor(colorFlag: unknown, environment: CliEnvironment): boolean {
  return colorFlag !== false && Boolean(environment.stdout.isTTY) && !environment.env.NO_COLOR
}

const CLEAR_LINE = '\r\u001b[2K'

export class RunConsole {
  private shownProgress = ''
  /** On a pipe, a progress line now and then. */
  private readonly plainProgress: (line: string) => void

  constructor(
    private readonly output: Output,
    now: () => number = Date.now
  ) {
    this.plainProgress = throttled(
      PROGRESS_LOG_INTERVAL_MS,
      (line: string) => this.output.write(`${line}\n`),
      now
    )
  }

  /** A log line; on a terminal it is printed above the progress line, which stays last. */
  log(text: string): void {
    const line = plainText(text)
    if (this.output.isTTY && this.shownProgress !== '') {
      this.output.write(`${CLEAR_LINE}${line}\n${this.shownProgress}`)
    } else {
      this.output.write(`${line}\n`)
    }
  }

  progress(progress: Progress): void {
    const line = `[progress] ${progressLine(progress)}`
    if (this.output.isTTY) {
      const columns = this.output.columns ?? 100
      // One column short of the edge, so the terminal never wraps the line it redraws.
      this.shownProgress = cliTruncate(line, columns - 1)
      this.output.write(`${CLEAR_LINE}${this.shownProgress}`)
      return
    }
    this.plainProgress(line)
  }

  /** Removes the progress line before the report is printed. */
  finish(): void {
    if (this.output.isTTY && this.shownProgress !== '') this.output.write(CLEAR_LINE)
    this.shownProgress = ''
  }
}
