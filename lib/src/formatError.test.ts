import { GraphQLError } from 'graphql';
import { errors } from './errors';
import { formatErrorMasked } from './formatError';
import { createLogger, silentLogger } from './logger';

describe('errors that reach a client', () => {
  const format = formatErrorMasked(silentLogger);

  it('keep their catalogued code and extensions, without a stack trace', () => {
    const error = errors.consentRequired('SOCIAL', ['HEALTH']);
    const formatted = format({ ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['at secret.ts:1'] } }, error);
    expect(formatted).toEqual({
      message: 'The citizen has not consented to sharing SOCIAL data of these categories with your department: HEALTH.',
      extensions: { code: 'CONSENT_REQUIRED', department: 'SOCIAL', categories: ['HEALTH'] },
    });
  });

  it('are masked when they carry no known code: nothing internal leaks', () => {
    const internal = new GraphQLError('SQLITE_CORRUPT: database disk image is malformed at /data/social.sqlite', {
      path: ['citizen', 'social'],
      extensions: { code: 'SOMETHING_INTERNAL', stacktrace: ['at Statement.get'] },
    });
    expect(format(internal.toJSON(), internal)).toEqual({
      message: 'Internal error.',
      path: ['citizen', 'social'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it.each([
    ['enum intersection', 'Enum "Color" cannot represent value: "PURPLE"'],
    ['non-resolvable interface object', 'Cannot return null for non-nullable field Node.id.'],
    ['union/interface distributed', 'Abstract type "Media" must resolve to an Object type at runtime for field "Query.media".'],
  ])("log a subgraph's error (%s) by its real text, not [object Object]", (_suite, text) => {
    // As @apollo/gateway passes a subgraph's error on: a GraphQLError whose originalError is the plain JSON it received.
    const downstream = { message: text, path: ['media'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    const error = new GraphQLError(text, { originalError: downstream as unknown as Error, extensions: { serviceName: 'media' } });
    const lines: string[] = [];
    const formatted = formatErrorMasked(createLogger('gateway', 'info', (line) => lines.push(line)))(error.toJSON(), error);
    expect(formatted).toEqual({ message: 'Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'error', message: text }),
    ]);
    expect(lines.join('\n')).not.toContain('[object Object]');
  });
});
