/**
 * Every AWS call a run makes from the action or the CLI, with the resource IAM judges it on:
 * what the caller's credentials must allow (cloudformation/template.yaml's GitHub role grants
 * exactly these). Grouped by resource, as IAM's simulator pairs every action with every resource.
 */
import { bundlePrefix, HOST_FILE_KEY, resultsPrefix } from '../stage.js'

export interface RunCallGroup {
  resource: string
  actions: string[]
  /** Condition keys the role's policy tests, with the values a run's calls carry. */
  context?: Record<string, string>
}

export interface RunResources {
  partition: string
  region: string
  account: string
  stackId?: string
  stateMachineArn: string
  bucket: string
  clusterName?: string
}

/** The run id the simulated calls name: any run's keys are judged alike. */
const DOCTOR_RUN = 'doctor'
const DOCTOR_RESULTS = resultsPrefix(DOCTOR_RUN)
const DOCTOR_BASELINES = 'baselines/doctor/doctor/main/'

export function runCallGroups(resources: RunResources): RunCallGroup[] {
  const { partition, region, account } = resources
  const stateMachineName = resources.stateMachineArn.split(':').at(-1) ?? ''
  const groups: RunCallGroup[] = [
    { resource: resources.stateMachineArn, actions: ['states:StartExecution'] },
    {
      resource: `arn:${partition}:states:${region}:${account}:execution:${stateMachineName}:doctor`,
      actions: ['states:DescribeExecution', 'states:StopExecution', 'states:GetExecutionHistory']
    },
    // The cost counts the transitions of the run watch's child executions (transitions.ts).
    {
      resource: `arn:${partition}:states:${region}:${account}:mapRun:${stateMachineName}/WatchMaster:doctor`,
      actions: ['states:ListExecutions']
    },
    {
      resource: `arn:${partition}:states:${region}:${account}:execution:${stateMachineName}/WatchMaster:doctor`,
      actions: ['states:GetExecutionHistory']
    },
    {
      resource: `arn:${partition}:s3:::${resources.bucket}/${DOCTOR_RESULTS}result.json`,
      actions: ['s3:PutObject', 's3:GetObject']
    },
    // A host URL with credentials is staged in the bundle and deleted once the run is over.
    {
      resource: `arn:${partition}:s3:::${resources.bucket}/${bundlePrefix(DOCTOR_RUN)}${HOST_FILE_KEY}`,
      actions: ['s3:DeleteObject']
    },
    {
      resource: `arn:${partition}:s3:::${resources.bucket}`,
      actions: ['s3:ListBucket'],
      context: { 's3:prefix': DOCTOR_RESULTS }
    },
    // baseline: auto reads, writes and trims each branch's baseline history (docs/aws-contract.md).
    {
      resource: `arn:${partition}:s3:::${resources.bucket}/${DOCTOR_BASELINES}history/doctor.json`,
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject']
    },
    {
      resource: `arn:${partition}:s3:::${resources.bucket}`,
      actions: ['s3:ListBucket'],
      context: { 's3:prefix': DOCTOR_BASELINES }
    }
  ]
  if (resources.stackId) {
    groups.unshift({ resource: resources.stackId, actions: ['cloudformation:DescribeStacks'] })
  }
  if (resources.clusterName) {
    const clusterArn = `arn:${partition}:ecs:${region}:${account}:cluster/${resources.clusterName}`
    groups.push(
      {
        resource: `arn:${partition}:ecs:${region}:${account}:task/${resources.clusterName}/0123456789abcdef0123456789abcdef`,
        actions: ['ecs:DescribeTasks', 'ecs:StopTask'],
        context: { 'ecs:cluster': clusterArn }
      },
      { resource: '*', actions: ['ecs:ListTasks'], context: { 'ecs:cluster': clusterArn } }
    )
  }
  return groups
}
