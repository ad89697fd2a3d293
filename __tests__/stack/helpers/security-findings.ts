/**
 * Static security review of a parsed CloudFormation template: returns one line per problem found
 * (an empty list means the template passes). The stack's security test runs it on the real template
 * and on deliberately broken copies.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- templates are free-form data
type Json = any

interface Statement {
  where: string
  Effect: string
  Action: string[]
  Resource: Json[]
  Principal?: Json
  Condition?: Record<string, Record<string, Json>>
}

/** Actions AWS grants only on `*`; each is allowed there, ecs:ListTasks only with a cluster condition. */
const actionsWithoutResourceLevel = new Set([
  'ecr:GetAuthorizationToken',
  'ecs:ListTasks',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups'
])

const worldCidrs = new Set(['0.0.0.0/0', '::/0'])

export function securityFindings(template: Json): string[] {
  const resources: Record<string, Json> = template.Resources ?? {}
  return [
    ...Object.entries(resources).flatMap(([name, resource]) =>
      policyStatements(name, resource).flatMap(statementFindings)
    ),
    ...bucketFindings(resources),
    ...securityGroupFindings(resources)
  ]
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/** Identity policies and bucket policies; trust policies are reviewed separately. */
function policyStatements(name: string, resource: Json): Statement[] {
  const documents: { where: string; document: Json }[] = []
  const properties = resource.Properties ?? {}
  if (resource.Type === 'AWS::IAM::Role') {
    for (const policy of asList<Json>(properties.Policies)) {
      // A conditional policy: review the policy the condition may add.
      const chosen = policy['Fn::If'] ? policy['Fn::If'][1] : policy
      documents.push({ where: `${name}/${chosen.PolicyName}`, document: chosen.PolicyDocument })
    }
    documents.push({ where: `${name} trust policy`, document: properties.AssumeRolePolicyDocument })
  }
  if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
    documents.push({ where: name, document: properties.PolicyDocument })
  }
  if (resource.Type === 'AWS::S3::BucketPolicy') {
    documents.push({ where: name, document: properties.PolicyDocument })
  }
  return documents.flatMap(({ where, document }) =>
    asList<Json>(document?.Statement).map((statement, index) => ({
      where: `${where} statement ${statement.Sid ?? index}`,
      Effect: statement.Effect,
      Action: asList<string>(statement.Action),
      Resource: asList<Json>(statement.Resource),
      Principal: statement.Principal,
      Condition: statement.Condition
    }))
  )
}

function conditionValue(statement: Statement, key: string): Json {
  for (const operator of Object.values(statement.Condition ?? {})) {
    if (key in operator) return operator[key]
  }
  return undefined
}

function hasWildcard(resource: Json): boolean {
  const text = typeof resource === 'string' ? resource : JSON.stringify(resource)
  return text.includes('*')
}

function statementFindings(statement: Statement): string[] {
  if (statement.Effect !== 'Allow') return []
  const findings: string[] = []
  const { where } = statement
  if (statement.Principal === '*' || statement.Principal?.AWS === '*') {
    findings.push(`${where}: allows any principal`)
  }
  for (const action of statement.Action) {
    if (action === '*' || action.endsWith(':*'))
      findings.push(`${where}: allows every action (${action})`)
  }
  if (statement.Action.some((action) => action === 'iam:PassRole')) {
    if (statement.Resource.some(hasWildcard))
      findings.push(`${where}: iam:PassRole on a wildcard resource`)
    if (conditionValue(statement, 'iam:PassedToService') === undefined) {
      findings.push(`${where}: iam:PassRole without an iam:PassedToService condition`)
    }
  }
  if (statement.Resource.includes('*')) {
    const unscoped = statement.Action.filter((action) => !actionsWithoutResourceLevel.has(action))
    if (unscoped.length > 0) findings.push(`${where}: ${unscoped.join(', ')} on resource *`)
    if (
      statement.Action.includes('ecs:ListTasks') &&
      conditionValue(statement, 'ecs:cluster') === undefined
    ) {
      findings.push(`${where}: ecs:ListTasks on * without an ecs:cluster condition`)
    }
  }
  const ecsActions = statement.Action.filter((action) => action.startsWith('ecs:'))
  if (
    ecsActions.includes('ecs:RunTask') &&
    !JSON.stringify(statement.Resource).includes('task-definition/')
  ) {
    findings.push(`${where}: ecs:RunTask not limited to a task definition family`)
  }
  if (
    ecsActions.some((action) => action !== 'ecs:TagResource') &&
    conditionValue(statement, 'ecs:cluster') === undefined
  ) {
    findings.push(`${where}: ${ecsActions.join(', ')} without an ecs:cluster condition`)
  }
  return findings
}

function bucketFindings(resources: Record<string, Json>): string[] {
  const findings: string[] = []
  for (const [name, bucket] of Object.entries(resources)) {
    if (bucket.Type !== 'AWS::S3::Bucket') continue
    const properties = bucket.Properties ?? {}
    const block = properties.PublicAccessBlockConfiguration ?? {}
    for (const setting of [
      'BlockPublicAcls',
      'BlockPublicPolicy',
      'IgnorePublicAcls',
      'RestrictPublicBuckets'
    ]) {
      if (block[setting] !== true) findings.push(`${name}: public access not blocked (${setting})`)
    }
    if (properties.AccessControl && properties.AccessControl !== 'Private') {
      findings.push(`${name}: AccessControl ${properties.AccessControl}`)
    }
    const encryption = properties.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]
    if (!encryption?.ServerSideEncryptionByDefault?.SSEAlgorithm) {
      findings.push(`${name}: no default encryption`)
    }
    if (!hasTlsOnlyPolicy(resources, name))
      findings.push(`${name}: no policy denying requests without TLS`)
  }
  return findings
}

function refersTo(value: Json, name: string): boolean {
  return JSON.stringify(value).includes(`"${name}"`) || JSON.stringify(value).includes(`\${${name}`)
}

function hasTlsOnlyPolicy(resources: Record<string, Json>, bucket: string): boolean {
  return Object.values(resources).some((resource) => {
    if (
      resource.Type !== 'AWS::S3::BucketPolicy' ||
      !refersTo(resource.Properties?.Bucket, bucket)
    ) {
      return false
    }
    return asList<Json>(resource.Properties.PolicyDocument?.Statement).some((statement) => {
      const targets = asList<Json>(statement.Resource)
      return (
        statement.Effect === 'Deny' &&
        statement.Principal === '*' &&
        asList<string>(statement.Action).includes('s3:*') &&
        String(statement.Condition?.Bool?.['aws:SecureTransport']) === 'false' &&
        targets.some((target) => refersTo(target, bucket) && !hasWildcard(target)) &&
        targets.some((target) => refersTo(target, bucket) && hasWildcard(target))
      )
    })
  })
}

function securityGroupFindings(resources: Record<string, Json>): string[] {
  const rules: { where: string; rule: Json }[] = []
  for (const [name, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::EC2::SecurityGroup') {
      for (const rule of asList<Json>(resource.Properties?.SecurityGroupIngress))
        rules.push({ where: name, rule })
    }
    if (resource.Type === 'AWS::EC2::SecurityGroupIngress')
      rules.push({ where: name, rule: resource.Properties })
  }
  return rules
    .filter(({ rule }) => worldCidrs.has(rule.CidrIp) || worldCidrs.has(rule.CidrIpv6))
    .map(
      ({ where, rule }) => `${where}: ingress open to the world (${rule.CidrIp ?? rule.CidrIpv6})`
    )
}
