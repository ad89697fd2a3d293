#!/usr/bin/env node
/** The `distributed-locust` command (dist/cli/index.js). */
import { main } from './main.js'

// A reader that goes away (`… | head -1`) must not end the run: the files are still written and
// the exit code is still the verdict's. Output to a closed pipe is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
  })
}

process.exitCode = await main(process.argv)
