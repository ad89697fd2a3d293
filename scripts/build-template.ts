/**
 * Writes cloudformation/template.yaml, the template the stack deploys, from its sources in
 * cloudformation/src/ (`npm run build:template`). Commit the result: a test checks it is current.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { buildTemplate, TEMPLATE_BYTES_LIMIT } from './template/template.js'

const folder = new URL('../cloudformation/', import.meta.url)
const built = buildTemplate(
  readFileSync(new URL('src/template.yaml', folder), 'utf8'),
  readFileSync(new URL('src/state-machine.asl.yaml', folder), 'utf8')
)
writeFileSync(new URL('template.yaml', folder), built)
const bytes = Buffer.byteLength(built)
console.log(`cloudformation/template.yaml: ${bytes} bytes (limit ${TEMPLATE_BYTES_LIMIT})`)
if (bytes > TEMPLATE_BYTES_LIMIT) process.exitCode = 1
