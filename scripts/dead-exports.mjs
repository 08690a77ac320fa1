// Exported names of src/ that no other file mentions (src/, test/, scripts/): candidates to remove
// or un-export. A word search, so it errs on the side of "used": `node scripts/dead-exports.mjs`.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '..')
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  )
const sources = walk(join(ROOT, 'src')).filter((f) => /\.(ts|vue)$/.test(f))
const others = ['src', 'test', 'scripts', 'demo-idp', 'keycloak']
  .flatMap((d) => walk(join(ROOT, d)))
  .filter((f) => /\.(ts|vue|mjs|js)$/.test(f) && !f.includes('node_modules'))
const text = new Map(others.map((f) => [f, readFileSync(f, 'utf8')]))

/** The names a TypeScript module exports by declaration (not re-exports: those are uses). */
function exportedNames(file) {
  const source = ts.createSourceFile(file, text.get(file), ts.ScriptTarget.Latest, true)
  const names = []
  const exported = (node) =>
    ts.getModifiers?.(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  for (const node of source.statements) {
    if (!exported(node)) continue
    if (ts.isVariableStatement(node))
      for (const d of node.declarationList.declarations)
        if (ts.isIdentifier(d.name)) names.push(d.name.text)
    if (node.name && ts.isIdentifier(node.name)) names.push(node.name.text)
  }
  return names
}

let found = 0
for (const file of sources.filter((f) => f.endsWith('.ts'))) {
  for (const name of exportedNames(file)) {
    const word = new RegExp(`\\b${name}\\b`)
    const used = others.some((other) => other !== file && word.test(text.get(other)))
    if (!used) {
      const inside = (text.get(file).match(new RegExp(`\\b${name}\\b`, 'g')) ?? []).length > 1
      console.log(`${relative(ROOT, file)}: ${name}${inside ? ' (used inside: un-export)' : ''}`)
      found++
    }
  }
}
console.log(`${found} exported name(s) no other file mentions`)
// A check: npm test fails on a dead export.
if (found) process.exitCode = 1
