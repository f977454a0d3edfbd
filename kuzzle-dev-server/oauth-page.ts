// The oauth-dev provider's authorize page: what a real OAuth provider would show, reduced to
// choosing one of the dev accounts. Its form posts back here, which redirects to the redirect_uri
// (by default this server's GET /_login/oauth-dev) with a one-time `code`.

export interface PageReply {
  contentType: string;
  body: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function authorizePage(url: URL, accounts: readonly string[]): PageReply {
  const redirectUri = url.searchParams.get('redirect_uri') ?? '';
  const state = url.searchParams.get('state') ?? '';
  const options = accounts.map((account) => `<option value="${escapeHtml(account)}">${escapeHtml(account)}</option>`).join('');
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Authorize - Kuzzle dev OAuth</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,select,button{display:block;margin-top:.75rem;font-size:1rem}button{padding:.5rem 1.25rem}</style></head>
<body>
<main>
<h1>Sign in with Kuzzle dev OAuth</h1>
<p>A stand-in for an OAuth provider. Choose the account to sign in as, then authorize.</p>
<form method="post" action="/_dev/oauth/authorize">
<input type="hidden" name="redirect_uri" value="${escapeHtml(redirectUri)}">
<input type="hidden" name="state" value="${escapeHtml(state)}">
<label for="account">Account</label>
<select id="account" name="account">${options}</select>
<button type="submit">Authorize</button>
</form>
</main>
</body>
</html>
`;
  return { contentType: 'text/html; charset=utf-8', body };
}

/** What a `fetch` that followed the login redirect gets: not an envelope, but a plain explanation. */
export function authorizeFetchReply(pageUrl: string): PageReply {
  return {
    contentType: 'application/json',
    body: JSON.stringify({
      authorizeUrl: pageUrl,
      message: 'This is the oauth-dev authorize page. Open it in a browser tab or window, choose an account and press Authorize.',
    }),
  };
}
