import { inTransaction, SqliteDepartmentStore, type CaseworkerRecord } from '@enplan/lib';
import type { HousingCaseSeed } from './seed';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rent_arrears (
  cpr TEXT PRIMARY KEY REFERENCES cases(cpr), amount_dkk INTEGER NOT NULL);
`;

/** The department store plus what only housing support keeps: the rent arrears an eviction-prevention plan works on. */
export class HousingStore extends SqliteDepartmentStore {
  private readonly housingStatements;

  constructor(file: string) {
    super('HOUSING', file);
    this.db.exec(SCHEMA);
    this.housingStatements = {
      rentArrears: this.db.prepare('SELECT amount_dkk AS amountDkk FROM rent_arrears WHERE cpr = ?'),
      insertRentArrears: this.db.prepare('INSERT INTO rent_arrears VALUES (@cpr, @amountDkk)'),
    };
  }

  rentArrearsDkk(cpr: string): number | null {
    const row = this.housingStatements.rentArrears.get(cpr) as { amountDkk: number } | undefined;
    return row?.amountDkk ?? null;
  }

  seedHousing(caseworkers: CaseworkerRecord[], cases: Iterable<HousingCaseSeed>): void {
    const all = [...cases];
    inTransaction(this.db, () => {
      this.seed(caseworkers, all);
      for (const seed of all) {
        if (seed.rentArrearsDkk !== null)
          this.housingStatements.insertRentArrears.run({ cpr: seed.case.cpr, amountDkk: seed.rentArrearsDkk });
      }
    });
  }
}
