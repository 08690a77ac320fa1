// How the running Keycloak hashes passwords, read from the stored credentials through the admin API
// (no browser): the realm files' passwordPolicy (PBKDF2-SHA256, 1000 iterations, cheap for test
// users whose passwords are their names), and Keycloak's own default where a realm sets none.
// README: "Keycloak: a step-up realm in one command". Tagged @facts: both Keycloak versions.
import { readFileSync } from 'node:fs'

import type { APIRequestContext } from '@playwright/test'

import { realmFiles } from '../../../keycloak/run.mjs'
import { expect, KEYCLOAK, keycloakAdminHeaders, requireKeycloak, test } from '../support'

requireKeycloak()

/** Each realm file's realm, and the first of its users that the file gives a password. */
const REALM_USERS = realmFiles().flatMap((file) => {
  const realm = JSON.parse(readFileSync(file, 'utf8')) as {
    realm: string
    users?: { username: string; credentials?: { type: string }[] }[]
  }
  const user = realm.users?.find((u) => u.credentials?.some((c) => c.type === 'password'))
  return user ? [{ realm: realm.realm, username: user.username }] : []
})

/** The algorithm and iterations of a user's stored password credential (`headers`: an admin's). */
async function passwordHashing(
  request: APIRequestContext,
  headers: Record<string, string>,
  realm: string,
  username: string,
) {
  const admin = `${KEYCLOAK}/admin/realms/${realm}`
  const users = (await (
    await request.get(`${admin}/users?exact=true&username=${encodeURIComponent(username)}`, {
      headers,
    })
  ).json()) as { id: string }[]
  expect(users.length, `${realm} has ${username}`).toBe(1)
  const credentials = (await (
    await request.get(`${admin}/users/${users[0]!.id}/credentials`, { headers })
  ).json()) as { type: string; credentialData: string }[]
  const password = credentials.find((c) => c.type === 'password')
  expect(password, `${realm}: a password credential`).toBeDefined()
  const { algorithm, hashIterations } = JSON.parse(password!.credentialData) as {
    algorithm: string
    hashIterations: number
  }
  return { algorithm, hashIterations }
}

test('each test realm hashes its users’ passwords with PBKDF2-SHA256, 1000 iterations, as its policy says @facts', async ({
  request,
}) => {
  // Every realm file but the broker's downstream, whose users come from first broker logins.
  expect(REALM_USERS.length).toBeGreaterThanOrEqual(6)
  const headers = await keycloakAdminHeaders(request)
  for (const { realm, username } of REALM_USERS)
    expect(await passwordHashing(request, headers, realm, username), realm).toEqual({
      algorithm: 'pbkdf2-sha256',
      hashIterations: 1000,
    })
})

test('the master realm, with no password policy, hashes with Argon2: Keycloak’s default @facts', async ({
  request,
}) => {
  const headers = await keycloakAdminHeaders(request)
  expect((await passwordHashing(request, headers, 'master', 'admin')).algorithm).toBe('argon2')
})
