/**
 * Every jest worker is a process that starts: it loads the federation's registry first, as every
 * service does (lib/src/registryFile.ts). Runs before each test file (jest.config.js `setupFiles`).
 */
import { loadRegistry } from '@enplan/lib/src/registryFile';

loadRegistry();
