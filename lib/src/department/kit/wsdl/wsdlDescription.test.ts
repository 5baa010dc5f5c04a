import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../repoRoot';
import { readWsdl, type ComplexType } from './wsdlDescription';

const PAYMENTS_WSDL = readFileSync(join(REPO_ROOT, 'subgraphs', 'payments', 'service.wsdl'), 'utf8');
const SOAP11 = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/';

describe("a SOAP system's WSDL, read for the department kit", () => {
  it("reads the payments centre's service: SOAP 1.1, document/literal, its operations and their elements", () => {
    const service = readWsdl(PAYMENTS_WSDL, 'payments/service.wsdl');
    expect({ ...service, operations: [...service.operations.keys()] }).toEqual({
      name: 'Ydelsessystemet',
      soapVersion: '1.1',
      address: 'http://127.0.0.1:4111/ydelser/soap',
      namespace: 'urn:kk:ydelsescenter:ydelser:1',
      qualified: true,
      operations: ['ListPaymentCases', 'GetEconomyPlan'],
    });
    const list = service.operations.get('ListPaymentCases')!;
    expect(list.action).toBe('urn:kk:ydelsescenter:ydelser:1/ListPaymentCases');
    const [cpr] = (list.input.type() as ComplexType).elements;
    expect({ name: cpr!.name, repeated: cpr!.repeated, optional: cpr!.optional, type: cpr!.type() }).toEqual({
      name: 'cpr',
      repeated: true,
      optional: false,
      type: { kind: 'simple', name: 'Cpr', base: 'string', pattern: /^(?:[0-9]{10})$/u },
    });
    const [found] = (list.output.type() as ComplexType).elements;
    const record = found!.type() as ComplexType;
    expect({ name: found!.name, repeated: found!.repeated, type: record.name }).toEqual({
      name: 'case',
      repeated: true,
      type: 'PaymentCase',
    });
    expect(record.elements.map((e) => `${e.name}${e.optional ? '?' : ''}${e.repeated ? '*' : ''}`)).toEqual([
      'cpr',
      'id',
      'kind',
      'status',
      'openedOn',
      'citizenName?',
      'caseworker?',
      'payments?*',
    ]);
    expect(record.elements.find((e) => e.name === 'status')!.type()).toEqual({
      kind: 'simple',
      name: 'CaseStatus',
      base: 'string',
      enumeration: ['OPEN', 'CLOSED'],
    });
  });

  it('reads a SOAP 1.2 binding as SOAP 1.2', () => {
    const soap12 = PAYMENTS_WSDL.replace(`xmlns:soap="${SOAP11}"`, `xmlns:soap="${SOAP12}"`);
    expect(readWsdl(soap12, 'soap12.wsdl').soapVersion).toBe('1.2');
  });

  it.each([
    [
      'an imported schema',
      '<xs:simpleType name="Cpr">',
      '<xs:import namespace="urn:x" schemaLocation="x.xsd"/><xs:simpleType name="Cpr">',
      'xs:import is not supported',
    ],
    [
      'a choice',
      '<xs:complexType name="Goal">\n        <xs:sequence>',
      '<xs:complexType name="Goal"><xs:choice><xs:element name="x" type="xs:string"/></xs:choice>\n        <xs:sequence>',
      'complex type Goal: xs:choice is not supported',
    ],
    [
      'attributes',
      '<xs:complexType name="Goal">',
      '<xs:complexType name="Goal"><xs:attribute name="lang" type="xs:string"/>',
      'complex type Goal: xs:attribute is not supported',
    ],
    [
      'rpc style',
      '<soap:binding style="document"',
      '<soap:binding style="rpc"',
      'binding YdelserBinding: only document style is supported',
    ],
    [
      'encoded bodies',
      '<wsdl:input><soap:body use="literal"/>',
      '<wsdl:input><soap:body use="encoded"/>',
      'operation ListPaymentCases: only literal use is supported',
    ],
    [
      'a built-in type it cannot type',
      '<xs:element name="kind" type="xs:string"/>',
      '<xs:element name="kind" type="xs:QName"/>',
      'xs:QName is not a supported built-in type',
    ],
    ['an element ref', '<xs:element name="id" type="xs:string"/>', '<xs:element ref="tns:id"/>', 'element ref is not supported'],
    [
      'an undeclared type',
      'type="tns:Caseworker" minOccurs="0"/>',
      'type="tns:Sagsbehandler" minOccurs="0"/>',
      'the schema declares no type Sagsbehandler',
    ],
    [
      'no SOAP port',
      '<soap:address location="http://127.0.0.1:4111/ydelser/soap"/>',
      '',
      'has no wsdl:service with a SOAP port (soap:address or soap12:address)',
    ],
  ])('refuses %s, naming it, rather than half understand it', (_, from, to, message) => {
    const changed = PAYMENTS_WSDL.replace(from, to);
    expect(changed).not.toBe(PAYMENTS_WSDL);
    expect(() => readWsdl(changed, 'payments/service.wsdl')).toThrow(`payments/service.wsdl: ${message}`);
  });

  it('refuses what is not XML', () => {
    expect(() => readWsdl('<wsdl:definitions><oops></wsdl:definitions>', 'broken.wsdl')).toThrow(
      /^broken\.wsdl is not a readable WSDL description: /,
    );
  });
});
