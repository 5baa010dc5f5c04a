/**
 * A consent receipt as the inbox carries it (`receiptJson`, fields after ISO/IEC TS 27560; built by
 * subgraphs/consent/src/consentReceipt.ts). Parsed with checks, not cast: it crosses a process
 * boundary as a string, and a receipt the page cannot read is shown as not found, never half.
 */
export interface Receipt {
  receiptId: string;
  specification: string;
  event: string;
  issuedAt: string;
  controller: { name: string; contact: string };
  /** Other organisations the consent names, each its own data controller (the region); [] in receipts from before they existed. */
  separateControllers: Array<{ code: string; name: string; departments: string[] }>;
  principal: { cpr: string; grantorCpr: string; grantorCapacity: string };
  consentId: string;
  purpose: { code: string; description: string };
  collection: { method: string; recordedBy: string; recordedAt: string; documentRef: string | null };
  provisions: Array<{ effect: string; sources: string[]; recipients: string[]; categories: string[] }>;
  sensitiveCategories: string[];
  validity: { from: string; until: string };
  status: string;
  withdrawnAt: string | null;
  howToWithdraw: string;
  /** Who acted for the citizen in this event, under which power; null when nobody did (and in receipts from before it was kept). */
  representative: { powerId: string; citizenName: string; representative: { name: string; reference: string } } | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const hasStrings = (o: unknown, keys: readonly string[]): o is Json => isObject(o) && keys.every((k) => isString(o[k]));
const isNullableString = (v: unknown) => v === null || isString(v);

export function parseReceipt(json: string | null | undefined): Receipt | undefined {
  let r: unknown;
  try {
    r = JSON.parse(json ?? '');
  } catch {
    return undefined;
  }
  // Receipts issued before organisations existed name none: read as [].
  if (isObject(r) && r.separateControllers === undefined) r = { ...r, separateControllers: [] };
  // Receipts issued before representatives' acts were kept name none: read as null.
  if (isObject(r) && r.representative === undefined) r = { ...r, representative: null };
  const ok =
    hasStrings(r, ['receiptId', 'specification', 'event', 'issuedAt', 'consentId', 'status', 'howToWithdraw']) &&
    hasStrings(r.controller, ['name', 'contact']) &&
    Array.isArray(r.separateControllers) &&
    r.separateControllers.every((c) => hasStrings(c, ['code', 'name']) && isStrings(c.departments)) &&
    hasStrings(r.principal, ['cpr', 'grantorCpr', 'grantorCapacity']) &&
    hasStrings(r.purpose, ['code', 'description']) &&
    hasStrings(r.collection, ['method', 'recordedBy', 'recordedAt']) &&
    isNullableString(r.collection.documentRef) &&
    Array.isArray(r.provisions) &&
    r.provisions.every(
      (p) => hasStrings(p, ['effect']) && isStrings(p.sources) && isStrings(p.recipients) && isStrings(p.categories),
    ) &&
    isStrings(r.sensitiveCategories) &&
    hasStrings(r.validity, ['from', 'until']) &&
    isNullableString(r.withdrawnAt) &&
    (r.representative === null ||
      (hasStrings(r.representative, ['powerId', 'citizenName']) &&
        hasStrings(r.representative.representative, ['name', 'reference'])));
  return ok ? (r as unknown as Receipt) : undefined;
}
