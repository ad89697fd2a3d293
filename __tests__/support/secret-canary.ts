/**
 * What the `secrets` tests share: a locustfile whose every Locust process (master, workers) writes
 * down what it saw of the secrets — their SHA-256, never the values, and whether the staged ARNs
 * are still beside it — and the reading of those notes.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Writes SEEN_DIR/seen-<pid>.json for API_TOKEN and DB_PASSWORD, then requests `/`. */
export const HASHING_LOCUSTFILE = `import hashlib, json, os
from locust import HttpUser, constant, task

seen = {name: hashlib.sha256(os.environ[name].encode()).hexdigest() if name in os.environ else None
        for name in ("API_TOKEN", "DB_PASSWORD")}
seen["staged"] = os.path.exists(".distributed-locust")
with open(os.path.join(os.environ["SEEN_DIR"], "seen-%d.json" % os.getpid()), "w") as out:
    json.dump(seen, out)


class Visitor(HttpUser):
    wait_time = constant(0.1)

    @task
    def home(self):
        self.client.get("/")
`

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** The notes of every Locust process that wrote to `seenDir`. */
export function seenBy(seenDir: string): unknown[] {
  return readdirSync(seenDir).map((name) => JSON.parse(readFileSync(join(seenDir, name), 'utf8')))
}

/** What a Locust process that saw both values notes. */
export const sawBoth = (token: string, password: string) => ({
  API_TOKEN: sha256(token),
  DB_PASSWORD: sha256(password),
  staged: false
})
