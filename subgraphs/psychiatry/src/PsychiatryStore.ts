import { inTransaction, SqliteDepartmentStore, type CaseworkerRecord } from '@enplan/lib';
import type { OutpatientTreatmentRecord, PsychiatryCourseSeed } from './seed';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outpatient_treatment (
  cpr TEXT PRIMARY KEY REFERENCES cases(cpr), start_date TEXT NOT NULL, end_date TEXT,
  responsible_unit TEXT NOT NULL, contact_person TEXT NOT NULL, next_network_meeting TEXT);
`;

/** The department store plus what only the region's psychiatry keeps: outpatient treatment and the coordination plan's next meeting. */
export class PsychiatryStore extends SqliteDepartmentStore {
  private readonly psychiatryStatements;

  constructor(file: string) {
    super('PSYCHIATRY', file);
    this.db.exec(SCHEMA);
    this.psychiatryStatements = {
      outpatient: this.db.prepare(
        `SELECT start_date AS startDate, end_date AS endDate, responsible_unit AS responsibleUnit,
                contact_person AS contactPerson, next_network_meeting AS nextNetworkMeeting
         FROM outpatient_treatment WHERE cpr = ?`,
      ),
      insertOutpatient: this.db.prepare(
        'INSERT INTO outpatient_treatment VALUES (@cpr, @startDate, @endDate, @responsibleUnit, @contactPerson, @nextNetworkMeeting)',
      ),
    };
  }

  outpatientTreatment(cpr: string): OutpatientTreatmentRecord | null {
    return (this.psychiatryStatements.outpatient.get(cpr) as OutpatientTreatmentRecord | undefined) ?? null;
  }

  seedPsychiatry(caseworkers: CaseworkerRecord[], courses: Iterable<PsychiatryCourseSeed>): void {
    const all = [...courses];
    inTransaction(this.db, () => {
      this.seed(caseworkers, all);
      for (const seed of all) this.psychiatryStatements.insertOutpatient.run({ cpr: seed.case.cpr, ...seed.outpatient });
    });
  }
}
