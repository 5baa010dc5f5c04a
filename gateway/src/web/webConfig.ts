import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, type ConfigReader } from '@enplan/lib';

/** Development origins of the web app's Vite dev server (`npm run -w web dev`). */
export const DEV_WEB_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'] as const;

/** What the gateway offers a browser: the built web app, cross-origin access, the dev sign-in. */
export interface WebSettings {
  /**
   * Origins allowed to call /graphql from a browser on another origin (CORS_ORIGINS, comma-separated).
   * @default the Vite dev server's origins in development; none in production
   */
  corsOrigins: readonly string[];
  /** Directory of the built web app served at `/` (WEB_DIST). @default web/dist when it exists */
  webDist?: string;
  /** The persona picker's token route (/dev/token): development with an HS256 secret only. */
  devSignIn: boolean;
  /**
   * OpenID Connect sign-in for the web app (authorization code + PKCE, a public client): the issuer
   * (OIDC_ISSUER), the app's client id (OIDC_CLIENT_ID) and scopes (OIDC_SCOPE, @default "openid profile").
   * The app sends the ID token; set JWKS_URL, JWT_ISSUER and JWT_AUDIENCE (= the client id) to match.
   */
  oidc?: { issuer: string; clientId: string; scope: string };
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Reads CORS_ORIGINS and WEB_DIST; problems go to the reader, reported with the rest at start-up. */
export function readWebSettings(
  read: ConfigReader,
  { production, hmacSecret }: { production: boolean; hmacSecret: boolean },
): WebSettings {
  const rawOrigins = read.optionalString('CORS_ORIGINS');
  const corsOrigins =
    rawOrigins === undefined
      ? production
        ? []
        : [...DEV_WEB_ORIGINS]
      : rawOrigins
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean);
  for (const origin of corsOrigins) {
    // A wildcard would let any page on the municipal network read citizens' data with a stolen token.
    if (!isOrigin(origin))
      read.problem(`CORS_ORIGINS must list origins like https://plan.kommune.dk, without path or wildcard (got "${origin}")`);
  }
  const configuredDist = read.optionalString('WEB_DIST');
  const webDist = configuredDist === undefined ? defaultWebDist() : resolve(configuredDist);
  if (configuredDist !== undefined && !(existsSync(webDist as string) && existsSync(resolve(webDist as string, 'index.html')))) {
    read.problem(
      `WEB_DIST must be a directory holding the built web app's index.html (got "${configuredDist}"; build it with npm run -w web build)`,
    );
  }
  const issuer = read.url('OIDC_ISSUER');
  const clientId = read.optionalString('OIDC_CLIENT_ID');
  if (issuer && !clientId) read.problem('OIDC_CLIENT_ID must be set with OIDC_ISSUER');
  if (production && issuer && new URL(issuer).protocol !== 'https:')
    read.problem(`OIDC_ISSUER must be https in production (got "${issuer}")`);
  const oidc = issuer && clientId ? { issuer, clientId, scope: read.string('OIDC_SCOPE', 'openid profile') } : undefined;
  return { corsOrigins, ...(webDist && { webDist }), devSignIn: !production && hmacSecret, ...(oidc && { oidc }) };
}

function defaultWebDist(): string | undefined {
  const dist = resolve(REPO_ROOT, 'web', 'dist');
  return existsSync(resolve(dist, 'index.html')) && statSync(dist).isDirectory() ? dist : undefined;
}
