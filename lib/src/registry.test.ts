import { DEPARTMENTS, SUBGRAPHS, parseRegistry } from './registry';

const entry = (over: Record<string, unknown>) => ({
  name: 'employment',
  kind: 'department',
  department: 'EMPLOYMENT',
  defaultPort: 4001,
  seed: 'demo',
  ...over,
});
const infrastructure = [
  { name: 'consent', kind: 'consent', defaultPort: 4004, seed: 'demo' },
  { name: 'plan', kind: 'plan', defaultPort: 4005, seed: 'demo', needs: ['consent'] },
];
const registry = (...subgraphs: unknown[]) => JSON.stringify({ subgraphs: [...subgraphs, ...infrastructure] });

describe('the federation registry (federation.json)', () => {
  test('the committed registry lists every subgraph, the consent service before the plan, and the department codes', () => {
    const names = SUBGRAPHS.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['employment', 'social', 'children', 'consent', 'plan']));
    expect(names.indexOf('consent')).toBeLessThan(names.indexOf('plan'));
    expect(DEPARTMENTS).toEqual(SUBGRAPHS.flatMap((s) => (s.kind === 'department' ? [s.department] : [])));
    expect(DEPARTMENTS).toEqual(expect.arrayContaining(['EMPLOYMENT', 'SOCIAL', 'CHILDREN']));
  });

  test.each([
    ['a department without a code', registry(entry({ department: undefined })), 'subgraphs.0.department'],
    ['a code in lower case', registry(entry({ department: 'housing' })), 'a department code is upper case letters'],
    [
      'two subgraphs on one port',
      registry(entry({}), entry({ name: 'housing', department: 'HOUSING' })),
      'port 4001 appears more than once',
    ],
    [
      'one department twice',
      registry(entry({}), entry({ name: 'jobs', defaultPort: 4009 })),
      'department EMPLOYMENT appears more than once',
    ],
    ['an unknown kind', registry(entry({ kind: 'provider' })), 'subgraphs.0.kind'],
    ['an unknown key (a typo)', registry(entry({ defaultport: 1 })), 'defaultport'],
    [
      'a need listed after',
      JSON.stringify({ subgraphs: [...infrastructure].reverse() }),
      'plan needs consent, which must be listed before it',
    ],
    ['no consent service', JSON.stringify({ subgraphs: [entry({})] }), 'exactly one subgraph must be of kind consent'],
    ['not JSON', '{ subgraphs: ', 'is not JSON'],
  ])('refuses %s, naming the problem', (_, json, problem) => {
    expect(() => parseRegistry(json, 'federation.json')).toThrow(problem);
  });
});
