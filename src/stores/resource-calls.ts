// What the playground asks with the access token after a login: UserInfo and an API of the user's.
import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'

import type { JsonObject } from '@/lib/request/claims-request'
import { issuerOf } from '@/lib/session/login-flow'
import type { ApiAnswer } from '@/services/api'
import { useLoginStore } from './login'
import { useProviderStore } from './provider'

export type { ApiAnswer } from '@/services/api'

// The callers load with the first call: the first screen never makes one.
const loadApi = () => import('@/services/api')
const loadUserinfo = () => import('@/services/userinfo')

export const useResourceCallsStore = defineStore('resourceCalls', () => {
  const login = useLoginStore()
  const provider = useProviderStore()

  const apiAnswer = shallowRef<ApiAnswer | null>(null)
  const apiError = ref<string | null>(null)
  const apiCalling = ref(false)
  const userinfo = shallowRef<JsonObject | null>(null)
  const userinfoError = ref<string | null>(null)

  /** Call an API with the access token held in memory. */
  async function callApiWithToken(url: string) {
    const token = login.result?.raw.accessToken
    if (!token) return
    apiCalling.value = true
    const { callApi } = await loadApi()
    const answer = await callApi(url, token)
    apiCalling.value = false
    apiAnswer.value = answer.ok ? answer.value : null
    apiError.value = answer.ok ? null : answer.error
  }

  /** Ask the UserInfo endpoint with the access token, to compare what it says with the tokens. */
  async function askUserinfo() {
    const current = login.result
    const token = current?.raw.accessToken
    if (!current || !token) return
    const endpoint =
      provider.metadata?.userinfo_endpoint ??
      (current.target.mode === 'keycloak'
        ? `${issuerOf(current.target)}/protocol/openid-connect/userinfo`
        : undefined)
    if (!endpoint) {
      userinfoError.value = 'The provider advertises no userinfo_endpoint.'
      return
    }
    const { fetchUserinfo } = await loadUserinfo()
    const answer = await fetchUserinfo(endpoint, token)
    userinfo.value = answer.ok ? markRaw(answer.value) : null
    userinfoError.value = answer.ok ? null : answer.error
  }

  /** Forget every answer (a new login, a logout, Forget everything). */
  function forget() {
    apiAnswer.value = null
    apiError.value = null
    userinfo.value = null
    userinfoError.value = null
  }

  return {
    apiAnswer,
    apiError,
    apiCalling,
    userinfo,
    userinfoError,
    callApiWithToken,
    askUserinfo,
    forget,
  }
})
