import type { ConfigReader } from '@enplan/lib';
import type { FindingSettings } from './CandidateFinder';

/**
 * The municipality switches the finder on by naming both its legal basis and its threshold; one
 * without the other is a mistake reported at start-up, and neither leaves it off (the default).
 */
export function readFindingSettings(env: ConfigReader): FindingSettings {
  const legalBasis = env.optionalString('FINDING_LEGAL_BASIS');
  const thresholdSet = env.optionalString('FINDING_THRESHOLD') !== undefined;
  const threshold = env.integer('FINDING_THRESHOLD', 0, { min: 2, max: 50 });
  if ((legalBasis !== undefined) !== thresholdSet)
    env.problem('FINDING_LEGAL_BASIS and FINDING_THRESHOLD switch the candidate finder on together: set both, or neither');
  if (legalBasis !== undefined && (legalBasis.length < 10 || legalBasis.length > 300))
    env.problem('FINDING_LEGAL_BASIS must name the legal basis citizens are shown (10–300 characters)');
  return {
    ...(legalBasis !== undefined && thresholdSet && { legalBasis, threshold }),
    retentionDays: env.integer('FINDING_RETENTION_DAYS', 30, { min: 1, max: 366 }),
    batchSize: env.integer('FINDING_BATCH_SIZE', 500, { min: 1, max: 1_000 }),
  };
}
