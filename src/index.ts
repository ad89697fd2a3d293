/**
 * The action's main step entry (dist/main/index.js). It exports `run` for tools that import an
 * action and call it themselves, such as `@github/local-action`, and runs it only when started
 * as the program.
 */
import { run } from './action/main.js'

export { run }

if (import.meta.main) await run()
