import { ASSERTION_HEADER, FINDER_ISSUER, FINDING_FIELD, type Actor, type AssertionSigner } from '@enplan/lib';
import { z } from 'zod';

/** A department subgraph the finder asks, by its registry name (its assertion audience) and GraphQL URL. */
export interface DepartmentEndpoint {
  name: string;
  url: () => string;
}

const QUERY = `query Finding($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { ${FINDING_FIELD} } } }`;

const answerSchema = z.object({
  data: z.object({ _entities: z.array(z.object({ [FINDING_FIELD]: z.boolean() })) }),
});

const FINDER: Actor = { role: 'SERVICE', id: FINDER_ISSUER, name: FINDER_ISSUER };

/**
 * The finder's side of the yes/no question (lib/src/department/findingCheck.ts is the departments'):
 * one signed call per department per batch, straight to the department as the finder itself,
 * never through the gateway (the field is not in the gateway's API). The answers are reduced to a
 * count per citizen at once; which department said yes is not kept.
 */
export class DepartmentQuestioner {
  constructor(
    private readonly departments: readonly DepartmentEndpoint[],
    private readonly signer: () => Promise<AssertionSigner>,
    private readonly timeoutMs: number,
  ) {}

  get names(): string[] {
    return this.departments.map((d) => d.name);
  }

  /** For each of `cprs`, in how many departments they have an open case. Throws when a department does not answer. */
  async countOpenCases(cprs: readonly string[], calls: Record<string, number>): Promise<number[]> {
    const counts = cprs.map(() => 0);
    const answers = await Promise.all(
      this.departments.map(async (department) => {
        calls[department.name] = (calls[department.name] ?? 0) + 1;
        return this.ask(department, cprs);
      }),
    );
    for (const answer of answers) answer.forEach((yes, i) => (counts[i]! += yes ? 1 : 0));
    return counts;
  }

  private async ask(department: DepartmentEndpoint, cprs: readonly string[]): Promise<boolean[]> {
    const body = JSON.stringify({
      query: QUERY,
      variables: { representations: cprs.map((cpr) => ({ __typename: 'Citizen', cpr })) },
    });
    const url = new URL(department.url());
    const assertion = await (
      await this.signer()
    ).sign({ audience: department.name, method: 'POST', path: url.pathname, body, actor: FINDER });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ASSERTION_HEADER]: assertion },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const parsed = answerSchema.safeParse(response.ok ? await response.json() : undefined);
    if (!parsed.success || parsed.data.data._entities.length !== cprs.length)
      throw new Error(`the ${department.name} department did not answer the finder (HTTP ${response.status})`);
    return parsed.data.data._entities.map((e) => e[FINDING_FIELD] === true);
  }
}
