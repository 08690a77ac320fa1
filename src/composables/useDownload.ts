// Save text as a file the user downloads (a plan, a report, the profiles), through a Blob URL.

interface DownloadOptions {
  document?: Pick<Document, 'createElement'>
}

export function useDownload({ document: doc = globalThis.document }: DownloadOptions = {}) {
  /** Offer `body` as the file `name`; the object URL is revoked once the browser has it. */
  function download(name: string, body: string, type: string) {
    const url = URL.createObjectURL(new Blob([body], { type }))
    const link = doc.createElement('a')
    link.href = url
    link.download = name
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  return { download }
}
