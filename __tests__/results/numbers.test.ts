import { isNullBytes, parseNumberBytes, parseNumberText } from '../../src/results/numbers.js'

const bytesOf = (text: string): Uint8Array => Buffer.from(`<${text}>`)
/** Parses the text from the middle of a larger buffer, as the tokenizer hands it over. */
const fromBytes = (text: string): number => parseNumberBytes(bytesOf(text), 1, text.length + 1)

describe('numbers as Locust writes them', () => {
  test('byte parsing equals Number() on the forms Python writes', () => {
    const samples = [
      '0',
      '42',
      '4333',
      '-7',
      '0.0',
      '0.000000',
      '541.6971790816687',
      '3.3318716824371104',
      '1.4311377245508983',
      '654.0',
      '99.9',
      '1e-05',
      '2.5e+20',
      '-0.5',
      '.5',
      '5.',
      '9007199254740993',
      '123456789012345678901234567890',
      '0.1234567890123456789012345'
    ]
    for (const text of samples) expect(fromBytes(text)).toBe(Number(text))
  })

  test('byte parsing equals Number() on random decimals of every length', () => {
    let seed = 7
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    // Compared without expect() in the loop (20,000 matcher calls cost a second); every text
    // that differs is reported with both readings.
    const differing: string[] = []
    for (let k = 0; k < 20000; k++) {
      const digits = String(Math.floor(next() * 1e17)).slice(0, 1 + Math.floor(next() * 18))
      const dot = Math.floor(next() * (digits.length + 1))
      const text = `${digits.slice(0, dot)}.${digits.slice(dot)}`
      if (!Object.is(fromBytes(text), Number(text)))
        differing.push(`${text}: ${fromBytes(text)} instead of ${Number(text)}`)
    }
    expect(differing).toEqual([])
  })

  test('"N/A", "nan" and empty cells are null; text that is no number is NaN', () => {
    for (const text of ['N/A', 'nan', '']) {
      expect(isNullBytes(bytesOf(text), 1, text.length + 1)).toBe(true)
      expect(parseNumberText(text)).toBeNull()
    }
    expect(isNullBytes(bytesOf('NaN'), 1, 4)).toBe(false)
    for (const text of ['abc', '1.2.3', '12ms', ' 5', '-', '.']) {
      expect(fromBytes(text)).toBeNaN()
      expect(parseNumberText(text)).toBeNaN()
    }
    expect(parseNumberText('inf')).toBe(Infinity)
  })
})
