/**
 * Streams: large or endless collections whose items the server does not keep. Each render sends
 * the items inserted since the last one, the DOM ids deleted, and whether to reset; the client
 * keeps the elements in a `phx-update="stream"` container.
 */
import { brand } from "./template.js";

export interface StreamInsertOptions {
  /** Where to insert: -1 appends, 0 prepends, n inserts at index n. @default -1 */
  at?: number;
  /** Keep at most this many children: positive keeps the first N, negative the last N. */
  limit?: number;
  /** Only update an element that is already there; never insert. @default false */
  updateOnly?: boolean;
}

export interface StreamOptions extends Omit<StreamInsertOptions, "updateOnly"> {
  /** Remove every element the client has for this stream first. @default false */
  reset?: boolean;
}

export type DomIdFunction = (item: unknown) => string;

interface Insert {
  domId: string;
  item: unknown;
  at: number;
  limit: number | undefined;
  updateOnly: boolean;
}

/**
 * One stream's pending operations. Iterating it yields `[domId, item]` for each pending insert,
 * which is what a view renders (`streams.todos.map(([id, todo]) => <li id={id}>…</li>)`).
 */
export class LiveStream<Item = unknown> implements Iterable<[string, Item]> {
  constructor(
    /** Stable per stream name within a view: the client finds the stream's elements by it. */
    readonly ref: string,
    readonly domId: DomIdFunction,
    readonly inserts: readonly Insert[] = [],
    readonly deletes: readonly string[] = [],
    readonly reset = false,
  ) {}

  *[Symbol.iterator](): Iterator<[string, Item]> {
    for (const insert of this.inserts) yield [insert.domId, insert.item as Item];
  }

  /** The items to render, as `[domId, item]` pairs. */
  map<T>(fn: (entry: [string, Item], index: number) => T): T[] {
    return Array.from(this, fn);
  }

  get pending(): boolean {
    return this.inserts.length > 0 || this.deletes.length > 0 || this.reset;
  }

  insert(items: Iterable<unknown>, options: StreamInsertOptions = {}): LiveStream<Item> {
    const at = options.at ?? -1;
    const added = Array.from(items, (item) => ({ domId: this.domId(item), item, at, limit: options.limit, updateOnly: options.updateOnly ?? false }));
    // Inserting the same item again in one render sends it once, with the latest value. A
    // delete of it earlier in the render stays: the client removes the element, then inserts it
    // at `at` (a move), as Phoenix's.
    const kept = this.inserts.filter((i) => !added.some((a) => a.domId === i.domId));
    return new LiveStream<Item>(this.ref, this.domId, [...kept, ...added], this.deletes, this.reset);
  }

  delete(domId: string): LiveStream<Item> {
    return new LiveStream<Item>(this.ref, this.domId, this.inserts.filter((i) => i.domId !== domId), [...this.deletes, domId], this.reset);
  }

  resetAll(): LiveStream<Item> {
    return new LiveStream<Item>(this.ref, this.domId, [], [], true);
  }

  /** After a render: nothing pending, nothing kept. */
  cleared(): LiveStream<Item> {
    return new LiveStream<Item>(this.ref, this.domId);
  }

  /** The `stream` annotation: `[ref, [[domId, at, limit, updateOnly], …], deleteIds, reset?]`. */
  annotation(): unknown[] {
    const inserts = this.inserts.map((i) => [i.domId, i.at, i.limit ?? null, i.updateOnly]);
    return this.reset ? [this.ref, inserts, this.deletes, true] : [this.ref, inserts, this.deletes];
  }
}

brand(LiveStream, "stream");

/** The default DOM id: `<name>-<item.id>`. */
export function defaultDomId(name: string): DomIdFunction {
  return (item) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (id === undefined || id === null) {
      throw new TypeError(`stream "${name}": an item has no id; give it one or set domId with streamConfigure.`);
    }
    return `${name}-${String(id)}`;
  };
}
