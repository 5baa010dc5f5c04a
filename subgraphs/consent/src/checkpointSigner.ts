import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { ChainLink, Checkpoint } from './accessLogBackend';

/** Only for local demos and tests; production must set ACCESS_LOG_CHECKPOINT_KEY (checked at start-up). */
export const DEV_CHECKPOINT_KEY = 'enplan-dev-only-access-log-checkpoint-key';

/**
 * Signs and checks checkpoints with HMAC-SHA256 under a key only the consent service (and whoever
 * runs verify-log) holds: someone who can write the database can delete the newest rows, but cannot
 * make a head checkpoint that matches the shorter chain.
 */
export class CheckpointSigner {
  private readonly key: KeyObject;

  constructor(secret: string) {
    // Derived, so the configured secret is not used as-is for another purpose. A KeyObject, made
    // once: a raw key would be prepared again for every signature (every append).
    this.key = createSecretKey(createHmac('sha256', secret).update('enplan access-log checkpoint').digest());
  }

  sign(kind: Checkpoint['kind'], link: ChainLink, at: number): Checkpoint {
    return { kind, sequence: link.sequence, hash: link.hash, at, signature: this.signature(kind, link, at) };
  }

  holds(checkpoint: Checkpoint): boolean {
    const expected = Buffer.from(this.signature(checkpoint.kind, checkpoint, checkpoint.at), 'hex');
    const actual = Buffer.from(checkpoint.signature, 'hex');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  private signature(kind: Checkpoint['kind'], link: ChainLink, at: number): string {
    return createHmac('sha256', this.key)
      .update(JSON.stringify([kind, link.sequence, link.hash, at]))
      .digest('hex');
  }
}
