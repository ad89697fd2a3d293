#!/usr/bin/env node
/** The `distributed-locust` command (dist/cli/index.js). */
import { main } from './main.js'

process.exitCode = await main(process.argv)
