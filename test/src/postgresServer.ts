import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '@enplan/lib';
import { freePort } from './redisServer';

/** Debian's PostgreSQL (`apt-get install -y postgresql`): the newest /usr/lib/postgresql/<version>/bin, or PG_BIN. */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN)');
  return join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: run it as the `postgres` user Debian's package creates. */
function runAs(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A real PostgreSQL server for one test file: initdb into a temp directory, `postgres` on a free
 * loopback port (trust authentication, no fsync unless `durable`: the data is thrown away). Each test can have its
 * own database (`createDatabase`). Can be killed and restarted on the same port and data.
 */
export class PostgresServer {
  private process: ChildProcess | undefined;
  private databases = 0;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly bin: string,
    private readonly user: { uid: number; gid: number } | undefined,
    private readonly durable: boolean,
    private readonly kept: { settings: readonly string[] } | undefined,
  ) {}

  /**
   * `durable`: fsync on (commits may still be lost on a crash, as SQLite's `synchronous = NORMAL`), for benchmarks.
   * `keepIn`: the data lives in this directory and stays after `stop`, reused by the next start
   * (bench/scale.ts), with extra `settings` (`name=value`).
   */
  static async start(
    options: { durable?: boolean; keepIn?: string; settings?: readonly string[] } = {},
  ): Promise<PostgresServer> {
    const bin = postgresBin();
    const user = runAs();
    const dir = options.keepIn ?? mkdtempSync(join(tmpdir(), 'enplan-pg-'));
    const kept = options.keepIn === undefined ? undefined : { settings: options.settings ?? [] };
    if (kept && existsSync(join(dir, 'data', 'PG_VERSION'))) {
      const server = new PostgresServer(await freePort(), dir, bin, user, options.durable ?? false, kept);
      await server.launch();
      return server;
    }
    mkdirSync(dir, { recursive: true });
    if (user) chownSync(dir, user.uid, user.gid);
    const init = spawnSync(
      join(bin, 'initdb'),
      ['-D', join(dir, 'data'), '-U', 'enplan', '--auth=trust', '-E', 'UTF8', '--no-sync'],
      {
        encoding: 'utf8',
        ...user,
      },
    );
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr}`);
    const server = new PostgresServer(await freePort(), dir, bin, user, options.durable ?? false, kept);
    await server.launch();
    return server;
  }

  /** The URL of database `name` (default: the server's `postgres` database). */
  url(name = 'postgres'): string {
    return `postgres://enplan@127.0.0.1:${this.port}/${name}`;
  }

  /** A new, empty database; returns its URL. */
  async createDatabase(prefix = 'enplan'): Promise<string> {
    const name = `${prefix}_${++this.databases}`;
    const pool = openPostgres(this.url(), { max: 1 });
    try {
      await pool.query(`CREATE DATABASE ${name}`);
    } finally {
      await pool.end();
    }
    return this.url(name);
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    // The postmaster's children exit when it is gone; wait until the port is free for a restart.
    rmSync(join(this.dir, 'data', 'postmaster.pid'), { force: true });
  }

  /**
   * `pg_ctl stop -m immediate`: every backend quits at once, open transactions die, no checkpoint is
   * written; the next start recovers from the WAL, as after a crash.
   */
  async stopImmediately(): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stop = spawnSync(join(this.bin, 'pg_ctl'), ['stop', '-D', join(this.dir, 'data'), '-m', 'immediate', '-w'], {
      encoding: 'utf8',
      ...this.user,
    });
    if (stop.status !== 0) throw new Error(`pg_ctl stop -m immediate failed:\n${stop.stderr}`);
    await exited;
  }

  /** Starts it again on the same port and data (after `stopImmediately`: crash recovery). */
  async startAgain(): Promise<void> {
    if (!this.process) await this.launch();
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Stops it and removes its directory (unless it was started to keep its data). */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait
      await exited;
    }
    if (!this.kept) rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const child = spawn(
      join(this.bin, 'postgres'),
      [
        '-D',
        join(this.dir, 'data'),
        '-p',
        String(this.port),
        '-h',
        '127.0.0.1',
        '-k',
        this.dir,
        '-c',
        this.durable ? 'synchronous_commit=off' : 'fsync=off',
        '-c',
        'max_connections=200',
        ...(this.kept?.settings ?? []).flatMap((setting) => ['-c', setting]),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], ...this.user },
    );
    this.process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`postgres did not start on port ${this.port}:\n${output}`)), 20_000);
      const done = (error?: Error) => {
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        if (error) reject(error);
        else resolve();
      };
      child.once('error', (error) => done(new Error(`cannot run postgres: ${error.message}`)));
      child.once('exit', (code) => done(new Error(`postgres exited with ${code}:\n${output}`)));
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('database system is ready to accept connections')) done();
      });
    });
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
    child.stdout?.resume();
    child.stderr?.resume();
  }
}
