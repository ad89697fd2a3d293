/**
 * Text Locust or a locustfile controls (endpoint names, error texts, tracebacks) can neither ping
 * anyone, reference an issue or link anywhere in a summary, nor drive a terminal or an annotation.
 */
import { jest } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { run } from '../../src/action/main.js'
import { RunConsole } from '../../src/cli/console.js'
import { htmlText, markdownText, plainText } from '../../src/report/escape.js'
import { writeIn } from '../support/helpers.js'
import { useTarget, useWorkDir } from '../support/hooks.js'
import { useRunner } from '../support/runner.js'

/** GFM as GitHub reads it: raw HTML, and autolinks for http(s):// and www. only (no bare domains). */
const gfm = new MarkdownIt({ html: true, linkify: true })
gfm.linkify.set({ fuzzyLink: false, fuzzyEmail: false })

const HOSTILE =
  '@octocat and @org/team, see org/repo#3, #12, GH-7, https://evil.example/x and www.evil.example'
/** Mentions, references and URL starts as GitHub finds them in rendered text. */
const LINKABLE = /@[A-Za-z0-9]|#\d|GH-\d|https?:\/\/|www\./

describe('markdownText and htmlText unlink what GitHub would link', () => {
  test.each([
    ['markdownText', markdownText],
    ['htmlText', htmlText]
  ])('%s', (_, render) => {
    const html = gfm.render(`<p>${render(HOSTILE)}</p>`)
    expect(html).not.toContain('<a ')
    const text = html.replace(/<[^>]+>/g, '').replace(/&#8203;/g, '\u200b')
    expect(text).not.toMatch(LINKABLE)
    // What a reader sees is the text as written, with an invisible space in each marker.
    expect(
      gfm
        .render(render(HOSTILE))
        .replace(/<[^>]+>|\n/g, '')
        .replace(/\u200b/g, '')
    ).toBe(HOSTILE)
  })

  test('entities made by the escaping and run ids are left alone', () => {
    expect(markdownText('a|b $5 #3')).toBe('a&#124;b &#36;5 #&#8203;3')
    expect(markdownText('gh-4242-2-load-test-33d8ee')).toBe('gh-4242-2-load-test-33d8ee') // a run id
  })
})

describe('plainText keeps line breaks and tabs, drops every other control character', () => {
  test('screen clear, window title, bell, carriage return, bidi override', () => {
    expect(plainText('a\r\nb\tc\u001b[2J\u001b]0;pwned\u0007d\re\u202ef')).toBe(
      'a\nb\tc[2J]0;pwnedde' + 'f'
    )
  })

  test('the CLI log prints no escape sequence', () => {
    const written: string[] = []
    new RunConsole({ write: (text: string) => written.push(text) }).log(
      'x\u001b[2Jy\u001b]0;t\u0007'
    )
    expect(written).toEqual(['x[2Jy]0;t\n'])
  })
})

describe('the action with a locustfile that fails with a hostile message', () => {
  jest.setTimeout(40_000)
  const target = useTarget()
  const work = useWorkDir('hostile-output')
  const runner = useRunner()

  test('no escape sequence in the annotation or log, no mention or link in the summary', async () => {
    writeIn(
      work.dir,
      'locustfile.py',
      `raise RuntimeError("\\x1b]0;pwned\\x07\\x1b[2J${HOSTILE}")\n`
    )
    runner.setInputs({
      'working-directory': work.dir,
      host: target.url,
      'run-time': '2s',
      'results-dir': 'results'
    })
    await run()

    const annotation = runner.errors().join('\n')
    expect(annotation).toContain(`RuntimeError: ]0;pwned[2J${HOSTILE}`)
    expect(['\u001b', '\u0007'].filter((char) => runner.log().includes(char))).toEqual([])
    // Code (the host, the traceback) is never linked: only prose counts.
    const text = gfm
      .render(runner.summary())
      .replace(/<code[^>]*>[^<]*<\/code>/g, '')
      .replace(/<[^>]+>/g, '')
    expect(text.replace(/&#8203;/g, '\u200b')).not.toMatch(LINKABLE)
  })
})
