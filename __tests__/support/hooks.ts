/**
 * Setup that test files share: each `use…` registers its jest hooks where it is called (at the top
 * of a file or a describe block) and returns a handle to what they start.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals'
import { removeDir, startTarget, tempDir, type Target } from './helpers.js'

/**
 * A stand-in for an object made later, in a hook: every property read goes to `current()`, so a
 * test file can name at its top what its `beforeAll` starts.
 */
export function lateBound<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current()
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value
    },
    set(_, key, value) {
      return Reflect.set(current(), key, value)
    }
  })
}

/** Makes a value before the tests and disposes of it after them; returns a stand-in for it. */
export function useForAll<T extends object>(
  what: string,
  make: () => Promise<T> | T,
  dispose: (value: T) => Promise<void> | void
): T {
  let value: T | undefined
  beforeAll(async () => {
    value = await make()
  })
  afterAll(async () => {
    if (value) await dispose(value)
    value = undefined
  })
  return lateBound(() => {
    if (!value) throw new Error(`${what} is used outside the tests, before beforeAll made it.`)
    return value
  })
}

/** The demo target server (examples/target-server.mjs), one for all the tests. */
export function useTarget(): Target {
  return useForAll('The target server', startTarget, (target) => target.stop())
}

/** A fresh temporary folder for each test, removed after it: `work.dir`. */
export function useWorkDir(prefix: string): { readonly dir: string } {
  let dir: string | undefined
  beforeEach(() => {
    dir = tempDir(prefix)
  })
  afterEach(() => {
    if (dir) removeDir(dir)
    dir = undefined
  })
  return {
    get dir() {
      if (!dir) throw new Error('The work folder is used outside a test.')
      return dir
    }
  }
}
