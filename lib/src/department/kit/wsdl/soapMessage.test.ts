import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../repoRoot';
import { readBodyElement, readSoapBody, soapEnvelope, soapFaultEnvelope, soapRequestHeaders } from './soapMessage';
import { readWsdl } from './wsdlDescription';

const service = readWsdl(readFileSync(join(REPO_ROOT, 'subgraphs', 'payments', 'service.wsdl'), 'utf8'), 'service.wsdl');
const list = service.operations.get('ListPaymentCases')!;

const PETERS_CASE = {
  cpr: '0101804321',
  id: 'YDL-000001',
  kind: 'Kontanthjælp & enkeltydelser <i alt>',
  status: 'OPEN',
  openedOn: '2025-03-01',
  citizenName: null,
  caseworker: { id: 'cw-pay-1', name: 'Frederik Dahl', department: 'PAYMENTS', phone: null },
  payments: [{ kind: 'Kontanthjælp', legalBasis: 'Aktivloven § 25', amount: 12345.5, paidOn: '2026-11-30' }],
};

/** An answer as the system would send it, read back as the department reads it. */
const answer = (xml: string) => readBodyElement(readSoapBody(xml).body, list.output);
const envelopeWith = (record: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ListPaymentCasesResponse xmlns="urn:kk:ydelsescenter:ydelser:1"><case>${record}</case></ListPaymentCasesResponse></s:Body></s:Envelope>`;
const VALID =
  '<cpr>0101804321</cpr><id>YDL-000001</id><kind>Kontanthjælp</kind><status>OPEN</status><openedOn>2025-03-01</openedOn>';

describe('SOAP messages, written and read against the WSDL', () => {
  it("round-trips Peter's case: a CPR number stays text, amounts are numbers, escaping holds, what is left out is null", () => {
    const xml = soapEnvelope(service, list.output, { case: [PETERS_CASE] });
    expect(xml).toContain('<m:kind>Kontanthjælp &amp; enkeltydelser &lt;i alt&gt;</m:kind>');
    expect(answer(xml)).toEqual({ case: [PETERS_CASE] });
  });

  it('writes a batch request as the repeated element, qualified as the schema says', () => {
    const xml = soapEnvelope(service, list.input, { cpr: ['0101804321', '1111750011'] });
    expect(xml).toContain('<m:ListPaymentCases><m:cpr>0101804321</m:cpr><m:cpr>1111750011</m:cpr></m:ListPaymentCases>');
    expect(readBodyElement(readSoapBody(xml).body, list.input)).toEqual({ cpr: ['0101804321', '1111750011'] });
  });

  it('reads an empty answer as no records', () => {
    expect(answer(envelopeWith('').replace('<case></case>', ''))).toEqual({ case: [] });
  });

  it.each([
    [
      'a required element missing',
      VALID.replace('<status>OPEN</status>', ''),
      'ListPaymentCasesResponse.case[0].status: missing',
    ],
    [
      'an element it does not declare',
      `${VALID}<secret>x</secret>`,
      'ListPaymentCasesResponse.case[0]: holds an undeclared element secret',
    ],
    [
      'a value outside its enumeration',
      VALID.replace('OPEN', 'PENDING'),
      'ListPaymentCasesResponse.case[0].status: not a valid CaseStatus',
    ],
    [
      'a CPR number not matching its pattern',
      VALID.replace('0101804321', '010180-4321'),
      'ListPaymentCasesResponse.case[0].cpr: not a valid Cpr',
    ],
    [
      'an amount that is not a decimal',
      `${VALID}<payments><kind>k</kind><legalBasis>l</legalBasis><amount>12,50 kr</amount><paidOn>2026-11-30</paidOn></payments>`,
      'ListPaymentCasesResponse.case[0].payments[0].amount: not a valid xs:decimal',
    ],
    [
      'two of a single element',
      VALID.replace('<id>YDL-000001</id>', '<id>1</id><id>2</id>'),
      'ListPaymentCasesResponse.case[0].id: more than one',
    ],
    [
      'elements where a value is declared',
      VALID.replace('<id>YDL-000001</id>', '<id><x>1</x></id>'),
      'ListPaymentCasesResponse.case[0].id: holds elements where a value is declared',
    ],
    [
      'nil where it may not be',
      VALID.replace('<id>YDL-000001</id>', '<id xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>'),
      'ListPaymentCasesResponse.case[0].id: nil, which its declaration does not allow',
    ],
  ])('refuses %s, naming the path but never the value', (_, record, message) => {
    // The whole message, exactly: nothing of the answer (a CPR number, a vendor's detail) is in it.
    expect(() => answer(envelopeWith(record))).toThrow(new Error(message));
  });

  it.each([
    ['XML that is not well-formed', '<s:Envelope><s:Body><case>0101804321</s:Body>', 'not well-formed XML'],
    [
      'a DTD, which SOAP forbids',
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><s:Envelope><s:Body/></s:Envelope>',
      'a SOAP message may not carry a DTD',
    ],
    ['XML that is no envelope', '<html><body>Service Unavailable</body></html>', 'not a SOAP envelope with a body'],
  ])('refuses %s', (_, xml, message) => {
    expect(() => readSoapBody(xml)).toThrow(message);
  });

  it('knows a fault, in SOAP 1.1 and 1.2', () => {
    expect(readSoapBody(soapFaultEnvelope(service, false, 'internal error')).fault).toBe(true);
    expect(readSoapBody(soapFaultEnvelope({ ...service, soapVersion: '1.2' }, true, 'bad request')).fault).toBe(true);
    expect(readSoapBody(soapEnvelope(service, list.output, { case: [] })).fault).toBe(false);
  });

  it("sends each SOAP version's headers: SOAPAction for 1.1, the action in the content type for 1.2", () => {
    expect(soapRequestHeaders(service, list.action)).toEqual({
      'content-type': 'text/xml; charset=utf-8',
      soapaction: '"urn:kk:ydelsescenter:ydelser:1/ListPaymentCases"',
    });
    expect(soapRequestHeaders({ ...service, soapVersion: '1.2' }, list.action)).toEqual({
      'content-type': 'application/soap+xml; charset=utf-8; action="urn:kk:ydelsescenter:ydelser:1/ListPaymentCases"',
    });
  });
});
