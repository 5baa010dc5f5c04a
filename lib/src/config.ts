/**
 * Start-up configuration: each reader records its problem instead of throwing, so a service
 * reports every misconfiguration at once and then refuses to start.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    service: string,
  ) {
    super(`${service} cannot start; fix its configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export class ConfigReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is required`);
    return '';
  }

  optionalString(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  /** A secret shared between services: required, and long enough to resist guessing. */
  secret(name: string, fallback?: string, minLength = 32): string {
    const value = this.string(name, fallback);
    if (value && value.length < minLength) {
      this.problems.push(`${name} must be at least ${minLength} characters long`);
    }
    return value;
  }

  /**
   * A secret with a committed development value: the dev value outside production; in production it
   * is required, and the dev value (or any value marked as a development value) is refused.
   */
  productionSecret(name: string, devValue: string, production: boolean): string {
    const value = this.secret(name, production ? undefined : devValue);
    if (production && value && isCommittedSecret(value, devValue)) {
      this.problems.push(`${name} is a development value committed to the repository; set a secret of your own in production`);
    }
    return value;
  }

  integer(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  url(name: string, fallback?: string): string | undefined {
    const value = this.env[name]?.trim() || fallback;
    if (!value) return undefined;
    try {
      new URL(value);
      return value;
    } catch {
      this.problems.push(`${name} must be a URL (got "${value}")`);
      return undefined;
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws one `ConfigError` listing every problem, or returns the config frozen. */
  done<T extends object>(service: string, config: T): Readonly<T> {
    if (this.problems.length > 0) throw new ConfigError(this.problems, service);
    return Object.freeze(config);
  }
}

/** Every development secret enplan commits says so in its value. */
const COMMITTED_MARKER = 'do-not-use-in-production';

function isCommittedSecret(value: string, devValue: string): boolean {
  return value === devValue || value.includes(COMMITTED_MARKER);
}
