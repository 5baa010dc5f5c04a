import { randomUUID } from 'node:crypto';
import {
  FINDING_LOG_OPERATION,
  NOTIFICATION_SUBJECTS,
  type AccessLogInput,
  type ConsentClient,
  type Logger,
  type Notification,
} from '@enplan/lib';
import type { FindingCandidateRecord } from '../planModel';
import type { PlanStore } from '../PlanStore';
import type { DepartmentQuestioner } from './DepartmentQuestioner';

/** The municipality's switch and limits for the candidate finder (docs/design.md rule 14). */
export interface FindingSettings {
  /** The legal basis, as citizens read it in their access log and their invitation. Unset: the finder is off. */
  legalBasis?: string;
  /** Open cases in at least this many departments makes a candidate. Unset: the finder is off. */
  threshold?: number;
  /** Candidates are deleted this many days after they were found. @default 30 */
  retentionDays: number;
  /** Citizens per call to each department. @default 500 */
  batchSize: number;
}

/** What one run did: counts only, never who. */
export interface FindingRunReport {
  considered: number;
  /** Left out before any department was asked: a plan, a pending request, or "do not look for me". */
  leftOut: number;
  checked: number;
  candidates: number;
  /** Calls per department subgraph: one per batch, not one per citizen. */
  callsPerDepartment: Record<string, number>;
  deletedAfterRetention: number;
  durationMs: number;
}

/** The finder is switched off: the municipality has not configured both its legal basis and its threshold. */
export class FindingOffError extends Error {
  constructor() {
    super('the candidate finder is off: FINDING_LEGAL_BASIS and FINDING_THRESHOLD are not both set');
  }
}

const DAY_MS = 86_400_000;

/** Who the finder is in the citizen's access log: the municipality's search, no caseworker. */
const FINDER_LOG_ACTOR = { actorId: 'enplan-finder', actorName: 'Kommunens søgning efter borgere til én plan' };

/**
 * Finds citizens in contact with several departments, with the least data and in the open: leaves
 * out citizens with a plan, a pending request or who said "do not look for me" before any
 * department is asked; writes a plain-Danish line in every checked citizen's access log before
 * asking (no check without a record); asks every department of the registry one yes/no question
 * per citizen, one call per batch; keeps only the count, never which departments said yes.
 */
export class CandidateFinder {
  constructor(
    private readonly settings: FindingSettings,
    private readonly store: PlanStore,
    private readonly consent: ConsentClient,
    private readonly departments: DepartmentQuestioner,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  get enabled(): boolean {
    return this.settings.legalBasis !== undefined && this.settings.threshold !== undefined;
  }

  get status() {
    const { legalBasis, threshold, retentionDays } = this.settings;
    return this.enabled
      ? { enabled: true, legalBasis, threshold, retentionDays }
      : { enabled: false, legalBasis: null, threshold: null, retentionDays };
  }

  /** One run over `population` (CPRs), in batches. Throws FindingOffError when off, before anything is read. */
  async run(population: Iterable<string>): Promise<FindingRunReport> {
    const { legalBasis, threshold, batchSize } = this.settings;
    if (legalBasis === undefined || threshold === undefined) throw new FindingOffError();
    const started = performance.now();
    const report: FindingRunReport = {
      considered: 0,
      leftOut: 0,
      checked: 0,
      candidates: 0,
      callsPerDepartment: Object.fromEntries(this.departments.names.map((name) => [name, 0])),
      deletedAfterRetention: 0,
      durationMs: 0,
    };
    for (const batch of batches(population, batchSize)) {
      report.considered += batch.length;
      const leftOut = await this.store.leftOutOfFinding(batch);
      const asked = batch.filter((cpr) => !leftOut.has(cpr));
      report.leftOut += batch.length - asked.length;
      if (asked.length === 0) continue;
      await this.consent.writeAccessLog(asked.map((cpr) => logLine(cpr, legalBasis)));
      const counts = await this.departments.countOpenCases(asked, report.callsPerDepartment);
      const foundAt = this.now();
      const found: FindingCandidateRecord[] = asked.flatMap((cpr, i) =>
        counts[i]! >= threshold
          ? [{ id: `CAND-${randomUUID()}`, cpr, departmentCount: counts[i]!, foundAt, invitedAt: null }]
          : [],
      );
      await this.store.saveCandidates(found);
      report.checked += asked.length;
      report.candidates += found.length;
    }
    report.deletedAfterRetention = await this.deleteExpired();
    report.durationMs = Math.round(performance.now() - started);
    const { callsPerDepartment, ...counts } = report;
    this.logger.info('candidate finder run', { ...counts, calls: Object.values(callsPerDepartment).join('/') });
    return report;
  }

  /** Deletes the candidates older than the retention; how many. */
  deleteExpired(): Promise<number> {
    return this.store.deleteCandidatesFoundBefore(this.now() - this.settings.retentionDays * DAY_MS);
  }

  /** The invitation: inbox and Digital Post, through the outbox. Undefined when no such candidate waits. */
  invite(id: string) {
    const legalBasis = this.settings.legalBasis ?? '';
    const at = this.now();
    return this.store.inviteCandidate(id, at, (cpr) => invitation(cpr, at, legalBasis));
  }
}

function* batches(population: Iterable<string>, size: number): Generator<string[]> {
  let batch: string[] = [];
  for (const cpr of population) {
    batch.push(cpr);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The line in the citizen's access log, whatever the answer. */
function findingLogText(legalBasis: string): string {
  return (
    'Kommunen undersøgte, om du har sager i flere afdelinger, for at kunne tilbyde dig én samlet plan. ' +
    'Afdelingerne svarede kun ja eller nej; ingen sagsbehandler så dine oplysninger. ' +
    `Lovgrundlag: ${legalBasis}`
  );
}

function logLine(cpr: string, legalBasis: string): AccessLogInput {
  return {
    ...FINDER_LOG_ACTOR,
    actorDepartment: null,
    cpr,
    ownerDepartment: null,
    categories: ['CASE'],
    purpose: 'ONE_PLAN',
    decision: 'DISCLOSED',
    consentId: null,
    operationName: FINDING_LOG_OPERATION,
    reason: findingLogText(legalBasis),
  };
}

function invitation(cpr: string, at: number, legalBasis: string): Notification {
  return {
    id: `NOTE-${randomUUID()}`,
    cpr,
    kind: 'FINDING_INVITATION',
    createdAt: at,
    subject: NOTIFICATION_SUBJECTS.FINDING_INVITATION,
    body:
      'Du har kontakt med flere af kommunens afdelinger. Vi vil gerne tilbyde dig én samlet plan: ' +
      'én plan for dig og én koordinerende sagsbehandler i stedet for en plan i hver afdeling. ' +
      'Vil du have det, kan du bede om én plan i selvbetjeningen, eller give samtykke til, at afdelingerne deler ' +
      'oplysninger til planen. Du behøver ikke gøre noget, og det har ingen betydning for din sag, hvis du siger nej. ' +
      `Du kan også bede os om ikke at søge efter dig igen. Lovgrundlag: ${legalBasis}`,
    consentId: null,
    receipt: null,
  };
}
