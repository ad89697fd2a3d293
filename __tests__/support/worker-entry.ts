/**
 * The worker of `callInWorker` (in-worker.ts). Node runs this file by stripping its types; tsx
 * loads the called module and everything it imports (`.js` specifiers naming `.ts` files).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

const { module, name, args } = workerData as { module: string; name: string; args: unknown[] }
const exports = (await tsImport(module, import.meta.url)) as Record<string, unknown>
const call = exports[name]
if (typeof call !== 'function') throw new Error(`${module} exports no function ${name}`)
parentPort!.postMessage(await (call as (...values: unknown[]) => unknown)(...args))
