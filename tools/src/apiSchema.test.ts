import { readFileSync } from 'node:fs';
import { WEB_SCHEMA_PATH, apiSchemaSdl } from './apiSchema';

describe("the web app's API schema", () => {
  it('is the API schema of the committed supergraph (else run `npm run schema:web`, then `npm run -w web codegen`)', () => {
    expect(readFileSync(WEB_SCHEMA_PATH, 'utf8')).toBe(apiSchemaSdl());
  });

  it('carries no federation machinery a client could not query', () => {
    const sdl = apiSchemaSdl();
    expect(sdl).not.toMatch(/join__|link__|@category/);
    expect(sdl).toMatch(/type Query \{/);
    expect(sdl).toMatch(/withdrawConsent\(id: ID!\): Consent!/);
  });
});
