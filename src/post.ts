/**
 * The action's post step entry (dist/post/index.js): cleans up after a cancelled or crashed run.
 * Exported as `run` for tools that import an action's steps (`@github/local-action --post`).
 */
import { cleanup as run } from './action/post.js'

export { run }

if (import.meta.main) await run()
