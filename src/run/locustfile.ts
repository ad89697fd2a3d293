/** What the action reads in a locustfile's text (pure). */

/** Whether a locustfile defines a LoadTestShape subclass. */
export function definesLoadShape(source: string): boolean {
  return /^\s*class\s+\w+\s*\([^)]*\bLoadTestShape\b[^)]*\)\s*:/m.test(source)
}
