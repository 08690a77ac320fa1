// src/lib has no import cycles: the ESLint rule local/no-import-cycle (scripts/eslint-no-import-cycle.mjs)
// enforces it file by file; its pure parts are tested here, and the whole of src/lib is walked once.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

import {
  cycleThrough,
  importSpecifiers,
  resolveSpecifier,
} from '../../scripts/eslint-no-import-cycle.mjs'

const SRC = join(__dirname, '../../src')
const LIB = join(SRC, 'lib')

describe('importSpecifiers', () => {
  it.each([
    ["import { a } from './auth-request'", ['./auth-request']],
    ["import type { A } from './auth-request'", ['./auth-request']],
    ["import { a } from '@/lib/request/auth-request'", ['@/lib/request/auth-request']],
    ["export { a } from './loa'", ['./loa']],
    ["export * from '../core/result'", ['../core/result']],
    ["const m = await import('./realm-model')", ['./realm-model']],
    ["import './side-effect'", ['./side-effect']],
    ["import {\n  a,\n  b,\n} from './multi-line'", ['./multi-line']],
    ["import { a } from 'vue'", []],
    ["const text = 'from ./not-an-import'", []],
  ])('%s imports %j', (source, expected) => {
    expect(importSpecifiers(source)).toEqual(expected)
  })
})

describe('resolveSpecifier', () => {
  const files = new Set(['/s/lib/a.ts', '/s/lib/core/b.ts', '/s/lib/d/index.ts'])
  const exists = (f: string) => files.has(f)
  it.each([
    ['/s/lib/x.ts', './a', '/s/lib/a.ts'],
    ['/s/lib/core/y.ts', '../a', '/s/lib/a.ts'],
    ['/s/lib/x.ts', '@/lib/core/b', '/s/lib/core/b.ts'],
    ['/s/lib/x.ts', './d', '/s/lib/d/index.ts'],
    ['/s/lib/x.ts', './missing', null],
    ['/s/lib/x.ts', '../assets/main.css', null],
  ])('from %s, %s is %s', (from, spec, expected) => {
    expect(resolveSpecifier(from, spec, '/s', exists)).toBe(expected)
  })
})

describe('cycleThrough', () => {
  const edgesOf = (graph: Record<string, string[]>) => (node: string) => graph[node] ?? []
  it.each([
    [{ a: ['b'], b: [] }, 'a', null],
    [{ a: ['b'], b: ['a'] }, 'a', ['a', 'b', 'a']],
    [{ a: ['b'], b: ['c'], c: ['a'] }, 'a', ['a', 'b', 'c', 'a']],
    [{ a: ['b'], b: ['c'], c: ['b'] }, 'a', null],
    [{ a: ['a'] }, 'a', ['a', 'a']],
    [{ a: ['b', 'c'], b: ['c'], c: [] }, 'a', null],
  ])('%j from %s → %j', (graph, start, expected) => {
    expect(cycleThrough(start, edgesOf(graph))).toEqual(expected)
  })
})

describe('src/lib', () => {
  it('has no import cycle', () => {
    const modules = (readdirSync(LIB, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(LIB, f))
    expect(modules.length).toBeGreaterThan(40)
    const edges = (file: string) =>
      importSpecifiers(readFileSync(file, 'utf8'))
        .map((spec) => resolveSpecifier(file, spec, SRC))
        .filter((target): target is string => target !== null && target.startsWith(LIB))
    for (const module of modules) expect(cycleThrough(module, edges), module).toBeNull()
  })
})
