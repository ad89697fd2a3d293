/**
 * Calls an exported function of a TypeScript module in a worker thread, outside jest's sandbox.
 * Jest runs each test file in a `vm` context whose global object answers every global lookup
 * (`Math`, `Number`, …) through an interceptor: a loop that calls `Math.round` or `Math.imul`
 * millions of times runs 20–40 times slower there than in plain Node. Simulations that draw
 * millions of values (`*.simulation.test.ts`) compute in a worker and assert in the test.
 */
import { Worker } from 'node:worker_threads'

/** `module`'s export `name` called with `args` (structured-cloneable both ways) in a worker. */
export async function callInWorker<T>(module: URL, name: string, ...args: unknown[]): Promise<T> {
  const worker = new Worker(new URL('./worker-entry.ts', import.meta.url), {
    workerData: { module: module.href, name, args }
  })
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
      worker.once('exit', (code) =>
        reject(new Error(`the worker calling ${name} exited with code ${code} before answering`))
      )
    })
  } finally {
    await worker.terminate()
  }
}
