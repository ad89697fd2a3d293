/** Time as the AWS backend sees it; tests inject a clock that does not really wait. */
export interface Clock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    })
}

/** Poll intervals that start short (load start is latency-sensitive) and back off to `maxMs`. */
export function* backoff(firstMs = 1000, factor = 1.5, maxMs = 10_000): Generator<number> {
  for (let delay = firstMs; ; delay = Math.min(maxMs, delay * factor)) yield Math.round(delay)
}
