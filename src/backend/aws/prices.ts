/**
 * AWS list prices the cost estimate uses (USD, Linux, no Savings Plans or free tier), with the date
 * they were read. Fargate Spot prices move with demand: the figure here is an estimate. Regions not
 * listed are not priced; add a region here (its prices are on the AWS Fargate, Step Functions and
 * S3 pricing pages) and its date.
 */

export interface Rates {
  /** Per vCPU per hour. */
  vcpuHour: number
  /** Per GB of memory per hour. */
  gbHour: number
}

export interface RegionPrices {
  x86: Rates
  arm: Rates
  /** Fargate Spot runs x86_64 tasks only. */
  spotX86: Rates
  /** Standard workflows, per state transition. */
  stepFunctionsTransition: number
  /** PUT, COPY, POST, LIST requests, per 1,000. */
  s3WritePer1000: number
  /** GET and other requests, per 1,000. */
  s3ReadPer1000: number
}

/** The same list prices hold in these regions (N. Virginia, Ohio, Oregon, Ireland). */
const BASE: RegionPrices = {
  x86: { vcpuHour: 0.04048, gbHour: 0.004445 },
  arm: { vcpuHour: 0.03238, gbHour: 0.00356 },
  spotX86: { vcpuHour: 0.01214386, gbHour: 0.00133335 },
  stepFunctionsTransition: 0.000025,
  s3WritePer1000: 0.005,
  s3ReadPer1000: 0.0004
}

export const FARGATE_PRICES = {
  asOf: '2026-03',
  regions: {
    'us-east-1': BASE,
    'us-east-2': BASE,
    'us-west-2': BASE,
    'eu-west-1': BASE
  } as Record<string, RegionPrices>
}
