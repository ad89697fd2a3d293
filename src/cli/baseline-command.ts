/**
 * `distributed-locust baseline show | accept | reset`: keeps a local baseline store
 * (src/baseline/store.ts, docs/baselines.md) that `--baseline <store>` judges against.
 */
import { type Command, InvalidArgumentError, Option } from 'commander'
import { fitHelp } from './help.js'
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DEFAULT_HISTORY_SIZE, MAX_HISTORY_SIZE } from '../baseline/history.js'
import { BaselineError } from '../baseline/model.js'
import { acceptIntoStore, readStore, resetStore } from '../baseline/store.js'
import { EXIT, type CliEnvironment } from './console.js'

const DEFAULT_STORE = 'locust-baselines'

const EXAMPLES = `
Examples:
  $ distributed-locust baseline accept locust-results/2026-12-07T14-00-00   # after an intended change
  $ distributed-locust run -f locustfile.py --threshold "p95 < baseline * 1.1" --baseline locust-baselines
  $ distributed-locust baseline accept locust-results/2026-12-08T09-00-00 --append
  $ distributed-locust baseline show
  $ distributed-locust baseline reset

accept makes the run the new baseline: the history starts again from it (also a failed run: it is
slower on purpose); with --append it joins the history like a CI run on the base branch, kept to
the last --keep runs, and only a passed or inconclusive run may. A run that errored, was cancelled
or is unfit to judge never becomes a baseline. Exit codes: 0 done, 2 refused or unreadable.`

const storeOption = () =>
  new Option('--store <dir>', 'the baseline store folder').default(DEFAULT_STORE)

/** Adds the `baseline` command and its subcommands; `done` receives the exit code. */
export function addBaselineCommand(
  program: Command,
  environment: CliEnvironment,
  done: (exitCode: number) => void
): void {
  const { stdout, stderr, cwd } = environment
  const guarded = async (action: () => Promise<void>) => {
    try {
      await action()
      done(EXIT.passed)
    } catch (error) {
      if (!(error instanceof BaselineError) && (error as NodeJS.ErrnoException).code === undefined)
        throw error
      stderr.write(`${(error as Error).message}\n`)
      done(EXIT.error)
    }
  }
  const baseline = program
    .command('baseline')
    .description('show, accept or reset the runs a local baseline store keeps')
    .addHelpText('after', fitHelp(EXAMPLES))

  baseline
    .command('show')
    .description('list the runs of the baseline history, newest first')
    .addOption(storeOption())
    .action((options: { store: string }) =>
      guarded(async () => {
        const store = resolve(cwd, options.store)
        const entries = await readStore(store)
        if (entries.length === 0) {
          stdout.write(`No baseline in ${store} yet; accept a run with \`baseline accept\`.\n`)
          return
        }
        stdout.write(`Baseline history in ${store}, newest first:\n`)
        for (const { file, baseline: run } of entries) {
          const facts = [
            run.verdict,
            run.accepted ? 'accepted as the new baseline' : undefined,
            run.runId === undefined ? undefined : `run ${run.runId}`,
            run.conditions?.users === undefined ? undefined : `${run.conditions.users} users`,
            run.conditions?.locustVersion === undefined
              ? undefined
              : `Locust ${run.conditions.locustVersion}`
          ].filter((fact) => fact !== undefined)
          stdout.write(`  ${file}  ${facts.join(', ')}\n`)
        }
      })
    )

  baseline
    .command('accept')
    .description("make a run's results the new baseline (or, with --append, add them)")
    .argument('<results>', "the run's results folder or its results.json")
    .addOption(storeOption())
    .option('--append', 'add the run to the history instead of restarting it from this run')
    .addOption(
      new Option('--keep <n>', `runs the history keeps with --append, 1 to ${MAX_HISTORY_SIZE}`)
        .default(String(DEFAULT_HISTORY_SIZE))
        .argParser((value) => {
          const keep = Number(value)
          if (!Number.isInteger(keep) || keep < 1 || keep > MAX_HISTORY_SIZE)
            throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_HISTORY_SIZE}.`)
          return value
        })
    )
    .action((results: string, options: { store: string; append?: boolean; keep: string }) =>
      guarded(async () => {
        const store = resolve(cwd, options.store)
        const path = resolve(cwd, results)
        const file = (await stat(path)).isDirectory() ? join(path, 'results.json') : path
        const name = await acceptIntoStore(store, file, {
          append: options.append === true,
          keep: Number(options.keep),
          now: environment.now()
        })
        stdout.write(
          options.append
            ? `Added ${file} to the baseline history in ${store} (${name}).\n`
            : `Accepted ${file} as the new baseline in ${store} (${name}); the history starts again from it.\n`
        )
      })
    )

  baseline
    .command('reset')
    .description('empty the store: baseline rules are skipped until a run is accepted')
    .addOption(storeOption())
    .action((options: { store: string }) =>
      guarded(async () => {
        const store = resolve(cwd, options.store)
        const removed = await resetStore(store)
        stdout.write(`Removed ${removed} run(s) from ${store}.\n`)
      })
    )
}
