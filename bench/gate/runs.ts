/**
 * Making the gate benchmark's runs: real `distributed-locust run`s (local backend) of
 * bench/gate/locustfile.py against the bundled target at a given work factor, one results folder
 * per run, in a seeded random order so A and B runs meet the same machine noise.
 */
import { spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { main } from '../../src/cli/main.js'
import { seededRandom } from '../../__tests__/support/seeded-random.js'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..')
export const GATE_LOCUSTFILE = join(REPO, 'bench/gate/locustfile.py')

export interface RunPlan {
  users: number
  runSeconds: number
  workers: number
}

/** One planned run: its folder name says its side and work factor, e.g. "07-B-x1.30". */
export interface PlannedRun {
  name: string
  workFactor: number
}

export const BASE_WORK = 1
/** Written last into each run's folder: its settings and the machine's load; marks it complete. */
export const RUN_RECORD = 'gate-run.json'

/** The folder name's side and work factor, or undefined for a folder that is not a run. */
export function parseRunName(name: string): PlannedRun | undefined {
  const match = /^\d+-(A|B)-x(\d+(?:\.\d+)?)$/.exec(name)
  return match ? { name, workFactor: Number(match[2]) } : undefined
}

export function runName(index: number, workFactor: number): string {
  const side = workFactor === BASE_WORK ? 'A' : 'B'
  return `${String(index).padStart(2, '0')}-${side}-x${workFactor.toFixed(2)}`
}

/** `aaRuns` runs at work 1 and `perRegression` at each factor, shuffled (Fisher–Yates). */
export function planRuns(
  aaRuns: number,
  regressions: number[],
  perRegression: number,
  seed: number
): PlannedRun[] {
  const factors = [
    ...Array<number>(aaRuns).fill(BASE_WORK),
    ...regressions.flatMap((factor) => Array<number>(perRegression).fill(factor))
  ]
  const random = seededRandom(seed)
  for (let i = factors.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[factors[i], factors[j]] = [factors[j], factors[i]]
  }
  return factors.map((workFactor, index) => ({ name: runName(index + 1, workFactor), workFactor }))
}

/** The run folders already in `dir`, in the order they were made. */
export function existingRuns(dir: string): PlannedRun[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map(parseRunName)
    .filter((run): run is PlannedRun => run !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
}

export async function startTarget(workFactor: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [join(REPO, 'examples/target-server.mjs'), '--work-factor', String(workFactor)],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const lines = createInterface({ input: child.stdout })
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`the target exited with code ${code}`)))
  })
  lines.close()
  return { url, stop: () => child.kill('SIGTERM') }
}

/** Runs one planned run into `dir/<name>`; a fresh target per run, like a fresh CI job. */
export async function makeRun(dir: string, run: PlannedRun, plan: RunPlan): Promise<void> {
  const resultsDir = join(dir, run.name)
  // What an interrupted earlier attempt left is not a run: it is made again.
  rmSync(resultsDir, { recursive: true, force: true })
  const target = await startTarget(run.workFactor)
  const loadBefore = loadavg()
  const log: string[] = []
  const output = { write: (text: string) => log.push(text) !== 0, isTTY: false, columns: 100 }
  const startedAt = new Date()
  try {
    const exitCode = await main(
      [
        'node',
        'distributed-locust',
        'run',
        '-f',
        GATE_LOCUSTFILE,
        '-H',
        target.url,
        '-u',
        String(plan.users),
        '-r',
        String(plan.users),
        '-t',
        `${plan.runSeconds}s`,
        '-w',
        String(plan.workers),
        '--out',
        resultsDir
      ],
      { stdout: output, stderr: output, env: process.env, cwd: REPO, now: () => new Date() }
    )
    if (exitCode !== 0) {
      throw new Error(`run ${run.name} exited with ${exitCode}:\n${log.join('')}`)
    }
  } finally {
    target.stop()
  }
  const machine = {
    workFactor: run.workFactor,
    users: plan.users,
    runSeconds: plan.runSeconds,
    workers: plan.workers,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg()
  }
  writeFileSync(join(resultsDir, RUN_RECORD), `${JSON.stringify(machine, null, 2)}\n`)
}

/** The 1-minute load averages recorded around the runs in `dir` (none for plain CSV folders). */
export function recordedLoads(dir: string, runs: PlannedRun[]): number[] {
  return runs.flatMap((run) => {
    const path = join(dir, run.name, RUN_RECORD)
    if (!existsSync(path)) return []
    const record = JSON.parse(readFileSync(path, 'utf8')) as {
      loadAverageBefore: number[]
      loadAverageAfter: number[]
    }
    return [record.loadAverageBefore[0], record.loadAverageAfter[0]]
  })
}
