// One setup store holding the keycloak-js instance out of reactive state, as the playground does.
import Keycloak from 'keycloak-js'
import { defineStore } from 'pinia'
import { ref } from 'vue'

let keycloak: Keycloak | undefined

export const useLoginStore = defineStore('login', () => {
  const query = new URLSearchParams(location.search)
  const issuer = query.get('issuer') ?? 'http://localhost:9400'
  const acrValues = query.get('acr_values') ?? 'silver'
  const loginUrl = ref<string | null>(null)
  const error = ref<string | null>(null)

  async function connect() {
    keycloak = new Keycloak({
      clientId: query.get('client_id') ?? 'acr-playground',
      oidcProvider: issuer,
    })
    try {
      await keycloak.init({
        pkceMethod: 'S256',
        useNonce: true,
        checkLoginIframe: false,
        responseMode: 'fragment',
        redirectUri: `${location.origin}${location.pathname}`,
      })
      loginUrl.value = await keycloak.createLoginUrl({ acrValues })
    } catch (e) {
      error.value = e instanceof Error ? e.message : JSON.stringify(e)
    }
  }

  return { issuer, acrValues, loginUrl, error, connect }
})
