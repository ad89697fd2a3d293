/** The action's main step entry (dist/main/index.js). */
import { run } from './main.js'

await run()
