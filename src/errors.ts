/**
 * The base of every error this project raises on purpose: its message is written for the user
 * (it names the input, file or resource and says what to do), so callers may show it as it is.
 */
export class DistributedLocustError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** A check before the run found a problem; nothing was started. */
export class PreflightError extends DistributedLocustError {}
