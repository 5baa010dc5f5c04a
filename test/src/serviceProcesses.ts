import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '@enplan/lib';

/** One line a service wrote to stderr, parsed (services log JSON lines). */
export type LogLine = Record<string, unknown> & { service: string; message: string };

/** A service running as its own Node process from the build (`npm run build`), as in production. */
export class ServiceProcess {
  readonly logs: LogLine[] = [];
  /** Everything written, parsed or not: what the CPR scan reads. */
  output = '';
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    let pending = '';
    const read = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          // not a log line (e.g. a configuration error): kept in `output`
        }
      }
      for (const wake of this.waiters) wake();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
  }

  /** Starts `entry` (e.g. `subgraphs/consent/dist/index.js`) with `env` added to this process's environment. */
  static start(name: string, entry: string, env: Record<string, string>): ServiceProcess {
    const child = spawn(process.execPath, [entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, child);
  }

  /** The first log line with this message, once it is written. */
  async waitForLog(message: string, timeoutMs = 30_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logs.find((l) => l.message === message);
      if (line) return line;
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited with ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not log "${message}" within ${timeoutMs} ms:\n${this.output}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 200);
        this.waiters.add(wake);
      });
    }
  }

  /** `kill -9`: the process dies where it stands, with no shutdown of its own (a crash, the OOM killer). */
  async crash(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
