import {
  loadRegistry,
  readBodyElement,
  readSoapBody,
  readWsdl,
  soapEnvelope,
  soapRequestHeaders,
  type SoapOperation,
} from '@enplan/lib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';
import { STAND_IN_CONTROL_PATH, standInControl, type VendorStandIn } from './standInServer';
import { startDepartmentStandIn } from './vendorStandIn';

const WSDL_FILE = join(REPO_ROOT, 'subgraphs', 'payments', 'service.wsdl');
const service = readWsdl(readFileSync(WSDL_FILE, 'utf8'), WSDL_FILE);
const list = service.operations.get('ListPaymentCases')!;
const PATH = '/ydelser/soap';

describe("the SOAP stand-in: the payments centre's system, served from its WSDL", () => {
  let standIn: VendorStandIn;
  beforeAll(async () => {
    loadRegistry();
    standIn = await startDepartmentStandIn('payments');
  });
  afterAll(() => standIn.stop());

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${standIn.url}${PATH}`, { method: 'POST', headers, body });
  const call = (operation: SoapOperation, value: unknown) =>
    post(soapEnvelope(service, operation.input, value), soapRequestHeaders(service, operation.action));

  it("answers the WSDL's list operation with the records asked for, as the WSDL declares them", async () => {
    const response = await call(list, { cpr: ['0101804321', '1502854562', '0101650005'] });
    const { fault, body } = readSoapBody(await response.text());

    expect({ status: response.status, type: response.headers.get('content-type'), fault }).toEqual({
      status: 200,
      type: 'text/xml; charset=utf-8',
      fault: false,
    });
    const answer = readBodyElement(body, list.output) as { case: Array<{ cpr: string; id: string }> };
    expect(answer.case.map(({ cpr, id }) => ({ cpr, id }))).toEqual([
      { cpr: '0101804321', id: 'YDL-000001' },
      { cpr: '0101650005', id: 'YDL-000002' },
    ]);
  });

  it('answers a single lookup for a citizen it has nothing on with the optional element left out', async () => {
    const plan = service.operations.get('GetEconomyPlan')!;
    const response = await call(plan, { cpr: '1502854562' });
    expect(readBodyElement(readSoapBody(await response.text()).body, plan.output)).toEqual({ plan: null });
  });

  it('serves the WSDL itself at ?wsdl', async () => {
    const response = await fetch(`${standIn.url}${PATH}?wsdl`);
    expect(await response.text()).toBe(readFileSync(WSDL_FILE, 'utf8'));
  });

  const valid = soapEnvelope(service, list.input, { cpr: ['0101804321'] });
  const headers = soapRequestHeaders(service, list.action);
  it.each<[string, string, Record<string, string>]>([
    ['another SOAPAction', valid, { ...headers, soapaction: '"urn:kk:ydelsescenter:ydelser:1/DeleteCase"' }],
    ['a SOAP 1.2 content type on a SOAP 1.1 service', valid, { 'content-type': 'application/soap+xml; charset=utf-8' }],
    ['an operation the binding does not have', valid.replaceAll('ListPaymentCases', 'ListAllCases'), headers],
    ['a CPR number its pattern does not allow', valid.replace('0101804321', '0101804321 OR 1=1'), headers],
    [
      'an element the request does not declare',
      valid.replace('</m:ListPaymentCases>', '<m:all>true</m:all></m:ListPaymentCases>'),
      headers,
    ],
    ['a body that is no SOAP envelope', '<ListPaymentCases><cpr>0101804321</cpr></ListPaymentCases>', headers],
  ])('refuses %s with a SOAP fault, as the real system would', async (_, body, requestHeaders) => {
    const before = standIn.requests();
    const response = await post(body, requestHeaders);

    expect({ status: response.status, fault: readSoapBody(await response.text()).fault }).toEqual({ status: 500, fault: true });
    expect(standIn.requests()).toBe(before + 1);
  });

  it('is switched and read over its control path, which takes only a fault it knows', async () => {
    const control = standInControl(standIn.url);
    const refused = await fetch(`${standIn.url}${STAND_IN_CONTROL_PATH}`, { method: 'PUT', body: '{"mode":"explode"}' });
    expect(refused.status).toBe(400);

    expect((await control.setFault({ mode: 'down' })).fault).toEqual({ mode: 'down' });
    expect((await call(list, { cpr: ['0101804321'] })).status).toBe(503);
    await control.setFault({ mode: 'ok' });
    const { requests } = await control.state();
    expect(requests).toBe(standIn.requests());
  });
});
