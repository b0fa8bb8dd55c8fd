/**
 * The views joined on one connection, by topic. A connection usually carries one view (a page's
 * own), so the first view is kept in two fields and a `Map` is made only for a second one: an
 * idle connection then pays for no hash table.
 */

/** What a connection's views look like from outside: a read-only map of topic → view. */
export interface ReadonlyViewTable<V> extends Iterable<[string, V]> {
  readonly size: number;
  get(topic: string): V | undefined;
  has(topic: string): boolean;
  /** The views, in the order they were added. */
  values(): IterableIterator<V>;
}

/**
 * A map of topic → view for a connection's views. Iteration goes over a copy taken when it
 * starts, so a view may be removed (or added) while the table is being walked.
 */
export class ViewTable<V> implements ReadonlyViewTable<V> {
  private soleTopic: string | null = null;
  private sole: V | undefined = undefined;
  /** Every view, once there were two at once; dropped again when the table empties. */
  private many: Map<string, V> | null = null;

  get size(): number {
    return this.many ? this.many.size : this.soleTopic === null ? 0 : 1;
  }

  get(topic: string): V | undefined {
    if (this.many) return this.many.get(topic);
    return topic === this.soleTopic ? this.sole : undefined;
  }

  has(topic: string): boolean {
    return this.many ? this.many.has(topic) : topic === this.soleTopic;
  }

  set(topic: string, view: V): void {
    if (this.many) {
      this.many.set(topic, view);
    } else if (this.soleTopic === null || this.soleTopic === topic) {
      this.soleTopic = topic;
      this.sole = view;
    } else {
      this.many = new Map([[this.soleTopic, this.sole as V], [topic, view]]);
      this.clearSole();
    }
  }

  delete(topic: string): boolean {
    if (this.many) {
      const deleted = this.many.delete(topic);
      if (this.many.size === 0) this.many = null;
      return deleted;
    }
    if (topic !== this.soleTopic) return false;
    this.clearSole();
    return true;
  }

  clear(): void {
    this.many = null;
    this.clearSole();
  }

  values(): IterableIterator<V> {
    return this.list().map(([, view]) => view)[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.list()[Symbol.iterator]();
  }

  private list(): [string, V][] {
    if (this.many) return [...this.many];
    return this.soleTopic === null ? [] : [[this.soleTopic, this.sole as V]];
  }

  private clearSole(): void {
    this.soleTopic = null;
    this.sole = undefined;
  }
}
