/**
 * `./enplan test` on a machine without the programs the tests start (redis-server, PostgreSQL's
 * server binaries, chromium, curl, pdftotext, faketime): it installs them from Debian's packages when it runs as root,
 * and otherwise stops before running anything, naming the one command to run. No test then fails
 * because a program is missing.
 *
 * The machine's real programs are kept out of sight with a PATH of one temp folder, and a PG_BIN
 * and a CHROMIUM_PATH (where the tests look) in it with nothing there yet; apt-get in that folder is a stand-in that records its arguments (a test must not
 * really install packages), and on `install` puts the named programs where the check looks.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';

const BASH = '/bin/bash';
const ALL = 'redis-server postgresql chromium curl poppler-utils faketime';
const ROOT = process.getuid?.() === 0;
/** A user other than root (nobody): how a developer without sudo rights runs it. */
const NOBODY = 65_534;

let dir: string;
let bin: string;
let pgBin: string;
const executable = (path: string, text: string) => {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
};
const aptLog = () => (existsSync(join(dir, 'apt-get.log')) ? readFileSync(join(dir, 'apt-get.log'), 'utf8') : '');

/** An apt-get stand-in: records its arguments; `install` succeeds by creating the programs, unless told to fail. */
function aptGet({ fails }: { fails: boolean }): void {
  const program = (path: string) => `printf '#!/bin/sh\\n' > ${path}; /bin/chmod +x ${path}`;
  executable(
    join(bin, 'apt-get'),
    [
      '#!/bin/bash',
      `echo "$*" >> ${join(dir, 'apt-get.log')}`,
      fails ? 'exit 100' : '',
      '[ "$1" = install ] || exit 0',
      'for package in "$@"; do',
      '  case $package in',
      `    postgresql) ${program(join(pgBin, 'initdb'))} ;;`,
      `    poppler-utils) ${program(join(bin, 'pdftotext'))} ;;`,
      `    -*) ;;`,
      `    *) ${program(join(bin, '$package'))} ;;`,
      '  esac',
      'done',
    ].join('\n'),
  );
}

/** Runs `command` (the check itself, or `./enplan test`) with only the temp folder on PATH. */
function run(args: string[], { env = {}, uid }: { env?: Record<string, string>; uid?: number } = {}) {
  const began = Date.now();
  const { status, stdout, stderr } = spawnSync(BASH, args, {
    cwd: REPO_ROOT,
    env: { PATH: bin, PG_BIN: pgBin, CHROMIUM_PATH: join(bin, 'chromium'), ...env },
    encoding: 'utf8',
    timeout: 30_000,
    ...(uid !== undefined && { uid }),
  });
  return { status, stdout, stderr, ms: Date.now() - began };
}
const check = (options?: Parameters<typeof run>[1]) => run(['tools/test-programs.sh'], options);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'enplan-programs-'));
  bin = join(dir, 'bin');
  pgBin = join(dir, 'postgresql', 'bin');
  mkdirSync(bin, { recursive: true });
  mkdirSync(pgBin, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('./enplan test on a machine without redis-server, PostgreSQL, chromium, curl and faketime', () => {
  const asRoot = ROOT ? it : it.skip;

  asRoot('as root: installs them with apt-get, saying the command it runs, and goes on once the tests find them', () => {
    aptGet({ fails: false });
    const result = check();
    expect(result.stderr).toBe(
      `enplan test: installing ${ALL} from Debian's packages: apt-get update && apt-get install -y ${ALL}\n`,
    );
    expect(result.status).toBe(0);
    expect(aptLog()).toBe(`update -qq\ninstall -y -qq ${ALL}\n`);
    // Found now: a second run is silent and asks apt-get nothing.
    expect(check()).toMatchObject({ status: 0, stderr: '' });
    expect(aptLog()).toBe(`update -qq\ninstall -y -qq ${ALL}\n`);
  });

  asRoot('as root, when apt-get fails (no network, no package lists): stops, naming the command to run', () => {
    aptGet({ fails: true });
    const result = check();
    expect(result.stderr).toBe(
      `enplan test: installing ${ALL} from Debian's packages: apt-get update && apt-get install -y ${ALL}\n` +
        `enplan test: apt-get could not install ${ALL}; nothing was run.\n` +
        'Install them, then run ./enplan test again:\n' +
        `  apt-get install -y ${ALL}\n`,
    );
    expect(result.status).toBe(1);
  });

  it('not as root: stops at once before running anything, naming the sudo command; apt-get is not tried', () => {
    aptGet({ fails: false });
    const result = check(ROOT ? { uid: NOBODY } : {});
    expect(result.stderr).toBe(
      `enplan test: the tests need ${ALL}, which this machine lacks; nothing was run.\n` +
        'Install them, then run ./enplan test again:\n' +
        `  sudo apt-get install -y ${ALL}\n`,
    );
    expect(result.status).toBe(1);
    expect(result.ms).toBeLessThan(2_000);
    expect(aptLog()).toBe('');
  });

  it('./enplan test with installing switched off (ENPLAN_INSTALL_MISSING=no): the same stop, before Node, npm or the build', () => {
    aptGet({ fails: false });
    const result = run(['./enplan', 'test'], { env: { ENPLAN_INSTALL_MISSING: 'no' } });
    const sudo = ROOT ? '' : 'sudo ';
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr:
        `enplan test: the tests need ${ALL}, which this machine lacks; nothing was run.\n` +
        'Install them, then run ./enplan test again:\n' +
        `  ${sudo}apt-get install -y ${ALL}\n`,
    });
    expect(aptLog()).toBe('');
  });

  it('names only what is missing: with redis-server and PostgreSQL there, chromium, curl and faketime', () => {
    executable(join(bin, 'redis-server'), '#!/bin/sh\n');
    executable(join(pgBin, 'initdb'), '#!/bin/sh\n');
    const result = check({ env: { ENPLAN_INSTALL_MISSING: 'no' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('apt-get install -y chromium curl poppler-utils faketime\n');
  });
});
