// src/lib has no import cycles: a cycle makes module order matter and two modules one.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const LIB = join(__dirname, '../../src/lib')

/** The src/lib modules a source imports (type-only imports too), by file name without `.ts`. */
export function libImports(source: string): string[] {
  const names = new Set<string>()
  for (const match of source.matchAll(/\bfrom\s+'(?:\.\/|@\/lib\/)([\w-]+)'/g)) names.add(match[1]!)
  for (const match of source.matchAll(/\bimport\s*\(\s*'(?:\.\/|@\/lib\/)([\w-]+)'\s*\)/g))
    names.add(match[1]!)
  return [...names]
}

/** The first cycle found in a module graph, as the path that closes it; null when there is none. */
export function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node]
    state.set(node, 'open')
    path.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    path.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of graph.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return null
}

describe('libImports', () => {
  it.each([
    ["import { a } from './auth-request'", ['auth-request']],
    ["import type { A } from './auth-request'", ['auth-request']],
    ["import { a } from '@/lib/auth-request'", ['auth-request']],
    ["export { a } from './loa'", ['loa']],
    ["const m = await import('./realm-model')", ['realm-model']],
    ["import { a } from 'vue'", []],
    ["import { a } from '../services/api'", []],
  ])('%s imports %j', (source, expected) => {
    expect(libImports(source)).toEqual(expected)
  })
})

describe('findCycle', () => {
  it.each([
    [{ a: ['b'], b: [] }, null],
    [{ a: ['b'], b: ['a'] }, ['a', 'b', 'a']],
    [{ a: ['b'], b: ['c'], c: ['b'] }, ['b', 'c', 'b']],
    [{ a: ['a'] }, ['a', 'a']],
    [{ a: ['b', 'c'], b: ['c'], c: [] }, null],
  ])('%j → %j', (graph, expected) => {
    expect(findCycle(new Map(Object.entries(graph)))).toEqual(expected)
  })
})

describe('src/lib', () => {
  it('has no import cycle', () => {
    const graph = new Map<string, string[]>()
    for (const file of readdirSync(LIB).filter((f) => f.endsWith('.ts')))
      graph.set(file.slice(0, -3), libImports(readFileSync(join(LIB, file), 'utf8')))
    expect(graph.size).toBeGreaterThan(10)
    expect(findCycle(graph)).toBeNull()
  })
})
