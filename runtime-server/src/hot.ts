/**
 * Hot replacement of views and live components under the dev server. In development the
 * compiler wraps each `defineView(…)` and `defineComponent(…)` in {@link hot} with an id (its
 * file and binding). When an edited module runs again, its definitions keep the identity they
 * had: the first object made for an id stays the one routes, joined views and live components
 * refer to, and the new code is copied into it. A replacement is a transaction
 * ({@link beginHotUpdate}): nothing changes until the dev server applies it, and it can be
 * taken back when the new code fails to render.
 */

/** One definition's contents: its own properties as they were. */
type Contents = PropertyDescriptorMap;

interface HotState {
  /** The object each id stands for, from the first time its module ran. */
  readonly definitions: Map<string, object>;
  /** The same objects, to tell them apart from definitions made without an id. */
  readonly known: WeakSet<object>;
  /** The update being loaded: for each known object, the new definition that will replace it. */
  pending: Map<object, object> | null;
  /** Settles when the update in progress ends. */
  queue: Promise<void>;
}

const KEY = Symbol.for("livetsx.hot");

/** Shared by every copy of the runtime in the process, as the plugin and the views may load two. */
function state(): HotState {
  const global = globalThis as { [KEY]?: HotState };
  return (global[KEY] ??= { definitions: new Map(), known: new WeakSet(), pending: null, queue: Promise.resolve() });
}

/**
 * @internal Compiled code calls it (development only): the definition known by `id`, with
 * `definition`'s code in it once the update is applied; `definition` itself the first time.
 */
export function hot<T extends object>(id: string, definition: T): T {
  const hotState = state();
  const known = hotState.definitions.get(id);
  if (known === undefined) {
    hotState.definitions.set(id, definition);
    hotState.known.add(definition);
    return definition;
  }
  const { pending } = hotState;
  if (known !== definition) {
    if (pending) pending.set(known, definition);
    else replace(known, definition);
  }
  return known as T;
}

/** Whether `definition` is one {@link hot} keeps: its code can be replaced in place. */
export function isHot(definition: object): boolean {
  return state().known.has(definition);
}

/** @internal An update being loaded: definitions met meanwhile wait for {@link HotUpdate.apply}. */
export interface HotUpdate {
  /** How many definitions got new code so far. */
  readonly size: number;
  /** Copies the new code into the definitions (their identity stays). */
  apply(): void;
  /** Puts back the code the definitions had before {@link HotUpdate.apply}. */
  revert(): void;
  /** Ends the update (new code not applied is dropped); the next one may begin. */
  end(): void;
}

/**
 * @internal Begins an update: until it is applied or ended, {@link hot} records new code
 * instead of copying it. One at a time in the process: the promise resolves when the update
 * before it has ended.
 */
export async function beginHotUpdate(): Promise<HotUpdate> {
  const hotState = state();
  let release!: () => void;
  const previous = hotState.queue;
  hotState.queue = new Promise<void>((resolve) => (release = resolve));
  await previous;
  const pending = new Map<object, object>();
  hotState.pending = pending;
  let before: [object, Contents][] | null = null;
  const stopRecording = () => {
    if (hotState.pending === pending) hotState.pending = null;
  };
  return {
    get size() {
      return pending.size;
    },
    apply() {
      stopRecording();
      if (before) return;
      const saved: [object, Contents][] = [];
      try {
        for (const [known, next] of pending) {
          saved.push([known, Object.getOwnPropertyDescriptors(known)]);
          replace(known, next);
        }
      } catch (error) {
        restore(saved);
        throw error;
      }
      before = saved;
    },
    revert() {
      if (before) restore(before);
      before = null;
    },
    end() {
      stopRecording();
      pending.clear();
      release();
    },
  };
}

function restore(before: [object, Contents][]): void {
  for (const [known, contents] of before) {
    for (const key of Reflect.ownKeys(known)) Reflect.deleteProperty(known, key);
    Object.defineProperties(known, contents);
  }
}

/** Makes `target` hold `source`'s own properties, and only those. */
function replace(target: object, source: object): void {
  if (!Object.isExtensible(target)) throw new TypeError("a frozen view or component definition cannot take new code");
  for (const key of Reflect.ownKeys(target)) {
    if (!Reflect.deleteProperty(target, key)) throw new TypeError(`the property ${String(key)} of a definition cannot be replaced`);
  }
  Object.defineProperties(target, Object.getOwnPropertyDescriptors(source));
}
