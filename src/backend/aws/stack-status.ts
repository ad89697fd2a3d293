/**
 * Which CloudFormation stack states a run can use. A stack keeps its resources through an update
 * and through the rollback of a failed update (UPDATE_ROLLBACK_COMPLETE is the normal state after
 * one), so only states in which the resources are missing, half made or being deleted are refused.
 */
export type StackUsability = { usable: true; changing: boolean } | { usable: false; fix: string }

/** States whose resources are missing or going away, with what to do about each. */
const UNUSABLE: Record<string, string> = {
  CREATE_IN_PROGRESS: 'wait until the stack is created',
  CREATE_FAILED: 'delete it and deploy again (see its events for the cause)',
  ROLLBACK_IN_PROGRESS: 'its creation failed; delete it and deploy again once the rollback ends',
  ROLLBACK_COMPLETE: 'its creation failed and was rolled back; delete it and deploy again',
  ROLLBACK_FAILED: 'its creation failed; delete it and deploy again',
  DELETE_IN_PROGRESS: 'it is being deleted; deploy it again once the deletion ends',
  DELETE_FAILED: 'a deletion left it half deleted; delete it again, then deploy again',
  DELETE_COMPLETE: 'it was deleted; deploy it again',
  REVIEW_IN_PROGRESS: 'it has a change set waiting to be executed; execute it first',
  UPDATE_ROLLBACK_FAILED:
    'a failed update could not be rolled back; run `aws cloudformation continue-update-rollback` first',
  IMPORT_ROLLBACK_FAILED: 'a failed import could not be rolled back; fix it in the console first'
}

/** Whether a run can use a stack in `status`; `changing` when an update is under way. */
export function stackUsability(status: string): StackUsability {
  const fix = UNUSABLE[status]
  if (fix !== undefined) return { usable: false, fix }
  return { usable: true, changing: status.endsWith('_IN_PROGRESS') }
}
