import type { ConsentClient, Cpr } from '@enplan/lib';

/**
 * The bisidder a joint meeting names by default: the citizen's personal ombud(s) in force, from the
 * consent service, which keeps the powers (docs/design.md rule 13). Null when the citizen has none.
 */
export async function personalOmbudInvitation(consent: ConsentClient, cpr: Cpr): Promise<string | null> {
  const ombuds = await consent.personalOmbudsOf(cpr);
  return ombuds.length > 0 ? ombuds.map((o) => `${o.name}, personligt ombud (${o.organisation})`).join('; ') : null;
}
