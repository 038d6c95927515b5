/**
 * Money and counts as the server sent them, parsed exactly. A malformed one is the server's fault,
 * not the user's: a ServerDataError (exit 1) naming the field, rather than the SDK's
 * KalshiInputError, which the CLI reports as a usage error (exit 2).
 */
import { KalshiInputError, centsToMicros, parseCount, parseDollars } from '../index.js';
import { ServerDataError } from './exit-status.js';

/** Micro-dollars from a `*_dollars` string (or another dollar field, such as `fee_cost`). */
export function serverDollars(value: unknown, field: string): bigint {
  return parsed(() => parseDollars(value as string), field);
}

/** Hundredths of a contract from a `*_fp` string. */
export function serverCount(value: unknown, field: string): bigint {
  return parsed(() => parseCount(value as string), field);
}

/** Micro-dollars from a whole-cents number (`revenue`, `portfolio_value`). */
export function serverCents(value: unknown, field: string): bigint {
  return parsed(() => centsToMicros(value as number), field);
}

function parsed(parse: () => bigint, field: string): bigint {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof KalshiInputError)) throw error;
    // The SDK's message quotes a bounded excerpt of the value and says which rule it breaks.
    const why = error.message.charAt(0).toLowerCase() + error.message.slice(1);
    throw new ServerDataError(`the server sent a malformed amount in ${field}: ${why}`, { cause: error });
  }
}
