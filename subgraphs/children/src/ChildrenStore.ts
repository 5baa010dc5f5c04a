import { inTransaction, SqliteDepartmentStore, type DepartmentCaseSeed } from '@enplan/lib';

export interface ChildRecord {
  id: string;
  firstName: string;
  birthDate: string;
}

export interface ChildMeasureRecord {
  title: string;
  legalBasis: string;
  startDate: string;
}

export interface FamilyCaseSeed extends DepartmentCaseSeed {
  children: Array<ChildRecord & { measures: ChildMeasureRecord[] }>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS children (
  id TEXT PRIMARY KEY, parent_cpr TEXT NOT NULL REFERENCES cases(cpr), first_name TEXT NOT NULL, birth_date TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS children_by_parent ON children(parent_cpr);
CREATE TABLE IF NOT EXISTS child_measures (
  child_id TEXT NOT NULL REFERENCES children(id), title TEXT NOT NULL, legal_basis TEXT NOT NULL, start_date TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS child_measures_by_child ON child_measures(child_id);
`;

/** The department store plus the citizen's children and the measures for them. */
export class ChildrenStore extends SqliteDepartmentStore {
  private readonly childStatements;

  constructor(file: string) {
    super('CHILDREN', file);
    this.db.exec(SCHEMA);
    this.childStatements = {
      children: this.db.prepare(
        'SELECT id, first_name AS firstName, birth_date AS birthDate FROM children WHERE parent_cpr = ? ORDER BY birth_date',
      ),
      measures: this.db.prepare(
        'SELECT title, legal_basis AS legalBasis, start_date AS startDate FROM child_measures WHERE child_id = ? ORDER BY start_date',
      ),
      insertChild: this.db.prepare('INSERT INTO children VALUES (@id, @parentCpr, @firstName, @birthDate)'),
      insertMeasure: this.db.prepare('INSERT INTO child_measures VALUES (@childId, @title, @legalBasis, @startDate)'),
    };
  }

  children(parentCpr: string): ChildRecord[] {
    return this.childStatements.children.all(parentCpr) as ChildRecord[];
  }

  measures(childId: string): ChildMeasureRecord[] {
    return this.childStatements.measures.all(childId) as ChildMeasureRecord[];
  }

  seedFamilies(caseworkers: Parameters<SqliteDepartmentStore['seed']>[0], families: FamilyCaseSeed[]): void {
    inTransaction(this.db, () => {
      this.seed(caseworkers, families);
      for (const family of families) {
        for (const child of family.children) {
          this.childStatements.insertChild.run({ ...child, parentCpr: family.case.cpr });
          for (const measure of child.measures) this.childStatements.insertMeasure.run({ ...measure, childId: child.id });
        }
      }
    });
  }
}
