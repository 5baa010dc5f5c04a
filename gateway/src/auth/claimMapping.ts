import type { ConfigReader } from '@enplan/lib';

/**
 * Where an identity provider puts who the caller is. NemLog-in (citizens, MitID) carries a CPR
 * claim under its own name and no role; the municipal identity broker carries job-function roles
 * and an organisation. Names and values are configuration, never code. The defaults are the
 * demo tokens' own claims (auth/demoTokens.ts).
 */
export interface ClaimMapping {
  /** @default name (JWT_CLAIM_NAME) */
  name: string;
  /** @default role (JWT_CLAIM_ROLE); a string or an array of strings */
  role: string;
  /** @default department (JWT_CLAIM_DEPARTMENT) */
  department: string;
  /** @default cpr (JWT_CLAIM_CPR), e.g. https://data.gov.dk/model/core/eid/cprNumber */
  cpr: string;
  /** The staff member's organisation code: checked against their department's (JWT_CLAIM_ORGANISATION), or a personal ombud's organisation. @default organisation */
  organisation: string;
  /** The issuer's role values → enplan roles (JWT_ROLE_MAP "value=ROLE,…"); unmapped values pass as they are. */
  roles: Readonly<Record<string, string>>;
  /** The issuer's organisation values → departments (JWT_DEPARTMENT_MAP "value=DEPARTMENT,…"). */
  departments: Readonly<Record<string, string>>;
  /** A token with a CPR claim and no role is a citizen's (JWT_CITIZEN_BY_CPR=true; NemLog-in). @default false */
  citizenByCpr: boolean;
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = Object.freeze({
  name: 'name',
  role: 'role',
  department: 'department',
  cpr: 'cpr',
  organisation: 'organisation',
  roles: {},
  departments: {},
  citizenByCpr: false,
});

function readMap(read: ConfigReader, variable: string): Record<string, string> {
  const raw = read.optionalString(variable);
  if (!raw) return {};
  const map: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const [from, to, ...rest] = pair.split('=').map((s) => s.trim());
    if (!from || !to || rest.length) read.problem(`${variable} must be "value=TARGET,…" (got "${pair}")`);
    else map[from] = to;
  }
  return map;
}

export function readClaimMapping(read: ConfigReader): ClaimMapping {
  const citizenByCpr = read.string('JWT_CITIZEN_BY_CPR', 'false');
  if (citizenByCpr !== 'true' && citizenByCpr !== 'false')
    read.problem(`JWT_CITIZEN_BY_CPR must be true or false (got "${citizenByCpr}")`);
  return Object.freeze({
    name: read.string('JWT_CLAIM_NAME', DEFAULT_CLAIM_MAPPING.name),
    role: read.string('JWT_CLAIM_ROLE', DEFAULT_CLAIM_MAPPING.role),
    department: read.string('JWT_CLAIM_DEPARTMENT', DEFAULT_CLAIM_MAPPING.department),
    cpr: read.string('JWT_CLAIM_CPR', DEFAULT_CLAIM_MAPPING.cpr),
    organisation: read.string('JWT_CLAIM_ORGANISATION', DEFAULT_CLAIM_MAPPING.organisation),
    roles: Object.freeze(readMap(read, 'JWT_ROLE_MAP')),
    departments: Object.freeze(readMap(read, 'JWT_DEPARTMENT_MAP')),
    citizenByCpr: citizenByCpr === 'true',
  });
}

/**
 * Pure: a verified token's claims → the fields of an Actor (checked by `toActor` afterwards).
 * A role claim holding several values takes the first that maps to an enplan role.
 */
export function mapClaims(payload: Record<string, unknown>, mapping: ClaimMapping): Record<string, unknown> {
  const rawRoles = payload[mapping.role];
  const roles = (Array.isArray(rawRoles) ? rawRoles : [rawRoles]).filter((r): r is string => typeof r === 'string');
  const mapped = roles.map((r) => mapping.roles[r] ?? r);
  const cpr = payload[mapping.cpr];
  const role =
    mapped.find(
      (r) => r === 'CASEWORKER' || r === 'CITIZEN' || r === 'AUDITOR' || r === 'COORDINATOR' || r === 'OMBUD' || r === 'PROVIDER',
    ) ?? (roles.length === 0 && mapping.citizenByCpr && cpr !== undefined ? 'CITIZEN' : mapped[0]);
  const department = payload[mapping.department];
  return {
    id: payload.sub,
    name: payload[mapping.name] ?? '',
    role,
    department: typeof department === 'string' ? (mapping.departments[department] ?? department) : department,
    // The organisation claim of staff (docs/design.md, "Identity"), checked against the registry by toActor.
    organisation: payload[mapping.organisation],
    cpr,
  };
}
