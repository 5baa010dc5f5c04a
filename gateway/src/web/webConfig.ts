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
export function readWebSettings(read: ConfigReader, { production, hmacSecret }: { production: boolean; hmacSecret: boolean }): WebSettings {
  const rawOrigins = read.optionalString('CORS_ORIGINS');
  const corsOrigins = rawOrigins === undefined ? (production ? [] : [...DEV_WEB_ORIGINS]) : rawOrigins.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    // A wildcard would let any page on the municipal network read citizens' data with a stolen token.
    if (!isOrigin(origin)) read.problem(`CORS_ORIGINS must list origins like https://plan.kommune.dk, without path or wildcard (got "${origin}")`);
  }
  const configuredDist = read.optionalString('WEB_DIST');
  const webDist = configuredDist === undefined ? defaultWebDist() : resolve(configuredDist);
  if (configuredDist !== undefined && !(existsSync(webDist as string) && existsSync(resolve(webDist as string, 'index.html')))) {
    read.problem(`WEB_DIST must be a directory holding the built web app's index.html (got "${configuredDist}"; build it with npm run -w web build)`);
  }
  return { corsOrigins, ...(webDist && { webDist }), devSignIn: !production && hmacSecret };
}

function defaultWebDist(): string | undefined {
  const dist = resolve(REPO_ROOT, 'web', 'dist');
  return existsSync(resolve(dist, 'index.html')) && statSync(dist).isDirectory() ? dist : undefined;
}
