import { resolve } from 'node:path';
import { ACT_FOR_HEADER, demoCaseworkers, PERSONAS, providerStaff, REPRESENTATIVES } from '@enplan/lib';
import cors from 'cors';
import express, { Router } from 'express';
import { decodeJwt } from 'jose';
import { demoClaims, issueDemoToken } from '../auth/demoTokens';
import type { TokenVerifier } from '../auth/verifyToken';
import type { WebSettings } from './webConfig';

/** CORS for /graphql and the app's routes (/auth, /web): only the configured origins; no credentials (the token travels in a header). */
export function graphqlCors(settings: WebSettings): express.RequestHandler {
  const allowed = new Set(settings.corsOrigins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'apollographql-client-name', 'apollo-require-preflight', ACT_FOR_HEADER],
    maxAge: 600,
  });
}

/**
 * How the web app signs in (/auth/config), and who the gateway takes the caller to be (/auth/me),
 * with when the token ends (`expiresAt`, so the app can warn before): the app never interprets a
 * token itself, so the claim mapping lives in one place.
 */
export function signInRoutes(settings: WebSettings, verifyToken: TokenVerifier): Router {
  const router = Router();
  router.get('/auth/config', (_req, res) => {
    res.json({ devSignIn: settings.devSignIn, ...(settings.oidc && { oidc: settings.oidc }) });
  });
  router.get('/auth/me', async (req, res) => {
    try {
      const authorization = req.header('authorization');
      const actor = await verifyToken(authorization);
      // Verified above (exp is a required claim), so reading it without verifying again is safe.
      const { exp } = decodeJwt(authorization!.replace(/^Bearer /i, ''));
      res.setHeader('cache-control', 'no-store');
      res.json({ ...actor, expiresAt: new Date(exp! * 1000).toISOString() });
    } catch {
      res.status(401).json({ error: 'The token is invalid or expired.' });
    }
  });
  return router;
}

/**
 * The identities the dev persona picker offers: every department's demo caseworkers as the registry
 * (federation.json) lists them, so a new department's appear with it, then the demo citizens
 * (lib/src/personas.ts), the auditor and the coordinating function, and the providers' staff.
 */
export function devIdentities(): Array<{ who: string; name: string; role: string; department?: string }> {
  const caseworkers = demoCaseworkers().map((c) => ({
    who: c.id,
    name: c.name,
    role: 'CASEWORKER',
    department: c.department,
  }));
  const citizens = [...Object.values(PERSONAS), REPRESENTATIVES.sara].map((p) => ({
    who: p.cpr as string,
    name: p.name,
    role: 'CITIZEN',
  }));
  const ombud = { who: REPRESENTATIVES.ole.id, name: REPRESENTATIVES.ole.name, role: 'OMBUD' };
  const oversight = [
    { who: 'auditor', name: demoClaims('auditor')?.name ?? 'auditor', role: 'AUDITOR' },
    { who: 'coordinator', name: demoClaims('coordinator')?.name ?? 'coordinator', role: 'COORDINATOR' },
  ];
  const providers = providerStaff().map((s) => ({ who: s.id, name: s.name, role: 'PROVIDER' }));
  return [...caseworkers, ...citizens, ombud, ...oversight, ...providers];
}

/** The longest a dev token may be asked to live (`ttlSeconds`): the demo tokens' own 8 hours. */
const MAX_DEV_TOKEN_SECONDS = 8 * 3600;

/**
 * Development only: the persona picker trades a demo identity for a demo token, as `npm run token`
 * does on the command line; `ttlSeconds` asks for a shorter one (to try a session ending). Never
 * mounted in production (see readWebSettings).
 */
export function devSignIn(jwt: { secret: string; issuer: string; audience: string }): Router {
  const router = Router();
  router.get('/dev/identities', (_req, res) => {
    res.json(devIdentities());
  });
  router.post('/dev/token', express.json({ limit: '1kb' }), async (req, res) => {
    const who: unknown = req.body?.who;
    const ttl: unknown = req.body?.ttlSeconds;
    const claims = typeof who === 'string' ? demoClaims(who) : undefined;
    if (!claims) {
      res.status(400).json({ error: 'Unknown demo identity.' });
      return;
    }
    if (ttl !== undefined && !(Number.isInteger(ttl) && (ttl as number) > 0 && (ttl as number) <= MAX_DEV_TOKEN_SECONDS)) {
      res.status(400).json({ error: `ttlSeconds must be a whole number of seconds from 1 to ${MAX_DEV_TOKEN_SECONDS}.` });
      return;
    }
    res.json({
      token: await issueDemoToken(claims, { ...jwt, ...(ttl !== undefined && { ttlSeconds: ttl as number }) }),
      claims,
    });
  });
  return router;
}

const APP_CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// Monaco (GraphiQL's editor) injects its styles and runs its language services in blob: workers.
const IDE_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";
const IDE_PAGE = '/graphiql.html';

/**
 * The built web app: static files, and index.html for the app's own routes (client-side routing).
 * GraphiQL (graphiql.html, bundled from the project's own dependencies) only when `ide` is on: development.
 */
export function webApp(webDist: string, { ide }: { ide: boolean }): Router {
  const router = Router();
  router.use((req, res, next) => {
    if (req.path === IDE_PAGE && !ide) return void res.status(404).json({ error: 'Not found.' });
    // The app is only its own bundles: no inline script, no third-party origin, never framed.
    res.setHeader('content-security-policy', req.path === IDE_PAGE ? IDE_CSP : APP_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  });
  // A browser opening /graphql gets the IDE rather than a JSON error (development only).
  router.get('/graphql', (req, res, next) => (ide && req.accepts(['json', 'html']) === 'html' ? res.redirect(IDE_PAGE) : next()));
  router.use(express.static(webDist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForIndex }));
  router.get(/^\/(?!graphql|health|ready|dev\/|auth\/(?:config|me)$).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(resolve(webDist, 'index.html'));
  });
  return router;
}

// index.html names the hashed bundles: it must be revalidated so a new build is picked up at once.
function noCacheForIndex(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
