/**
 * Async work in a view: `socket.assignAsync(keys, fn)` fills assigns from work that runs off the
 * view's queue, each assign an {@link AsyncResult} (loading, ok or failed); `socket.startAsync(
 * name, fn)` hands the outcome to `handleAsync`. The work runs only once the view is connected;
 * its outcome enters the view's queue like a message, and is dropped when the work was cancelled
 * (`cancelAsync`, new work under the same name, the view going away: `fn`'s `AbortSignal`
 * aborts).
 */
import { brand } from "./template.js";

/**
 * The state of an assign filled by `assignAsync`: loading until the work ends, then ok (with its
 * `result`) or failed (with its reason). A new load of the same assign keeps the previous
 * `result` while it runs, so a page can show the old value beside a spinner. Immutable: every
 * change is a new object, which change tracking sees.
 */
export class AsyncResult<T = unknown> {
  private constructor(
    /** True once some load succeeded; stays true (with the last `result`) during a reload. */
    readonly ok: boolean,
    /** True while a load runs. */
    readonly loading: boolean,
    /** Why the last load failed (what `fn` threw, or the cancel reason); null otherwise. */
    readonly failed: unknown,
    /** The value of the last load that succeeded. */
    readonly result: T | undefined,
  ) {
    // A state never changes in place: change tracking compares states by reference.
    Object.freeze(this);
  }

  /** Loading, keeping what `previous` had. */
  static loading<T>(previous?: AsyncResult<T> | null): AsyncResult<T> {
    return new AsyncResult(previous?.ok ?? false, true, null, previous?.result);
  }

  /** Loaded. */
  static ok<T>(result: T): AsyncResult<T> {
    return new AsyncResult(true, false, null, result);
  }

  /** Failed, keeping `previous`'s last result. */
  static failed<T>(reason: unknown, previous?: AsyncResult<T> | null): AsyncResult<T> {
    return new AsyncResult(previous?.ok ?? false, false, reason ?? "failed", previous?.result);
  }
}

brand(AsyncResult, "async-result");

/** What `handleAsync` receives for `startAsync`'s work. */
export type AsyncOutcome<T = unknown> = { ok: true; value: T } | { ok: false; reason: unknown };

/** Why cancelled work failed, unless `cancelAsync` gives another reason. */
export const CANCELLED = "cancelled";

/** The most async tasks one view (its live components included) may have running at once. */
export const MAX_ASYNC_TASKS = 100;

export interface AsyncProps<T> {
  /** An assign filled by `assignAsync`. */
  result: AsyncResult<T> | null | undefined;
  /** Shown while the first load runs (or before any). @default nothing */
  loading?: unknown;
  /** Shown when the last load failed and none succeeded before: markup, or a function of the reason. @default nothing */
  failed?: unknown;
  /** The value's markup: a function of the last result. Shown as soon as a load succeeded, during reloads too. */
  children?: (value: T) => unknown;
}

/**
 * Renders an {@link AsyncResult} by its state: `children(result)` once a load succeeded (and
 * while a later one runs), `loading` while the first one runs, `failed` (markup, or a function of
 * the reason) when it failed.
 *
 * ```tsx
 * <Async result={org} loading={<p>Loading…</p>} failed={(why) => <p>Could not load: {String(why)}</p>}>
 *   {(org) => <h1>{org.name}</h1>}
 * </Async>
 * ```
 */
export function Async<T>({ result, loading = null, failed = null, children }: AsyncProps<T>): unknown {
  if (result !== null && result !== undefined && !(result instanceof AsyncResult)) {
    throw new TypeError("<Async> needs result={…}, an assign filled by socket.assignAsync");
  }
  if (!result) return loading;
  if (result.ok) {
    if (typeof children !== "function") throw new TypeError("<Async> needs its children to be a function of the result: {(value) => …}");
    return children(result.result as T);
  }
  if (result.loading) return loading;
  if (result.failed !== null) return typeof failed === "function" ? (failed as (reason: unknown) => unknown)(result.failed) : failed;
  return loading;
}
