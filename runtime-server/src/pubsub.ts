import { isThenable } from "./callback.js";

/**
 * A function that receives the messages broadcast on a topic it subscribed to.
 */
export type PubSubListener = (message: unknown) => void;

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
   * Calls `listener` with every message later broadcast on `topic`.
   * @returns a function that ends the subscription; calling it again does nothing.
   */
  subscribe(topic: string, listener: PubSubListener): () => void;
  /**
   * Delivers `message` to every subscriber of `topic`. Delivery is asynchronous: listeners
   * run after the call returns, never inside it.
   */
  broadcast(topic: string, message: unknown): Promise<void> | void;
  /** Drops every subscription and releases the adapter's resources (connections, timers). */
  close?(): Promise<void> | void;
}

/** Options for {@link LocalPubSub}. */
export interface LocalPubSubOptions {
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

  /** Creates an empty hub with no topics. */
  constructor(options: LocalPubSubOptions = {}) {
    this.#onError = options.onError ?? logListenerError;
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

  /**
   * Like {@link broadcast}, but skips every subscription made with `exclude`: a view that
   * broadcasts its own change has already applied it and must not apply it twice.
   */
  broadcastFrom(exclude: PubSubListener, topic: string, message: unknown): void {
    this.#deliver(topic, message, exclude);
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

  #deliver(topic: string, message: unknown, exclude: PubSubListener | undefined): void {
    const subscriptions = this.#topics.get(topic);
    if (subscriptions === undefined) return;
    // A copy, so subscriptions made while delivering wait for the next message.
    const targets = [...subscriptions];
    queueMicrotask(() => {
      for (const subscription of targets) {
        if (!subscription.active || subscription.listener === exclude) continue;
        try {
          const result: unknown = subscription.listener(message);
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
