/** How the local backend loads the master's control module (src/backend/local/control.ts). */
import { join } from 'node:path'
import { findControlModule, masterLaunch } from '../../src/backend/local/control.js'
import { LOCUST_BOOTSTRAP } from '../../src/backend/local/locust-runtime.js'
import { REPO, removeDir, tempDir } from '../support/helpers.js'

const CONTROL = join(REPO, 'docker/distributed_locust/control.py')

test('the control module is found from the sources and from a bundle in dist/', () => {
  expect(findControlModule()).toBe(CONTROL)
  expect(findControlModule(join(REPO, 'dist/cli'))).toBe(CONTROL)
  const elsewhere = tempDir('no-control')
  try {
    expect(findControlModule(elsewhere)).toBeUndefined()
  } finally {
    removeDir(elsewhere)
  }
})

test("the master runs Locust's bootstrap after loading the control module named in its environment", () => {
  const locust = { command: '/usr/bin/python3', prefixArgs: ['-I', '-c', LOCUST_BOOTSTRAP] }
  const { locust: master, env } = masterLaunch(locust, CONTROL)
  expect(master.command).toBe('/usr/bin/python3')
  expect(master.prefixArgs.slice(0, 2)).toEqual(['-I', '-c'])
  expect(master.prefixArgs[2]).toMatch(/DL_CONTROL_MODULE[\s\S]*_control\.install\(\)/)
  expect(master.prefixArgs[2].endsWith(LOCUST_BOOTSTRAP)).toBe(true)
  expect(env).toEqual({ DL_CONTROL_MODULE: CONTROL })
  // Workers keep the plain bootstrap.
  expect(locust.prefixArgs[2]).toBe(LOCUST_BOOTSTRAP)
})

test('a Locust known only as its own script, or no control module, runs plain', () => {
  const script = { command: '/opt/locust/bin/locust', prefixArgs: [] }
  expect(masterLaunch(script, CONTROL)).toEqual({ locust: script, env: {} })
  const python = { command: 'python3', prefixArgs: ['-c', LOCUST_BOOTSTRAP] }
  expect(masterLaunch(python, undefined)).toEqual({ locust: python, env: {} })
})
