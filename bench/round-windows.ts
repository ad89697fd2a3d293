/** What the rounds benches share: the load they make and the round windows rounds.json lists. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Users that ask the target's /wait endpoint 20 times a second each. */
export const WAIT_LOCUSTFILE = `from locust import HttpUser, constant, task


class Visitor(HttpUser):
    wait_time = constant(0.05)

    @task
    def wait(self):
        self.client.get("/wait")
`

/** One measured window of rounds.json (docs/rounds.md). */
export interface RoundWindow {
  index: number
  side: string
  startedAt: string
  endedAt: string
}

export function readRoundWindows(resultsDir: string): RoundWindow[] {
  const { rounds } = JSON.parse(readFileSync(join(resultsDir, 'rounds.json'), 'utf8')) as {
    rounds: RoundWindow[]
  }
  return rounds
}
