/**
 * Bounded-memory downsampling of the aggregate time series, fed one sample at a time. Samples fall
 * into time buckets of equal width; when there are more buckets than wanted, the width grows (1 s,
 * then 3 s, then doubling) and neighbouring buckets merge, so a run of any length ends with between
 * maxPoints/3 and maxPoints points. Within a bucket: users, p95 and p99 keep their maximum (peaks
 * matter), rps, failures/s and p50 their mean, the cumulative totals and the timestamp their last
 * value. Beside each bucket, where worker reports changed the totals in it (see counts()). The run's first
 * sample and its peak and final user counts are kept exactly beside the buckets. Pure.
 */
import type { CountSample, HistoryPoint, HistorySpan } from './model.js'

/**
 * How often each Locust worker sends its counts to the master. Buckets and chart intervals are a
 * whole number of these, so each holds as many reports as the next: other widths beat against the
 * reports (2-second buckets of a steady run read alternately 66 and 200 requests/s).
 */
export const LOCUST_REPORT_SECONDS = 3

/** Per-bucket accumulators, one slot per bucket (struct of arrays: no object per sample). */
const enum Slot {
  Start,
  LastTimestamp,
  UsersMax,
  RpsSum,
  FailRpsSum,
  Samples,
  P50Sum,
  P50Samples,
  P95Max,
  P99Max,
  TotalRequests,
  TotalFailures,
  /** Sums over the bucket's samples whose totals differ from the sample before (report arrivals). */
  ReportTimeSum,
  ReportRequestsSum,
  ReportFailuresSum,
  Reports,
  Count
}

export const DEFAULT_MAX_HISTORY_POINTS = 120

export class HistoryDownsampler {
  /** Bucket b's slot s lives at buckets[b * Slot.Count + s]. */
  private readonly buckets: Float64Array
  private bucketCount = 0
  private origin = 0
  private widthSeconds = 1
  private firstSample: HistorySpan['first'] | null = null
  private peakUsers = 0
  private lastActiveUsers = 0
  private previousTotals: [number, number] | null = null
  /**
   * Requests and failures counted since the first sample, across Locust's resets: a total lower
   * than the one before (Locust clears its stats when a round starts) counts again from 0.
   */
  private countedRequests = 0
  private countedFailures = 0
  /**
   * The last row whose totals differ from the row before (the workers' final reports, usually):
   * its time, requests and failures; kept in place, as the parser allocates nothing per row.
   */
  private readonly lastChange = new Float64Array([NaN, 0, 0])
  private usersStoppedAt: number | null = null

  constructor(private readonly maxPoints = DEFAULT_MAX_HISTORY_POINTS) {
    if (!Number.isInteger(maxPoints) || maxPoints < 1) {
      throw new RangeError(`maxPoints must be a whole number of at least 1, got ${maxPoints}`)
    }
    this.buckets = new Float64Array((maxPoints + 1) * Slot.Count)
  }

  /** Adds one sample; p50/p95 are NaN when Locust wrote N/A. Timestamps must be finite. */
  add(
    timestamp: number,
    users: number,
    rps: number,
    failRps: number,
    p50: number,
    p95: number,
    p99: number,
    totalRequests: number,
    totalFailures: number
  ): void {
    if (this.bucketCount === 0) this.firstSample = { timestamp, totalRequests, totalFailures }
    this.peakUsers = Math.max(this.peakUsers, users)
    if (users > 0) {
      this.lastActiveUsers = users
      this.usersStoppedAt = null
    } else if (this.lastActiveUsers > 0 && this.usersStoppedAt === null) {
      this.usersStoppedAt = timestamp
    }
    const b = this.bucketFor(timestamp)
    const s = b * Slot.Count
    const buckets = this.buckets
    buckets[s + Slot.LastTimestamp] = timestamp
    buckets[s + Slot.UsersMax] = Math.max(buckets[s + Slot.UsersMax], users)
    buckets[s + Slot.RpsSum] += rps
    buckets[s + Slot.FailRpsSum] += failRps
    buckets[s + Slot.Samples]++
    if (!Number.isNaN(p50)) {
      buckets[s + Slot.P50Sum] += p50
      buckets[s + Slot.P50Samples]++
    }
    buckets[s + Slot.P95Max] = maxIgnoringNaN(buckets[s + Slot.P95Max], p95)
    buckets[s + Slot.P99Max] = maxIgnoringNaN(buckets[s + Slot.P99Max], p99)
    buckets[s + Slot.TotalRequests] = totalRequests
    buckets[s + Slot.TotalFailures] = totalFailures
    const previous = this.previousTotals
    if (previous === null) {
      this.countedRequests = totalRequests
      this.countedFailures = totalFailures
    } else if (previous[0] !== totalRequests || previous[1] !== totalFailures) {
      this.countedRequests += countedSince(previous[0], totalRequests)
      this.countedFailures += countedSince(previous[1], totalFailures)
      buckets[s + Slot.ReportTimeSum] += timestamp
      buckets[s + Slot.ReportRequestsSum] += this.countedRequests
      buckets[s + Slot.ReportFailuresSum] += this.countedFailures
      buckets[s + Slot.Reports]++
      const last = this.lastChange
      last[0] = timestamp
      last[1] = this.countedRequests
      last[2] = this.countedFailures
    }
    this.previousTotals = [totalRequests, totalFailures]
    if (this.bucketCount > this.maxPoints) this.coarsen()
  }

  points(): HistoryPoint[] {
    const points: HistoryPoint[] = []
    for (let b = 0; b < this.bucketCount; b++) {
      const s = b * Slot.Count
      const at = (slot: Slot): number => this.buckets[s + slot]
      const samples = at(Slot.Samples)
      points.push({
        timestamp: at(Slot.LastTimestamp),
        users: at(Slot.UsersMax),
        rps: at(Slot.RpsSum) / samples,
        failRps: at(Slot.FailRpsSum) / samples,
        p50Ms: at(Slot.P50Samples) > 0 ? at(Slot.P50Sum) / at(Slot.P50Samples) : null,
        p95Ms: Number.isNaN(at(Slot.P95Max)) ? null : at(Slot.P95Max),
        p99Ms: Number.isNaN(at(Slot.P99Max)) ? null : at(Slot.P99Max),
        totalRequests: at(Slot.TotalRequests),
        totalFailures: at(Slot.TotalFailures)
      })
    }
    return points
  }

  /**
   * Where worker reports moved the totals: per bucket, the mean time and counts of the samples
   * that showed a change (counted since the first sample, across Locust's resets). A bucket of
   * whole report periods holds every worker's reports alike, so these means lie on one line under a
   * steady load, however the workers' reports are staggered.
   * The run's last change is kept exactly beside its bucket's mean: it is the workers' final
   * reports when the users stopped, which count a stretch of their own.
   */
  counts(): CountSample[] {
    const counts: CountSample[] = []
    const [time, requests, failures] = this.lastChange
    const last = Number.isNaN(time)
      ? null
      : { timestamp: time, totalRequests: requests, totalFailures: failures }
    for (let b = 0; b < this.bucketCount; b++) {
      const s = b * Slot.Count
      const at = (slot: Slot): number => this.buckets[s + slot]
      const next = b + 1 < this.bucketCount ? this.buckets[s + Slot.Count + Slot.Start] : Infinity
      const holdsLast = last !== null && last.timestamp >= at(Slot.Start) && last.timestamp < next
      const kept = holdsLast ? 1 : 0
      const reports = at(Slot.Reports) - kept
      if (reports > 0) {
        counts.push({
          timestamp: (at(Slot.ReportTimeSum) - kept * last!.timestamp) / reports,
          totalRequests: (at(Slot.ReportRequestsSum) - kept * last!.totalRequests) / reports,
          totalFailures: (at(Slot.ReportFailuresSum) - kept * last!.totalFailures) / reports
        })
      }
      if (holdsLast) counts.push(last)
    }
    return counts
  }

  /** What the whole run's samples show, whatever the downsampling: null without samples. */
  span(): HistorySpan | null {
    if (this.firstSample === null) return null
    const last = (this.bucketCount - 1) * Slot.Count
    return {
      first: this.firstSample,
      lastTimestamp: this.buckets[last + Slot.LastTimestamp],
      peakUsers: this.peakUsers,
      // Locust writes its last rows after it has stopped the users: they show 0.
      finalUsers: this.lastActiveUsers,
      ...(this.usersStoppedAt === null ? {} : { usersStoppedAt: this.usersStoppedAt })
    }
  }

  /** The bucket a sample goes to, opened if needed. Late (out-of-order) samples join the last one. */
  private bucketFor(timestamp: number): number {
    if (this.bucketCount === 0) {
      this.origin = timestamp
      return this.open(timestamp)
    }
    const last = this.bucketCount - 1
    const key = this.keyOf(timestamp)
    if (key <= this.keyOf(this.buckets[last * Slot.Count + Slot.Start])) return last
    return this.open(this.origin + key * this.widthSeconds)
  }

  private keyOf(timestamp: number): number {
    return Math.floor((timestamp - this.origin) / this.widthSeconds)
  }

  private open(start: number): number {
    const b = this.bucketCount++
    const s = b * Slot.Count
    this.buckets.fill(0, s, s + Slot.Count)
    this.buckets[s + Slot.Start] = start
    this.buckets[s + Slot.UsersMax] = -Infinity
    this.buckets[s + Slot.P95Max] = NaN
    this.buckets[s + Slot.P99Max] = NaN
    return b
  }

  /** Widens the buckets until they fit, merging neighbours in place. */
  private coarsen(): void {
    const buckets = this.buckets
    while (this.bucketCount > this.maxPoints) {
      this.widthSeconds = this.widthSeconds === 1 ? LOCUST_REPORT_SECONDS : this.widthSeconds * 2
      let kept = 0
      for (let b = 0; b < this.bucketCount; b++) {
        const from = b * Slot.Count
        const key = this.keyOf(buckets[from + Slot.Start])
        const into = (kept - 1) * Slot.Count
        if (kept > 0 && key === this.keyOf(buckets[into + Slot.Start])) {
          mergeInto(buckets, into, from)
        } else {
          buckets.copyWithin(kept * Slot.Count, from, from + Slot.Count)
          buckets[kept * Slot.Count + Slot.Start] = this.origin + key * this.widthSeconds
          kept++
        }
      }
      this.bucketCount = kept
    }
  }
}

/** Merges bucket `from` (the later one) into bucket `into`. */
function mergeInto(buckets: Float64Array, into: number, from: number): void {
  buckets[into + Slot.LastTimestamp] = buckets[from + Slot.LastTimestamp]
  buckets[into + Slot.UsersMax] = Math.max(
    buckets[into + Slot.UsersMax],
    buckets[from + Slot.UsersMax]
  )
  buckets[into + Slot.RpsSum] += buckets[from + Slot.RpsSum]
  buckets[into + Slot.FailRpsSum] += buckets[from + Slot.FailRpsSum]
  buckets[into + Slot.Samples] += buckets[from + Slot.Samples]
  buckets[into + Slot.P50Sum] += buckets[from + Slot.P50Sum]
  buckets[into + Slot.P50Samples] += buckets[from + Slot.P50Samples]
  buckets[into + Slot.P95Max] = maxIgnoringNaN(
    buckets[into + Slot.P95Max],
    buckets[from + Slot.P95Max]
  )
  buckets[into + Slot.P99Max] = maxIgnoringNaN(
    buckets[into + Slot.P99Max],
    buckets[from + Slot.P99Max]
  )
  buckets[into + Slot.TotalRequests] = buckets[from + Slot.TotalRequests]
  buckets[into + Slot.TotalFailures] = buckets[from + Slot.TotalFailures]
  for (const slot of [
    Slot.ReportTimeSum,
    Slot.ReportRequestsSum,
    Slot.ReportFailuresSum,
    Slot.Reports
  ]) {
    buckets[into + slot] += buckets[from + slot]
  }
}

/** What a total brought since the one before; lower, it was reset and counts again from 0. */
function countedSince(before: number, after: number): number {
  return after >= before ? after - before : after
}

function maxIgnoringNaN(a: number, b: number): number {
  if (Number.isNaN(a)) return b
  if (Number.isNaN(b)) return a
  return Math.max(a, b)
}
