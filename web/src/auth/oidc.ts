import * as oauth from 'oauth4webapi';

/** The gateway's word on how to sign in (/auth/config). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

const PENDING_KEY = 'enplan.oidc';
export const CALLBACK_PATH = '/auth/callback';

/** The page to go back to after signing in (a session that ended mid-form comes back to its form). */
export interface ReturnTo {
  path: string;
  cpr?: string;
}

interface Pending {
  settings: OidcSettings;
  returnTo: ReturnTo;
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
export async function startSignIn(settings: OidcSettings, returnTo: ReturnTo): Promise<void> {
  const server = await discover(settings);
  if (!server.authorization_endpoint) throw new Error('The issuer has no authorization endpoint.');
  const pending: Pending = {
    settings,
    returnTo,
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

/** What a sign-in or a refresh yields: the ID token the gateway verifies, and a refresh token when the issuer gives one. */
export interface SignedInTokens {
  idToken: string;
  settings: OidcSettings;
  refreshToken?: string;
}

/** A finished sign-in: the tokens, and where the user was when it started. */
export interface FinishedSignIn {
  tokens: SignedInTokens;
  returnTo: ReturnTo;
}

function tokensOf(result: oauth.TokenEndpointResponse, settings: OidcSettings): SignedInTokens {
  if (!result.id_token) throw new Error('The issuer sent no ID token.');
  return { idToken: result.id_token, settings, ...(result.refresh_token && { refreshToken: result.refresh_token }) };
}

/** Back from the issuer: checks state, trades the code (with the PKCE verifier) for tokens. */
export async function finishSignIn(currentUrl: URL): Promise<FinishedSignIn> {
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
  return { tokens: tokensOf(result, pending.settings), returnTo: pending.returnTo ?? { path: '/' } };
}

/**
 * Renews a session without sending the user away: the refresh token for a new ID token (the
 * issuer decides whether and for how long). Undefined when it says no or sends no ID token.
 */
export async function refreshSignIn(
  settings: OidcSettings,
  refreshToken: string,
): Promise<{ idToken: string; refreshToken: string } | undefined> {
  const server = await discover(settings);
  const client: oauth.Client = { client_id: settings.clientId };
  const issuer = new URL(settings.issuer);
  const response = await oauth.refreshTokenGrantRequest(server, client, oauth.None(), refreshToken, options(issuer));
  const result = await oauth.processRefreshTokenResponse(server, client, response);
  if (!result.id_token) return undefined;
  // An issuer that rotates refresh tokens sends a new one; otherwise the old one stays good.
  return { idToken: result.id_token, refreshToken: result.refresh_token ?? refreshToken };
}
