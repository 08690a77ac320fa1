// `npm start`: the demo identity provider and the playground's dev server, side by side.
// Ctrl-C stops both.
import { spawn } from 'node:child_process'

const children = [
  ['demo provider', process.execPath, ['demo-idp/server.js']],
  ['playground', process.execPath, ['node_modules/vite/bin/vite.js', '--open=false']],
].map(([name, command, args]) => {
  const child = spawn(command, args, { stdio: 'inherit', cwd: new URL('..', import.meta.url) })
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping the rest.`)
      stop(code ?? 1)
    }
  })
  return child
})

let stopping = false
function stop(code = 0) {
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 500)
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
console.log(
  '\nACR Playground: http://localhost:5173/  (demo provider http://localhost:9400, users alice/alice ' +
    'and bob/bob; demo API http://localhost:9401)\n',
)
