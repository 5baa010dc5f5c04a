import { ConfigError, ConfigReader, toActor } from '@enplan/lib';
import { DEFAULT_CLAIM_MAPPING, mapClaims, readClaimMapping, type ClaimMapping } from './claimMapping';

const NEMLOGIN_CPR = 'https://data.gov.dk/model/core/eid/cprNumber';

function mapping(env: NodeJS.ProcessEnv): ClaimMapping {
  const read = new ConfigReader(env);
  const result = readClaimMapping(read);
  read.done('gateway', {});
  return result;
}

const nemLogIn = mapping({ JWT_CLAIM_CPR: NEMLOGIN_CPR, JWT_CITIZEN_BY_CPR: 'true' });
const broker = mapping({
  JWT_CLAIM_ROLE: 'roles',
  JWT_CLAIM_DEPARTMENT: 'org',
  JWT_ROLE_MAP: 'urn:kommune:enplan:sagsbehandler=CASEWORKER,urn:kommune:enplan:revisor=AUDITOR',
  JWT_DEPARTMENT_MAP: 'Jobcenter Syd=EMPLOYMENT,Voksenhandicap=SOCIAL',
});

describe('claim mapping for the identity providers municipalities use', () => {
  it.each([
    [
      'the demo tokens, by default',
      DEFAULT_CLAIM_MAPPING,
      { sub: 'cw-emp-1', name: 'Anna Mortensen', role: 'CASEWORKER', department: 'EMPLOYMENT' },
      {
        role: 'CASEWORKER',
        id: 'cw-emp-1',
        name: 'Anna Mortensen',
        department: 'EMPLOYMENT',
        organisation: 'KOEBENHAVNS_KOMMUNE',
      },
    ],
    [
      "the region's staff: Hanne, with her organisation",
      DEFAULT_CLAIM_MAPPING,
      {
        sub: 'reg-psy-1',
        name: 'Hanne Vestergaard',
        role: 'CASEWORKER',
        department: 'PSYCHIATRY',
        organisation: 'REGION_HOVEDSTADEN',
      },
      {
        role: 'CASEWORKER',
        id: 'reg-psy-1',
        name: 'Hanne Vestergaard',
        department: 'PSYCHIATRY',
        organisation: 'REGION_HOVEDSTADEN',
      },
    ],
    [
      "a provider's staff: Karim at Bostedet Lærkehøj",
      DEFAULT_CLAIM_MAPPING,
      { sub: 'prov-1', name: 'Karim Nielsen', role: 'PROVIDER', organisation: 'BOSTEDET_LAERKEHOEJ' },
      { role: 'PROVIDER', id: 'prov-1', name: 'Karim Nielsen', organisation: 'BOSTEDET_LAERKEHOEJ' },
    ],
    [
      'NemLog-in: Peter by his CPR claim, a citizen without a role claim',
      nemLogIn,
      { sub: 'nl-1', name: 'Peter Hansen', [NEMLOGIN_CPR]: '0101804321' },
      { role: 'CITIZEN', id: 'nl-1', name: 'Peter Hansen', cpr: '0101804321' },
    ],
    [
      'the broker: Bo by job-function role and organisation',
      broker,
      {
        sub: 'b-2',
        name: 'Bo Kristensen',
        roles: ['urn:kommune:other', 'urn:kommune:enplan:sagsbehandler'],
        org: 'Voksenhandicap',
      },
      { role: 'CASEWORKER', id: 'b-2', name: 'Bo Kristensen', department: 'SOCIAL', organisation: 'KOEBENHAVNS_KOMMUNE' },
    ],
    [
      'the broker: an auditor',
      broker,
      { sub: 'b-3', name: 'Ida Lund', roles: 'urn:kommune:enplan:revisor' },
      { role: 'AUDITOR', id: 'b-3', name: 'Ida Lund' },
    ],
  ])('maps %s', (_label, map, claims, actor) => {
    expect(toActor(mapClaims(claims, map))).toEqual(actor);
  });

  it.each([
    [
      'a CPR without a role, unless the issuer is configured as NemLog-in',
      DEFAULT_CLAIM_MAPPING,
      { sub: 'x', name: 'X', cpr: '0101804321' },
    ],
    [
      'a broker role that maps to nothing of ours',
      broker,
      { sub: 'x', name: 'X', roles: ['urn:kommune:other'], org: 'Jobcenter Syd' },
    ],
    [
      'an organisation that is no department',
      broker,
      { sub: 'x', name: 'X', roles: 'urn:kommune:enplan:sagsbehandler', org: 'Kantinen' },
    ],
    [
      "the region's staff claiming a municipal department",
      DEFAULT_CLAIM_MAPPING,
      { sub: 'x', name: 'X', role: 'CASEWORKER', department: 'SOCIAL', organisation: 'REGION_HOVEDSTADEN' },
    ],
    [
      "the municipality's staff claiming the region's department",
      DEFAULT_CLAIM_MAPPING,
      { sub: 'x', name: 'X', role: 'CASEWORKER', department: 'PSYCHIATRY', organisation: 'KOEBENHAVNS_KOMMUNE' },
    ],
    [
      'a provider role for an organisation that is no provider (the region)',
      DEFAULT_CLAIM_MAPPING,
      { sub: 'x', name: 'X', role: 'PROVIDER', organisation: 'REGION_HOVEDSTADEN' },
    ],
    [
      "the gateway's own SERVICE role, whatever the map says",
      mapping({ JWT_ROLE_MAP: 'admin=SERVICE' }),
      { sub: 'x', name: 'X', role: 'admin' },
    ],
    ['a NemLog-in token with a malformed CPR', nemLogIn, { sub: 'x', name: 'X', [NEMLOGIN_CPR]: '01018043' }],
  ])('refuses %s', (_label, map, claims) => {
    const actor = toActor(mapClaims(claims, map));
    expect(actor === undefined || actor.role === 'SERVICE').toBe(true);
  });

  it('names malformed maps at start-up', () => {
    expect(() => mapping({ JWT_ROLE_MAP: 'sagsbehandler', JWT_CITIZEN_BY_CPR: 'yes' })).toThrow(ConfigError);
  });
});
