/**
 * A backend is one folder: nothing outside src/backend/<kind>/ imports it (src/backend/registry.ts
 * lists them), and no code outside it tests for its kind (`backend.kind === 'aws'`); what the
 * action or the CLI needs of a backend is a capability of its BackendModule (src/backend/types.ts).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { REPO } from './support/helpers.js'

const SRC = join(REPO, 'src')
const BACKENDS = join(SRC, 'backend')
const REGISTRY = join(BACKENDS, 'registry.ts')

interface SourceFile {
  /** Absolute path. */
  path: string
  text: string
}

function sourceFiles(folder: string): SourceFile[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }))
}

/** The backend folders' names, which are their kinds. */
function backendKinds(): string[] {
  return readdirSync(BACKENDS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
}

/** The backend folder a path lies in, if any. */
function backendOf(path: string, kinds: string[]): string | undefined {
  const [first, kind] = relative(BACKENDS, path).split(sep)
  return first !== '..' && kinds.includes(first) && kind !== undefined ? first : undefined
}

/** Every module specifier of a file: static imports and exports, `import()` and `import type`. */
function specifiers(file: ts.SourceFile): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = []
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, line: lineOf(node) })
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, line: lineOf(node) })
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) {
        found.push({ specifier: argument.literal.text, line: lineOf(node) })
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

/**
 * Comparisons of a backend's kind with a literal: `x.kind === 'aws'`, `backend !== "local"`,
 * `case 'none':` in a switch on one. The compared expression counts as a backend's kind when it
 * names a backend (`config.backend.kind`, `facts.backend`) or is a bare `kind`; other unions with
 * a `kind` (`source.kind === 'none'` of a baseline source) are not backends.
 */
function kindTests(file: ts.SourceFile, kinds: string[]): { text: string; line: number }[] {
  const found: { text: string; line: number }[] = []
  const isKindLiteral = (node: ts.Node) => ts.isStringLiteralLike(node) && kinds.includes(node.text)
  const namesBackend = (node: ts.Node) =>
    /backend/i.test(node.getText(file)) || (ts.isIdentifier(node) && node.text === 'kind')
  const record = (node: ts.Node) =>
    found.push({
      text: node.getText(file),
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1
    })
  const comparisons = [
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
    ts.SyntaxKind.EqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsToken
  ]
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && comparisons.includes(node.operatorToken.kind)) {
      const { left, right } = node
      if (
        (isKindLiteral(right) && namesBackend(left)) ||
        (isKindLiteral(left) && namesBackend(right))
      ) {
        record(node)
      }
    }
    if (ts.isSwitchStatement(node) && namesBackend(node.expression)) {
      for (const clause of node.caseBlock.clauses) {
        if (ts.isCaseClause(clause) && isKindLiteral(clause.expression)) record(clause.expression)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

/** Every place outside a backend's folder that reaches into it or tests for its kind. */
function violations(files: SourceFile[], kinds: string[]): string[] {
  const found: string[] = []
  for (const { path, text } of files) {
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
    const where = relative(REPO, path).split(sep).join('/')
    const home = backendOf(path, kinds)
    for (const { specifier, line } of specifiers(file)) {
      if (!specifier.startsWith('.')) continue
      const target = backendOf(resolve(dirname(path), specifier), kinds)
      if (target !== undefined && target !== home && path !== REGISTRY) {
        found.push(`${where}:${line} imports ${specifier} (inside src/backend/${target}/)`)
      }
    }
    if (home !== undefined) continue
    for (const { text: test, line } of kindTests(file, kinds)) {
      found.push(`${where}:${line} tests a backend's kind: ${test}`)
    }
  }
  return found
}

describe('a backend is one folder', () => {
  const kinds = backendKinds()

  it('finds the backends by their folders', () => {
    expect(kinds).toEqual(expect.arrayContaining(['aws', 'local', 'none']))
  })

  it('has no import of a backend folder and no kind test outside it (registry.ts excepted)', () => {
    expect(violations(sourceFiles(SRC), kinds)).toEqual([])
  })

  it('catches what the action once did: imports of backend/aws and tests for its kind', () => {
    // How src/action/gate.ts reached the aws backend before the baseline store was a capability.
    const gate = {
      path: join(SRC, 'action', 'gate.ts'),
      text: [
        "import type { AwsSettings } from '../backend/aws/settings.js'",
        "import { backendFor } from '../backend/registry.js'",
        "import type { BackendModule } from '../backend/types.js'",
        'export async function find(config: { backend: { kind: string } }, source: { kind: string }) {',
        "  if (source.kind === 'none') return undefined",
        "  const { fetchBaseline } = await import('../backend/aws/baseline-store.js')",
        "  return config.backend.kind === 'aws' ? fetchBaseline : undefined",
        '}',
        'export function label(kind: string, facts: { backend: string }) {',
        "  if ('local' !== kind) return facts.backend !== 'none'",
        '  switch (facts.backend) {',
        "    case 'aws':",
        '      return true',
        '  }',
        '}'
      ].join('\n')
    }
    // Inside its own folder a backend imports itself and names its kind freely.
    const own = {
      path: join(BACKENDS, 'aws', 'module.ts'),
      text: [
        "import { parseAwsSettings } from './settings.js'",
        "import type { BackendModule } from '../types.js'",
        "export const isAws = (backend: { kind: string }) => backend.kind === 'aws'"
      ].join('\n')
    }
    expect(violations([gate, own], kinds)).toEqual([
      'src/action/gate.ts:1 imports ../backend/aws/settings.js (inside src/backend/aws/)',
      'src/action/gate.ts:6 imports ../backend/aws/baseline-store.js (inside src/backend/aws/)',
      "src/action/gate.ts:7 tests a backend's kind: config.backend.kind === 'aws'",
      "src/action/gate.ts:10 tests a backend's kind: 'local' !== kind",
      "src/action/gate.ts:10 tests a backend's kind: facts.backend !== 'none'",
      "src/action/gate.ts:12 tests a backend's kind: 'aws'"
    ])
  })
})
