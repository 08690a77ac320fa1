// The headless plan runner (scripts/run-plan.mjs), run as a user runs it: a child process against
// the playground under test, its exit code and its printed report.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

export interface RunnerResult {
  code: number
  stdout: string
  stderr: string
  report: { passed: number; failed: number; pending: number; steps: { status: string }[] } | null
}

/** Run `npm run plan -- <plan> --app <app> --users <users>` (as node, to keep npm's noise out). */
export function runPlan(
  plan: string,
  { app, users, env = {} }: { app: string; users?: string; env?: Record<string, string> },
): Promise<RunnerResult> {
  const dir = mkdtempSync(join(tmpdir(), 'plan-report-'))
  const reportJson = join(dir, 'report.json')
  const args = [join(ROOT, 'scripts/run-plan.mjs'), resolve(ROOT, plan), '--app', app]
  args.push('--report-json', reportJson)
  if (users) args.push('--users', resolve(ROOT, users))
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 240_000 },
      (error, stdout, stderr) => {
        let report: RunnerResult['report'] = null
        try {
          report = JSON.parse(readFileSync(reportJson, 'utf8')) as RunnerResult['report']
        } catch {
          report = null
        }
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        done({ code, stdout, stderr, report })
      },
    )
  })
}

/** A copy of a plan file with changes, in a temporary folder. */
export function planVariant(plan: string, change: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(readFileSync(resolve(ROOT, plan), 'utf8')) as Record<string, unknown>
  change(json)
  const file = join(mkdtempSync(join(tmpdir(), 'plan-')), 'variant.plan.json')
  writeFileSync(file, JSON.stringify(json, null, 2))
  return file
}
