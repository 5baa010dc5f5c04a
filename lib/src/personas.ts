import type { Cpr } from './cpr';
import type { CaseworkerRecord } from './department/DepartmentStore';

/** The demo personas of DESIGN.md. Every example, test and demo uses these. */
export const PERSONAS = {
  peter: { cpr: '0101804321' as Cpr, name: 'Peter Hansen' },
  mette: { cpr: '1502854562' as Cpr, name: 'Mette Jensen' },
  ali: { cpr: '2007901237' as Cpr, name: 'Ali Rahimi' },
  sofie: { cpr: '0303950008' as Cpr, name: 'Sofie Nielsen' },
  jonas: { cpr: '1111750011' as Cpr, name: 'Jonas Berg' },
  lars: { cpr: '0101650005' as Cpr, name: 'Lars Holm' },
} as const;

export const CASEWORKERS = {
  anna: { id: 'cw-emp-1', name: 'Anna Mortensen', department: 'EMPLOYMENT', phone: '+45 33 66 10 01' },
  bo: { id: 'cw-soc-1', name: 'Bo Kristensen', department: 'SOCIAL', phone: '+45 33 66 20 01' },
  clara: { id: 'cw-chi-1', name: 'Clara Juhl', department: 'CHILDREN', phone: '+45 33 66 30 01' },
} as const satisfies Record<string, CaseworkerRecord>;
