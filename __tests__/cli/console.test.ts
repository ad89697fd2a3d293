import { RunConsole } from '../../src/cli/console.js'

function output(isTTY: boolean) {
  const written: string[] = []
  return { written, stream: { isTTY, columns: 60, write: (text: string) => written.push(text) } }
}

const progress = (elapsedSeconds: number) => ({
  elapsedSeconds,
  totalSeconds: 30,
  users: 20,
  rps: 151.25,
  failRatio: 0.004
})

test('on a terminal the progress line is redrawn in place and log lines go above it', () => {
  const { written, stream } = output(true)
  const terminal = new RunConsole(stream)
  terminal.progress(progress(2))
  terminal.progress(progress(4))
  terminal.log('All 2 workers connected')
  terminal.finish()
  expect(written).toEqual([
    '\r\u001b[2K[progress] 2s / 30s · 20 users · 151.3 req/s · 0.4% failed',
    '\r\u001b[2K[progress] 4s / 30s · 20 users · 151.3 req/s · 0.4% failed',
    '\r\u001b[2KAll 2 workers connected\n[progress] 4s / 30s · 20 users · 151.3 req/s · 0.4% failed',
    '\r\u001b[2K'
  ])
})

test('a progress line wider than the terminal is cut', () => {
  const { written, stream } = output(true)
  new RunConsole(stream).progress({
    ...progress(1),
    message: 'waiting for workers: 0 of 200 connected'
  })
  expect(written[0]).toHaveLength('\r\u001b[2K'.length + 59)
  expect(written[0].endsWith('…')).toBe(true)
})

test('elsewhere progress is a plain line every 10 s at most, and log lines are plain', () => {
  const { written, stream } = output(false)
  let now = 0
  const terminal = new RunConsole(stream, () => now)
  for (now = 0; now <= 25_000; now += 2_000) terminal.progress(progress(now / 1000))
  terminal.log('The Locust master exited with code 0')
  terminal.finish()
  expect(written).toEqual([
    '[progress] 0s / 30s · 20 users · 151.3 req/s · 0.4% failed\n',
    '[progress] 10s / 30s · 20 users · 151.3 req/s · 0.4% failed\n',
    '[progress] 20s / 30s · 20 users · 151.3 req/s · 0.4% failed\n',
    'The Locust master exited with code 0\n'
  ])
})
