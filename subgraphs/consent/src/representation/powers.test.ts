import { PERSONAS, REPRESENTATIVES } from '@enplan/lib';
import { powerSeed } from './powerSeed';
import { nextPowerChangeAt, powerStatus, representationInForce } from './powers';

const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const [sarasPower] = [...powerSeed(NOW)];
const power = sarasPower!;

describe('a power of representation at the boundaries of its time (docs/design.md rule 13)', () => {
  test.each([
    ['before it starts', power.validFrom - 1, 'SCHEDULED'],
    ['the instant it starts', power.validFrom, 'ACTIVE'],
    ['the last instant before it ends', power.validUntil - 1, 'ACTIVE'],
    ['the instant it ends', power.validUntil, 'EXPIRED'],
  ])('%s it is %s', (_, at, status) => {
    expect(powerStatus(power, at)).toBe(status);
    expect(representationInForce([power], at, 'citizen-050792') !== undefined).toBe(status === 'ACTIVE');
  });

  it('revoked, it is in force never again, whatever its dates', () => {
    const revoked = { ...power, revokedAt: NOW, revokedBy: 'citizen-010165' };
    expect(powerStatus(revoked, NOW - 1)).toBe('REVOKED');
    expect(representationInForce([revoked], NOW, 'citizen-050792')).toBeUndefined();
    expect(nextPowerChangeAt([revoked], NOW)).toBeNull();
  });

  it('in force, it carries who acts, for whom and what they may do; the answer may be reused until it ends', () => {
    expect(representationInForce([power], NOW, 'citizen-050792')).toEqual({
      powerId: 'FM-000001',
      kind: 'PERSON',
      representativeId: 'citizen-050792',
      representativeName: REPRESENTATIVES.sara.name,
      organisation: null,
      citizenName: PERSONAS.lars.name,
      powers: ['READ_PLAN', 'READ_ACCESS_LOG', 'MANAGE_CONSENTS'],
    });
    expect(nextPowerChangeAt([power], NOW)).toBe(power.validUntil);
  });
});
