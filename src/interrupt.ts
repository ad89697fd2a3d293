/**
 * SIGINT/SIGTERM for the action and the CLI. The first signal aborts the run: the backend stops
 * Locust, which writes its CSVs, and the run is reported as cancelled. The second one forces the
 * stop (engine.ts: a short grace, then what the backend started is stopped at once) and the run is
 * still reported, from whatever Locust wrote.
 */
export class Interruption {
  readonly controller = new AbortController()
  /** The first signal received, if any. */
  signal: NodeJS.Signals | undefined
  /** Resolves on the second signal. */
  readonly forceStop: Promise<void>
  private force: () => void = () => {}

  /**
   * `say` tells the user; `firstMessage` is what the first signal says (the CLI invites a second
   * Ctrl-C, the action does not: the runner sends the signals).
   */
  constructor(
    private readonly say: (message: string) => void,
    private readonly firstMessage: (signal: NodeJS.Signals) => string
  ) {
    this.forceStop = new Promise<void>((resolve) => (this.force = resolve))
  }

  /** The SIGINT/SIGTERM handler. */
  readonly handle = (signal: NodeJS.Signals): void => {
    if (this.signal === undefined) {
      this.signal = signal
      this.say(this.firstMessage(signal))
      this.controller.abort()
    } else {
      this.say(`${signal} again: stopping Locust at once; the report follows.`)
      this.force()
    }
  }

  listen(): void {
    process.on('SIGINT', this.handle)
    process.on('SIGTERM', this.handle)
  }

  stopListening(): void {
    process.off('SIGINT', this.handle)
    process.off('SIGTERM', this.handle)
  }
}
