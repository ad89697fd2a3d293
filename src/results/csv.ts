import { DistributedLocustError } from '../errors.js'
/**
 * A streaming CSV tokenizer (RFC 4180 plus the leniencies of Python's csv module, which writes
 * Locust's files), written for throughput: it scans bytes, hands each field to a sink as a byte
 * range of the chunk it came from, and copies bytes only for fields that cross a chunk boundary or
 * contain escaped quotes. Pure: no I/O.
 */

const COMMA = 0x2c
const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

/** Receives the tokens of a CSV stream. */
export interface CsvSink {
  /**
   * One field, unquoted and unescaped, as bytes[start, end) (UTF-8). The bytes are only valid during
   * the call: the tokenizer reuses its buffers, so copy or decode what you keep.
   */
  field(bytes: Uint8Array, start: number, end: number, column: number): void
  /** The end of a record; `line` is the 1-based line on which the record started. */
  endRecord(line: number): void
}

export class CsvError extends DistributedLocustError {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message)
  }
}

const enum State {
  /** Before the first byte of a field. */
  FieldStart,
  /** Inside an unquoted field (or after the closing quote of a quoted one). */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** A chunk ended right after a quote inside a quoted field: escaped quote or closing quote? */
  QuoteInQuoted,
  /** A record ended with CR: a following LF belongs to it. */
  AfterCr
}

const BOM = [0xef, 0xbb, 0xbf]

export class CsvTokenizer {
  private state = State.FieldStart
  private column = 0
  /** Current physical line (1-based) and the line the current record started on. */
  private line = 1
  private recordLine = 1
  /** The line the current quoted field started on, for the error when it never ends. */
  private quotedFieldLine = 1
  /** Bytes of the current field that could not be handed over in place. */
  private scratch = new Uint8Array(256)
  private scratchLength = 0
  private fieldInScratch = false
  /** The last byte of the previous chunk, to count a CRLF split across chunks once. */
  private previousByte = -1
  /** The first bytes of the stream, held until we know whether they are a byte order mark. */
  private head: Uint8Array | null = new Uint8Array(0)
  /** A UTF-16 high surrogate that ended a string chunk, joined to the next one. */
  private pendingSurrogate = ''
  private readonly encoder = new TextEncoder()

  constructor(private readonly sink: CsvSink) {}

  write(chunk: Uint8Array | string): void {
    let bytes = typeof chunk === 'string' ? this.encodeString(chunk) : chunk
    if (this.head !== null) {
      const joined = concatBytes(this.head, bytes)
      if (
        joined.length < BOM.length &&
        BOM.every((b, i) => i >= joined.length || joined[i] === b)
      ) {
        this.head = joined
        return
      }
      this.head = null
      bytes = startsWithBom(joined) ? joined.subarray(BOM.length) : joined
    }
    this.scan(bytes)
  }

  /** Signals the end of the stream: flushes the last record. Throws on an unterminated quote. */
  end(): void {
    if (this.pendingSurrogate !== '') {
      const surrogate = this.pendingSurrogate
      this.pendingSurrogate = ''
      this.write(surrogate)
    }
    if (this.head !== null) {
      const head = this.head
      this.head = null
      this.scan(startsWithBom(head) ? head.subarray(BOM.length) : head)
    }
    switch (this.state) {
      case State.Quoted:
        throw new CsvError(
          `a quoted field that starts on line ${this.quotedFieldLine} never ends (the file looks truncated)`,
          this.quotedFieldLine
        )
      case State.Unquoted:
      case State.QuoteInQuoted:
        this.emitScratch()
        this.sink.endRecord(this.recordLine)
        break
      case State.FieldStart:
        // "a,b," ends with an empty field; a bare line end was already handled.
        if (this.column > 0) {
          this.sink.field(this.scratch, 0, 0, this.column)
          this.sink.endRecord(this.recordLine)
        }
        break
      case State.AfterCr:
        break
    }
    this.state = State.FieldStart
    this.column = 0
  }

  private encodeString(chunk: string): Uint8Array {
    let text = this.pendingSurrogate + chunk
    this.pendingSurrogate = ''
    const last = text.charCodeAt(text.length - 1)
    if (last >= 0xd800 && last <= 0xdbff) {
      this.pendingSurrogate = text[text.length - 1]
      text = text.slice(0, -1)
    }
    return this.encoder.encode(text)
  }

  private scan(bytes: Uint8Array): void {
    const n = bytes.length
    let i = 0
    let fieldStart = 0
    scanning: while (i < n) {
      switch (this.state) {
        case State.AfterCr:
          if (bytes[i] === LF) i++
          this.state = State.FieldStart
          break

        case State.FieldStart:
          if (this.column === 0) this.recordLine = this.line
          this.fieldInScratch = false
          if (bytes[i] === QUOTE) {
            this.state = State.Quoted
            this.quotedFieldLine = this.line
            i++
          } else {
            this.state = State.Unquoted
          }
          fieldStart = i
          break

        case State.Unquoted: {
          let j = i
          let c = 0
          while (j < n) {
            c = bytes[j]
            if (c <= COMMA && (c === COMMA || c === LF || c === CR)) break
            j++
          }
          if (j === n) break scanning
          const blankLine =
            c !== COMMA && this.column === 0 && j === fieldStart && !this.fieldInScratch
          if (blankLine) {
            this.line++
            this.state = c === CR ? State.AfterCr : State.FieldStart
          } else {
            this.emit(bytes, fieldStart, j)
            this.delimit(c)
          }
          i = j + 1
          break
        }

        case State.Quoted: {
          const q = bytes.indexOf(QUOTE, i)
          if (q === -1) {
            this.countLines(bytes, i, n)
            break scanning
          }
          this.countLines(bytes, i, q)
          if (q + 1 === n) {
            this.appendScratch(bytes, fieldStart, q)
            this.state = State.QuoteInQuoted
            break scanning
          }
          const next = bytes[q + 1]
          if (next === QUOTE) {
            // An escaped quote: keep the content up to and including one quote, skip the other.
            this.appendScratch(bytes, fieldStart, q + 1)
            i = q + 2
            fieldStart = i
          } else if (next === COMMA || next === LF || next === CR) {
            this.emit(bytes, fieldStart, q)
            this.delimit(next)
            i = q + 2
          } else {
            // Text after the closing quote is kept, as Python's csv does: go on unquoted.
            this.appendScratch(bytes, fieldStart, q)
            this.state = State.Unquoted
            i = q + 1
            fieldStart = i
          }
          break
        }

        case State.QuoteInQuoted:
          if (bytes[i] === QUOTE) {
            this.appendScratch(bytes, i, i + 1)
            this.state = State.Quoted
            i++
          } else {
            // The quote closed the field; whatever follows is a delimiter or kept text.
            this.state = State.Unquoted
          }
          fieldStart = i
          break
      }
    }
    // A field that goes on in the next chunk: keep what this chunk holds of it.
    if (this.state === State.Unquoted || this.state === State.Quoted) {
      this.appendScratch(bytes, fieldStart, n)
    }
    if (n > 0) this.previousByte = bytes[n - 1]
  }

  /** Hands over the field that ends at `end`: in place, or joined to what earlier chunks held. */
  private emit(bytes: Uint8Array, start: number, end: number): void {
    if (this.fieldInScratch) {
      this.appendScratch(bytes, start, end)
      this.emitScratch()
    } else {
      this.sink.field(bytes, start, end, this.column)
    }
  }

  /** Acts on the delimiter that ended a field: next field, or end of record. */
  private delimit(delimiter: number): void {
    if (delimiter === COMMA) {
      this.column++
      this.state = State.FieldStart
      return
    }
    this.sink.endRecord(this.recordLine)
    this.column = 0
    this.line++
    this.state = delimiter === CR ? State.AfterCr : State.FieldStart
  }

  private emitScratch(): void {
    this.sink.field(this.scratch, 0, this.scratchLength, this.column)
    this.scratchLength = 0
    this.fieldInScratch = false
  }

  private appendScratch(bytes: Uint8Array, start: number, end: number): void {
    if (!this.fieldInScratch) {
      this.scratchLength = 0
      this.fieldInScratch = true
    }
    const length = end - start
    if (length === 0) return
    const needed = this.scratchLength + length
    if (needed > this.scratch.length) {
      const grown = new Uint8Array(Math.max(needed, this.scratch.length * 2))
      grown.set(this.scratch.subarray(0, this.scratchLength))
      this.scratch = grown
    }
    this.scratch.set(bytes.subarray(start, end), this.scratchLength)
    this.scratchLength = needed
  }

  /** Counts line ends inside a quoted field; CRLF counts once, even split across chunks. */
  private countLines(bytes: Uint8Array, start: number, end: number): void {
    for (let k = start; k < end; k++) {
      const c = bytes[k]
      if (c === CR) this.line++
      else if (c === LF && (k > 0 ? bytes[k - 1] : this.previousByte) !== CR) this.line++
    }
  }
}

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a)
  joined.set(b, a.length)
  return joined
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })

/** Decodes a field's bytes (see CsvSink.field). */
export function decodeField(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end))
}

/** A sink that decodes every field and hands over whole records: for small files. */
export class RecordSink implements CsvSink {
  private fields: string[] = []

  constructor(private readonly onRecord: (fields: string[], line: number) => void) {}

  field(bytes: Uint8Array, start: number, end: number): void {
    this.fields.push(decodeField(bytes, start, end))
  }

  endRecord(line: number): void {
    const fields = this.fields
    this.fields = []
    this.onRecord(fields, line)
  }
}

/** Parses a whole CSV text (or chunks of one) into records of strings. */
export function parseCsv(input: Uint8Array | string | Iterable<Uint8Array | string>): string[][] {
  const records: string[][] = []
  const tokenizer = new CsvTokenizer(new RecordSink((fields) => records.push(fields)))
  const chunks = typeof input === 'string' || input instanceof Uint8Array ? [input] : input
  for (const chunk of chunks) tokenizer.write(chunk)
  tokenizer.end()
  return records
}
