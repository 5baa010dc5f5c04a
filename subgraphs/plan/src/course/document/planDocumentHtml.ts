import { createHash } from 'node:crypto';
import { maskCpr } from '@enplan/lib';
import type { JointPlanRecord, PlanChangeRecord } from '../../planModel';
import type { ComplaintRecord, DecisionRecord, LifeArea } from '../courseModel';
import { COMPLAINT_GUIDANCE, complaintDeadline } from '../courseRules';
import type { AssessmentView } from '../CourseService';

/** What a document holds: everything, or for a førtidspension case the assessment and the plan's history. */
export type DocumentPurpose = 'COMPLETE' | 'PENSION_CASE';

/** The document's content, already filtered by the rules of access for its reader. */
export interface PlanDocumentContent {
  purpose: DocumentPurpose;
  generatedAt: number;
  generatedFor: string;
  plan: JointPlanRecord;
  coordinatorName: string | null;
  assessment: AssessmentView | null;
  decision: DecisionRecord | null;
  complaint: ComplaintRecord | null;
  history: PlanChangeRecord[];
}

const LIFE_AREA_DA: Record<LifeArea, string> = {
  WORK_AND_EDUCATION: 'Arbejde og uddannelse',
  ECONOMY: 'Økonomi',
  HOUSING: 'Bolig',
  HEALTH: 'Helbred',
  SUBSTANCE_USE: 'Rusmidler',
  NETWORK_AND_FAMILY: 'Netværk og familie',
  DAILY_LIFE: 'Hverdagsliv',
};
const OUTCOME_DA = { GRANTED: 'Bevilget', REFUSED: 'Afslået', CHANGED: 'Ændret' } as const;
const PART_STATUS_DA = {
  REASSESSING: 'Under genvurdering',
  CHANGED: 'Ændret',
  UPHELD_FORWARDED: 'Fastholdt, sendt til Ankestyrelsen',
} as const;

const day = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' });
const instant = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });
const at = (ms: number | null) => (ms === null ? '' : instant.format(ms));
const date = (iso: string | null) => (iso === null ? 'ingen slutdato' : day.format(new Date(`${iso}T12:00:00Z`)));

/** Everything written into HTML is someone's words: escaped, always. */
function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** SHA-256 of the content as printed: the same content gives the same hash, whatever the PDF's own bytes. */
export function contentHash(content: PlanDocumentContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The document as HTML for Chromium to print: Danish, one section per part of the course, sources and dates kept. */
export function planDocumentHtml(content: PlanDocumentContent, sha256: string): string {
  const { plan, assessment, decision, complaint } = content;
  const pension = content.purpose === 'PENSION_CASE';
  const agreed = content.history.find((c) => c.kind === 'PLAN_ACTIVATED');
  const sections = [
    `<h1>${pension ? 'Samlet beskrivelse til sag om førtidspension' : 'Én plan'}: ${esc(maskCpr(plan.cpr))}</h1>
     <p>Udskrevet ${esc(at(content.generatedAt))} til ${esc(content.generatedFor)}. Status: ${esc(plan.status)}.
     Koordinerende sagsbehandler: ${esc(content.coordinatorName ?? 'ukendt')}.</p>
     <p>Borgerens samtykke til planen: ${
       agreed
         ? `${esc(agreed.actorName)} sagde ja ${esc(at(agreed.at))}`
         : plan.status === 'DRAFT'
           ? 'endnu ikke givet'
           : 'planen er aktiv (fra et tidligere system)'
     }.</p>`,
  ];
  if (!pension) {
    sections.push(`<h2>Borgerens mål</h2><ul>${plan.citizenGoals.map((g) => `<li>${esc(g.text)}</li>`).join('')}</ul>
      <h2>Aftaler</h2><ul>${plan.agreements
        .map(
          (a) =>
            `<li>${esc(a.what)} (ansvarlig: ${esc(a.responsibleDepartment)}${a.dueDate ? `, senest ${esc(date(a.dueDate))}` : ''})</li>`,
        )
        .join('')}</ul>`);
  }
  sections.push(
    `<h2>Udredning</h2>${
      assessment
        ? assessment.sources
            .map(
              (e) =>
                `<p><strong>${esc(LIFE_AREA_DA[e.lifeArea])}</strong>${e.replacedBy ? ' (erstattet)' : ''}: ${esc(e.text)}<br>
                 <small>Kilde: ${esc(e.author.actorName)}, ${esc(e.author.actorDepartment ?? 'borgeren selv')}, ${esc(at(e.at))}</small></p>`,
            )
            .join('')
        : '<p>Ingen udredning.</p>'
    }`,
  );
  if (!pension && decision) {
    sections.push(`<h2>Samlet afgørelse${decision.issuedVersion ? `, version ${decision.issuedVersion}` : ' (udkast)'}</h2>
      ${decision.issuedAt ? `<p>Udstedt ${esc(at(decision.issuedAt))}.</p>` : ''}
      ${decision.measures
        .map((m) => {
          const d = m.decision;
          return `<h3>${esc(m.what)} (${esc(m.department)})</h3>${
            d
              ? `<p>${esc(OUTCOME_DA[d.outcome])}. Hjemmel: ${esc(d.legalBasis)}. Fra ${esc(date(d.start))} til ${esc(date(d.end))}.</p>
                 ${d.reasons ? `<p>Begrundelse: ${esc(d.reasons)}</p>` : ''}<p><small>Afgjort af ${esc(d.decidedBy.actorName)} ${esc(at(d.decidedAt))}</small></p>`
              : '<p>Ikke afgjort endnu.</p>'
          }`;
        })
        .join('')}
      <h3>Klagevejledning</h3><p>${esc(COMPLAINT_GUIDANCE.text)}</p>${
        decision.issuedAt ? `<p>Klagefrist: ${esc(at(complaintDeadline(decision)))}.</p>` : ''
      }`);
  }
  if (!pension && complaint) {
    sections.push(
      `<h2>Klage</h2><p>Modtaget ${esc(at(complaint.filedAt))}: ${esc(complaint.text)}</p><ul>${complaint.parts
        .map((p) => `<li>${esc(p.department)}: ${esc(PART_STATUS_DA[p.status])}${p.reasons ? `. ${esc(p.reasons)}` : ''}</li>`)
        .join('')}</ul>`,
    );
  }
  sections.push(
    `<h2>Planens historik</h2><ul>${content.history
      .map(
        (c) =>
          `<li>${esc(at(c.at))}, ${esc(c.actorName)}${c.actorDepartment ? ` (${esc(c.actorDepartment)})` : ''}: ${esc(c.summary)}</li>`,
      )
      .join('')}</ul>`,
  );
  sections.push(`<p><small>Indholdets SHA-256: ${sha256}</small></p>`);
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Én plan</title>
    <style>body{font-family:sans-serif;font-size:11pt;line-height:1.4;margin:0}h1{font-size:16pt}h2{font-size:13pt;margin-top:1.5em}
    h3{font-size:11pt}small{color:#333}</style></head><body>${sections.join('\n')}</body></html>`;
}
