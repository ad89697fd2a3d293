/**
 * What the CLI shows while a run goes on: log lines, and a progress line that is redrawn in place
 * on a terminal and printed now and then otherwise (CI logs, pipes).
 */
import type { Progress } from '../backend/types.js'
import { progressLine } from '../report/sentences.js'

export interface Output {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

/** On a pipe, one progress line per this many milliseconds at most. */
const PLAIN_PROGRESS_INTERVAL_MS = 10_000
const CLEAR_LINE = '\r\u001b[2K'

export class RunConsole {
  private shownProgress = ''
  private lastPlainProgressAt = -Infinity

  constructor(
    private readonly output: Output,
    private readonly now: () => number = Date.now
  ) {}

  /** A log line; on a terminal it is printed above the progress line, which stays last. */
  log(line: string): void {
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
      this.shownProgress = line.length >= columns ? `${line.slice(0, columns - 2)}…` : line
      this.output.write(`${CLEAR_LINE}${this.shownProgress}`)
      return
    }
    const now = this.now()
    if (now - this.lastPlainProgressAt < PLAIN_PROGRESS_INTERVAL_MS) return
    this.lastPlainProgressAt = now
    this.output.write(`${line}\n`)
  }

  /** Removes the progress line before the report is printed. */
  finish(): void {
    if (this.output.isTTY && this.shownProgress !== '') this.output.write(CLEAR_LINE)
    this.shownProgress = ''
  }
}
