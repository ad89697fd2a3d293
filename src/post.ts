/** The action's post step entry (dist/post/index.js): cleans up after a cancelled or crashed run. */
import { cleanup } from './action/post.js'

await cleanup()
