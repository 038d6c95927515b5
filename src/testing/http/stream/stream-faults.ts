/**
 * The stream's seeded faults. Each kind draws from its own stream of the seed, so adding one
 * fault never changes another's draws, and none changes the REST fault plan:
 *
 * - lost messages: one draw per data message per connection, in sending order;
 * - stalls: one draw per accepted connection, in the order they open.
 */

import { subRng } from '../../data/prng.js';
import type { StreamFaults } from '../resolve-options.js';

export interface StreamFaultPlan {
  /** Whether the next data message for a connection is silently dropped. */
  loseNext(): boolean;
  /** For a connection that just opened: ms after which it stalls, or undefined if it never does. */
  stallAfterMs(): number | undefined;
  /** Ms after which every connection is closed abruptly, or undefined. */
  dropAfterMs: number | undefined;
}

export function createStreamFaultPlan(seed: number, faults: StreamFaults): StreamFaultPlan {
  const losses = subRng(seed, 'stream-lost-messages');
  const stalls = subRng(seed, 'stream-stalls');
  const { streamLostMessages, streamStall } = faults;
  return {
    loseNext: () => streamLostMessages > 0 && losses() < streamLostMessages,
    stallAfterMs: () => (streamStall && stalls() < streamStall.share ? streamStall.afterMs : undefined),
    dropAfterMs: faults.streamDropEveryMs,
  };
}
