// The one place that reads and writes the address bar.

interface AddressBarOptions {
  window?: Pick<Window, 'location' | 'history'> & Partial<Pick<Window, 'addEventListener'>>
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

  /**
   * A page the browser restores from its back-forward cache (Back from the provider's page) would
   * show the state from before the redirect: load it again, so the attempt under way is finished
   * (it never came back) and a plan run goes on.
   */
  function reloadWhenRestored() {
    win.addEventListener?.('pageshow', (event) => {
      if (event.persisted) location.reload()
    })
  }

  return {
    pageUrl,
    initialQuery,
    initialHash,
    clearQuery,
    clearFragment,
    navigate,
    reloadWhenRestored,
  }
}
