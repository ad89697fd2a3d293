/**
 * The master's control channel on this machine: docker/distributed_locust/control.py, the same
 * Python module the container's master runs, loaded into the local Locust master before Locust's
 * own main() (today it writes histograms.json; see the module's docstring for what comes next).
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LOCUST_BOOTSTRAP, type LocustCommand } from './locust-runtime.js'

const CONTROL_MODULE = join('docker', 'distributed_locust', 'control.py')
/** src/backend/local/ and dist/<entry>/ both sit a few folders below the repository root. */
const FOLDERS_UP = 5

/** The control module of this checkout: searched upwards from this code, since src/ and dist/ sit at different depths. */
export function findControlModule(
  from: string = dirname(fileURLToPath(import.meta.url))
): string | undefined {
  let folder = from
  for (let i = 0; i <= FOLDERS_UP; i++) {
    const candidate = join(folder, CONTROL_MODULE)
    if (existsSync(candidate)) return candidate
    folder = dirname(folder)
  }
  return undefined
}

/**
 * Loads the control module by its path (DL_CONTROL_MODULE) without putting its folder on
 * sys.path, where its modules could shadow the user's, and registers its listeners.
 */
const CONTROL_LOADER = `
import importlib.util, os
_spec = importlib.util.spec_from_file_location("distributed_locust_control", os.environ["DL_CONTROL_MODULE"])
_control = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_control)
_control.install()
`

/**
 * How to start the master: Locust's bootstrap with the control channel loaded first. Plain Locust
 * where there is no bootstrap to extend (Locust found only as a script) or no control module.
 */
export function masterLaunch(
  locust: LocustCommand,
  controlModule: string | undefined
): { locust: LocustCommand; env: Record<string, string> } {
  const bootstrapAt = locust.prefixArgs.indexOf(LOCUST_BOOTSTRAP)
  if (controlModule === undefined || bootstrapAt === -1) return { locust, env: {} }
  const prefixArgs = locust.prefixArgs.with(bootstrapAt, CONTROL_LOADER + LOCUST_BOOTSTRAP)
  return {
    locust: { command: locust.command, prefixArgs },
    env: { DL_CONTROL_MODULE: controlModule }
  }
}
