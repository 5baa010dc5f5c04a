import { PERSONAS } from '@enplan/lib';
import { MALFORMED_MARKER, type VendorFault } from '@enplan/tools/src/standInServer';
import { errorCodesByPath, tokenFor } from './federation';

/** Every way a stand-in can misbehave (tools/src/standInServer.ts), as the tests name them. */
export const VENDOR_FAULTS: Array<[string, VendorFault]> = [
  ['down (HTTP 503)', { mode: 'down' }],
  ['slow, beyond its timeout', { mode: 'slow', delayMs: 3_000 }],
  ['answering its own error (HTTP 500, a SOAP fault)', { mode: 'fault' }],
  ['answering values its description does not allow', { mode: 'malformed' }],
  ['answering what is neither JSON nor XML', { mode: 'unparsable' }],
];

/**
 * Peter asks for a kit department's case (`field`, a selection under `citizen` beside `employment
 * { kind }` in `query`) while the system behind it misbehaves: that field alone is
 * DEPARTMENT_UNAVAILABLE, within the department's timeout (below 2.5 s), his jobcentre case still
 * comes, and nothing of the system's answer or address is in the response.
 */
export async function expectOnlyDepartmentUnavailable(
  gatewayUrl: string,
  query: string,
  field: string,
  subgraph: string,
): Promise<void> {
  const began = Date.now();
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(PERSONAS.peter.cpr)}` },
    body: JSON.stringify({ query, variables: { cpr: PERSONAS.peter.cpr } }),
  });
  const text = await response.text();
  const result = {
    status: response.status,
    ...(JSON.parse(text) as { data: { citizen: unknown }; errors: Array<{ message: string }> }),
  };

  expect(Date.now() - began).toBeLessThan(2_500);
  expect(result.data.citizen).toEqual({ [field]: null, employment: { kind: expect.any(String) } });
  expect(errorCodesByPath(result)).toEqual({ [`citizen.${field}`]: 'DEPARTMENT_UNAVAILABLE' });
  expect(result.errors[0]!.message).toBe(`The ${subgraph} system did not answer; its data is missing.`);
  for (const secret of [MALFORMED_MARKER, '127.0.0.1', 'soap', 'Envelope']) expect(text).not.toContain(secret);
}
