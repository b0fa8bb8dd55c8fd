/**
 * User callbacks run inside guards. Whatever a view's or a live component's callback throws or
 * rejects with, sync or async, stays in its view: the view crashes (a failing `terminate` is only
 * logged, the view being gone already), the log line names the view and the callback, and
 * nothing reaches an unhandled rejection or exception, which would end the process.
 */

/** @internal A user callback's failure, carrying the callback's name for the crash's log line. */
export class CallbackError extends Error {
  constructor(
    /** Which callback: `mount`, `handleEvent "inc"`, `update of live component 7 (cid 2)`. */
    readonly callback: string,
    cause: unknown,
  ) {
    super(`${callback} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** The failure itself and the callback it came from, when it came from one. */
export function unwrap(error: unknown): { error: unknown; callback: string | null } {
  return error instanceof CallbackError ? { error: error.cause, callback: error.callback } : { error, callback: null };
}

/** Names the callback a failure came from; the innermost name is kept (a component's update inside a render). */
function labelled(callback: string, error: unknown): CallbackError {
  return error instanceof CallbackError ? error : new CallbackError(callback, error);
}

/**
 * A callback's name for log lines, or a function making it: names are made only when a
 * callback fails or outlives its timeout, never on the way of an event that succeeds.
 */
export type CallbackName = string | (() => string);

function nameOf(callback: CallbackName): string {
  return typeof callback === "string" ? callback : callback();
}

/** The longest delay Node's timers keep (2^31 - 1 ms, about 24.8 days); a longer one runs after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A callback ran past `callbackTimeout`; the view crashes with it. */
export class CallbackTimeout extends Error {}

/**
 * Runs a user callback that may be async: a throw is labelled with the callback's name (a
 * {@link CallbackError}); a promise it returns is awaited for at most `timeout` ms (then it
 * rejects with a {@link CallbackTimeout}, and what the callback ends with later is dropped) and
 * its rejection labelled. A callback that returns no promise costs no timer and no promise.
 */
export function guard<T>(callback: CallbackName, run: () => T, timeout = Infinity): T | Promise<Awaited<T>> {
  let result: T;
  try {
    result = run();
  } catch (error) {
    throw labelled(nameOf(callback), error);
  }
  if (!isThenable(result)) return result;
  const settled = Promise.resolve(result).then(undefined, (error: unknown) => {
    throw labelled(nameOf(callback), error);
  });
  // Node runs a timer longer than it keeps after 1 ms: such a timeout is none at all.
  if (!(timeout <= MAX_TIMER_MS)) return settled;
  // Whatever the callback ends with after the timeout has no one left to hear it.
  settled.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CallbackTimeout(`${nameOf(callback)} did not finish within ${timeout} ms (callbackTimeout)`)), timeout);
  });
  return Promise.race([settled, expired]).finally(() => clearTimeout(timer));
}

/** Runs a synchronous step (a render); what it throws is labelled with the step's name. */
export function guardSync<T>(callback: CallbackName, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw labelled(nameOf(callback), error);
  }
}

/**
 * Runs a callback nobody waits for (`terminate`): a throw or a rejection goes to `failed`, and
 * no further even if `failed` throws.
 */
export function detached(run: () => unknown, failed: (error: unknown) => void): void {
  const report = (error: unknown) => {
    try {
      failed(error);
    } catch {
      // The report itself failed (a logger that throws); there is nowhere left to tell.
    }
  };
  try {
    const result = run();
    if (isThenable(result)) Promise.resolve(result).then(undefined, report);
  } catch (error) {
    report(error);
  }
}

/**
 * A live component's `mount` or `update`, synchronous by contract (they run inside a render):
 * a promise one returns is refused with an error naming it, and its rejection is caught here
 * rather than left unhandled.
 */
export function componentCallback(callback: string, run: () => unknown): void {
  const result = guardSync(callback, run);
  if (!isThenable(result)) return;
  Promise.resolve(result).then(undefined, () => undefined);
  throw new CallbackError(
    callback,
    new TypeError("it returned a promise, but a live component's mount and update must be synchronous: load the data in the view and pass it as props"),
  );
}

/** Whether a callback's result is a promise (anything with a `then` method) to wait for or catch. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    // A `then` getter that throws: not a promise anyone can wait for.
    return false;
  }
}
