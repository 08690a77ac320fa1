// The demo provider's HTML pages. Everything interpolated goes through `escape`.
import { FACTOR_LABELS, LEVELS, USERS } from './levels.js'

export function escape(value) {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  )
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2433}
main{max-width:440px;margin:40px auto;background:#fff;border:1px solid #d9dde5;border-radius:8px;padding:24px}
h1{font-size:20px;margin:0 0 4px}.demo{background:#fff4d6;border:1px solid #e8c96a;padding:8px 12px;border-radius:6px;font-size:13px}
label{display:block;margin:12px 0 4px;font-weight:600}input{width:100%;box-sizing:border-box;padding:8px;font:inherit;border:1px solid #b8bfcc;border-radius:4px}
button{margin-top:16px;padding:8px 16px;font:inherit;border-radius:4px;border:1px solid #2450a6;background:#2f64d0;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#2450a6;margin-left:8px}.error{color:#a3192b;font-weight:600}
table{border-collapse:collapse;font-size:13px;margin-top:8px}td,th{border:1px solid #d9dde5;padding:2px 8px;text-align:left}
code{background:#eef0f4;padding:1px 4px;border-radius:3px}`

function layout(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · ACR Playground demo provider</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`
}

function levelTable() {
  const rows = LEVELS.map(
    (l) =>
      `<tr><td><code>${l.acr}</code></td><td>${l.loa}</td><td>${l.factors.map((f) => FACTOR_LABELS[f]).join(' + ')}</td><td>${l.maxAge} s</td></tr>`,
  ).join('')
  return `<table><tr><th>acr</th><th>LoA</th><th>factors</th><th>max age</th></tr>${rows}</table>`
}

function requestSummary(target, essential) {
  if (!target) return 'The application asked for no level.'
  return `The application asks for <code>${escape(target.acr)}</code> (LoA ${target.loa}), ${essential ? '<strong>essential</strong>' : 'voluntary'}.`
}

function cancelButton() {
  return '<button class="secondary" type="submit" name="cancel" value="1" formnovalidate>Cancel</button>'
}

export function passwordPage({ uid, base = '', loginHint, target, essential, error }) {
  const users = Object.entries(USERS)
    .map(
      ([id, u]) =>
        `<li><code>${id}</code> / password <code>${escape(u.password)}</code>: ${escape(u.name)}</li>`,
    )
    .join('')
  return layout(
    'Sign in',
    `<h1>Sign in</h1>
<p class="demo">Demo provider: these are test users, and the tokens it issues are really signed.<ul>${users}</ul></p>
<p data-testid="idp-request">${requestSummary(target, essential)}</p>
${error ? `<p class="error" data-testid="idp-error">${escape(error)}</p>` : ''}
<form method="post" action="${escape(base)}/interaction/${escape(uid)}/pwd" autocomplete="off">
<label for="username">Username</label><input id="username" name="username" value="${escape(loginHint ?? '')}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit" data-testid="idp-submit">Sign in</button>${cancelButton()}
</form>${levelTable()}`,
  )
}

export function otpPage({
  uid,
  base = '',
  accountId,
  currentCode,
  secret,
  target,
  essential,
  error,
}) {
  return layout(
    'One-time code',
    `<h1>One-time code</h1>
<p>Signed in as <code>${escape(accountId)}</code>. ${requestSummary(target, essential)} It needs a one-time code.</p>
<p class="demo">Demo: the current code for this user is <code data-testid="idp-current-otp">${escape(currentCode)}</code>
(TOTP secret <code>${escape(secret)}</code>, SHA-1, 6 digits, 30 s).</p>
${error ? `<p class="error" data-testid="idp-error">${escape(error)}</p>` : ''}
<form method="post" action="${escape(base)}/interaction/${escape(uid)}/otp" autocomplete="off">
<label for="otp">Code</label><input id="otp" name="otp" inputmode="numeric" required autofocus>
<button type="submit" data-testid="idp-submit">Verify</button>${cancelButton()}
</form>`,
  )
}

export function keyPage({ uid, base = '', accountId, target, essential }) {
  return layout(
    'Security key',
    `<h1>Security key</h1>
<p>Signed in as <code>${escape(accountId)}</code>. ${requestSummary(target, essential)} It needs a fresh security key.</p>
<p class="demo">Demo: this factor is simulated. Pressing the button stands for touching a key; it is
recorded as amr <code>hwk</code> at this moment.</p>
<form method="post" action="${escape(base)}/interaction/${escape(uid)}/hwk">
<button type="submit" data-testid="idp-submit">Use security key</button>${cancelButton()}
</form>`,
  )
}

export function errorPage(out) {
  const rows = Object.entries(out)
    .map(
      ([k, v]) =>
        `<p><strong>${escape(k)}</strong>: <span data-testid="idp-error-${escape(k)}">${escape(v)}</span></p>`,
    )
    .join('')
  return layout('Error', `<h1>The demo provider could not go on</h1>${rows}`)
}

/** RP-initiated logout confirmation; `form` is oidc-provider's own hidden form (id op.logoutForm). */
export function logoutPage(form) {
  return layout(
    'Sign out',
    `<h1>Sign out of the demo provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout" data-testid="idp-logout-yes">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
  )
}

export function logoutSuccessPage() {
  return layout('Signed out', '<h1>Signed out</h1><p>The demo provider ended your session.</p>')
}
