/**
 * Judging a results folder with rounds.json (issue 19): baseline rules compare the candidate side
 * with the baseline side of the same run round by round, absolute rules read the pooled
 * candidate, incomplete rounds are skipped and counted, results.json records design, rounds,
 * both sides and per-rule intervals. Synthetic round folders (the layout in docs/thresholds.md).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cliInProcess } from '../support/cli.js'
import { removeDir, tempDir } from '../support/helpers.js'
import { writeRoundsFolder, type SyntheticRounds } from '../support/rounds-folder.js'
import { judgeResults } from '../../src/engine.js'
import { renderComment } from '../../src/report/comment.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { parseRoundsJson, readRounds } from '../../src/results/rounds.js'
import { parseThresholds } from '../../src/thresholds/parse.js'

const ENDPOINTS = [
  { method: 'GET', name: '/compute', medianMs: 120, requests: 1500 },
  { method: 'GET', name: '/wait', medianMs: 300, sigma: 0.3, requests: 1500 }
]
const RULES = ['"GET /compute": p95 < baseline * 1.1', 'p95 < baseline * 1.1', 'p95 < 2s']

interface ResultsJsonShape {
  verdict: string
  thresholds: {
    rule: string
    verdict: string
    rounds?: number
    ratio: { value: number; low: number; high: number } | null
    interval: { low: number; high: number } | null
    baselineRuns: number
  }[]
  rounds: {
    design: string
    judged: number
    skipped: { index: number; side: string; reason: string }[]
    warmupSeconds: number
    hosts: { candidate: string; baseline: string | null }
  } | null
  sides: {
    baseline: { totals: { requests: number } | null }
    candidate: { totals: { requests: number } | null }
  } | null
  totals: { requests: number }
  baseline: {
    source: string
    deltas: { endpoint: string; metric: string; ratioInterval: { low: number; high: number } }[]
  } | null
}

let dirs: string[] = []
afterEach(() => {
  dirs.forEach(removeDir)
  dirs = []
})

async function judged(
  options: Omit<SyntheticRounds, 'endpoints'>,
  rules = RULES
): Promise<{ code: number; json: ResultsJsonShape; stdout: string; dir: string }> {
  const dir = tempDir('rounds-judging-')
  dirs.push(dir)
  writeRoundsFolder(dir, { endpoints: ENDPOINTS, ...options })
  const args = ['report', dir, ...rules.flatMap((rule) => ['--threshold', rule])]
  const run = await cliInProcess(dir, args)
  const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsJsonShape
  return { code: run.code ?? -1, json, stdout: run.stdout, dir }
}

describe('a paired run judges its candidate against its own baseline side', () => {
  it('passes identical code despite large swings both sides share, without a stored baseline', async () => {
    const { code, json, stdout, dir } = await judged({
      design: 'interleaved',
      rounds: 3,
      sharedSd: 0.3,
      pairSd: 0.01,
      seed: 4
    })
    expect(json.verdict).toBe('passed')
    expect(code).toBe(0)
    const rule = json.thresholds.find((r) => r.rule === '"GET /compute": p95 < baseline * 1.1')!
    expect(rule.verdict).toBe('pass')
    expect(rule.rounds).toBe(3)
    expect(rule.baselineRuns).toBe(0)
    expect(rule.ratio!.low).toBeLessThan(1)
    expect(rule.ratio!.high).toBeGreaterThan(1)
    expect(json.rounds).toMatchObject({ design: 'interleaved', judged: 3, skipped: [] })
    expect(json.rounds!.hosts.baseline).toBe('http://127.0.0.1:8080')
    expect(json.sides!.baseline.totals!.requests).toBe(3 * 3000)
    expect(json.sides!.candidate.totals!.requests).toBe(3 * 3000)
    expect(stdout).toMatch(/Interleaved rounds: 3 judged/)
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8')
    expect(summary).toMatch(/Interleaved rounds: 3 judged, 30s each after 10s of warm-up/)
    expect(summary).toMatch(
      /warm-up, the sides in turn \([^)]*\); baseline rules compare the sides round by round\. Baseline `http:\/\/127\.0\.0\.1:8080`: p95 \d+ ms, [\d.]+\/s · candidate `http:\/\/127\.0\.0\.1:8081`/
    )
    // The baseline is this run's other side: said in words, not as a code span.
    expect(summary).toContain('Baseline: the baseline side of this run, `http://127.0.0.1:8080`.')
  })

  it('fails a 40 % slower candidate', async () => {
    const { code, json } = await judged({
      design: 'duet',
      rounds: 3,
      slowdown: 1.4,
      sharedSd: 0.3,
      pairSd: 0.01,
      seed: 5
    })
    expect(json.verdict).toBe('failed')
    expect(code).toBe(1)
    const rule = json.thresholds.find((r) => r.rule === 'p95 < baseline * 1.1')!
    expect(rule.verdict).toBe('fail')
    expect(rule.ratio!.low).toBeGreaterThan(1.1)
    // The comparison table compares the same rounds the same way: its interval is the rule's.
    const row = json.baseline!.deltas.find(
      (d) => d.endpoint === 'Aggregated' && d.metric === 'p95'
    )!
    expect(row.ratioInterval).toEqual({ low: rule.ratio!.low, high: rule.ratio!.high })
    expect(json.baseline!.source).toMatch(/the baseline side of this run/)
  })

  it('skips and counts an incomplete round, and judges the rest', async () => {
    const { json } = await judged({
      design: 'interleaved',
      rounds: 3,
      sharedSd: 0.1,
      seed: 6,
      incomplete: [3]
    })
    expect(json.rounds!.judged).toBe(2)
    expect(json.rounds!.skipped.map((s) => [s.index, s.side])).toEqual([
      [3, 'candidate'],
      [3, 'baseline']
    ])
    expect(json.thresholds.find((r) => r.rule === 'p95 < baseline * 1.1')!.rounds).toBe(2)
  })
})

describe('what people read of a duet', () => {
  it('the PR comment and an 80-column terminal name the design, the rounds and both sides', async () => {
    const dir = tempDir('rounds-comment-')
    dirs.push(dir)
    writeRoundsFolder(dir, { endpoints: ENDPOINTS, design: 'duet', rounds: 3, seed: 12 })
    const { report } = await judgeResults(
      {
        thresholds: parseThresholds('p95 < baseline * 1.1'),
        facts: {
          backend: 'none',
          backendLabel: 'none',
          locustRanElsewhere: true,
          users: 0,
          spawnRate: 0,
          workers: 0,
          runTimeSeconds: 0
        },
        resultsDir: dir
      },
      { csvPrefix: 'locust', partial: false, facts: {} }
    )
    const comment = renderComment(report, '<!-- marker -->', 'Load test')
    expect(comment).toMatch(
      /Duet rounds: 3 judged, 30s each after 10s of warm-up, both sides at once; baseline rules/
    )
    expect(comment).not.toContain('(both sides at once)')
    expect(comment).toMatch(
      /Baseline `http:\/\/127\.0\.0\.1:8080`: p95 .* · candidate `http:\/\/127\.0\.0\.1:8081`/
    )
    const terminal = renderTerminal(report, { color: false, width: 80 })
    expect(terminal).toMatch(/Duet rounds: 3 judged/)
    expect(Math.max(...terminal.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80)
  })
})

describe('repeated rounds pool the candidate', () => {
  it('puts the spread between rounds into an absolute rule’s interval and skips baseline rules without a baseline', async () => {
    const steady = await judged({ design: 'repeated', rounds: 3, sharedSd: 0, seed: 8 })
    const drifting = await judged({ design: 'repeated', rounds: 3, sharedSd: 0.4, seed: 8 })
    const width = (json: ResultsJsonShape) => {
      const { interval } = json.thresholds.find((r) => r.rule === 'p95 < 2s')!
      return Math.log(interval!.high / interval!.low)
    }
    expect(width(drifting.json)).toBeGreaterThan(2 * width(steady.json))
    expect(steady.json.thresholds.find((r) => r.rule === 'p95 < 2s')!.rounds).toBe(3)
    expect(steady.json.thresholds.find((r) => r.rule === 'p95 < baseline * 1.1')!.verdict).toBe(
      'skipped'
    )
    expect(steady.json.sides).toBeNull()
    expect(steady.json.rounds!.design).toBe('repeated')
  })
})

describe('repeated rounds against a stored baseline', () => {
  it('judge the run with the spread between its rounds, not as one run', async () => {
    const source = tempDir('rounds-baseline-')
    dirs.push(source)
    writeRoundsFolder(source, { endpoints: ENDPOINTS, design: 'repeated', rounds: 3, seed: 30 })
    const baselineDir = join(source, 'judged')
    await cliInProcess(source, ['report', source, '--out', baselineDir])
    const baseline = join(baselineDir, 'results.json')
    const rule = ['p95 < baseline * 1.2', '--baseline', baseline]
    const steady = await judged({ design: 'repeated', rounds: 3, sharedSd: 0, seed: 31 }, [rule[0]])
    const drifting = await judged({ design: 'repeated', rounds: 3, sharedSd: 0.3, seed: 31 }, [
      rule[0]
    ])
    for (const { dir } of [steady, drifting]) {
      await cliInProcess(dir, ['report', dir, '--threshold', rule[0], '--baseline', baseline])
    }
    const verdictOf = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsJsonShape)
        .thresholds[0]
    expect(verdictOf(steady.dir)).toMatchObject({ verdict: 'pass', rounds: 3, baselineRuns: 1 })
    // Three rounds that drift by ±30 %: the run's level is uncertain, whatever each round's own
    // noise (9,000 requests pooled would bound the p95 within a few per cent).
    const width = (dir: string) => {
      const { interval } = verdictOf(dir)
      return Math.log(interval!.high / interval!.low)
    }
    expect(width(drifting.dir)).toBeGreaterThan(5 * width(steady.dir))
    expect(verdictOf(drifting.dir).rounds).toBe(3)
  })
})

describe('rounds.json as read', () => {
  it('refuses a round folder outside the results folder', async () => {
    const dir = tempDir('rounds-hostile-')
    dirs.push(dir)
    writeRoundsFolder(dir, { endpoints: ENDPOINTS, design: 'repeated', rounds: 2, seed: 1 })
    const path = join(dir, 'rounds.json')
    const json = JSON.parse(readFileSync(path, 'utf8')) as { rounds: { folder: string }[] }
    json.rounds[0].folder = '../../etc'
    writeFileSync(path, JSON.stringify(json))
    const read = await readRounds(dir)
    expect(read && 'rounds' in read && read.skipped[0].reason).toMatch(/outside the results folder/)
  })

  it('names what is wrong with a malformed file', () => {
    expect(parseRoundsJson('{')).toMatchObject({ problem: expect.stringMatching(/not valid JSON/) })
    expect(parseRoundsJson('{"version":1,"design":"solo","rounds":[]}')).toMatchObject({
      problem: expect.stringMatching(/design must be one of repeated, interleaved, duet/)
    })
    expect(
      parseRoundsJson(
        '{"version":1,"design":"repeated","rounds":[{"index":1,"side":"baseline","folder":"r"}]}'
      )
    ).toMatchObject({ problem: expect.stringMatching(/no baseline side/) })
  })
})
