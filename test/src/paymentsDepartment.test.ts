/**
 * The payments centre (Ydelsescenter), a department whose system speaks SOAP: a WSDL, a mapping and
 * a registry line, served by the department kit with no TypeScript of its own. The stand-in for its
 * SOAP system runs as its own process, started from the same WSDL, and the department reaches it
 * over HTTP as it would the real one. The rules of access hold from the first request; the SOAP
 * system down, slow, answering a fault or what its WSDL does not allow costs the payments centre's
 * data only, within its timeout.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS, REPO_ROOT } from '@enplan/lib';
import { standInControl } from '@enplan/tools/src/standInServer';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';
import { ServiceProcess } from './serviceProcesses';
import { VENDOR_FAULTS, expectOnlyDepartmentUnavailable } from './vendorFaults';

const PAYMENTS_AND_JOBCENTRE = /* GraphQL */ `
  query PaymentsAndJobcentre($cpr: ID!) {
    citizen(cpr: $cpr) {
      payments {
        id
        kind
        status
        caseworker {
          name
          department
        }
        payments {
          kind
          legalBasis
          amount
          paidOn
        }
      }
      employment {
        kind
      }
    }
  }
`;

const PAYMENTS_PLAN = /* GraphQL */ `
  query PaymentsPlan($cpr: ID!) {
    citizen(cpr: $cpr) {
      plan {
        payments {
          department
          goals {
            description
          }
          actions {
            title
            legalBasis
          }
        }
      }
    }
  }
`;

const CASELOAD = /* GraphQL */ `
  query PaymentsCaseload($cprs: [ID!]!) {
    citizens(cprs: $cprs) {
      payments {
        id
      }
    }
  }
`;

const PETERS_PAYMENTS = {
  id: 'YDL-000001',
  kind: 'Kontanthjælp og enkeltydelser',
  status: 'OPEN',
  caseworker: { name: 'Frederik Dahl', department: 'PAYMENTS' },
  payments: [
    { kind: 'Kontanthjælp', legalBasis: 'Aktivloven § 25', amount: 12345.5, paidOn: '2026-11-30' },
    { kind: 'Enkeltydelse: tandbehandling', legalBasis: 'Aktivloven § 82 a', amount: 2100, paidOn: '2026-11-12' },
  ],
};

describe('the payments centre, a department described by its SOAP system’s WSDL', () => {
  let soapSystem: ServiceProcess;
  let control: ReturnType<typeof standInControl>;
  let federation: TestFederation;
  beforeAll(async () => {
    soapSystem = ServiceProcess.start('payments-vendor', 'tools/dist/vendor.js', { KIT_DEPARTMENT: 'payments', PORT: '0' });
    const { port } = (await soapSystem.waitForLog('vendor stand-in listening')) as { port?: number };
    const url = `http://127.0.0.1:${port}`;
    control = standInControl(url);
    federation = await TestFederation.start({ vendorTimeoutMs: 1_000, vendorUrls: { payments: url } });
  });
  afterAll(async () => {
    await federation?.stop();
    await soapSystem?.stop();
  });
  afterEach(() => control.setFault({ mode: 'ok' }));

  const ask = async (who: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    graphql(federation.gateway.url, query, { token: await tokenFor(who), variables, headers });

  it('has no TypeScript of its own: a WSDL, a mapping and seed data for its stand-in', () => {
    expect(readdirSync(join(REPO_ROOT, 'subgraphs', 'payments')).sort()).toEqual([
      'department.json',
      'seed.json',
      'service.wsdl',
    ]);
  });

  it("Frederik (cw-pay-1) sees his own department's case and plan for Peter, and nothing of the jobcentre's", async () => {
    const own = await ask('cw-pay-1', PAYMENTS_AND_JOBCENTRE, { cpr: PERSONAS.peter.cpr });
    const plan = await ask('cw-pay-1', PAYMENTS_PLAN, { cpr: PERSONAS.peter.cpr });

    expect(own.data?.citizen).toEqual({ payments: PETERS_PAYMENTS, employment: null });
    expect(errorCodesByPath(own)).toEqual({ 'citizen.employment': 'CONSENT_REQUIRED' });
    expect(plan.errors).toBeUndefined();
    expect(plan.data?.citizen).toEqual({
      plan: {
        payments: {
          department: 'PAYMENTS',
          goals: [{ description: 'Peter vil have råd til husleje og mad hele måneden.' }],
          actions: [{ title: 'Budgetrådgivning hver anden uge', legalBasis: 'Serviceloven § 12' }],
        },
      },
    });
  });

  it("Anna (cw-emp-1) learns nothing of Peter's payments: PAYMENTS is no party to his consent, and the SOAP system is not asked", async () => {
    const before = (await control.state()).requests;
    const result = await ask('cw-emp-1', PAYMENTS_AND_JOBCENTRE, { cpr: PERSONAS.peter.cpr });

    expect(result.data?.citizen).toEqual({ payments: null, employment: { kind: expect.any(String) } });
    expect(errorCodesByPath(result)).toEqual({ 'citizen.payments': 'CONSENT_REQUIRED' });
    expect((await control.state()).requests).toBe(before);
  });

  it('a denial reveals nothing: Anna asking about Mette, who has no payment case, gets the same answer', async () => {
    const peter = await ask('cw-emp-1', PAYMENTS_AND_JOBCENTRE, { cpr: PERSONAS.peter.cpr });
    const mette = await ask('cw-emp-1', PAYMENTS_AND_JOBCENTRE, { cpr: PERSONAS.mette.cpr });

    expect(mette.data?.citizen).toEqual({ payments: null, employment: { kind: expect.any(String) } });
    expect(mette.errors?.find((e) => e.path?.join('.') === 'citizen.payments')).toEqual(
      peter.errors?.find((e) => e.path?.join('.') === 'citizen.payments'),
    );
  });

  it('Peter sees his own payment case', async () => {
    const result = await ask(PERSONAS.peter.cpr, PAYMENTS_AND_JOBCENTRE, { cpr: PERSONAS.peter.cpr });

    expect(result.errors).toBeUndefined();
    expect(result.data?.citizen).toEqual({ payments: PETERS_PAYMENTS, employment: { kind: expect.any(String) } });
  });

  it("the SOAP call carries the request's id as an HTTP header: the system's log and the department's name the same request", async () => {
    const result = await ask(
      'cw-pay-1',
      PAYMENTS_AND_JOBCENTRE,
      { cpr: PERSONAS.peter.cpr },
      { 'x-request-id': 'ticket-4713-frederik' },
    );

    expect(result.data?.citizen).toEqual({ payments: PETERS_PAYMENTS, employment: null });
    expect((await control.state()).lastRequestId).toBe('ticket-4713-frederik');
  });

  it("Frederik's caseload of three citizens is one SOAP call (the WSDL's list operation)", async () => {
    const before = (await control.state()).requests;
    const result = await ask('cw-pay-1', CASELOAD, { cprs: [PERSONAS.peter.cpr, PERSONAS.lars.cpr, PERSONAS.mette.cpr] });

    expect(result.errors).toBeUndefined();
    expect(result.data?.citizens).toEqual([
      { payments: { id: 'YDL-000001' } },
      { payments: { id: 'YDL-000002' } },
      { payments: null },
    ]);
    expect((await control.state()).requests - before).toBe(1);
  });

  it.each(VENDOR_FAULTS)(
    'the SOAP system %s: DEPARTMENT_UNAVAILABLE for the payments centre only, Peter still sees his jobcentre case',
    async (_, fault) => {
      await control.setFault(fault);
      await expectOnlyDepartmentUnavailable(federation.gateway.url, PAYMENTS_AND_JOBCENTRE, 'payments', 'payments');
    },
  );
});
