// JSON.parse's messages in plain words, pointing at the place: "line 2, column 14, after …".

const PLAIN: [RegExp, string][] = [
  [
    /Unexpected end of JSON input|Unterminated string/i,
    'the text ends too early: a closing " } or ] is missing',
  ],
  [
    /Expected double-quoted property name|Expected property name/i,
    'a name in double quotes is expected here (a trailing comma, or a name without quotes?)',
  ],
  [/Expected ',' or '}' after property value/i, 'a comma or } is missing after a value'],
  [/Expected ',' or ']' after array element/i, 'a comma or ] is missing after a list item'],
  [/Expected ':' after property name/i, 'a colon is missing after a name'],
  [
    /Bad control character|Bad escaped character/i,
    'a raw line break or a bad \\ escape inside a string',
  ],
  [
    /Unexpected non-whitespace character after JSON/i,
    'there is more text after the end of the JSON',
  ],
  [/Unexpected token/i, 'this character does not belong here'],
]

/** Where in `text` (line and column, 1-based) a 0-based offset is. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const lines = before.split('\n')
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 }
}

/** "Not JSON: <what is wrong>, at line L, column C (near …)". */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const plain =
    PLAIN.find(([pattern]) => pattern.test(message))?.[1] ??
    message.replace(/ in JSON at position \d+.*$/, '')
  const position = /position (\d+)/.exec(message)
  const offset = position
    ? Number(position[1])
    : /end of JSON input/i.test(message)
      ? text.length
      : undefined
  if (offset === undefined) return `Not JSON: ${plain}.`
  const { line, column } = lineAndColumn(text, offset)
  const near = text
    .slice(Math.max(0, offset - 12), offset + 8)
    .replace(/\s+/g, ' ')
    .trim()
  return `Not JSON: ${plain}, at line ${line}, column ${column}${near ? ` (near “${near}”)` : ''}.`
}
