import { DistributedLocustError } from '../errors.js'
/** A results folder or file that cannot be read as Locust output; the message says what to do. */
export class ResultsError extends DistributedLocustError {}
