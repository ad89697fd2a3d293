/** The action's main step entry (dist/main/index.js). */
import { run } from './action/main.js'

await run()
