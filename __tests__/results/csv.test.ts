import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { parse as csvParse } from 'csv-parse/sync'
import { CsvError, CsvTokenizer, parseCsv, type CsvSink } from '../../src/results/csv.js'

const fixture = (path: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)))

/**
 * Records and the line each started on, as the tokenizer reports them. The checks of many chunkings
 * compare with isDeepStrictEqual and assert once: thousands of expect() calls cost seconds.
 */
function tokenize(chunks: (Uint8Array | string)[]): { records: string[][]; lines: number[] } {
  const records: string[][] = []
  const lines: number[] = []
  let fields: string[] = []
  const sink: CsvSink = {
    field(bytes, start, end, column) {
      if (column !== fields.length)
        throw new Error(`field reported as column ${column}, but it is column ${fields.length}`)
      fields.push(Buffer.from(bytes.subarray(start, end)).toString('utf8'))
    },
    endRecord(line) {
      records.push(fields)
      lines.push(line)
      fields = []
    }
  }
  const tokenizer = new CsvTokenizer(sink)
  for (const chunk of chunks) tokenizer.write(chunk)
  tokenizer.end()
  return { records, lines }
}

/** Seeded PRNG (mulberry32), so that failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('CsvTokenizer', () => {
  test('plain fields, quoted commas, escaped quotes and newlines inside quotes', () => {
    expect(parseCsv('a,b,c\n"x,y","say ""hi""","two\nlines"\n')).toEqual([
      ['a', 'b', 'c'],
      ['x,y', 'say "hi"', 'two\nlines']
    ])
  })

  test('CRLF, lone CR and a missing final newline all end records', () => {
    expect(parseCsv('a,b\r\nc,d\re,f')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f']
    ])
    expect(parseCsv('"q\r\nline"\r\n')).toEqual([['q\r\nline']])
  })

  test('empty fields, a trailing comma and blank lines (skipped)', () => {
    expect(parseCsv(',a,,\n\n\r\nb\n,\n')).toEqual([['', 'a', '', ''], ['b'], ['', '']])
    expect(parseCsv('"",x\n""\n')).toEqual([['', 'x'], ['']])
    expect(parseCsv('')).toEqual([])
    expect(parseCsv('\n\n')).toEqual([])
  })

  test('unicode and a leading byte order mark (dropped only at the start)', () => {
    expect(parseCsv('\uFEFFName,Über\n日本語|😀,"é,è"\n')).toEqual([
      ['Name', 'Über'],
      ['日本語|😀', 'é,è']
    ])
    expect(parseCsv('a\n\uFEFFb\n')).toEqual([['a'], ['\uFEFFb']])
    expect(parseCsv('\uFEFF')).toEqual([])
    expect(parseCsv([Buffer.from([0xef]), Buffer.from([0xbb]), Buffer.from([0xbf, 0x61])])).toEqual(
      [['a']]
    )
  })

  test('stray quotes are kept as text, as Python csv does', () => {
    expect(parseCsv('ab"c,"q"tail,"x"""\n')).toEqual([['ab"c', 'qtail', 'x"']])
  })

  test('an unterminated quoted field is an error naming its line', () => {
    expect(() => parseCsv('a,b\nc,"never\nends\n')).toThrow(
      new CsvError('a quoted field that starts on line 2 never ends (the file looks truncated)', 2)
    )
    expect(() => parseCsv('"a\nb","c\nd",\n\n"open')).toThrow(/starts on line 5 never ends/)
  })

  test('reports the line each record starts on, counting newlines inside quotes once', () => {
    const { lines } = tokenize(['h\r\n"a\r\nb"\r\n\r\nc\n"d\ne\rf"\ng'])
    expect(lines).toEqual([1, 2, 5, 6, 9])
  })

  test('the same rows and lines whatever the chunk boundaries (every split of a tricky text)', () => {
    const text =
      '\uFEFFType,Name,"Err, ""x"""\r\nGET,"/a,b ""q""\nnext",ü😀|\n\nPOST,,"""\r\n"\r,\n'
    const bytes = Buffer.from(text)
    const whole = tokenize([bytes])
    expect(whole.records).toEqual([
      ['Type', 'Name', 'Err, "x"'],
      ['GET', '/a,b "q"\nnext', 'ü😀|'],
      ['POST', '', '"\r\n'],
      ['', '']
    ])
    const differing: string[] = []
    for (let first = 0; first <= bytes.length; first++) {
      for (let second = first; second <= bytes.length; second++) {
        const split = tokenize([
          bytes.subarray(0, first),
          bytes.subarray(first, second),
          bytes.subarray(second)
        ])
        if (!isDeepStrictEqual(split, whole))
          differing.push(`split at ${first} and ${second}: ${JSON.stringify(split)}`)
      }
    }
    expect(differing).toEqual([])
  })

  test('a real Locust file split at every byte offset gives the same rows', () => {
    const bytes = fixture('locust-2.12.1-exceptions/out_exceptions.csv')
    const whole = tokenize([bytes])
    expect(whole.records).toHaveLength(3)
    const differing: string[] = []
    for (let at = 0; at <= bytes.length; at++) {
      const split = tokenize([bytes.subarray(0, at), bytes.subarray(at)])
      if (!isDeepStrictEqual(split, whole))
        differing.push(`split at ${at}: ${JSON.stringify(split)}`)
    }
    expect(differing).toEqual([])
    // One byte at a time, too.
    expect(tokenize([...bytes].map((b) => Uint8Array.of(b)))).toEqual(whole)
  })

  test('string chunks, even split inside a surrogate pair', () => {
    const text = 'a,"😀,x"\nb,😀\n'
    for (let at = 0; at <= text.length; at++) {
      expect(tokenize([text.slice(0, at), text.slice(at)]).records).toEqual([
        ['a', '😀,x'],
        ['b', '😀']
      ])
    }
  })

  test('round-trips random fields and agrees with csv-parse on them', () => {
    const next = random(42)
    const alphabet = ['a', 'Z', '0', ',', '"', '\n', '\r\n', ' ', 'ü', '😀', '|', '\t']
    for (let trial = 0; trial < 300; trial++) {
      const width = 1 + Math.floor(next() * 5)
      const rows = Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
        Array.from({ length: width }, () =>
          Array.from(
            { length: Math.floor(next() * 8) },
            () => alphabet[Math.floor(next() * alphabet.length)]
          ).join('')
        )
      )
      // A record made of one empty field would be a blank line, which CSV readers skip.
      const kept = rows.filter((row) => !(row.length === 1 && row[0] === ''))
      const text = kept
        .map((row) =>
          row.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')
        )
        .join('\r\n')
      const bytes = Buffer.from(text)
      const at = Math.floor(next() * (bytes.length + 1))
      const ours = parseCsv([bytes.subarray(0, at), bytes.subarray(at)])
      expect(ours).toEqual(kept)
      expect(ours).toEqual(csvParse(text, { relaxColumnCount: true, skipEmptyLines: true }))
    }
  })
})
