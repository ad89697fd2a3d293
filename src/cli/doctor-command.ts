/**
 * `distributed-locust doctor`: checks a deployed stack the way a first run needs it, before any
 * run. Exit 0 when nothing is wrong (warnings allowed), 2 when a check found an error.
 */
import type { Command } from 'commander'
import { parseDoctorInputs } from '../inputs/parse.js'
import type { AwsSettings } from '../backend/aws/settings.js'
import type { Finding, FindingLevel } from '../backend/aws/doctor/checks.js'
import { NO_COLOR_OPTION, wantsColor, type CliEnvironment } from './console.js'
import {
  addInputOptions,
  FLAGGED_INPUTS,
  parseFlagValues,
  type FlagValues
} from './spec-options.js'

/** The run's inputs the doctor weighs the stack against, besides the aws backend's own. */
const RUN_INPUTS = ['workers', 'run-time', 'timeout-minutes']
/** aws inputs no check reads. */
const UNCHECKED_INPUTS = ['security-groups']

const DOCTOR_INPUTS = FLAGGED_INPUTS.filter(
  (spec) =>
    !UNCHECKED_INPUTS.includes(spec.name) &&
    (spec.backend === 'aws' || RUN_INPUTS.includes(spec.name))
)

const EXAMPLES = `
Checks, each ok, warning or error with its fix: the stack's status and outputs, the task
definition's CPU and memory, the image in ECR, the subnets' routes against --assign-public-ip, the
Fargate vCPU quota against --workers, the credentials' lifetime against the timeout, and whether
the caller may make every call a run makes (IAM's policy simulator).

Example:
  $ distributed-locust doctor --stack-name distributed-locust --aws-region eu-west-1 -w 20 -t 30m

Exit codes: 0 no error found (warnings allowed), 2 an error found or the options are invalid.`

export function addDoctorCommand(
  program: Command,
  environment: CliEnvironment,
  flagOf: (input: string) => string,
  setExitCode: (code: number) => void
): void {
  const doctor = program
    .command('doctor')
    .description('check a deployed AWS stack and the account before the first run')
    .addHelpText('after', EXAMPLES)
  const rawInputs = addInputOptions(doctor, DOCTOR_INPUTS)
  doctor.option(...NO_COLOR_OPTION)
  doctor.action(async (values: Record<string, unknown>) => {
    const flags = rawInputs(values)
    const color = wantsColor(values.color, environment)
    setExitCode(await runDoctor(flags, color, environment, flagOf))
  })
}

async function runDoctor(
  flags: FlagValues,
  color: boolean,
  environment: CliEnvironment,
  flagOf: (input: string) => string
): Promise<number> {
  const inputs = parseFlagValues(
    flags,
    parseDoctorInputs,
    { ...environment, flagOf },
    'Invalid options.'
  )
  if (inputs === undefined) return 2
  const settings = inputs.backend as AwsSettings
  const region = settings.region ?? ''
  environment.stderr.write(
    `Checking stack ${inputs.stackName} in ${region} for ${inputs.workers} worker(s) and a ${inputs.timeoutMinutes}-minute timeout…\n`
  )
  // The SDK is loaded only for this command, as for the aws backend.
  const [{ createDoctorClients, destroyDoctorClients }, { gatherFacts }, { diagnose, worstLevel }] =
    await Promise.all([
      import('../backend/aws/doctor/clients.js'),
      import('../backend/aws/doctor/gather.js'),
      import('../backend/aws/doctor/checks.js')
    ])
  const clients = createDoctorClients(settings.region)
  const facts = await gatherFacts(
    settings,
    {
      stackName: inputs.stackName,
      region,
      workers: inputs.workers,
      timeoutMinutes: inputs.timeoutMinutes,
      assignPublicIp: settings.assignPublicIp
    },
    clients,
    environment.env,
    environment.now().getTime()
  )
  destroyDoctorClients(clients)
  const findings = diagnose(facts)
  environment.stdout.write(renderFindings(findings, color))
  return worstLevel(findings) === 'error' ? 2 : 0
}

/** The findings as text for a terminal, each problem followed by its fix. */
const MARK: Record<FindingLevel, string> = { ok: 'ok     ', warning: 'WARNING', error: 'ERROR  ' }
const COLOUR: Record<FindingLevel, string> = { ok: '32', warning: '33', error: '31' }

function renderFindings(findings: Finding[], color: boolean): string {
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
