/** Live figures a backend reports while the test runs (for the CLI's progress line and step logs). */
export interface Progress {
  elapsedSeconds: number
  totalSeconds: number
  users?: number
  /** Locust worker processes connected to the master (a Fargate task may run several). */
  workers?: number
  rps?: number
  /** The whole test's 95th percentile so far, in ms. */
  p95Ms?: number
  /** Failed requests so far. */
  failures?: number
  failRatio?: number
  message?: string
}

/** Where progress is logged line by line (step log, a pipe), one line per this long at most. */
export const PROGRESS_LOG_INTERVAL_MS = 10_000

/** Calls `action` at most once per `intervalMs`, so long runs do not flood a log. */
export function throttled<T>(
  intervalMs: number,
  action: (value: T) => void,
  now: () => number = Date.now
): (value: T) => void {
  let last = -Infinity
  return (value) => {
    const at = now()
    if (at - last < intervalMs) return
    last = at
    action(value)
  }
}
