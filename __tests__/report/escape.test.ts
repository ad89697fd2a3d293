import { describe, expect, test } from '@jest/globals'
import {
  fencedBlock,
  htmlText,
  markdownText,
  mermaidText,
  oneLine,
  tableCode,
  truncate
} from '../../src/report/escape.js'
import { fencedBlocks, tableCellCounts } from './markdown-check.js'

describe('markdownText', () => {
  test('turns HTML characters and pipes into entities and escapes inline syntax', () => {
    expect(markdownText('a|b <i>&amp; *x* _y_ [l](u) `c` ~~s~~ $m$ \\')).toBe(
      'a&#124;b &lt;i&gt;&amp;amp; \\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\~\\~s\\~\\~ &#36;m&#36; \\\\'
    )
  })

  test('keeps a table row whole whatever the text', () => {
    const hostile = 'x | y\n| --- |\r\n`|`\\|'
    const row = `| ${markdownText(hostile)} | ${tableCode(hostile)} |`
    expect(tableCellCounts(`| a | b |\n| - | - |\n${row}`)).toEqual([[2, 2, 2]])
  })

  test('cuts long text by characters, never inside an emoji', () => {
    expect(markdownText('😀'.repeat(10), 4)).toBe('😀😀😀…')
    expect(truncate('abc', 3)).toBe('abc')
  })
})

describe('tableCode', () => {
  test('uses a backtick fence longer than any run inside and escapes pipes', () => {
    expect(tableCode('p95 < 500ms')).toBe('`p95 < 500ms`')
    expect(tableCode('"/a|b": p95 < 1s')).toBe('`"/a\\|b": p95 < 1s`')
    expect(tableCode('"/```x": max < 1')).toBe('````"/```x": max < 1````')
    expect(tableCode('`edge`')).toBe('`` `edge` ``')
  })
})

describe('htmlText', () => {
  test('escapes everything HTML reads, on one line', () => {
    expect(htmlText('</summary><script>"x" & \'y\'\nz')).toBe(
      '&lt;/summary&gt;&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39; z'
    )
  })
})

describe('fencedBlock', () => {
  test('nothing inside can close the fence', () => {
    const traceback = 'line 1\n```\n````\nraise X("`````")\r\nlast'
    const block = fencedBlock(traceback)
    expect(block.startsWith('``````text\n')).toBe(true)
    const [parsed] = fencedBlocks(`${block}\nafter`)
    expect(parsed.lines).toEqual(['line 1', '```', '````', 'raise X("`````")', 'last'])
  })

  test('keeps a three-backtick fence for plain text and drops control characters', () => {
    expect(fencedBlock('\n\ta\u001b[2J\u0007\n')).toBe('```text\n    a[2J\n```')
  })
})

describe('oneLine and mermaidText', () => {
  test('oneLine removes line breaks, escape sequences and bidi overrides', () => {
    expect(oneLine('a\r\nb\u2028c\td\u001b[31me\u202ef\u009b')).toBe('a b c d[31mef')
  })

  test('mermaidText keeps letters, digits and harmless punctuation only', () => {
    expect(mermaidText('p95 "quoted" %%{init}%% ; --> [x] (ms) 日本')).toBe(
      'p95 quoted %%init%%  -- x (ms) 日本'
    )
  })
})
