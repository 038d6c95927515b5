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
 * Arms one attempt's end: `abort` is called with the reason when the deadline passes or the
 * caller aborts, whichever comes first. The returned function disarms both; call it once the
 * attempt is over. The timer holds `abort` (and whatever it aborts), so the deadline holds
 * whatever the garbage collector does.
 */
export function armDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number, abort: (reason: unknown) => void): () => void {
  const timer = setTimeout(() => abort(new DOMException(`no complete answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const onCallerAbort = () => abort(callerSignal!.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return () => {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  };
}

/** Starts an attempt's deadline on an AbortSignal of its own, for a `fetch`. */
export function startDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number): AttemptDeadline {
  const controller = new AbortController();
  const { signal } = controller;
  const end = armDeadline(callerSignal, timeoutMs, (reason) => controller.abort(reason));
  const ended = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  // Rejected only to lose a race; an attempt that finished first leaves nobody listening.
  ended.catch(() => undefined);
  return {
    signal,
    race: (work) => Promise.race([work, ended]),
    end,
  };
}
