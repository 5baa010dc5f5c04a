import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseFieldUsage, type Logger } from '@enplan/lib';
import type { FieldUsageCounter } from './FieldUsageCounter';

export interface FieldUsageFile {
  /** Writes the counts a last time and stops the timer. */
  close(): void;
}

/**
 * Keeps a gateway's field usage in a file (FIELD_USAGE_FILE), so that a restart loses at most one
 * interval of counts: read back at start, written every `intervalMs` and on stop, each time whole
 * (a temporary file renamed over it, so a reader never sees half of one). A file that is no export
 * is logged and replaced: usage counts are worth less than a gateway that starts.
 */
export function keepFieldUsageIn(file: string, intervalMs: number, counter: FieldUsageCounter, logger: Logger): FieldUsageFile {
  if (existsSync(file)) {
    try {
      counter.restore(parseFieldUsage(readFileSync(file, 'utf8'), file).entries);
    } catch (error) {
      logger.warn('field usage file not read: counting afresh', { file, message: (error as Error).message.split('\n', 1)[0] });
    }
  }
  const write = () => {
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(counter.export()));
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      logger.error('field usage file not written', { file, message: (error as Error).message });
    }
  };
  const timer = setInterval(write, intervalMs).unref();
  return {
    close() {
      clearInterval(timer);
      write();
    },
  };
}
