// The nginx project's first step: without nginx, say what to install instead of failing on each page.
import { test } from '@playwright/test'

import { findNginx, NGINX_INSTALL } from '../../../scripts/serve-nginx.mjs'

test('nginx is installed', () => {
  if (!findNginx()) throw new Error(`The nginx e2e project needs nginx: ${NGINX_INSTALL}.`)
})
