/**
 * `distributed-locust deploy`: creates or updates the backend's infrastructure (the aws backend's
 * stack, through a change set, the template uploaded to S3), prints its progress, then runs the
 * doctor's checks. Exit 0 when deployed and nothing is wrong, 2 otherwise.
 */
import type { Command } from 'commander'
import { fitHelp } from './help.js'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { doctorBackend } from '../backend/registry.js'
import { parseDoctorInputs } from '../inputs/parse.js'
import { NO_COLOR_OPTION, wantsColor, type CliEnvironment } from './console.js'
import { doctorInputsOf, runDoctor } from './doctor-command.js'
import { addInputOptions, parseFlagValues } from './spec-options.js'

/** The template this version ships (the package's cloudformation/template.yaml). */
const BUNDLED_TEMPLATE = fileURLToPath(
  new URL('../../cloudformation/template.yaml', import.meta.url)
)

const HELP = `
Deploys the stack the name gives (creating it if needed) from the template this version ships,
or --template: the template goes to S3 first (--template-bucket, or the stack's own bucket), so
CloudFormation's 51,200-byte limit on inline templates does not apply; a new stack without
--template-bucket gets the template inline. Then the doctor checks the stack for the run size given.

Example:
  $ distributed-locust deploy --stack-name distributed-locust --aws-region eu-west-1 \\
      --parameter VpcId=vpc-0123456789abcdef0 --parameter Subnets=subnet-0aaa,subnet-0bbb \\
      --parameter GitHubRepository=my-org/my-service -w 20 -t 30m`

export function addDeployCommand(
  program: Command,
  environment: CliEnvironment,
  flagOf: (input: string) => string,
  setExitCode: (code: number) => void
): void {
  const backend = doctorBackend()
  if (backend?.doctor?.deploy === undefined) return
  const command = program
    .command('deploy')
    .description('create or update the AWS stack through a change set, then run the doctor')
    .addHelpText('after', fitHelp(HELP))
  const rawInputs = addInputOptions(command, doctorInputsOf(backend))
  command
    .option(
      '--template <file>',
      'the CloudFormation template (default: the one this version ships)'
    )
    .option('--template-bucket <bucket>', "S3 bucket to upload it to (default: the stack's own)")
    .option(
      '--parameter <Key=Value>',
      'a stack parameter (repeat it); on an update the others keep their values',
      (value: string, previous: string[] = []) => [...previous, value]
    )
    .option(...NO_COLOR_OPTION)
  command.action(async (values: Record<string, unknown>) => {
    setExitCode(await runDeploy(values, rawInputs(values), environment, flagOf))
  })
}

async function runDeploy(
  values: Record<string, unknown>,
  flags: ReturnType<ReturnType<typeof addInputOptions>>,
  environment: CliEnvironment,
  flagOf: (input: string) => string
): Promise<number> {
  const backend = doctorBackend()!
  const say = (line: string) => environment.stderr.write(`${line}\n`)
  const parameters = parseParameters((values.parameter as string[] | undefined) ?? [])
  if (typeof parameters === 'string') {
    say(`Invalid options.\n  ${parameters}`)
    return 2
  }
  const inputs = parseFlagValues(
    flags,
    (raw, context) => parseDoctorInputs(raw, context, backend),
    { ...environment, flagOf },
    'Invalid options.'
  )
  if (inputs === undefined) return 2
  const templatePath = (values.template as string | undefined) ?? BUNDLED_TEMPLATE
  let template: string
  try {
    template = readFileSync(templatePath, 'utf8')
  } catch (error) {
    say(`Cannot read the template ${templatePath}: ${(error as Error).message}`)
    return 2
  }
  const deployed = await backend.doctor!.deploy!(
    {
      settings: inputs.backend,
      template,
      templateBucket: values.templateBucket as string | undefined,
      parameters
    },
    {
      log: say,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => environment.now().getTime()
    }
  )
  say(deployed.message)
  if (!deployed.ok) return 2
  return runDoctor(backend, flags, wantsColor(values.color, environment), environment, flagOf)
}

/** `Key=Value` options as a map, or the problem with the first malformed one. */
function parseParameters(options: string[]): Record<string, string> | string {
  const parameters: Record<string, string> = {}
  for (const option of options) {
    const match = /^([A-Za-z0-9]+)=(.*)$/s.exec(option)
    if (!match)
      return `option --parameter: got "${option}"; expected Key=Value, e.g. VpcId=vpc-0123`
    parameters[match[1]] = match[2]
  }
  return parameters
}
