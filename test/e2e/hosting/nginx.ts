// Without nginx, the nginx project's tests fail first with what to install, not on each page.
import { findNginx, NGINX_INSTALL } from '../../../scripts/serve-nginx.mjs'
import { test } from '../support'

export function requireNginx() {
  test.beforeAll(() => {
    if (!findNginx()) throw new Error(`The nginx e2e project needs nginx: ${NGINX_INSTALL}.`)
  })
}
