/** Every command's --help within 80 columns, examples still copyable once broken. */
import { expect, test } from '@jest/globals'
import { fitHelp } from '../../src/cli/help.js'
import { main } from '../../src/cli/main.js'
import type { CliEnvironment } from '../../src/cli/console.js'
import { REPO } from '../support/helpers.js'

async function help(command: string[]): Promise<string> {
  const out: string[] = []
  const environment: CliEnvironment = {
    stdout: { write: (text: string) => out.push(text), columns: 80 },
    stderr: { write: () => true },
    env: {},
    cwd: REPO,
    now: () => new Date('2026-01-02T03:04:05Z')
  }
  expect(await main(['node', 'cli', ...command, '--help'], environment)).toBe(0)
  return out.join('')
}

test.each([
  [[]],
  [['run']],
  [['report']],
  [['calibrate']],
  [['baseline']],
  [['baseline', 'accept']],
  [['doctor']],
  [['deploy']]
])('%j --help fits 80 columns', async (command) => {
  // Seen at 80 columns: examples and notes up to 106 columns wide.
  const text = await help(command)
  const lines = text.split('\n')
  expect(lines.filter((line) => [...line].length > 80)).toEqual([])
  // Seen in calibrate --help: (default: "3").
  expect(text).not.toContain('(default: "')
})

test('a long example breaks at spaces outside quotes, into lines a shell joins again', () => {
  const command =
    '  $ distributed-locust run -f locustfile.py --threshold "p95 < baseline * 1.1" --baseline locust-baselines --out results   # after a change'
  const fitted = fitHelp(`Examples:\n${command}`, 60).split('\n').slice(1)
  expect(fitted.every((line) => line.length <= 60)).toBe(true)
  expect(fitted.slice(0, -1).every((line) => line.endsWith(' \\'))).toBe(true)
  expect(fitted).toContain('      "p95 < baseline * 1.1" --baseline locust-baselines \\')
  const joined = fitted.map((line) => line.replace(/ \\$/, '').trim()).join(' ')
  expect(joined).toBe(command.trim().replace(/ {3}#/, ' #'))
})

test('prose is wrapped again, short paragraphs are left as written', () => {
  const prose = `${'word '.repeat(30).trim()}\n\nshort\n  kept as is`
  const [long, short] = fitHelp(prose, 40).split('\n\n')
  expect(long.split('\n').every((line) => line.length <= 40)).toBe(true)
  expect(long.replace(/\n/g, ' ')).toBe('word '.repeat(30).trim())
  expect(short).toBe('short\n  kept as is')
})
