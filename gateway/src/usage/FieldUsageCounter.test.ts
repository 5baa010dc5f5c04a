import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { FieldUsageCounter } from './FieldUsageCounter';
import { usedFields } from './usedFields';

const DEC_7 = Date.parse('2026-12-07T10:00:00Z');
const DAY = 86_400_000;

describe('field usage, counted per operation name and bounded', () => {
  test('each operation counts once per field it asks for, by UTC day', () => {
    let now = DEC_7;
    const counter = new FieldUsageCounter({ maxOperations: 10, retainDays: 30 }, () => now);
    counter.record('CitizenPlan', ['Query.citizen', 'JointPlan.createdAt']);
    counter.record('CitizenPlan', ['Query.citizen']);
    now = Date.parse('2026-12-08T00:00:00Z');
    counter.record('CitizenPlan', ['Query.citizen']);

    expect(counter.export()).toEqual({
      format: 'enplan-field-usage/1',
      exportedAt: '2026-12-08T00:00:00.000Z',
      entries: [
        { day: '2026-12-07', operation: 'CitizenPlan', field: 'Query.citizen', count: 2 },
        { day: '2026-12-07', operation: 'CitizenPlan', field: 'JointPlan.createdAt', count: 1 },
        { day: '2026-12-08', operation: 'CitizenPlan', field: 'Query.citizen', count: 1 },
      ],
    });
  });

  test('anonymous operations, names past the maximum and CPR-shaped names count as (other)', () => {
    const counter = new FieldUsageCounter({ maxOperations: 2, retainDays: 30 }, () => DEC_7);
    counter.record('CitizenPlan', ['Query.citizen']);
    counter.record(undefined, ['Query.citizen']);
    counter.record('Peter0101804321', ['Query.citizen']);
    counter.record('MyOnePlan', ['Query.citizen']);
    counter.record('CitizenPlan', ['Query.citizen']);

    expect(counter.export().entries).toEqual([
      { day: '2026-12-07', operation: 'CitizenPlan', field: 'Query.citizen', count: 2 },
      { day: '2026-12-07', operation: '(other)', field: 'Query.citizen', count: 3 },
    ]);
  });

  test('keeps retainDays days, today included, and forgets older ones', () => {
    let now = DEC_7;
    const counter = new FieldUsageCounter({ maxOperations: 10, retainDays: 2 }, () => now);
    counter.record('CitizenPlan', ['Query.citizen']);
    now += DAY;
    counter.record('CitizenPlan', ['Query.citizen']);
    expect(counter.export().entries.map((e) => e.day)).toEqual(['2026-12-07', '2026-12-08']);
    now += DAY;
    counter.record('CitizenPlan', ['Query.citizen']);
    expect(counter.export().entries.map((e) => e.day)).toEqual(['2026-12-08', '2026-12-09']);
  });
});

describe('the fields one operation asks for', () => {
  const schema = buildSchema(`
    type Query { citizen(cpr: ID!): Citizen }
    type Citizen { cpr: ID! plan: JointPlan }
    type JointPlan { id: ID! createdAt: String! status: String! }
  `);
  const document = parse(`
    query CitizenPlan($cpr: ID!) { citizen(cpr: $cpr) { __typename cpr plan { ...Dates } } }
    query PlanStatus { citizen(cpr: "0101804321") { plan { status } } }
    fragment Dates on JointPlan { id createdAt ...Dates2 }
    fragment Dates2 on JointPlan { createdAt }
  `);
  const operation = (name: string) =>
    document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
    )!;

  test("the operation's own fields and its fragments', not another operation's, and no __typename", () => {
    expect([...usedFields(schema, document, operation('CitizenPlan'))].sort()).toEqual([
      'Citizen.cpr',
      'Citizen.plan',
      'JointPlan.createdAt',
      'JointPlan.id',
      'Query.citizen',
    ]);
    expect([...usedFields(schema, document, operation('PlanStatus'))].sort()).toEqual([
      'Citizen.plan',
      'JointPlan.status',
      'Query.citizen',
    ]);
  });
});
