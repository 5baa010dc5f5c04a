import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationLabel, operationNameOf } from './operationLabel';
import { REPO_ROOT } from './repoRoot';

describe('the operation label of the request metrics (bounded: registered operations, else "other")', () => {
  const citizenPlan = readFileSync(join(REPO_ROOT, 'operations', 'CitizenPlan.graphql'), 'utf8');

  it('names the operation of a body by its operationName, else by the name in its query', () => {
    // Read a long query first: the registry must not depend on what was matched before it (it once did).
    expect(operationNameOf({ query: citizenPlan, variables: { cpr: '0101804321' } })).toBe('CitizenPlan');
    expect(operationNameOf({ query: citizenPlan, operationName: 'Other' })).toBe('Other');
    expect(operationNameOf({ query: '{ citizen(cpr: "0101804321") { cpr } }' })).toBeUndefined();
    expect(operationNameOf(undefined)).toBeUndefined();
  });

  it.each([
    ['CitizenPlan', 'CitizenPlan'],
    ['MyAccessLog', 'MyAccessLog'],
    ['WithdrawConsent', 'WithdrawConsent'],
    ['CitizenPlan__social__2', 'CitizenPlan'], // a gateway fetch, as a subgraph sees it
    ['Caseload__employment__1', 'Caseload'],
    ['PeterHansen0101804321', 'other'], // anything a client makes up
    ['citizenplan', 'other'],
    ['', 'other'],
    [undefined, 'other'],
    [42, 'other'],
  ])('%p → %p', (name, label) => {
    expect(operationLabel(name)).toBe(label);
  });
});
