/**
 * Numbers as Python (and so Locust) writes them: "42", "0.000000", "3.3318716824371104", "1e-05",
 * "N/A" for no data. Parsed straight from bytes in the hot path, without making strings.
 */

const ZERO = 0x30
const NINE = 0x39
const DOT = 0x2e
const MINUS = 0x2d

/** Exact powers of ten: a mantissa below 2^53 divided by one of these rounds like Number() does. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k)

/** A cell that means "no value": Locust's "N/A", Python's "nan", or nothing at all. */
export function isNullText(text: string): boolean {
  return text === '' || text === 'N/A' || text === 'nan'
}

/** Parses a number cell: null for "N/A" (and blanks), NaN when the text is not a number. */
export function parseNumberText(text: string): number | null {
  if (isNullText(text)) return null
  if (text === 'inf') return Infinity
  if (text === '-inf') return -Infinity
  return /^\s|\s$/.test(text) ? NaN : Number(text)
}

/** True when bytes[start, end) is a null cell (see isNullText). */
export function isNullBytes(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start
  if (length === 0) return true
  if (length === 3) {
    const a = bytes[start]
    return (
      (a === 0x4e && bytes[start + 1] === 0x2f && bytes[start + 2] === 0x41) || // N/A
      (a === 0x6e && bytes[start + 1] === 0x61 && bytes[start + 2] === 0x6e)
    ) // nan
  }
  return false
}

/**
 * Parses bytes[start, end) as a number; NaN when it is not one (callers check isNullBytes first).
 * Plain decimals of up to 15–16 digits take an exact fast path; anything else (exponents, long
 * fractions, "inf") goes through Number(), so results always equal Number(text).
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  let k = start
  const negative = bytes[k] === MINUS
  if (negative) k++
  let mantissa = 0
  let fractionDigits = 0
  let digits = 0
  let seenDot = false
  for (; k < end; k++) {
    const c = bytes[k]
    if (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO)
      digits++
      if (seenDot) fractionDigits++
    } else if (c === DOT && !seenDot) {
      seenDot = true
    } else {
      break
    }
  }
  if (k === end && digits > 0 && mantissa <= Number.MAX_SAFE_INTEGER && fractionDigits < 23) {
    const value = mantissa / EXACT_POWERS_OF_TEN[fractionDigits]
    return negative ? -value : value
  }
  return parseNumberText(latin1(bytes, start, end)) ?? NaN
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = ''
  for (let k = start; k < end; k++) text += String.fromCharCode(bytes[k])
  return text
}
