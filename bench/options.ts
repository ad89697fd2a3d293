/** A bench's whole-number option, refused with the bench's and the flag's name when it is not one. */
export function wholeNumberOption(
  bench: string,
  flag: string,
  given: unknown,
  min: number
): number {
  const text = String(given)
  const value = Number(text)
  if (!Number.isInteger(value) || value < min) {
    throw new Error(
      `${bench} bench: --${flag} must be a whole number of at least ${min}, got "${text}"`
    )
  }
  return value
}
