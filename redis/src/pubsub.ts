/**
 * PubSub over Redis: every node publishes its broadcasts on a Redis channel per topic and
 * subscribes to the channels its views listen to. A node's own subscribers are served in
 * process, never through Redis.
 */
import { Redis, type RedisOptions } from "ioredis";
import { encodeJSON, LocalPubSub, type Logger, type NodeRegistry, type PubSubAdapter, type PubSubListener } from "@livetsx/server";
import { RedisNodes } from "./nodes.js";

export interface RedisPubSubOptions {
  /** Where Redis is: `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. @default process.env.REDIS_URL, else "redis://127.0.0.1:6379" */
  url?: string;
  /** More ioredis options (TLS, a password, timeouts), over the URL's. @default {} */
  redis?: RedisOptions;
  /** What starts the names of the Redis channels and keys: nodes with the same prefix share topics. @default "livetsx:" */
  prefix?: string;
  /** This node's id, which every message carries. @default a random id */
  nodeId?: string;
  /** How long {@link createRedisPubSub} waits for Redis to answer before it fails, in ms. @default 5000 */
  connectTimeout?: number;
  /** The largest message, in bytes of JSON; a larger broadcast throws. @default 1048576 (1 MiB) */
  maxMessageBytes?: number;
  /**
   * The most broadcasts sent to Redis and not yet acknowledged. A Redis that is slow or stalled
   * would otherwise let them pile up in memory: past it a broadcast rejects (this node's
   * subscribers still get it). @default 10000
   */
  maxPending?: number;
  /** How often this node renews its record for Presence, in ms. @default 1000 */
  heartbeatInterval?: number;
  /**
   * How long a node's record lives without renewal, in ms: the presences of a node that died
   * are removed by the others within `nodeTTL + heartbeatInterval`. @default 5000
   */
  nodeTTL?: number;
  /** Where connection losses and recoveries are reported. @default console, prefixed "[livetsx]" */
  log?: Logger;
  /** Called when a listener throws, or an async one rejects. @default logs it with the topic */
  onError?: (error: unknown, topic: string) => void;
}

/** See {@link RedisPubSubOptions.maxMessageBytes}. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
/** See {@link RedisPubSubOptions.maxPending}. */
export const DEFAULT_MAX_PENDING = 10_000;

const consoleLog: Logger = {
  info: (m) => console.info(`[livetsx] ${m}`),
  warn: (m) => console.warn(`[livetsx] ${m}`),
  error: (m, e) => (e === undefined ? console.error(`[livetsx] ${m}`) : console.error(`[livetsx] ${m}`, e)),
};

/**
 * Connects to Redis and resolves once both of the adapter's connections (one publishes and runs
 * commands, one subscribes) are ready.
 * @throws {Error} naming the URL when Redis does not answer within `connectTimeout`
 */
export async function createRedisPubSub(options: RedisPubSubOptions = {}): Promise<RedisPubSub> {
  const pubsub = new RedisPubSub(options);
  await pubsub.ready;
  return pubsub;
}

/** The message as it travels: the sending node's id and the message. */
interface Envelope {
  n: string;
  m: unknown;
}

/**
 * A {@link PubSubAdapter} over Redis Pub/Sub, made by {@link createRedisPubSub}.
 *
 * - Messages are JSON (plain objects, arrays, strings, finite numbers, booleans, null): anything
 *   else throws at the broadcast, naming what and where. Subscribers, this node's too, receive
 *   a copy parsed from the JSON.
 * - This node's subscribers get a broadcast at once, in process; the others when Redis relays it.
 *   Messages of one node arrive at another in the order they were sent.
 * - After Redis restarts or the network drops, both connections reconnect (backing off up to
 *   1 s between tries) and the subscriptions are restored. Messages are not queued meanwhile:
 *   a broadcast while Redis is unreachable reaches this node's subscribers only and rejects,
 *   and what other nodes broadcast meanwhile never arrives. Presence heals itself after an
 *   outage (each node's state is sent again); other state that must survive one belongs in a
 *   store, not in messages.
 */
export class RedisPubSub implements PubSubAdapter {
  /** {@inheritDoc PubSubAdapter.nodeId} */
  readonly nodeId: string;
  /** Node records for Presence, in a sorted set of Redis with an expiry per node. */
  readonly nodes: NodeRegistry;
  /** Resolves once connected; rejects (naming the URL) if Redis cannot be reached. @internal */
  readonly ready: Promise<void>;
  readonly #local: LocalPubSub;
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #where: string;
  readonly #maxBytes: number;
  readonly #maxPending: number;
  readonly #log: Logger;
  /** Topics with subscribers on this node, and how many. */
  readonly #topics = new Map<string, number>();
  #pending = 0;
  #started = false;
  #closed = false;
  #lastError: Error | null = null;
  /** Whether a lost connection was reported and its recovery not yet. */
  #down = false;
  /** Whether the subscriber connection is up with every subscription restored. */
  #subscribed = false;

  constructor(options: RedisPubSubOptions = {}) {
    const url = options.url ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    this.#where = redact(url);
    this.#local = new LocalPubSub({ ...(options.nodeId !== undefined ? { nodeId: options.nodeId } : {}), ...(options.onError ? { onError: options.onError } : {}) });
    this.nodeId = this.#local.nodeId;
    this.#prefix = options.prefix ?? "livetsx:";
    this.#maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.#maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.#log = options.log ?? consoleLog;
    const connectTimeout = options.connectTimeout ?? 5000;
    const settings: RedisOptions = {
      lazyConnect: true,
      connectTimeout,
      // Nothing waits for a connection that is down: a bounded memory, and a broadcast that
      // fails at once rather than minutes later.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // The subscriptions are restored from #topics, the list of what this node needs now.
      autoResubscribe: false,
      // No retry before the first connection: an unreachable Redis fails the start.
      retryStrategy: (times) => (this.#started && !this.#closed ? Math.min(times * 100, 1000) : null),
      ...options.redis,
    };
    this.#pub = new Redis(url, { ...settings, connectionName: `livetsx-${this.nodeId}` });
    this.#sub = new Redis(url, { ...settings, connectionName: `livetsx-${this.nodeId}-sub` });
    this.nodes = new RedisNodes(this.#pub, `${this.#prefix}nodes`, this.nodeId, options.heartbeatInterval ?? 1000, options.nodeTTL ?? 5000);
    for (const connection of [this.#pub, this.#sub]) {
      // ioredis reports each failed try; one line per outage is enough (on "close"). The last
      // one explains a failed start.
      connection.on("error", (error: Error) => (this.#lastError = error));
      connection.on("close", () => this.#lost());
    }
    this.#pub.on("ready", () => this.#recovered());
    this.#sub.on("ready", () => void this.#resubscribe());
    this.#sub.on("close", () => (this.#subscribed = false));
    this.#sub.on("message", (channel: string, text: string) => this.#received(channel, text));
    this.ready = this.#connect(connectTimeout);
    // The caller may never await `ready` (a constructor call): its failure is theirs to see
    // through `broadcast`, never an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** {@inheritDoc PubSubAdapter.subscribe} */
  subscribe(topic: string, listener: PubSubListener): () => void {
    const unsubscribe = this.#local.subscribe(topic, listener);
    const count = (this.#topics.get(topic) ?? 0) + 1;
    this.#topics.set(topic, count);
    if (count === 1 && this.#sub.status === "ready") this.#sub.subscribe(this.#channel(topic)).catch(() => undefined);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      unsubscribe();
      const left = (this.#topics.get(topic) ?? 1) - 1;
      if (left > 0) return void this.#topics.set(topic, left);
      this.#topics.delete(topic);
      if (this.#sub.status === "ready") this.#sub.unsubscribe(this.#channel(topic)).catch(() => undefined);
    };
  }

  /** {@inheritDoc PubSubAdapter.broadcast} */
  broadcast(topic: string, message: unknown): Promise<void> {
    return this.#publish(topic, message, undefined, "broadcast");
  }

  /** {@inheritDoc PubSubAdapter.broadcastFrom} */
  broadcastFrom(exclude: PubSubListener, topic: string, message: unknown): Promise<void> {
    return this.#publish(topic, message, exclude, "broadcastFrom");
  }

  /** {@inheritDoc PubSubAdapter.localBroadcast} */
  localBroadcast(topic: string, message: unknown): void {
    this.#local.localBroadcast(topic, message);
  }

  /** How many subscriptions `topic` has on this node. */
  listenerCount(topic: string): number {
    return this.#local.listenerCount(topic);
  }

  /** Ends every subscription and closes both connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#local.close();
    this.#topics.clear();
    await Promise.all([this.#pub, this.#sub].map((connection) => quit(connection)));
  }

  #publish(topic: string, message: unknown, exclude: PubSubListener | undefined, call: string): Promise<void> {
    const what = `${call} to ${JSON.stringify(topic)}`;
    if (this.#closed) throw new Error(`${what}: this Redis PubSub is closed.`);
    const body = encodeJSON(message, what);
    const envelope = `{"n":${JSON.stringify(this.nodeId)},"m":${body}}`;
    const bytes = Buffer.byteLength(envelope);
    if (bytes > this.#maxBytes) {
      throw new RangeError(`${what}: the message is ${bytes} bytes as JSON, more than maxMessageBytes (${this.#maxBytes}).`);
    }
    // This node's subscribers at once, without a round trip; a copy, as the other nodes get.
    this.#local.deliverFrom(this.nodeId, topic, JSON.parse(body) as unknown, exclude);
    if (this.#pub.status !== "ready") {
      return Promise.reject(new Error(`${what}: Redis at ${this.#where} is unreachable (reconnecting); the message reached this node's subscribers only.`));
    }
    if (this.#pending >= this.#maxPending) {
      return Promise.reject(new Error(`${what}: ${this.#pending} broadcasts are waiting for Redis at ${this.#where} (maxPending); the message reached this node's subscribers only.`));
    }
    this.#pending++;
    return this.#pub.publish(this.#channel(topic), envelope).then(
      () => {
        this.#pending--;
      },
      (error: unknown) => {
        this.#pending--;
        throw new Error(`${what}: Redis at ${this.#where} failed: ${(error as Error).message}; the message reached this node's subscribers only.`, { cause: error });
      },
    );
  }

  #received(channel: string, text: string): void {
    if (this.#closed || !channel.startsWith(this.#prefix)) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      return this.#log.warn(`ignored a message on the Redis channel ${channel} that is not JSON`);
    }
    if (typeof envelope !== "object" || envelope === null || typeof envelope.n !== "string") {
      return this.#log.warn(`ignored a message on the Redis channel ${channel} without a node id`);
    }
    // This node's own broadcasts were delivered when they were sent.
    if (envelope.n === this.nodeId) return;
    this.#local.deliverFrom(envelope.n, channel.slice(this.#prefix.length), envelope.m);
  }

  async #connect(timeout: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        Promise.all([this.#pub.connect(), this.#sub.connect()]),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout);
        }),
      ]);
      this.#started = true;
    } catch (error) {
      this.#closed = true;
      this.#pub.disconnect();
      this.#sub.disconnect();
      const reason = this.#lastError?.message ?? (error as Error).message;
      throw new Error(
        `cannot reach Redis at ${this.#where} (${reason}): start redis-server there, or point REDIS_URL (the url option) at a running one.`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  #lost(): void {
    if (!this.#started || this.#closed || this.#down) return;
    this.#down = true;
    this.#log.warn(`lost the connection to Redis at ${this.#where}; reconnecting. Messages broadcast until it is back are lost.`);
  }

  /** Both connections are back (and the subscriptions restored): one line for the recovery. */
  #recovered(): void {
    if (!this.#down || this.#closed || this.#pub.status !== "ready" || !this.#subscribed) return;
    this.#down = false;
    this.#log.info(`reconnected to Redis at ${this.#where}; ${this.#topics.size} subscription(s) restored`);
  }

  async #resubscribe(): Promise<void> {
    if (this.#topics.size > 0) {
      try {
        await this.#sub.subscribe(...[...this.#topics.keys()].map((topic) => this.#channel(topic)));
      } catch {
        // The connection dropped again: its next "ready" tries again.
        return;
      }
    }
    this.#subscribed = true;
    this.#recovered();
  }

  #channel(topic: string): string {
    return this.#prefix + topic;
  }
}

/** Quits politely when connected, else drops the connection. */
async function quit(connection: Redis): Promise<void> {
  if (connection.status !== "ready") return void connection.disconnect();
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}
