import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free loopback port (the OS picks one; it is released before the caller binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A real `redis-server` for one test file, password-protected as production runs it (`requirepass`;
 * the password is in `url`): its own loopback port and its own temp directory, no
 * persistence unless a test asks for a snapshot (`SAVE`, which `restart()` then loads, as a Redis
 * restarted from its last snapshot would). Can be killed and restarted on the same port.
 */
export class RedisServer {
  private process: ChildProcess | undefined;
  /** Without it Redis refuses every command (NOAUTH). */
  readonly password = randomBytes(16).toString('hex');

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'enplan-redis-')));
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://:${this.password}@127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined;
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
  }

  /** Starts it again on the same port and directory. */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Kills it and removes its directory. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--requirepass',
        this.password,
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${this.port}:\n${output}`)), 10_000);
      const done = (error?: Error) => {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        if (error) reject(error);
        else resolve();
      };
      child.once('error', (error) => done(new Error(`cannot run redis-server (is it installed?): ${error.message}`)));
      child.once('exit', (code) => done(new Error(`redis-server exited with ${code}:\n${output}`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) done();
      });
    });
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
    child.stdout?.resume(); // keep draining its log so it never blocks on a full pipe
    child.stderr?.resume();
  }
}
