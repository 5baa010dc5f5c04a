import { GraphQLError } from 'graphql';
import { errors } from './errors';
import { formatErrorMasked } from './formatError';
import { silentLogger } from './logger';

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
});
