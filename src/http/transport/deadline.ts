/** One attempt's end: its deadline passing or the caller aborting, whichever comes first. */
export interface AttemptDeadline {
  /** Aborts when the attempt must end; hand it to whatever does the I/O. */
  readonly signal: AbortSignal;
  /**
   * Settles with `work`, or rejects with the abort reason as soon as the attempt must end — even
   * when `work` never notices the signal (a copied `Request` can lose its signal to the garbage
   * collector: undici issue 4068), so no attempt outlives its deadline.
   */
  race<T>(work: Promise<T>): Promise<T>;
  /** Clears the timer and the listener on the caller's signal; call it once the attempt is over. */
  end(): void;
}

/**
 * Starts an attempt's deadline. The timer, not the request, holds the controller, so the deadline
 * holds whatever the garbage collector does.
 */
export function startDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number): AttemptDeadline {
  // Without a caller's signal there is nothing to follow: listeners on a signal cost more than the controller.
  const own = callerSignal ? followSignal(callerSignal) : { controller: new AbortController(), end: () => undefined };
  const { signal } = own.controller;
  let ended: Promise<never> | undefined;
  const timer = setTimeout(() => own.controller.abort(new DOMException(`no complete answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  return {
    signal,
    race(work) {
      // Made on the first race only: a transport that hands the signal straight to its I/O never races.
      ended ??= new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      // Rejected only to lose a race; an attempt that finished first leaves nobody listening.
      ended.catch(() => undefined);
      return Promise.race([work, ended]);
    },
    end() {
      clearTimeout(timer);
      own.end();
    },
  };
}

/**
 * A controller of one's own that aborts with the caller's signal. `end` unhooks it, so a signal
 * reused over thousands of calls carries the listeners of live calls only.
 */
export function followSignal(callerSignal: AbortSignal): { controller: AbortController; end(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(callerSignal.reason);
  if (callerSignal.aborted) onAbort();
  else callerSignal.addEventListener('abort', onAbort, { once: true });
  return { controller, end: () => callerSignal.removeEventListener('abort', onAbort) };
}
