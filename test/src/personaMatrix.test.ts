/**
 * The persona matrix: every caseworker (Anna, Bo, Clara, Dorte, Eva, Frederik) and the region's coordinator (Hanne,
 * Region Hovedstadens Psykiatri: another organisation, rule 11) × every persona, over every field
 * of every department and the joint plan. Expectations come from the personas' consents as docs/design.md
 * states them, written out here independently of the gateway: no leak, no over-denial, and an access
 * log that records every cross-department disclosure and denial, joint-plan reads included.
 */
import { PERSONAS, departmentCodes, loadRegistry, registeredSubgraphs, type DataCategory } from '@enplan/lib';
import { TestFederation, graphql, tokenFor, type GraphQLResult } from './federation';

type Dept = 'EMPLOYMENT' | 'SOCIAL' | 'CHILDREN' | 'HOUSING' | 'PSYCHIATRY' | 'CARE' | 'PAYMENTS';
const DEPTS: Dept[] = ['EMPLOYMENT', 'SOCIAL', 'CHILDREN', 'HOUSING', 'PSYCHIATRY', 'CARE', 'PAYMENTS'];
const CASEWORKERS: Array<{ id: string; dept: Dept }> = [
  { id: 'cw-emp-1', dept: 'EMPLOYMENT' },
  { id: 'cw-soc-1', dept: 'SOCIAL' },
  { id: 'cw-chi-1', dept: 'CHILDREN' },
  { id: 'cw-hou-1', dept: 'HOUSING' },
  { id: 'reg-psy-1', dept: 'PSYCHIATRY' },
  { id: 'cw-car-1', dept: 'CARE' },
  { id: 'cw-pay-1', dept: 'PAYMENTS' },
];
const E_S: Dept[] = ['EMPLOYMENT', 'SOCIAL'];
const E_S_H: Dept[] = ['EMPLOYMENT', 'SOCIAL', 'HOUSING'];
const E_S_P: Dept[] = ['EMPLOYMENT', 'SOCIAL', 'PSYCHIATRY'];
const among = (parties: Dept[], owner: Dept, recipient: Dept) =>
  owner !== recipient && parties.includes(owner) && parties.includes(recipient);

/** The personas' consents (docs/design.md, demo data), as the oracle: may `recipient` see `owner`'s `category` data? */
const CONSENTS: Record<keyof typeof PERSONAS, (owner: Dept, recipient: Dept, category: DataCategory) => boolean> = {
  peter: (o, r, c) => among(E_S, o, r) && ['CASE', 'PLAN', 'BENEFITS'].includes(c),
  mette: (o, r, c) =>
    among(E_S, o, r) ||
    (among(E_S_H, o, r) && ['CASE', 'PLAN'].includes(c)) ||
    (among(E_S_P, o, r) && ['CASE', 'PLAN', 'HEALTH'].includes(c)),
  ali: () => false, // withdrawn
  sofie: () => false, // expired
  jonas: () => false, // none
  lars: (o, r, c) => among(E_S, o, r) && ['CASE', 'PLAN'].includes(c), // ORAL: HEALTH not covered
};
/** Who has a case where (docs/design.md), and whose joint plan exists. */
const CASES: Record<Dept, Array<keyof typeof PERSONAS>> = {
  EMPLOYMENT: ['peter', 'mette', 'ali', 'sofie', 'jonas', 'lars'],
  SOCIAL: ['peter', 'mette', 'sofie', 'jonas', 'lars'],
  CHILDREN: ['peter', 'ali', 'jonas'],
  HOUSING: ['peter', 'mette', 'jonas'],
  PSYCHIATRY: ['mette'],
  // Care is built by the department kit (subgraphs/care) and is no party to anyone's consent.
  CARE: ['peter', 'lars'],
  // The payments centre is built by the kit from a SOAP system's WSDL (subgraphs/payments); no party to anyone's consent.
  PAYMENTS: ['peter', 'lars'],
};
const PLANS: Array<keyof typeof PERSONAS> = ['peter', 'mette', 'lars'];

/** Every field asked, with its owner and the categories it needs (its own and its ancestors' in that department). */
interface FieldSpec {
  path: string[];
  owner: Dept;
  needs: DataCategory[];
  /** Under `plan`: also needs the caseworker's department to be a party to the joint plan. */
  inPlan?: boolean;
}
const department = (field: string, owner: Dept, top: DataCategory, leaves: Array<[string, ...DataCategory[]]>): FieldSpec[] => [
  { path: [field], owner, needs: [top] },
  ...leaves.map(([leaf, ...categories]): FieldSpec => ({
    path: [field, leaf],
    owner,
    needs: [...new Set<DataCategory>([top, ...categories])],
  })),
];
const FIELDS: FieldSpec[] = [
  ...department('employment', 'EMPLOYMENT', 'CASE', [
    ['kind', 'CASE'],
    ['citizenName', 'CASE'],
    ['benefits', 'BENEFITS'],
    ['healthNotes', 'HEALTH'],
  ]),
  ...department('social', 'SOCIAL', 'CASE', [
    ['kind', 'CASE'],
    ['citizenName', 'CASE'],
    ['benefits', 'BENEFITS'],
    ['healthNotes', 'HEALTH'],
    ['substanceAbuseTreatment', 'SUBSTANCE_ABUSE', 'PLAN'] /* a list of PlanAction: its title is PLAN */,
  ]),
  ...department('family', 'CHILDREN', 'FAMILY', [
    ['kind', 'FAMILY'],
    ['citizenName', 'CASE'] /* the name is CASE data on a FAMILY case: it needs both */,
    ['children', 'FAMILY'],
  ]),
  ...department('housing', 'HOUSING', 'CASE', [
    ['kind', 'CASE'],
    ['citizenName', 'CASE'],
    ['benefits', 'BENEFITS'],
    ['rentArrearsDkk', 'BENEFITS'],
  ]),
  ...department('psychiatry', 'PSYCHIATRY', 'CASE', [
    ['kind', 'CASE'],
    ['citizenName', 'CASE'],
    ['outpatientTreatment', 'HEALTH'],
    ['coordinationPlan', 'PLAN'],
    ['healthNotes', 'HEALTH'],
  ]),
  { path: ['plan', 'employment'], owner: 'EMPLOYMENT', needs: ['PLAN'], inPlan: true },
  { path: ['plan', 'social'], owner: 'SOCIAL', needs: ['PLAN'], inPlan: true },
  { path: ['plan', 'children'], owner: 'CHILDREN', needs: ['FAMILY', 'PLAN'], inPlan: true },
  ...department('care', 'CARE', 'CASE', [
    ['kind', 'CASE'],
    ['citizenName', 'CASE'],
    ['services', 'HEALTH'],
    ['rehabilitationPlan', 'HEALTH'],
  ]),
  { path: ['plan', 'housing'], owner: 'HOUSING', needs: ['PLAN'], inPlan: true },
  { path: ['plan', 'psychiatry'], owner: 'PSYCHIATRY', needs: ['PLAN'], inPlan: true },
  { path: ['plan', 'care'], owner: 'CARE', needs: ['PLAN'], inPlan: true },
  ...department('payments', 'PAYMENTS', 'CASE', [
    ['kind', 'CASE'],
    ['citizenName', 'CASE'],
    ['payments', 'BENEFITS'],
  ]),
  { path: ['plan', 'payments'], owner: 'PAYMENTS', needs: ['PLAN'], inPlan: true },
];
const QUERY = (name: string, more = '') => /* GraphQL */ `
  query ${name}($cpr: ID!) {
    citizen(cpr: $cpr) {
      employment { kind citizenName benefits { kind } healthNotes { summary } }
      social { kind citizenName benefits { kind } healthNotes { summary } substanceAbuseTreatment { title } }
      family { kind citizenName children { firstName } }
      housing { kind citizenName benefits { kind } rentArrearsDkk }
      psychiatry { kind citizenName outpatientTreatment { responsibleUnit } coordinationPlan { nextNetworkMeeting } healthNotes { summary } }
      care { kind citizenName services { kind } rehabilitationPlan }
      payments { kind citizenName payments { amount } }
      plan { joint { status } employment { goals { description } } social { goals { description } } children { goals { description } } housing { goals { description } } psychiatry { goals { description } } care { goals { description } } payments { goals { description } } }
      ${more}
    }
  }
`;

function valueAt(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || node === undefined) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

describe('the persona matrix: every caseworker × every persona × every field', () => {
  test('covers every department of federation.json, hand-written or built by the kit', () => {
    loadRegistry();
    expect([...departmentCodes()].sort()).toEqual([...DEPTS].sort());
    expect(CASEWORKERS.map((c) => c.dept).sort()).toEqual([...DEPTS].sort());
  });

  let federation: TestFederation;
  const results = new Map<string, GraphQLResult>();
  const nameOf = (cw: string, persona: string) => `Matrix_${cw.replace(/-/g, '_')}_${persona}`;
  beforeAll(async () => {
    federation = await TestFederation.start();
    for (const { id } of CASEWORKERS) {
      const token = await tokenFor(id);
      for (const [persona, { cpr }] of Object.entries(PERSONAS)) {
        const name = nameOf(id, persona);
        results.set(name, await graphql(federation.gateway.url, QUERY(name), { token, variables: { cpr }, operationName: name }));
      }
    }
  });
  afterAll(() => federation.stop());

  const cases = CASEWORKERS.flatMap((cw) =>
    (Object.keys(PERSONAS) as Array<keyof typeof PERSONAS>).map((persona) => ({ cw, persona })),
  );

  test.each(cases)('$cw.id × $persona: nothing leaks, nothing is over-denied', ({ cw, persona }) => {
    const result = results.get(nameOf(cw.id, persona)) as GraphQLResult;
    const allowed = (owner: Dept, category: DataCategory) => owner === cw.dept || CONSENTS[persona](owner, cw.dept, category);
    const party = DEPTS.some((o) => o !== cw.dept && CONSENTS[persona](o, cw.dept, 'PLAN'));
    const errorPaths = (result.errors ?? []).map((e) => (e.path ?? []).join('.'));
    const codes = new Set((result.errors ?? []).map((e) => e.extensions?.code));
    // Only consent decides here: no department down, no internal error.
    expect([...codes].filter((c) => c !== 'CONSENT_REQUIRED')).toEqual([]);

    // The joint part only for a party; each department's section of the plan by that department's consent (rule 1, 2).
    const planAllowed = party;
    expect({ field: 'plan.joint', erred: errorPaths.includes('citizen.plan.joint') }).toEqual({
      field: 'plan.joint',
      erred: !planAllowed,
    });
    if (planAllowed && PLANS.includes(persona))
      expect(['DRAFT', 'ACTIVE']).toContain(valueAt(result.data, ['citizen', 'plan', 'joint', 'status']));

    for (const field of FIELDS) {
      const path = ['citizen', ...field.path];
      const permitted = field.needs.every((c) => allowed(field.owner, c));
      const value = valueAt(result.data, path);
      const deniedAbove = errorPaths.some((p) => path.join('.') === p || path.join('.').startsWith(`${p}.`));
      if (!permitted) {
        // No leak: nothing but null, with an error at the field or above it.
        expect({ field: path.join('.'), value: value ?? null }).toEqual({ field: path.join('.'), value: null });
        expect({ field: path.join('.'), deniedAbove }).toEqual({ field: path.join('.'), deniedAbove: true });
      } else {
        // No over-denial: no error at the field or above it, and the data where the citizen has some.
        expect({ field: path.join('.'), deniedAbove }).toEqual({ field: path.join('.'), deniedAbove: false });
        const exists = CASES[field.owner].includes(persona) && (!field.inPlan || PLANS.includes(persona));
        if (exists && field.path.length === 1)
          expect({ field: path.join('.'), present: value !== null && value !== undefined }).toEqual({
            field: path.join('.'),
            present: true,
          });
        // The name the department's case records is the persona's own.
        if (exists && field.path.at(-1) === 'citizenName')
          expect({ field: path.join('.'), value }).toEqual({ field: path.join('.'), value: PERSONAS[persona].name });
      }
    }
  });

  test.each(Object.keys(PERSONAS) as Array<keyof typeof PERSONAS>)(
    "%s's access log records every caseworker's cross-department disclosure and denial, joint plan included",
    async (persona) => {
      const { cpr } = PERSONAS[persona];
      const log = await graphql(
        federation.gateway.url,
        '{ citizen(cpr: "' + cpr + '") { accessLog(first: 500) { actorId ownerDepartment categories decision operationName } } }',
        {
          token: await tokenFor(cpr),
        },
      );
      expect(log.errors).toBeUndefined();
      const entries = (
        log.data as {
          citizen: {
            accessLog: Array<{
              actorId: string;
              ownerDepartment: string | null;
              categories: string[];
              decision: string;
              operationName: string;
            }>;
          };
        }
      ).citizen.accessLog;
      for (const cw of CASEWORKERS) {
        const mine = entries.filter((e) => e.operationName === nameOf(cw.id, persona));
        const allowed = (owner: Dept, category: DataCategory) => CONSENTS[persona](owner, cw.dept, category);
        const party = DEPTS.some((o) => o !== cw.dept && allowed(o, 'PLAN'));
        for (const owner of DEPTS) {
          if (owner === cw.dept) {
            expect({ cw: cw.id, owner, entries: mine.filter((e) => e.ownerDepartment === owner) }).toEqual({
              cw: cw.id,
              owner,
              entries: [],
            });
            continue;
          }
          // Every category of this department the query asked for, as the gateway fetched them.
          const asked = new Set<DataCategory>(FIELDS.filter((f) => f.owner === owner).flatMap((f) => f.needs));
          const denied = [...asked].filter((c) => !allowed(owner, c)).sort();
          const deniedRecord = mine.find((e) => e.ownerDepartment === owner && e.decision === 'DENIED');
          expect({ cw: cw.id, owner, denied: deniedRecord?.categories ?? [] }).toEqual({ cw: cw.id, owner, denied });
          const disclosedRecord = mine.find((e) => e.ownerDepartment === owner && e.decision === 'DISCLOSED');
          const topAllowed = FIELDS.some(
            (f) => f.owner === owner && f.path.length === 1 && allowed(owner, f.needs[0] as DataCategory),
          );
          expect({ cw: cw.id, owner, disclosed: disclosedRecord !== undefined }).toEqual({
            cw: cw.id,
            owner,
            disclosed: topAllowed,
          });
        }
        const joint = mine.filter((e) => e.ownerDepartment === null).map((e) => e.decision);
        expect({ cw: cw.id, joint }).toEqual({
          cw: cw.id,
          joint: party ? (PLANS.includes(persona) ? ['DISCLOSED'] : []) : ['DENIED'],
        });
      }
    },
  );

  /**
   * A provider's staff (prov-1, Karim at Bostedet Lærkehøj; rule 12) get the answer an unknown citizen
   * gets, byte for byte, for every persona and every field: department data, the joint plan, the
   * consents and the log; for Peter, whose § 85 support is assigned to them, every field but the joint
   * part. Nothing in it reveals whether any data exists.
   */
  describe('a provider token (prov-1) gets nothing, exactly as for an unknown citizen', () => {
    const UNKNOWN_CPR = '0707070707';
    const EVERYTHING = QUERY('Provider', 'consents { id } accessLog(first: 5) { actorId }');
    // Errors in path order: the departments answer in parallel, and the order they finish in says nothing.
    const canonical = (result: GraphQLResult) => ({
      ...result,
      errors: [...(result.errors ?? [])].sort((a, b) => (a.path ?? []).join('.').localeCompare((b.path ?? []).join('.'))),
    });
    const asKarim = async (cpr: string) =>
      graphql(federation.gateway.url, EVERYTHING, { token: await tokenFor('prov-1'), variables: { cpr } });

    test('the unknown citizen: nothing, and FORBIDDEN at every department, the joint plan and the log', async () => {
      const unknown = await asKarim(UNKNOWN_CPR);
      const noRole = (path: string, serviceName: string) => ({
        message: 'Your role gives no access to case data.',
        path: ['citizen', path],
        extensions: { code: 'FORBIDDEN', serviceName },
      });
      expect(canonical(unknown)).toEqual({
        status: 200,
        data: { citizen: null },
        errors: [
          {
            message: 'Only the citizen and auditors may see the access log.',
            path: ['citizen', 'accessLog'],
            extensions: { code: 'FORBIDDEN', serviceName: 'consent' },
          },
          noRole('care', 'care'),
          noRole('employment', 'employment'),
          noRole('family', 'children'),
          noRole('housing', 'housing'),
          noRole('payments', 'payments'),
          noRole('plan', 'plan'),
          noRole('psychiatry', 'psychiatry'),
          noRole('social', 'social'),
        ],
      });
    });

    // Peter's plan assigns Karim's organisation his § 85 support (test/src/providers.test.ts shows what he sees of it).
    const NOTHING_ASSIGNED = (Object.keys(PERSONAS) as Array<keyof typeof PERSONAS>).filter((p) => p !== 'peter');
    test.each(NOTHING_ASSIGNED)('%s: the same answer, error for error', async (persona) => {
      const unknown = JSON.stringify(canonical(await asKarim(UNKNOWN_CPR)));
      expect(JSON.stringify(canonical(await asKarim(PERSONAS[persona].cpr)))).toBe(unknown);
    });

    test("peter: the same answer for every field but the joint part, and each department's section of his plan refused like the rest", async () => {
      const unknown = canonical(await asKarim(UNKNOWN_CPR));
      const planRefusal = unknown.errors.find((e) => e.path?.join('.') === 'citizen.plan')!;
      // Every department's section of the plan, by its subgraph's name (as the plan's field is named).
      const departments = registeredSubgraphs().flatMap((s) => (s.kind === 'department' ? [s.name] : []));
      const sections = departments.sort().map((section) => ({
        ...planRefusal,
        path: ['citizen', 'plan', section],
        extensions: { ...planRefusal.extensions, serviceName: section },
      }));
      expect(canonical(await asKarim(PERSONAS.peter.cpr))).toEqual({
        ...unknown,
        errors: unknown.errors.flatMap((e) => (e === planRefusal ? sections : [e])),
      });
    });
  });
});
