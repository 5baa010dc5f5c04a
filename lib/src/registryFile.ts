import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installRegistry, parseRegistry, type Registry } from './registry';
import { REPO_ROOT } from './repoRoot';

/** The registry of the federation: one file for what no schema says (ports, seeds, start order, department codes). */
export const REGISTRY_PATH = join(REPO_ROOT, 'federation.json');

/**
 * Reads and checks the federation's registry and makes it the one this process runs. Every service,
 * command and test run calls it first, at start: a missing or broken registry stops it there with
 * one error naming the file and every problem, never later in a request.
 */
export function loadRegistry(path = REGISTRY_PATH): Registry {
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`The federation registry ${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const registry = parseRegistry(json, path);
  installRegistry(registry);
  return registry;
}
