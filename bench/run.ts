/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line) and
 * prints what each measured. Benchmarks compare things measured side by side in the same run.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort()

let failed = 0
for (const file of benches) {
  console.log(`\n=== ${file}`)
  const bench = (await import(pathToFileURL(join(here, file)).href)) as {
    default: () => Promise<boolean>
  }
  const metTarget = await bench.default()
  if (!metTarget) failed++
}
console.log(`\n${benches.length - failed} of ${benches.length} benchmarks met their targets`)
process.exitCode = failed === 0 ? 0 : 1
