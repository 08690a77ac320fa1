// The session probe's redirect target. It cannot import the playground's modules: keep it tiny.
// In the probe's hidden frame: hand this URL (the provider's answer) to the playground, and only
// to a page of this origin. Opened as the page (a probe by redirects): keep the answer for the
// playground, if a probe is under way, and go back to the playground beside this page.
if (window.parent !== window) {
  window.parent.postMessage(location.href, location.origin)
} else {
  // STORAGE_KEY_SESSION_PROBE and STORAGE_KEY_SESSION_PROBE_CALLBACK in src/lib/storage/storage-keys.ts.
  const run = 'acr-playground:session-probe'
  try {
    if (sessionStorage.getItem(run) !== null)
      sessionStorage.setItem(run + ':callback', location.href)
  } catch {
    // No storage: the playground says the provider's answer never came back.
  }
  location.replace(new URL('./', location.href).href)
}
