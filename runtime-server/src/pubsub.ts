import { randomBytes } from "node:crypto";
import { isThenable } from "./callback.js";

/**
 * A function that receives the messages broadcast on a topic it subscribed to, with the id of
 * the node (the {@link PubSubAdapter.nodeId}) that broadcast it.
 */
export type PubSubListener = (message: unknown, node: string) => void;

/** A new node id: 12 random characters, for an adapter given none. */
export function newNodeId(): string {
  return randomBytes(9).toString("base64url");
}

/**
 * Which nodes of a cluster are alive, for {@link Presence}: each node records itself with an
 * expiry and renews it every `interval`; one that stops (a crash, a lost network) is dead once
 * its record expires, and the others remove its presences. An adapter that spans nodes provides
 * one (`@livetsx/redis` keeps the records in Redis); without it, a node is alive while its
 * heartbeats arrive over the adapter itself.
 */
export interface NodeRegistry {
  /** How often this node renews its record, in ms. */
  readonly interval: number;
  /** How long a record lives without renewal, in ms: a dead node's presences go within `ttl + interval`. */
  readonly ttl: number;
  /**
   * Renews this node's record and returns the ids of every node whose record has not expired
   * (this one included). Rejects when the registry cannot be reached: then nobody is declared dead.
   */
  heartbeat(): Promise<readonly string[]>;
  /** Removes this node's record (a graceful shutdown), so the others need not wait for it to expire. */
  leave(): Promise<void>;
}

/**
 * Topic-based publish/subscribe, the way views hear about changes made elsewhere (another
 * user's action, a background job). The in-process {@link LocalPubSub} is the default;
 * adapters that span several nodes (Redis, Postgres LISTEN/NOTIFY) implement the same shape.
 *
 * Messages must be JSON-serialisable for cross-node adapters, since they travel as text
 * between processes: plain objects, arrays, strings, finite numbers, booleans and null. The
 * in-process adapter passes them as they are (same object identity, no copy), so code that
 * relies on class instances, Dates or Maps surviving a broadcast will break when the adapter
 * is swapped.
 */
export interface PubSubAdapter {
  /**
   * This node's id, which every message carries: listeners receive it as their second argument,
   * and {@link Presence} tells the nodes' presences apart by it. @default a random id per adapter
   */
  readonly nodeId?: string;
  /** Which nodes are alive, for {@link Presence} across nodes. @default heartbeats over the adapter */
  readonly nodes?: NodeRegistry;
  /**
   * Calls `listener` with every message later broadcast on `topic`.
   * @returns a function that ends the subscription; calling it again does nothing.
   */
  subscribe(topic: string, listener: PubSubListener): () => void;
  /**
   * Delivers `message` to every subscriber of `topic`. Delivery is asynchronous: listeners
   * run after the call returns, never inside it.
   */
  broadcast(topic: string, message: unknown): Promise<void> | void;
  /**
   * Like `broadcast`, but skips the subscriptions made with `exclude` (on this node; every
   * subscriber of other nodes gets it): a view that broadcasts its own change has already
   * applied it and must not apply it twice.
   */
  broadcastFrom(exclude: PubSubListener, topic: string, message: unknown): Promise<void> | void;
  /** Delivers `message` to the subscribers of `topic` on this node only, never over the network. */
  localBroadcast(topic: string, message: unknown): void;
  /** Drops every subscription and releases the adapter's resources (connections, timers). */
  close?(): Promise<void> | void;
}

/** Options for {@link LocalPubSub}. */
export interface LocalPubSubOptions {
  /** The node id its messages carry. @default a random id */
  nodeId?: string;
  /**
   * Called when a listener throws, or an async one rejects. Delivery to the remaining listeners
   * continues either way.
   * @default logs the error and the topic with `console.error`
   */
  onError?: (error: unknown, topic: string) => void;
}

/** One call to `subscribe`: the same function subscribed twice is two subscriptions. */
interface Subscription {
  readonly listener: PubSubListener;
  active: boolean;
}

function logListenerError(error: unknown, topic: string): void {
  console.error(`[livetsx] a pubsub listener for topic "${topic}" threw:`, error);
}

/**
 * In-process {@link PubSubAdapter}: every subscriber lives in this Node process.
 *
 * Each broadcast is delivered in a microtask, so a listener that broadcasts in turn never
 * re-enters the code that is still broadcasting, and messages from one broadcaster arrive in
 * the order they were sent. The listeners of a broadcast are those subscribed when
 * `broadcast` is called; one that unsubscribes before the microtask runs is skipped.
 */
export class LocalPubSub implements PubSubAdapter {
  readonly #topics = new Map<string, Set<Subscription>>();
  readonly #onError: (error: unknown, topic: string) => void;
  /** {@inheritDoc PubSubAdapter.nodeId} */
  readonly nodeId: string;

  /** Creates an empty hub with no topics. */
  constructor(options: LocalPubSubOptions = {}) {
    this.#onError = options.onError ?? logListenerError;
    this.nodeId = options.nodeId ?? newNodeId();
  }

  /** {@inheritDoc PubSubAdapter.subscribe} */
  subscribe(topic: string, listener: PubSubListener): () => void {
    let subscriptions = this.#topics.get(topic);
    if (subscriptions === undefined) {
      subscriptions = new Set();
      this.#topics.set(topic, subscriptions);
    }
    const subscription: Subscription = { listener, active: true };
    subscriptions.add(subscription);
    // Holding on to this set, not looking the topic up again, keeps an old unsubscribe from
    // touching a set created for the same topic after `close()` emptied the map.
    const owner = subscriptions;
    return () => {
      if (!subscription.active) return;
      subscription.active = false;
      owner.delete(subscription);
      if (owner.size === 0 && this.#topics.get(topic) === owner) this.#topics.delete(topic);
    };
  }

  /** {@inheritDoc PubSubAdapter.broadcast} */
  broadcast(topic: string, message: unknown): void {
    this.#deliver(topic, message, undefined);
  }

  /** {@inheritDoc PubSubAdapter.broadcastFrom} */
  broadcastFrom(exclude: PubSubListener, topic: string, message: unknown): void {
    this.#deliver(topic, message, exclude);
  }

  /** {@inheritDoc PubSubAdapter.localBroadcast} (every subscriber is on this node.) */
  localBroadcast(topic: string, message: unknown): void {
    this.#deliver(topic, message, undefined);
  }

  /**
   * Delivers `message` as a broadcast from `node`, skipping `exclude`: for adapters that spread
   * messages over several nodes and serve each node's subscribers with a LocalPubSub.
   * @internal
   */
  deliverFrom(node: string, topic: string, message: unknown, exclude?: PubSubListener): void {
    this.#deliver(topic, message, exclude, node);
  }

  /** How many active subscriptions `topic` has; 0 for a topic nobody listens to. */
  listenerCount(topic: string): number {
    return this.#topics.get(topic)?.size ?? 0;
  }

  /** How many topics have at least one subscription; shows that emptied topics are freed. */
  get topicCount(): number {
    return this.#topics.size;
  }

  /** Ends every subscription; broadcasts already queued reach nobody. */
  close(): void {
    for (const subscriptions of this.#topics.values()) {
      for (const subscription of subscriptions) subscription.active = false;
    }
    this.#topics.clear();
  }

  #deliver(topic: string, message: unknown, exclude: PubSubListener | undefined, node = this.nodeId): void {
    const subscriptions = this.#topics.get(topic);
    if (subscriptions === undefined) return;
    // A copy, so subscriptions made while delivering wait for the next message.
    const targets = [...subscriptions];
    queueMicrotask(() => {
      for (const subscription of targets) {
        if (!subscription.active || subscription.listener === exclude) continue;
        try {
          const result: unknown = subscription.listener(message, node);
          // An async listener's rejection is reported like a throw, never left unhandled.
          if (isThenable(result)) Promise.resolve(result).then(undefined, (error: unknown) => this.#report(error, topic));
        } catch (error) {
          this.#report(error, topic);
        }
      }
    });
  }

  #report(error: unknown, topic: string): void {
    // A reporter that throws would otherwise cut delivery short for the listeners after it.
    try {
      this.#onError(error, topic);
    } catch (reporterError) {
      logListenerError(reporterError, topic);
    }
  }
}
