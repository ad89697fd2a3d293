/**
 * Time between rounds on the local backend (issue 19): a run in rounds keeps its workers up, so
 * changing from one round to the next (stop the users, the workers' last stats in, host switched,
 * users started again) should cost at most 3 s. Measured from rounds.json, per design, side by
 * side in one run: the gap between a window's end and the next window's start, less the warm-up,
 * is the wall time of a round change beyond its load time. Also printed: the whole run's wall time
 * less its load time (warm-ups and run times), start-up and shut-down included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalBackend } from '../src/backend/local/backend.js'
import type { LocalSettings } from '../src/backend/local/settings.js'
import type { RunConfig } from '../src/run/config.js'
import { sequentialWindows, type RoundsPlan } from '../src/run/rounds.js'
import { startTarget } from '../__tests__/support/helpers.js'
import { readRoundWindows, type RoundWindow, WAIT_LOCUSTFILE } from './round-windows.js'

const ROUNDS = 3
const WARMUP_SECONDS = 2
const RUN_SECONDS = 5
const TARGET_GAP_SECONDS = 3

/** Round changes (s) of one run: each window's start after the one before it ended, less the warm-up. */
function roundChanges(windows: RoundWindow[], duet: boolean): number[] {
  // A duet's two sides share each window: one change per index, from the later end to the earlier start.
  const spans = new Map<string, { start: number; end: number }>()
  for (const w of windows) {
    const key = duet ? String(w.index) : `${w.index}-${w.side}`
    const span = spans.get(key)
    const [start, end] = [Date.parse(w.startedAt), Date.parse(w.endedAt)]
    spans.set(key, {
      start: Math.min(span?.start ?? start, start),
      end: Math.max(span?.end ?? end, end)
    })
  }
  const ordered = [...spans.values()].sort((a, b) => a.start - b.start)
  return ordered.slice(1).map((span, i) => (span.start - ordered[i].end) / 1000 - WARMUP_SECONDS)
}

async function measure(plan: RoundsPlan, hosts: string[], work: string) {
  const resultsDir = join(work, plan.design)
  const config: RunConfig<LocalSettings> = {
    backend: { kind: 'local', waitForHostSeconds: 0, passEnv: [] },
    locustfile: join(work, 'locustfile.py'),
    data: [],
    host: hosts[0],
    users: 10,
    spawnRate: 10,
    runTime: `${RUN_SECONDS}s`,
    runTimeSeconds: RUN_SECONDS,
    workers: 2,
    rounds: plan,
    locustArgs: [],
    thresholds: [],
    failOnThreshold: true,
    timeoutMinutes: 10,
    workingDirectory: work,
    resultsDir
  }
  const askedAt = performance.now()
  const outcome = await createLocalBackend().run(config, {})
  const wallSeconds = (performance.now() - askedAt) / 1000
  if (outcome.error) throw new Error(`The ${plan.design} run failed: ${outcome.error}`)
  const rounds = readRoundWindows(resultsDir)
  const changes = roundChanges(rounds, plan.design === 'duet')
  const loadSeconds = sequentialWindows(plan) * (WARMUP_SECONDS + RUN_SECONDS)
  return { design: plan.design, changes, wallSeconds, loadSeconds }
}

export default async function (): Promise<boolean> {
  const work = mkdtempSync(join(tmpdir(), 'dl-bench-rounds-'))
  writeFileSync(join(work, 'locustfile.py'), WAIT_LOCUSTFILE)
  const [candidate, baseline] = [await startTarget(), await startTarget()]
  try {
    const common = { count: ROUNDS, warmupSeconds: WARMUP_SECONDS }
    const plans: RoundsPlan[] = [
      { design: 'repeated', ...common },
      { design: 'interleaved', ...common, baselineHost: baseline.url },
      { design: 'duet', ...common, baselineHost: baseline.url }
    ]
    const results = []
    for (const plan of plans) results.push(await measure(plan, [candidate.url], work))

    console.log(
      `${ROUNDS} rounds of ${WARMUP_SECONDS} s warm-up + ${RUN_SECONDS} s, 10 users on 2 workers (duet: 5 on 1 per side)`
    )
    console.log(
      'design        round changes   mean change  worst change   whole run: wall − load, per window'
    )
    let met = true
    for (const r of results) {
      const worst = Math.max(...r.changes)
      const mean = r.changes.reduce((sum, change) => sum + change, 0) / r.changes.length
      const windows = r.loadSeconds / (WARMUP_SECONDS + RUN_SECONDS)
      const perWindow = (r.wallSeconds - r.loadSeconds) / windows
      met &&= worst <= TARGET_GAP_SECONDS
      console.log(
        `${r.design.padEnd(12)}  ${String(r.changes.length).padStart(13)}  ${mean.toFixed(2).padStart(10)} s  ${worst.toFixed(2).padStart(10)} s   ${(r.wallSeconds - r.loadSeconds).toFixed(1)} s over ${windows} windows = ${perWindow.toFixed(2)} s`
      )
    }
    console.log(
      `target: every round change ≤ ${TARGET_GAP_SECONDS} s (${met ? 'met' : 'NOT met'}); the whole-run figure also holds Locust's start-up and shut-down`
    )
    return met
  } finally {
    await Promise.all([candidate.stop(), baseline.stop()])
    rmSync(work, { recursive: true, force: true })
  }
}
