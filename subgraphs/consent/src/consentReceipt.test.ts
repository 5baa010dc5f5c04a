import { PERSONAS } from '@enplan/lib';
import { consentSeed } from './seed';
import { consentReceipt, receiptDocument } from './consentReceipt';

const NOW = Date.UTC(2026, 11, 7, 12);
const seeded = [...consentSeed(NOW, 0)];
const consentOf = (cpr: string) => seeded.find((c) => c.cpr === cpr)!;

describe('a consent receipt names every data controller (docs/design.md rule 11)', () => {
  it("Mette's receipt names Region Hovedstaden as a separate data controller for its psychiatry", () => {
    const receipt = consentReceipt(consentOf(PERSONAS.mette.cpr), 'GIVEN', 'ACTIVE', NOW);
    expect(receipt.separateControllers).toEqual([
      { code: 'REGION_HOVEDSTADEN', name: 'Region Hovedstaden', departments: ['PSYCHIATRY'] },
    ]);
    expect(receiptDocument(receipt)).toContain(
      '<tr><th scope="row">Selvstændig dataansvarlig</th><td>Region Hovedstaden (PSYCHIATRY): en anden myndighed end kommunen, ansvarlig for sine egne oplysninger.</td></tr>',
    );
  });

  it("Peter's receipt names only the municipality: his consent does not name the region", () => {
    const receipt = consentReceipt(consentOf(PERSONAS.peter.cpr), 'GIVEN', 'ACTIVE', NOW);
    expect(receipt.separateControllers).toEqual([]);
    expect(receiptDocument(receipt)).not.toContain('Selvstændig dataansvarlig');
  });

  it("nobody's consent but Mette's names the region", () => {
    const naming = seeded.filter((c) =>
      c.provisions.some((p) => [...p.ownerDepartments, ...p.recipientDepartments].includes('PSYCHIATRY')),
    );
    expect(naming.map((c) => c.cpr)).toEqual([PERSONAS.mette.cpr]);
  });
});
