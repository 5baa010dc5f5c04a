import { ConfigReader } from '@enplan/lib';
import { readFindingSettings } from './findingSettings';

const BASIS = 'Lov om en samlet plan § 3';

function read(env: NodeJS.ProcessEnv) {
  const reader = new ConfigReader(env);
  const settings = readFindingSettings(reader);
  let problems: string[] = [];
  try {
    reader.done('plan', {});
  } catch (error) {
    problems = (error as Error).message.split('\n').slice(1).filter(Boolean);
  }
  return { settings, problems };
}

describe('the candidate finder is switched on by the legal basis and the threshold together', () => {
  it.each<[string, NodeJS.ProcessEnv, object, string[]]>([
    ['neither: off, the default retention', {}, { retentionDays: 30, batchSize: 500 }, []],
    ['both: on', { FINDING_LEGAL_BASIS: BASIS, FINDING_THRESHOLD: '3' }, { legalBasis: BASIS, threshold: 3 }, []],
    [
      'the legal basis alone: refused',
      { FINDING_LEGAL_BASIS: BASIS },
      {},
      ['  - FINDING_LEGAL_BASIS and FINDING_THRESHOLD switch the candidate finder on together: set both, or neither'],
    ],
    [
      'the threshold alone: refused',
      { FINDING_THRESHOLD: '3' },
      {},
      ['  - FINDING_LEGAL_BASIS and FINDING_THRESHOLD switch the candidate finder on together: set both, or neither'],
    ],
    [
      'a threshold of one department: refused (it would find everyone with a case)',
      { FINDING_LEGAL_BASIS: BASIS, FINDING_THRESHOLD: '1' },
      {},
      ['  - FINDING_THRESHOLD must be a whole number from 2 to 50 (got "1")'],
    ],
    [
      'a legal basis that names nothing: refused',
      { FINDING_LEGAL_BASIS: 'lov', FINDING_THRESHOLD: '3' },
      {},
      ['  - FINDING_LEGAL_BASIS must name the legal basis citizens are shown (10–300 characters)'],
    ],
  ])('%s', (_, env, expected, problems) => {
    const { settings, problems: found } = read(env);
    expect(settings).toMatchObject(expected);
    expect(found).toEqual(problems);
    // Off unless both are set and nothing is wrong: the service refuses to start on any problem.
    if (!env.FINDING_LEGAL_BASIS || !env.FINDING_THRESHOLD) expect(settings).not.toHaveProperty('legalBasis');
  });
});
