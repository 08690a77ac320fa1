// An ESLint rule, `local/no-import-cycle`: a module of src/lib may not reach itself through its
// imports (type-only imports and import() included). A cycle makes module order matter and turns
// two modules into one. The graph is read from the files on disk, once per lint run; the pure parts
// (which specifiers a source imports, where one resolves, the first cycle) are unit-tested.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** The relative or `@/` specifiers a source imports or re-exports, static or dynamic. */
export function importSpecifiers(source) {
  const specs = new Set()
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
  ]
  for (const pattern of patterns)
    for (const match of source.matchAll(pattern)) {
      const spec = match[1]
      if (spec.startsWith('.') || spec.startsWith('@/')) specs.add(spec)
    }
  return [...specs]
}

/**
 * The .ts file a specifier names from `fromFile` (`@/` is `srcRoot`), or null outside TypeScript.
 * @param {string} fromFile
 * @param {string} spec
 * @param {string} srcRoot
 * @param {(path: string) => boolean} [exists]
 * @returns {string | null}
 */
export function resolveSpecifier(fromFile, spec, srcRoot, exists = existsSync) {
  const base = spec.startsWith('@/')
    ? join(srcRoot, spec.slice(2))
    : resolve(dirname(fromFile), spec)
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')])
    if (candidate.endsWith('.ts') && exists(candidate)) return candidate
  return null
}

/** The first path from `start` back to itself in `edges` (a function node → nodes), or null. */
export function cycleThrough(start, edges) {
  const seen = new Set()
  const path = [start]
  const visit = (node) => {
    for (const next of edges(node)) {
      if (next === start) return [...path, start]
      if (seen.has(next)) continue
      seen.add(next)
      path.push(next)
      const found = visit(next)
      if (found) return found
      path.pop()
    }
    return null
  }
  return visit(start)
}

const graph = new Map()

/** The modules under `scope` that a file imports, read from disk once per run. */
function libEdges(file, srcRoot, scope) {
  let edges = graph.get(file)
  if (!edges) {
    const source = existsSync(file) ? readFileSync(file, 'utf8') : ''
    edges = importSpecifiers(source)
      .map((spec) => resolveSpecifier(file, spec, srcRoot))
      .filter((target) => target !== null && target.startsWith(scope))
    graph.set(file, edges)
  }
  return edges
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle among the modules of src/lib' },
    schema: [],
    messages: { cycle: 'Import cycle: {{path}}' },
  },
  create(context) {
    const file = context.filename
    const srcRoot = resolve(context.cwd, 'src')
    const scope = join(srcRoot, 'lib') + '/'
    if (!file.startsWith(scope)) return {}
    const check = (node, spec) => {
      if (typeof spec !== 'string') return
      const target = resolveSpecifier(file, spec, srcRoot)
      if (!target || !target.startsWith(scope)) return
      const edges = (from) => (from === file ? [target] : libEdges(from, srcRoot, scope))
      const cycle = cycleThrough(file, edges)
      if (cycle)
        context.report({
          node,
          messageId: 'cycle',
          data: { path: cycle.map((f) => f.slice(scope.length)).join(' → ') },
        })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    }
  },
}
