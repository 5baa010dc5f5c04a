import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { Department } from '../departments';
import { errors } from '../errors';
import type { Logger } from '../logger';
import { departmentOf } from '../registry';
import type { SubgraphContext } from '../subgraphContext';
import { checkCoverage, type Disclosure } from './coverageCheck';
import { DisclosureLog } from './DisclosureLog';

/** A department's coverage check and the disclosure log it writes; close the log when the subgraph stops. */
export interface DepartmentCoverage {
  plugin: ApolloServerPlugin<SubgraphContext>;
  log: DisclosureLog;
}
import { checkFindingCall, selectsFindingField } from './findingCheck';

/**
 * The coverage check of a subgraph of the registry, its disclosure log beside the subgraph's store;
 * undefined for infrastructure (consent, plan), which is no department.
 */
export function openDepartmentCoverage(subgraph: string, databaseFile: string, logger: Logger): DepartmentCoverage | undefined {
  const department = departmentOf(subgraph);
  if (!department) return undefined;
  const log = new DisclosureLog(databaseFile);
  return { plugin: departmentCoverage(department, log, logger), log };
}

/**
 * The department's side of consent enforcement, which `startSubgraphServer` requires of every
 * department subgraph: refuses (403) any call whose representations or selected fields the
 * gateway's signed assertion does not cover, and records what it answered, with the consent that
 * covered it, in the department's own disclosure log before the answer leaves.
 */
export function departmentCoverage(
  department: Department,
  log: DisclosureLog,
  logger: Logger,
): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      let disclosures: Disclosure[] = [];
      return {
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          if (!operation) return; // Apollo has already refused an ambiguous document
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          const call = { operation, variables: request.variables, assertion: contextValue.assertion };
          // The finder's yes/no question has its own rule; everything else the consent rule.
          const verdict = selectsFindingField(operation, fragments)
            ? checkFindingCall(call)
            : checkCoverage({ ...call, department, schema, fragments });
          if (!verdict.ok) {
            logger.warn('refused a call its assertion does not cover', {
              department,
              reason: verdict.reason,
              jti: contextValue.assertion.jti,
            });
            const refusal = errors.forbidden(`${department} refuses what the gateway's assertion does not cover.`);
            Object.assign(refusal.extensions, { http: { status: 403 } });
            throw refusal;
          }
          disclosures = verdict.disclosures;
        },
        async willSendResponse({ response, contextValue, request }) {
          if (disclosures.length === 0 || response.body.kind !== 'single') return;
          const data = response.body.singleResult.data as Record<string, unknown[] | null | undefined> | null | undefined;
          const made = disclosures.filter((d) => data?.[d.field]?.[d.index] !== null && data?.[d.field]?.[d.index] !== undefined);
          try {
            log.record(contextValue.assertion.jti, contextValue.actor, request.operationName ?? null, made);
          } catch (error) {
            // No disclosure without a record (rule 5), on the department's side too.
            logger.error('disclosure log write failed; withholding the answer', {
              department,
              message: (error as Error).message,
            });
            response.body.singleResult = {
              errors: [errors.consentUnavailable(department, 'the disclosure could not be recorded.').toJSON()],
            };
          }
        },
      };
    },
  };
}
