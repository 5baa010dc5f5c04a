import { join } from 'node:path';

/** The checkout (or image) root: lib/src or lib/dist are two levels below it. */
export const REPO_ROOT = join(__dirname, '..', '..');
