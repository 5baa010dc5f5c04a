import { buildSubgraphSchema } from '@apollo/subgraph';
import { FINDING_FIELD } from '../../findingField';
import { silentLogger } from '../../logger';
import { loadSubgraphTypeDefs } from '../../subgraphs';
import { departmentOf } from '../../registry';
import type { SubgraphOptions, SubgraphInstance } from '../../runSubgraph';
import type { SubgraphResolvers } from '../../subgraphServer';
import {
  departmentMappingPath,
  loadDepartmentMapping,
  unclassified,
  vendorDescription,
  type KitEntity,
} from './departmentMapping';
import { loadVendorSchema, VendorLookup, type VendorRecord, type VendorSettings } from './vendorLookup';

export interface KitSubgraphOptions extends SubgraphOptions {
  vendor: VendorSettings;
}

interface EntityRef {
  cpr: string;
}

/**
 * A department served from its description: the mapping (subgraphs/<name>/department.json) says
 * which fields exist and their categories, the OpenAPI or WSDL description beside it how to read
 * them from the system behind the department. Everything a hand-written department has around its resolvers
 * (signed calls, coverage check, disclosure log, health, metrics, request ids, masked errors) is
 * lib's, as for them; the department holds no data of its own.
 */
export async function createKitSubgraph(name: string, options: KitSubgraphOptions): Promise<SubgraphInstance> {
  const mapping = loadDepartmentMapping(name);
  const code = departmentOf(name);
  if (!code) throw new Error(`${name} is not a department of federation.json`);
  const todo = unclassified(mapping);
  if (todo.length > 0)
    throw new Error(`${departmentMappingPath(name)}: classify every field before the department serves it: ${todo.join(', ')}`);
  const typeDefs = loadSubgraphTypeDefs(name);
  const ownSchema = buildSubgraphSchema([{ typeDefs }]);
  const vendor = await loadVendorSchema(name, vendorDescription(name, mapping), options.vendor);
  const logger = options.logger ?? silentLogger;

  const resolvers: SubgraphResolvers = {};
  for (const [entityName, entity] of Object.entries(mapping.entities) as Array<
    [KitEntity, (typeof mapping.entities)[KitEntity]]
  >) {
    if (!entity) continue;
    const lookup = new VendorLookup(vendor, ownSchema, entity, name, logger);
    // A plan section says whose it is; the system behind it need not.
    const withDepartment = entity.type === 'PlanSection' ? { department: code } : {};
    const read = async (ref: EntityRef, context: object): Promise<VendorRecord | null> => {
      const record = await lookup.load(context, ref.cpr);
      return record && { ...record, ...withDepartment };
    };
    resolvers[entityName] = {
      __resolveReference: (ref: EntityRef) => ({ cpr: ref.cpr }),
      [entity.field]: (ref: EntityRef, _args: unknown, context: object) => read(ref, context),
      // Yes or no, nothing more: the only answer the candidate finder gets (findingCheck.ts).
      ...(entityName === 'Citizen' && {
        [FINDING_FIELD]: async (ref: EntityRef, _args: unknown, context: object) => (await read(ref, context))?.status === 'OPEN',
      }),
    };
  }
  return { module: { name, typeDefs, resolvers }, close: () => undefined };
}
