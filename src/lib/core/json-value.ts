// JSON that came from outside (a file, a link, Web Storage, a provider): the one test for "an
// object", before its fields are read.

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
