// The one place that reads and writes the address bar.

export interface AddressBarOptions {
  window?: Pick<Window, 'location' | 'history'>
}

export function useAddressBar({ window: win = globalThis.window }: AddressBarOptions = {}) {
  const { location } = win
  /** The redirect URI: the bare page URL, never anything a link says. */
  const pageUrl = `${location.origin}${location.pathname}`
  /** What the page was opened with, before anything was cleaned. */
  const initialQuery = location.search
  const initialHash = location.hash

  /** Remove an imported link's parameters, so the redirect URI stays the bare page URL. */
  function clearQuery() {
    if (location.search)
      win.history.replaceState(win.history.state, '', `${pageUrl}${location.hash}`)
  }

  /** Remove a fragment that is not a login response (keycloak-js removes the ones that are). */
  function clearFragment() {
    if (location.hash)
      win.history.replaceState(win.history.state, '', `${pageUrl}${location.search}`)
  }

  /** Leave for the provider. */
  function navigate(url: string) {
    location.assign(url)
  }

  return { pageUrl, initialQuery, initialHash, clearQuery, clearFragment, navigate }
}
