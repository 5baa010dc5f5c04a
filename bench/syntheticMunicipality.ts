/**
 * A synthetic municipality, the same for the same seed (issue #31): 100,000 citizens, 10,000 of them
 * in coordinated courses (consents and joint plans), a coordinator for every 200 of those, and two
 * years of access log with the mix a municipality's log has: most reads about citizens in a course,
 * by the few caseworkers each citizen has, some denials, some records of the plan's joint part.
 *
 * The log is written through `loadAccessLog`, a bulk path that makes the very chain and head
 * checkpoints the consent service makes (linkEntries and the backend's own extendChain), only with
 * the entries' times spread over the two years and in large transactions: `verify-log` verifies it.
 */
import { syntheticCitizen, type AccessLogInput, type DataCategory, type Department } from '@enplan/lib';
import { linkEntries } from '@enplan/subgraph-consent/src/AccessLog';
import type { AccessLogBackend, ChainLink } from '@enplan/subgraph-consent/src/accessLogBackend';
import type { CheckpointSigner } from '@enplan/subgraph-consent/src/checkpointSigner';

const DAY = 86_400_000;

export interface Municipality {
  seed: number;
  citizens: number;
  /** Citizens in a coordinated course: the first `inCourse` synthetic citizens. */
  inCourse: number;
  /** Citizens per coordinator. */
  caseload: number;
  /** The log spans this many days, ending at `end`. */
  days: number;
  end: number;
}

export const LARGE_MUNICIPALITY: Omit<Municipality, 'end'> = {
  seed: 31,
  citizens: 100_000,
  inCourse: 10_000,
  caseload: 200,
  days: 730,
};

/** mulberry32: small, fast, and the same numbers on every machine for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOLDERS: readonly Department[] = ['EMPLOYMENT', 'SOCIAL', 'HEALTH', 'CHILDREN'];
const CATEGORIES: Readonly<Record<string, DataCategory[]>> = {
  EMPLOYMENT: ['CASE', 'BENEFITS'],
  SOCIAL: ['CASE', 'PLAN'],
  HEALTH: ['HEALTH'],
  CHILDREN: ['FAMILY'],
};

/** The coordinator of a citizen in a course (employment), one per `caseload` citizens. */
export const coordinatorOf = (m: Municipality, index: number): string => `cw-coord-${Math.floor(index / m.caseload)}`;

/** The share of records about citizens in a course, and of those the share about the joint part. */
const COURSE_SHARE = 0.8;
const JOINT_PART_SHARE = 0.1;

/** How many of a log of `records` are, on average, about one citizen in a course and one department's data. */
export function courseEntriesPerDepartment(m: Municipality, records: number): number {
  return (records * COURSE_SHARE * (1 - JOINT_PART_SHARE)) / m.inCourse / HOLDERS.length;
}

/**
 * The `count` records of the log, oldest first, evenly over the two years: 80 % about citizens in a
 * course (their coordinator or one of their two caseworkers in social and health), 20 % about the
 * others (one caseworker of their department); 7 % denied; 10 % of course reads are the joint part.
 */
export function* accessLogRecords(m: Municipality, count: number): Generator<AccessLogInput & { at: number }> {
  const next = random(m.seed);
  const start = m.end - m.days * DAY;
  const span = m.days * DAY;
  for (let i = 0; i < count; i++) {
    const at = start + Math.floor((i * span) / count);
    const inCourse = next() < COURSE_SHARE;
    const index = inCourse ? Math.floor(next() * m.inCourse) : m.inCourse + Math.floor(next() * (m.citizens - m.inCourse));
    const citizen = syntheticCitizen(index);
    const who = next();
    const actorDepartment: Department = !inCourse
      ? HOLDERS[index % HOLDERS.length]!
      : who < 0.5
        ? 'EMPLOYMENT'
        : who < 0.75
          ? 'SOCIAL'
          : 'HEALTH';
    const actorId =
      inCourse && actorDepartment === 'EMPLOYMENT'
        ? coordinatorOf(m, index)
        : `cw-${actorDepartment.toLowerCase()}-${index % 40}`;
    const jointPart = inCourse && next() < JOINT_PART_SHARE;
    const owner: Department | null = jointPart ? null : HOLDERS[Math.floor(next() * HOLDERS.length)]!;
    const denied = next() < 0.07;
    yield {
      at,
      actorId,
      actorName: `Caseworker ${actorId}`,
      actorDepartment,
      cpr: citizen.cpr,
      ownerDepartment: owner,
      categories: owner ? CATEGORIES[owner]! : ['PLAN'],
      purpose: 'ONE_PLAN',
      decision: denied ? 'DENIED' : 'DISCLOSED',
      kind: 'READ',
      consentId: inCourse ? `CON-${String(index + 1_000).padStart(6, '0')}` : null,
      operationName: inCourse ? 'CitizenPlan' : 'CitizenCase',
      reason: denied ? 'no consent covers it' : inCourse ? 'permitted by consent' : 'own department',
      requestId: null,
    };
  }
}

/**
 * Writes `records` onto the log (empty or not) through the backend's own append, `batch` per
 * transaction, each with its head checkpoint signed as the service signs it. The next batch is
 * linked and signed while the database writes this one; if anyone else appended meanwhile, the
 * loader stops rather than write a second chain.
 */
export async function loadAccessLog(
  backend: AccessLogBackend,
  signer: CheckpointSigner,
  records: Iterable<AccessLogInput & { at: number }>,
  options: { batch?: number; onProgress?: (written: number) => void } = {},
): Promise<number> {
  const size = options.batch ?? 5_000;
  let link: ChainLink | undefined = await backend.readSnapshot(async (reader) => (await reader.checkpoints()).head);
  let pending: Array<AccessLogInput & { at: number }> = [];
  let written = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const after = link;
    const entries = linkEntries(after, pending);
    const last = entries.at(-1)!;
    const head = signer.sign('head', last, last.at);
    link = last;
    pending = [];
    await writing;
    writing = backend.extendChain((current) => {
      if (current?.sequence !== after?.sequence || current?.hash !== after?.hash)
        throw new Error(`the log was appended to while loading (head ${current?.sequence}, expected ${after?.sequence})`);
      return { entries, head };
    });
    written += entries.length;
    options.onProgress?.(written);
  };
  for (const record of records) {
    pending.push(record);
    if (pending.length >= size) await flush();
  }
  if (pending.length > 0) await flush();
  await writing;
  return written;
}
