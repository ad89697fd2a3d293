/**
 * `distributed-locust doctor`: checks a backend's infrastructure the way a first run needs it,
 * before any run, through the doctor of the backend that has one (today the aws backend's stack).
 * Exit 0 when nothing is wrong (warnings allowed), 2 when a check found an error.
 */
import type { Command } from 'commander'
import { fitHelp } from './help.js'
import { doctorBackend } from '../backend/registry.js'
import type { BackendModule, DoctorFinding } from '../backend/types.js'
import { parseDoctorInputs } from '../inputs/parse.js'
import { NO_COLOR_OPTION, wantsColor, type CliEnvironment } from './console.js'
import {
  addInputOptions,
  FLAGGED_INPUTS,
  parseFlagValues,
  type FlagValues
} from './spec-options.js'

/** The run's inputs the doctor weighs the backend against, besides the backend's own. */
const RUN_INPUTS = ['workers', 'run-time', 'timeout-minutes']

export function addDoctorCommand(
  program: Command,
  environment: CliEnvironment,
  flagOf: (input: string) => string,
  setExitCode: (code: number) => void
): void {
  const backend = doctorBackend()
  if (backend?.doctor === undefined) return
  const { doctor } = backend
  const command = program
    .command('doctor')
    .description(doctor.description)
    .addHelpText('after', fitHelp(doctor.help))
  const rawInputs = addInputOptions(command, doctorInputsOf(backend))
  command.option(...NO_COLOR_OPTION)
  command.action(async (values: Record<string, unknown>) => {
    const flags = rawInputs(values)
    const color = wantsColor(values.color, environment)
    setExitCode(await runDoctor(backend, flags, color, environment, flagOf))
  })
}

/** The inputs the doctor reads: the backend's own (less those no check reads) and the run's size. */
export function doctorInputsOf(backend: BackendModule): typeof FLAGGED_INPUTS {
  const unchecked = backend.doctor?.uncheckedInputs ?? []
  return FLAGGED_INPUTS.filter(
    (spec) =>
      !unchecked.includes(spec.name) &&
      (spec.backend === backend.kind || RUN_INPUTS.includes(spec.name))
  )
}

/** Parses the doctor's options and runs its checks; the exit code (0, or 2 on an error). */
export async function runDoctor(
  backend: BackendModule,
  flags: FlagValues,
  color: boolean,
  environment: CliEnvironment,
  flagOf: (input: string) => string
): Promise<number> {
  const inputs = parseFlagValues(
    flags,
    (raw, context) => parseDoctorInputs(raw, context, backend),
    { ...environment, flagOf },
    'Invalid options.'
  )
  if (inputs === undefined || backend.doctor === undefined) return 2
  const findings = await backend.doctor.check(
    { settings: inputs.backend, workers: inputs.workers, timeoutMinutes: inputs.timeoutMinutes },
    {
      env: environment.env,
      now: environment.now().getTime(),
      log: (line) => environment.stderr.write(`${line}\n`)
    }
  )
  environment.stdout.write(renderFindings(findings, color))
  return findings.some((finding) => finding.level === 'error') ? 2 : 0
}

type FindingLevel = DoctorFinding['level']

/** The findings as text for a terminal, each problem followed by its fix. */
const MARK: Record<FindingLevel, string> = { ok: 'ok     ', warning: 'WARNING', error: 'ERROR  ' }
const COLOUR: Record<FindingLevel, string> = { ok: '32', warning: '33', error: '31' }

function renderFindings(findings: DoctorFinding[], color: boolean): string {
  const paint = (level: FindingLevel, text: string) =>
    color ? `\u001b[${COLOUR[level]}m${text}\u001b[0m` : text
  const lines = findings.flatMap((finding) => [
    `${paint(finding.level, MARK[finding.level])}  ${finding.check}: ${finding.message}`,
    ...(finding.fix ? [`         fix: ${finding.fix}`] : [])
  ])
  const count = (level: FindingLevel) =>
    findings.filter((finding) => finding.level === level).length
  lines.push(
    '',
    `${count('error')} error(s), ${count('warning')} warning(s), ${count('ok')} check(s) ok.`
  )
  return `${lines.join('\n')}\n`
}
