/** DDMMYY-XXXX: a CPR number shown to anyone but the citizen themself (rule 8). */
export function maskCpr(cpr: string): string {
  const digits = cpr.replace(/\D/g, '');
  return digits.length === 10 ? `${digits.slice(0, 6)}-XXXX` : 'XXXXXX-XXXX';
}

/** "Peter Hansen (010180-XXXX)" where the caseworker's own department knows the citizen's name, else the masked CPR alone. */
export function citizenLabel(cpr: string, name: string | null | undefined): string {
  return name ? `${name} (${maskCpr(cpr)})` : maskCpr(cpr);
}

/** DDMMYY-SSSS, for the citizen's own eyes. */
export function formatCpr(cpr: string): string {
  const digits = cpr.replace(/\D/g, '');
  return digits.length === 10 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : cpr;
}

/** Ten digits, with or without the dash; the gateway checks the rest. */
export function normaliseCpr(input: string): string | undefined {
  const digits = input.trim().replace(/^(\d{6})-?(\d{4})$/, '$1$2');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}
