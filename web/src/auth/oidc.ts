import * as oauth from 'oauth4webapi';

/** The gateway's word on how to sign in (/auth/config). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

const PENDING_KEY = 'enplan.oidc';
export const CALLBACK_PATH = '/auth/callback';

interface Pending {
  settings: OidcSettings;
  codeVerifier: string;
  state: string;
  nonce: string;
}

// Plain http only for an issuer on this machine (a local test provider); a real issuer is https.
function options(issuer: URL): { [oauth.allowInsecureRequests]?: boolean } {
  return ['localhost', '127.0.0.1'].includes(issuer.hostname) ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(settings: OidcSettings): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(settings.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...options(issuer) }));
}

function redirectUri(): string {
  return new URL(CALLBACK_PATH, window.location.origin).toString();
}

/** Starts authorization code + PKCE: the browser goes to the issuer (MitID through NemLog-in, or the municipal broker). */
export async function startSignIn(settings: OidcSettings): Promise<void> {
  const server = await discover(settings);
  if (!server.authorization_endpoint) throw new Error('The issuer has no authorization endpoint.');
  const pending: Pending = {
    settings,
    codeVerifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: settings.scope,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  window.location.assign(url.toString());
}

/** Back from the issuer: checks state, trades the code (with the PKCE verifier) for tokens, returns the ID token. */
export async function finishSignIn(currentUrl: URL): Promise<string> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) throw new Error('No sign-in was started in this tab.');
  const pending = JSON.parse(raw) as Pending;
  const server = await discover(pending.settings);
  const client: oauth.Client = { client_id: pending.settings.clientId };
  const params = oauth.validateAuthResponse(server, client, currentUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.codeVerifier,
    options(new URL(pending.settings.issuer)),
  );
  const result = await oauth.processAuthorizationCodeResponse(server, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  if (!result.id_token) throw new Error('The issuer sent no ID token.');
  return result.id_token;
}
