import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INBOX_API_PATH, isKitDepartment, registeredSubgraphs, writeGatewayKeyPairs } from '@enplan/lib';
import { PostgresServer } from '../postgresServer';
import { freePort, RedisServer } from '../redisServer';
import { ServiceProcess } from '../serviceProcesses';

/** What a subgraph logs once it serves. */
const SUBGRAPH_READY = 'subgraph listening';
/** Where Debian's `faketime` package puts the library (`apt-get install -y faketime`). */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

export interface FaultFederationOptions {
  /** `sqlite`: one consent process on its file; `postgres`: two consent replicas and the plan store on one PostgreSQL. */
  backend: 'sqlite' | 'postgres';
  /** Puts the consent service's data directory on a filesystem of this size (tmpfs; needs root), for the disk-full fault. */
  consentDiskMiB?: number;
  /** Runs the consent service under libfaketime, its clock offset read from a file `stepConsentClock` writes. */
  fakeConsentClock?: boolean;
}

interface Supervised {
  entry: string;
  env: Record<string, string>;
  process: ServiceProcess;
  /** The log line that says it serves. */
  ready: string;
}

/**
 * The whole federation as real processes from the build, as production runs it: every subgraph, the
 * consent service (one SQLite process, or two replicas on one PostgreSQL), two gateways sharing a
 * password-protected Redis. Every service has a fixed port, so one that was killed comes back where
 * its callers look for it. `restart` plays the supervisor (systemd, a container's restart policy).
 */
export class FaultFederation {
  readonly services = new Map<string, Supervised>();
  readonly gatewayUrls: string[] = [];
  readonly dataDir = mkdtempSync(join(tmpdir(), 'enplan-faults-'));
  readonly consentDataDir: string;
  readonly clockFile: string;
  redis!: RedisServer;
  postgres?: PostgresServer;
  consentDatabaseUrl?: string;
  private mounted = false;

  private constructor(readonly options: FaultFederationOptions) {
    this.consentDataDir = join(this.dataDir, 'consent');
    mkdirSync(this.consentDataDir, { recursive: true });
    this.clockFile = join(this.dataDir, 'consent-clock');
    writeFileSync(this.clockFile, '+0\n');
  }

  static async start(options: FaultFederationOptions): Promise<FaultFederation> {
    if (options.fakeConsentClock && !existsSync(LIBFAKETIME))
      throw new Error(`libfaketime is missing (${LIBFAKETIME}): apt-get install -y faketime`);
    const federation = new FaultFederation(options);
    try {
      if (options.consentDiskMiB) federation.mountConsentDisk(options.consentDiskMiB);
      await federation.launch();
    } catch (error) {
      await federation.stop();
      throw error;
    }
    return federation;
  }

  /** The consent service's names: `consent-a` (and `consent-b` on PostgreSQL). */
  get consentReplicas(): string[] {
    return [...this.services.keys()].filter((name) => name.startsWith('consent-'));
  }

  /** What `verify-log` is given: the SQLite file or the PostgreSQL URL. */
  get accessLogLocation(): string {
    return this.consentDatabaseUrl ?? join(this.consentDataDir, 'consent.sqlite');
  }

  /** `kill -9` of a service. */
  async crash(name: string): Promise<void> {
    await this.service(name).process.crash();
  }

  /** Starts a stopped or crashed service again, with the same port, files and environment; resolves once it serves. */
  async restart(name: string): Promise<void> {
    const service = this.service(name);
    await service.process.stop();
    service.process = ServiceProcess.start(name, service.entry, service.env);
    await service.process.waitForLog(service.ready);
  }

  /** Steps the consent service's clock to `offsetMs` from the real time (libfaketime reads the file within a second). */
  stepConsentClock(offsetMs: number): void {
    writeFileSync(this.clockFile, `${offsetMs >= 0 ? '+' : ''}${offsetMs / 1000}s\n`);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.process.stop()));
    await this.redis?.stop();
    await this.postgres?.stop();
    if (this.mounted) spawnSync('umount', [this.consentDataDir]);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private mountConsentDisk(sizeMiB: number): void {
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'enplan-faults', this.consentDataDir], {
      encoding: 'utf8',
    });
    if (mount.status !== 0)
      throw new Error(`cannot mount a ${sizeMiB} MiB tmpfs for the disk-full fault (root needed): ${mount.stderr.trim()}`);
    this.mounted = true;
  }

  private service(name: string): Supervised {
    const service = this.services.get(name);
    if (!service) throw new Error(`no service ${name} in this federation`);
    return service;
  }

  private async launch(): Promise<void> {
    this.redis = await RedisServer.start();
    if (this.options.backend === 'postgres') {
      this.postgres = await PostgresServer.start();
      this.consentDatabaseUrl = await this.postgres.createDatabase('consent');
    }
    const planDatabaseUrl = this.postgres && (await this.postgres.createDatabase('plan'));
    const gatewayKeys = await writeGatewayKeyPairs(this.dataDir, 'fault');
    const replicas = this.options.backend === 'postgres' ? ['consent-a', 'consent-b'] : ['consent-a'];
    const ports = new Map<string, number>();
    for (const name of [...registeredSubgraphs().map((s) => s.name), ...replicas]) ports.set(name, await freePort());
    ports.set('consent', ports.get('consent-a')!);
    const origin = (name: string) => `http://127.0.0.1:${ports.get(name)}`;
    // Receipts retried at most 2 s apart: after an outage the checker's wait (15 s) sees them delivered,
    // where production's back-off (up to 5 minutes) spares a system that is down.
    const common = { METRICS_PORT: '0', SYNTHETIC_CITIZENS: '0', NOTIFICATION_RETRY_MAX_MS: '2000' };

    const subgraphEnv = (name: string, port: number, dataDir: string): Record<string, string> => ({
      ...common,
      // The gateway's key for the subgraph's organisation only (lib/src/gatewayKeys.ts).
      ...gatewayKeys.subgraphEnv(name),
      PORT: String(port),
      DATA_DIR: dataDir,
      CONSENT_URL: origin('consent-a'),
      INBOX_URL: `${origin('plan')}${INBOX_API_PATH}`,
      ...(name === 'plan' && planDatabaseUrl && { DATABASE_URL: planDatabaseUrl }),
    });
    const consentEnv = (replica: string) => ({
      // Each replica keeps its own receipts outbox file; consents and the log are in the shared store.
      ...subgraphEnv('consent', ports.get(replica)!, this.consentDatabaseUrl ? join(this.dataDir, replica) : this.consentDataDir),
      ...(this.consentDatabaseUrl && { DATABASE_URL: this.consentDatabaseUrl }),
      ...(this.options.fakeConsentClock && {
        LD_PRELOAD: LIBFAKETIME,
        FAKETIME_TIMESTAMP_FILE: this.clockFile,
        FAKETIME_CACHE_DURATION: '1',
        // Timers and timeouts run on the monotonic clock: only the wall clock steps.
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      }),
    });
    const launchSubgraph = (name: string) =>
      name === 'consent'
        ? Promise.all(
            replicas.map((r) => this.launchService(r, 'subgraphs/consent/dist/index.js', consentEnv(r), SUBGRAPH_READY)),
          )
        : this.launchDepartment(name, subgraphEnv(name, ports.get(name)!, this.dataDir));
    // In two waves, as the registry orders them: those that need another start after it.
    await Promise.all(
      registeredSubgraphs()
        .filter((s) => !s.needs?.length)
        .map((s) => launchSubgraph(s.name)),
    );
    await Promise.all(
      registeredSubgraphs()
        .filter((s) => s.needs?.length)
        .map((s) => launchSubgraph(s.name)),
    );

    const gatewayPorts = [await freePort(), await freePort()];
    await Promise.all(
      [replicas[0]!, replicas.at(-1)!].map((replica, i) =>
        this.launchService(
          `gateway-${'ab'[i]}`,
          'gateway/dist/index.js',
          {
            PORT: String(gatewayPorts[i]),
            METRICS_PORT: '0',
            ...gatewayKeys.gatewayEnv,
            REDIS_URL: this.redis.url,
            CONSENT_URL: origin(replica),
            ...Object.fromEntries(
              registeredSubgraphs().map((s) => [`SUBGRAPH_URL_${s.name.toUpperCase()}`, `${origin(s.name)}/graphql`]),
            ),
            SUBGRAPH_URL_CONSENT: `${origin(replica)}/graphql`,
            // The load comes from a few demo identities: fair shares per actor would measure the limiter.
            RATE_LIMIT_PER_SECOND: '0',
            MAX_CONCURRENT_EXPENSIVE: '1000',
          },
          'gateway listening',
        ),
      ),
    );
    this.gatewayUrls.push(...gatewayPorts.map((port) => `http://127.0.0.1:${port}/graphql`));
  }

  /** A hand-written department from its dist/, or a kit department beside a stand-in for the system behind it. */
  private async launchDepartment(name: string, env: Record<string, string>): Promise<void> {
    if (!isKitDepartment(name)) return this.launchService(name, `subgraphs/${name}/dist/index.js`, env, SUBGRAPH_READY);
    const vendorPort = await freePort();
    await this.launchService(
      `${name}-vendor`,
      'tools/dist/vendor.js',
      { KIT_DEPARTMENT: name, PORT: String(vendorPort) },
      'vendor stand-in listening',
    );
    await this.launchService(
      name,
      'tools/dist/kitDepartment.js',
      { ...env, KIT_DEPARTMENT: name, VENDOR_URL: `http://127.0.0.1:${vendorPort}` },
      SUBGRAPH_READY,
    );
  }

  private async launchService(name: string, entry: string, env: Record<string, string>, ready: string): Promise<void> {
    const process = ServiceProcess.start(name, entry, env);
    this.services.set(name, { entry, env, process, ready });
    await process.waitForLog(ready);
  }
}
