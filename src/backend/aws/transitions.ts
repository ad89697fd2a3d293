/**
 * The state transitions Step Functions bills for a run, counted from the histories once the
 * execution has ended. A Standard workflow bills every step executed, retries included: one
 * transition per state entered, plus one per retried Task attempt. A distributed Map (the run
 * watch) runs its items as child executions, billed alike: the parent's history names each Map
 * run (MapRunStarted), whose children are listed and their histories counted too. Best effort: a
 * call that is denied or fails, or a run needing too many calls, leaves the count unknown.
 */
import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  type HistoryEvent,
  type SFNClient
} from '@aws-sdk/client-sfn'

/**
 * At most this many calls. The run watch's child executions are windows of up to 30 minutes, of
 * one or two history pages each: a 12-hour run takes about 50 calls.
 */
export const TRANSITION_CALL_LIMIT = 200
const PAGE_SIZE = 1000

export type TransitionCount = number | { unknown: string }

/** The client, and a bound on the calls: `spend` throws once it is reached. */
interface Calls {
  stepFunctions: SFNClient
  spend: () => void
}

export async function countStateTransitions(
  stepFunctions: SFNClient,
  executionArn: string,
  callLimit = TRANSITION_CALL_LIMIT
): Promise<TransitionCount> {
  let calls = 0
  const bounded: Calls = {
    stepFunctions,
    spend: () => {
      if (++calls > callLimit) throw new Error(`counting takes more than ${callLimit} calls`)
    }
  }
  try {
    const parent = await history(bounded, executionArn)
    let transitions = billedTransitions(parent)
    const mapRuns = parent.flatMap((event) => event.mapRunStartedEventDetails?.mapRunArn ?? [])
    for (const mapRunArn of mapRuns) {
      for (const child of await childExecutions(bounded, mapRunArn)) {
        transitions += billedTransitions(await history(bounded, child))
      }
    }
    return transitions
  } catch (error) {
    const { name, message } = error as Error
    return { unknown: name && name !== 'Error' ? `${name}: ${message}` : message }
  }
}

/** Billed transitions in one execution's history: states entered, and Task retries. */
export function billedTransitions(events: HistoryEvent[]): number {
  let transitions = 0
  let attemptsInState = 0
  for (const { type } of events) {
    if (type?.endsWith('StateEntered')) {
      transitions++
      attemptsInState = 0
    } else if (type === 'TaskScheduled' && attemptsInState++ > 0) {
      transitions++
    }
  }
  return transitions
}

async function history({ stepFunctions, spend }: Calls, executionArn: string) {
  const events: HistoryEvent[] = []
  let nextToken: string | undefined
  do {
    spend()
    const page = await stepFunctions.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: PAGE_SIZE,
        includeExecutionData: false,
        nextToken
      })
    )
    events.push(...(page.events ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  return events
}

async function childExecutions({ stepFunctions, spend }: Calls, mapRunArn: string) {
  const children: string[] = []
  let nextToken: string | undefined
  do {
    spend()
    const page = await stepFunctions.send(
      new ListExecutionsCommand({ mapRunArn, maxResults: PAGE_SIZE, nextToken })
    )
    children.push(...(page.executions ?? []).flatMap((child) => child.executionArn ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  return children
}
