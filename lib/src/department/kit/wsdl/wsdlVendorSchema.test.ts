import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { silentLogger } from '../../../logger';
import { loadRegistry } from '../../../registryFile';
import { loadSubgraphTypeDefs } from '../../../subgraphs';
import { loadDepartmentMapping, vendorDescription, type EntityMapping } from '../departmentMapping';
import { loadVendorSchema, VendorLookup } from '../vendorLookup';

describe("a SOAP system as the kit's lookups read it", () => {
  beforeAll(() => loadRegistry());
  const vendor = () => {
    const mapping = loadDepartmentMapping('payments');
    return loadVendorSchema('payments', vendorDescription('payments', mapping), { url: 'http://127.0.0.1:9', timeoutMs: 100 });
  };

  it('is one field per WSDL operation: the request’s elements its arguments, the wrapped response’s one child its type', async () => {
    const sdl = printSchema(await vendor());
    expect(sdl).toContain('ListPaymentCases(cpr: [String!]!): [PaymentCase!]!');
    expect(sdl).toContain('GetEconomyPlan(cpr: String!): EconomyPlan');
    expect(sdl).toContain('type Payment {\n  kind: String!\n  legalBasis: String!\n  amount: Float!\n  paidOn: String!\n}');
  });

  it('refuses, when the department starts, a mapping whose operation or CPR element the WSDL does not have', async () => {
    const schema = await vendor();
    const own = buildSubgraphSchema([{ typeDefs: loadSubgraphTypeDefs('payments') }]);
    const citizen = loadDepartmentMapping('payments').entities.Citizen!;
    const lookup = (change: Partial<EntityMapping['lookup']>) =>
      new VendorLookup(schema, own, { ...citizen, lookup: { ...citizen.lookup, ...change } }, 'payments', silentLogger);

    expect(() => lookup({})).not.toThrow();
    expect(() => lookup({ operation: 'ListCases' })).toThrow('payments: the description has no operation ListCases');
    expect(() => lookup({ cprParameter: 'PersonCivilRegistrationIdentifier' })).toThrow(
      'payments: operation ListPaymentCases has no parameter PersonCivilRegistrationIdentifier',
    );
  });
});
