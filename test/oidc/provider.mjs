// A local OpenID Connect provider for the sign-in tests (oidc-provider, in its own process: it is
// ES modules only, and a real process is what the web app meets in production). It plays NemLog-in:
// a citizen signs in with MitID and the ID token carries the CPR under NemLog-in's claim name.
//
// Usage: node test/oidc/provider.mjs <redirect_uri>; prints {"issuer": "..."} when listening.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const NEMLOGIN_CPR = 'https://data.gov.dk/model/core/eid/cprNumber';
const ACCOUNTS = {
  peter: { name: 'Peter Hansen', [NEMLOGIN_CPR]: '0101804321' },
  jonas: { name: 'Jonas Berg', [NEMLOGIN_CPR]: '1111750011' },
};

const [redirectUri] = process.argv.slice(2);
if (!redirectUri) throw new Error('usage: provider.mjs <redirect_uri>');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'enplan-web',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'nemlogin'],
  claims: { openid: ['sub'], profile: ['name'], nemlogin: [NEMLOGIN_CPR] },
  // Put the requested claims in the ID token: the web app sends it to the gateway.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['enplan-test-only-cookie-key'] },
  async findAccount(_ctx, id) {
    const account = ACCOUNTS[id];
    return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
  },
  // The web app calls discovery and the token endpoint from the browser, cross-origin.
  clientBasedCORS: () => true,
});
server.on('request', provider.callback());
process.stdout.write(JSON.stringify({ issuer }) + '\n');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
