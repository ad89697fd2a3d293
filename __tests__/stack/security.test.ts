/**
 * Security review of cloudformation/template.yaml: the real template has no finding, and each kind
 * of mistake the review looks for is caught on a broken copy.
 */
import { parseTemplate } from '../../scripts/template/template.js'
import { securityFindings } from './helpers/security-findings.js'
import { templateText } from './helpers/run-machine.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- templates are free-form data
type Json = any

/** Parsed once: parsing the template costs a quarter of a second of CPU, copying it 1/100 of that. */
const parsedTemplate: Json = parseTemplate(templateText)

/** A copy of the template that a test may break. */
function freshTemplate(): Json {
  return JSON.parse(JSON.stringify(parsedTemplate))
}

/** The statement of `role` that allows `action` (the template has no Sids, to stay small). */
function statement(template: Json, role: string, action: string): Json {
  for (const policy of template.Resources[role].Properties.Policies) {
    const chosen = policy['Fn::If'] ? policy['Fn::If'][1] : policy
    const found = chosen.PolicyDocument.Statement.find((candidate: Json) =>
      [candidate.Action].flat().includes(action)
    )
    if (found) return found
  }
  throw new Error(`No statement allowing ${action} in ${role}`)
}

test('the stack template has no security finding', () => {
  expect(securityFindings(freshTemplate())).toEqual([])
})

test.each<[string, (template: Json) => void, RegExp]>([
  [
    'iam:PassRole on *',
    (t) => (statement(t, 'StateMachineRole', 'iam:PassRole').Resource = '*'),
    /StateMachineRole\/run-locust-tasks statement \d+: iam:PassRole on a wildcard resource/
  ],
  [
    'iam:PassRole to any service',
    (t) => delete statement(t, 'StateMachineRole', 'iam:PassRole').Condition,
    /iam:PassRole without an iam:PassedToService condition/
  ],
  [
    'a public bucket',
    (t) =>
      (t.Resources.RunBucket.Properties.PublicAccessBlockConfiguration.BlockPublicPolicy = false),
    /RunBucket: public access not blocked \(BlockPublicPolicy\)/
  ],
  [
    'a bucket without encryption',
    (t) => delete t.Resources.RunBucket.Properties.BucketEncryption,
    /RunBucket: no default encryption/
  ],
  [
    'a bucket without the TLS-only policy',
    (t) => delete t.Resources.RunBucketPolicy,
    /RunBucket: no policy denying requests without TLS/
  ],
  [
    'a TLS-only policy that forgets the objects',
    (t) =>
      (t.Resources.RunBucketPolicy.Properties.PolicyDocument.Statement[0].Resource = {
        'Fn::GetAtt': ['RunBucket', 'Arn']
      }),
    /RunBucket: no policy denying requests without TLS/
  ],
  [
    'Locust port open to the world',
    (t) => {
      const ingress = t.Resources.TaskSecurityGroupLocustIngress.Properties
      delete ingress.SourceSecurityGroupId
      ingress.CidrIp = '0.0.0.0/0'
    },
    /TaskSecurityGroupLocustIngress: ingress open to the world \(0.0.0.0\/0\)/
  ],
  [
    'an inline rule open to IPv6',
    (t) =>
      (t.Resources.TaskSecurityGroup.Properties.SecurityGroupIngress = [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '::/0' }
      ]),
    /TaskSecurityGroup: ingress open to the world \(::\/0\)/
  ],
  [
    'ecs:RunTask on any task definition',
    (t) => (statement(t, 'StateMachineRole', 'ecs:RunTask').Resource = '*'),
    /statement \d+: ecs:RunTask on resource \*/
  ],
  [
    'ECS calls outside the cluster',
    (t) => delete statement(t, 'GitHubRole', 'ecs:StopTask').Condition,
    /GitHubRole\/run-distributed-locust statement \d+: ecs:DescribeTasks, ecs:StopTask without an ecs:cluster condition/
  ],
  [
    'a service wildcard action',
    (t) => (statement(t, 'TaskRole', 's3:GetObject').Action = 's3:*'),
    /TaskRole\/run-files statement 0: allows every action \(s3:\*\)/
  ],
  [
    'a trust policy open to anyone',
    (t) => (t.Resources.TaskRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal = '*'),
    /TaskRole trust policy statement 0: allows any principal/
  ]
])('the review catches %s', (_mistake, breakTemplate, finding) => {
  const template = freshTemplate()
  breakTemplate(template)
  expect(securityFindings(template).join('\n')).toMatch(finding)
})

test('the state machine may write only the master address objects of the stack bucket', () => {
  const statements = freshTemplate().Resources.StateMachineRole.Properties.Policies.flatMap(
    (policy: Json) => policy.PolicyDocument.Statement
  )
  const s3Grants = statements.filter((s: Json) => JSON.stringify(s.Action).includes('s3:'))
  expect(s3Grants).toEqual([
    {
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: { 'Fn::Sub': '${RunBucket.Arn}/runs/*/master-address' }
    }
  ])
})

test('the GitHub role can only be assumed from the configured repository through GitHub OIDC', () => {
  const trust =
    freshTemplate().Resources.GitHubRole.Properties.AssumeRolePolicyDocument.Statement[0]
  expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity')
  expect(trust.Condition.StringEquals).toEqual({
    'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com'
  })
  const subject = trust.Condition.StringLike['token.actions.githubusercontent.com:sub']['Fn::If']
  expect(subject).toEqual([
    'GitHubRefGiven',
    { 'Fn::Sub': 'repo:${GitHubRepository}:ref:${GitHubRef}' },
    { 'Fn::Sub': 'repo:${GitHubRepository}:*' }
  ])
})

test('the task role reaches only the run prefixes of the stack bucket and the secrets under SecretsPrefix', () => {
  const template = freshTemplate()
  const grants = template.Resources.TaskRole.Properties.Policies.flatMap((policy: Json) =>
    policy.PolicyDocument.Statement.map((s: Json) => [s.Action, s.Resource])
  )
  expect(grants).toEqual([
    [
      's3:GetObject',
      [
        { 'Fn::Sub': '${RunBucket.Arn}/runs/*/bundle/*' },
        { 'Fn::Sub': '${RunBucket.Arn}/runs/*/master-address' },
        // The action's commands to the master: control/abort.json (docs/live.md).
        { 'Fn::Sub': '${RunBucket.Arn}/runs/*/control/*' },
        // A duet's other master's meeting files (docs/rounds.md, "On AWS").
        { 'Fn::Sub': '${RunBucket.Arn}/runs/*/results/meeting/*' }
      ]
    ],
    [
      ['s3:PutObject', 's3:AbortMultipartUpload'],
      { 'Fn::Sub': '${RunBucket.Arn}/runs/*/results/*' }
    ],
    ['s3:ListBucket', { 'Fn::GetAtt': ['RunBucket', 'Arn'] }],
    [
      ['secretsmanager:GetSecretValue', 'ssm:GetParameters'],
      [
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${SecretsPrefix}*'
        },
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${SecretsPrefix}*'
        }
      ]
    ]
  ])
  // An empty prefix would open every secret of the account.
  expect(template.Parameters.SecretsPrefix.AllowedPattern).toBe('^[A-Za-z0-9_.-][A-Za-z0-9/_.-]*$')
  // Only bundle folders can be listed: a task cannot discover the ids of other runs.
  expect(statement(template, 'TaskRole', 's3:ListBucket').Condition).toEqual({
    StringLike: { 's3:prefix': 'runs/*/bundle/*' }
  })
})
