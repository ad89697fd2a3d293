/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line) and
 * prints what each measured. Benchmarks compare things measured side by side in the same run.
 * Options after the names go to the benches that take any (see each bench's header).
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
// Bench names first, then that bench's own options: `npm run bench -- gate --corpus runs/`.
const args = process.argv.slice(2)
const firstOption = args.findIndex((arg) => arg.startsWith('-'))
const wanted = firstOption === -1 ? args : args.slice(0, firstOption)
const options = firstOption === -1 ? [] : args.slice(firstOption)
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  // Whole names: `gate` is not also `gate-rounds`.
  .filter((f) => wanted.length === 0 || wanted.some((w) => f === `${w}.bench.ts`))
  .sort()

let failed = 0
for (const file of benches) {
  console.log(`\n=== ${file}`)
  const bench = (await import(pathToFileURL(join(here, file)).href)) as {
    default: (options: string[]) => Promise<boolean>
  }
  const metTarget = await bench.default(options)
  if (!metTarget) failed++
}
console.log(`\n${benches.length - failed} of ${benches.length} benchmarks met their targets`)
process.exitCode = failed === 0 ? 0 : 1
