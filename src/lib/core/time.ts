/** `2026-11-23 08:40:12 UTC` for a NumericDate (epoch seconds). */
export function formatEpoch(seconds: number): string {
  const date = new Date(seconds * 1000)
  if (Number.isNaN(date.getTime())) return String(seconds)
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** `35 s ago`, `in 4 min 10 s`, `2 h 5 min ago`. */
export function formatRelative(seconds: number, now: number): string {
  const delta = Math.round(now - seconds)
  const span = Math.abs(delta)
  const h = Math.floor(span / 3600)
  const m = Math.floor((span % 3600) / 60)
  const s = span % 60
  const text = h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`
  if (delta === 0) return 'now'
  return delta > 0 ? `${text} ago` : `in ${text}`
}
