import type { Withheld } from '../api/withheld';
import { useTexts } from '../i18n';

/** Where data was not shared: what consent (or which system) kept it back, in plain words. */
export function WithheldNotice({ withheld }: { withheld: Withheld }) {
  const { t, department, categories } = useTexts();
  const reason = (() => {
    switch (withheld.reason) {
      case 'CONSENT_REQUIRED':
        return withheld.department === null
          ? t.consentDoesNotCoverJoint
          : t.consentDoesNotCover(categories(withheld.categories), department(withheld.department));
      case 'CONSENT_UNAVAILABLE':
        return t.consentUnavailable;
      case 'DEPARTMENT_UNAVAILABLE':
        return t.departmentUnavailable(department(withheld.department));
      case 'OTHER':
        return t.withheldOther;
    }
  })();
  return (
    <p className="withheld" data-testid="withheld">
      <strong>{t.notShared}</strong> — {reason}
    </p>
  );
}
