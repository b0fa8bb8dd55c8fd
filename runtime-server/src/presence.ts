/**
 * Presence: who is on a topic (the users in a room, the tabs on a document), across every node.
 *
 * Each node keeps a copy of every node's presences and is the only one to change its own: a view
 * tracks itself on its node, which tells the others over the PubSub adapter. Each message of a
 * node carries its sequence number, and so do its heartbeats; a node that sees a gap (a message
 * lost in a network outage) or hears of a node it does not know asks that node for its state.
 * A node that dies is found by its heartbeats (the adapter's {@link NodeRegistry}, or those that
 * arrive over the adapter) and its presences are removed by every other node.
 */
import { randomBytes } from "node:crypto";
import { encodeJSON } from "./json.js";
import type { NodeRegistry, PubSubAdapter } from "./pubsub.js";
import { newNodeId } from "./pubsub.js";
import type { LiveSocket, SocketHost } from "./socket.js";

/** One presence's metadata, as tracked, with the `phx_ref` that identifies it. */
export type PresenceMeta = Record<string, unknown> & {
  readonly phx_ref: string;
  /** After an `update`: the ref of the meta it replaced. */
  readonly phx_ref_prev?: string;
};

/** The presences of a topic by key: every tab, device or node of a key is one of its metas. */
export type PresenceList = Record<string, { metas: PresenceMeta[] }>;

/**
 * What views subscribed to a topic receive in `handleInfo` when its presences change: the metas
 * that joined and those that left, by key. An `update` is its old meta leaving and the new one
 * (with `phx_ref_prev`) joining.
 */
export interface PresenceDiff {
  readonly event: "presence_diff";
  readonly topic: string;
  readonly payload: { joins: PresenceList; leaves: PresenceList };
}

/** Whether a `handleInfo` message is a {@link PresenceDiff}, for the topic if one is given. */
export function isPresenceDiff(message: unknown, topic?: string): message is PresenceDiff {
  const m = message as Partial<PresenceDiff> | null;
  return typeof m === "object" && m !== null && m.event === "presence_diff" && typeof m.payload === "object" && (topic === undefined || m.topic === topic);
}

/** Options for a {@link Presence} over an adapter without a {@link NodeRegistry}. */
export interface PresenceOptions {
  /** How often this node's heartbeat goes out, in ms. @default 1000 */
  heartbeatInterval?: number;
  /** A node not heard from for this long is dead and its presences removed, in ms. @default 5000 */
  nodeTimeout?: number;
}

/** See {@link PresenceOptions.heartbeatInterval}. */
export const DEFAULT_HEARTBEAT_INTERVAL = 1000;
/** See {@link PresenceOptions.nodeTimeout}. */
export const DEFAULT_NODE_TIMEOUT = 5000;
/** The most (topic, key) pairs one view may track at once. */
export const MAX_TRACKED_PER_VIEW = 100;
/** The largest meta, as JSON, in bytes. */
export const MAX_META_BYTES = 8192;
/** The topic the nodes' presence messages travel on: topics starting with `livetsx:` are reserved. */
export const PRESENCE_TOPIC = "livetsx:presence";
/** A node's state goes out in parts of about this many bytes, below adapters' message limits. */
const STATE_PART_BYTES = 256 * 1024;

/** One meta of the copy, and the node that owns it. */
interface Entry {
  readonly node: string;
  readonly topic: string;
  readonly key: string;
  readonly meta: PresenceMeta;
}

type StateEntry = [topic: string, key: string, meta: PresenceMeta];

/** The messages between nodes, on {@link PRESENCE_TOPIC}; `n` is the sender, `s` its sequence number. */
type Wire =
  | { k: "join"; n: string; s: number; meta: PresenceMeta; t: string; key: string }
  | { k: "leave"; n: string; s: number; ref: string }
  | { k: "beat"; n: string; s: number }
  | { k: "sync"; n: string; want: string | null }
  | { k: "state"; n: string; s: number; e: StateEntry[]; first: boolean; last: boolean }
  | { k: "bye"; n: string };

/** What one node knows of another. */
interface Peer {
  /** The sequence number of its last message applied. */
  seq: number;
  /** When one of its messages last arrived (Date.now()). */
  heard: number;
  /** When its state was last asked for. */
  asked: number;
  /** A state arriving in parts. */
  incoming: StateEntry[] | null;
}

/** A presence this node owns: which view tracks it. */
interface Owned {
  readonly host: SocketHost;
  ref: string;
}

const presences = new WeakMap<PubSubAdapter, Presence>();

/**
 * The Presence of `pubsub`, made on first use: every view of a server shares it, as they share
 * their adapter. @internal
 */
export function presenceFor(pubsub: PubSubAdapter): Presence {
  let presence = presences.get(pubsub);
  if (presence === undefined) {
    presence = new Presence(pubsub);
    presences.set(pubsub, presence);
  }
  return presence;
}

/** Closes the Presence of `pubsub` if it has one: a server's close does. @internal */
export async function closePresence(pubsub: PubSubAdapter): Promise<void> {
  await presences.get(pubsub)?.close();
}

/**
 * Presence on a {@link PubSubAdapter}: `socket.presence` in a view. `track`, `untrack` and
 * `update` change this node's presences, `list` reads every node's; each change reaches the
 * views subscribed to its topic on every node as a {@link PresenceDiff}. A change made on
 * another node arrives when its message does (with Redis, a round trip); `list` on a node that
 * just started fills as the other nodes answer its first request.
 */
export class Presence {
  readonly #pubsub: PubSubAdapter;
  readonly #nodes: NodeRegistry | null;
  readonly #interval: number;
  readonly #timeout: number;
  /** This node's id. */
  readonly nodeId: string;
  /** topic → key → ref → entry, in the order they joined. */
  readonly #topics = new Map<string, Map<string, Map<string, Entry>>>();
  /** node → ref → entry: what to remove when a node dies. */
  readonly #byNode = new Map<string, Map<string, Entry>>();
  /** This node's presences by view, then by topic and key. */
  readonly #owned = new Map<SocketHost, Map<string, Owned>>();
  readonly #exits = new Map<SocketHost, () => void>();
  readonly #peers = new Map<string, Peer>();
  /** Nodes declared dead, and when: their late messages are ignored until they are alive again. */
  readonly #dead = new Map<string, number>();
  #seq = 0;
  #timer: ReturnType<typeof setInterval> | null;
  #beating = false;
  /** The nodes the registry last listed, and since when it has answered without a failure. */
  #alive: ReadonlySet<string> | null = null;
  #registryUpSince: number | null = null;
  #closed = false;
  readonly #unsubscribe: () => void;

  /** Starts this node's Presence on `pubsub`: its heartbeats, and a request for every node's state. */
  constructor(pubsub: PubSubAdapter, options: PresenceOptions = {}) {
    this.#pubsub = pubsub;
    this.#nodes = pubsub.nodes ?? null;
    this.#interval = this.#nodes?.interval ?? options.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL;
    this.#timeout = this.#nodes?.ttl ?? options.nodeTimeout ?? DEFAULT_NODE_TIMEOUT;
    if (!(this.#interval >= 1) || !(this.#timeout > this.#interval)) {
      throw new RangeError(`Presence: the heartbeat interval (${this.#interval} ms) must be at least 1 ms and below the node timeout (${this.#timeout} ms).`);
    }
    this.nodeId = pubsub.nodeId ?? newNodeId();
    this.#unsubscribe = pubsub.subscribe(PRESENCE_TOPIC, (message) => this.#receive(message as Wire));
    this.#timer = setInterval(() => void this.#beat(), this.#interval);
    // Presence alone never keeps a process alive.
    this.#timer.unref?.();
    this.#send({ k: "sync", n: this.nodeId, want: null });
    void this.#beat();
  }

  /**
   * Tracks the view of `socket` as `key` on `topic` with `meta` (a plain JSON object, at most
   * {@link MAX_META_BYTES} bytes as JSON), until it is untracked or the view goes away. A view
   * tracks at most {@link MAX_TRACKED_PER_VIEW} pairs at once.
   * @returns the new meta's `phx_ref`
   * @throws {Error} when the view already tracks `key` on `topic` (`update` changes its meta)
   */
  track(socket: LiveSocket<any>, topic: string, key: string, meta: Record<string, unknown> = {}): string {
    const host = this.#host(socket, "track");
    checkName("track", "topic", topic);
    checkName("track", "key", key);
    const owned = this.#owned.get(host);
    const id = ownedId(topic, key);
    if (owned?.has(id)) {
      throw new Error(`presence.track: this view already tracks ${JSON.stringify(key)} on ${JSON.stringify(topic)}; call presence.update to change its meta.`);
    }
    if ((owned?.size ?? 0) >= MAX_TRACKED_PER_VIEW) {
      throw new Error(`presence.track: a view tracks at most ${MAX_TRACKED_PER_VIEW} keys at once; untrack one first.`);
    }
    const checked = checkMeta("track", meta);
    const mine = this.#own(host);
    const tracked = this.#join(topic, key, checked, undefined);
    mine.set(id, { host, ref: tracked.phx_ref });
    // A view already gone (a callback that outlived it) ran its exit at once: nothing stays.
    if (this.#owned.get(host) !== mine) this.#leave(tracked.phx_ref);
    return tracked.phx_ref;
  }

  /** Stops tracking `key` on `topic` for the view of `socket`; nothing happens if it does not track it. */
  untrack(socket: LiveSocket<any>, topic: string, key: string): void {
    const host = this.#host(socket, "untrack");
    const owned = this.#owned.get(host);
    const id = ownedId(topic, key);
    const tracked = owned?.get(id);
    if (!owned || !tracked) return;
    owned.delete(id);
    if (owned.size === 0) this.#disown(host);
    this.#leave(tracked.ref);
  }

  /**
   * Replaces the meta of `key` on `topic` for the view of `socket`, with `meta` or what `meta`
   * returns from the current one (without its refs). The views see the old meta leave and the
   * new one join, with `phx_ref_prev`.
   * @returns the new meta's `phx_ref`
   * @throws {Error} when the view does not track `key` on `topic`
   */
  update(socket: LiveSocket<any>, topic: string, key: string, meta: Record<string, unknown> | ((current: Record<string, unknown>) => Record<string, unknown>)): string {
    const host = this.#host(socket, "update");
    const tracked = this.#owned.get(host)?.get(ownedId(topic, key));
    const entry = tracked && this.#byNode.get(this.nodeId)?.get(tracked.ref);
    if (!tracked || !entry) {
      throw new Error(`presence.update: this view does not track ${JSON.stringify(key)} on ${JSON.stringify(topic)}; call presence.track first.`);
    }
    const { phx_ref: _ref, phx_ref_prev: _prev, ...current } = entry.meta;
    const next = checkMeta("update", typeof meta === "function" ? meta(current) : meta);
    const updated = this.#join(topic, key, next, entry);
    tracked.ref = updated.phx_ref;
    return updated.phx_ref;
  }

  /** The presences of `topic` on every node, by key, each key's metas in the order they joined. */
  list(topic: string): PresenceList {
    const out: PresenceList = {};
    for (const [key, refs] of this.#topics.get(topic) ?? []) {
      out[key] = { metas: [...refs.values()].map((entry) => entry.meta) };
    }
    return out;
  }

  /**
   * Stops: this node's presences are removed from the others at once (not after the timeout),
   * heartbeats stop, and the copy is emptied. A server's close calls it.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const cancel of this.#exits.values()) cancel();
    this.#exits.clear();
    this.#owned.clear();
    this.#send({ k: "bye", n: this.nodeId });
    this.#unsubscribe();
    this.#topics.clear();
    this.#byNode.clear();
    this.#peers.clear();
    if (presences.get(this.#pubsub) === this) presences.delete(this.#pubsub);
    await this.#nodes?.leave().catch(() => undefined);
  }

  #host(socket: LiveSocket<any>, what: string): SocketHost {
    const host = (socket as { owner?: SocketHost | null }).owner;
    if (!host) throw new Error(`presence.${what} needs the socket of a connected view (socket.connected), not the HTTP render's.`);
    if (this.#closed) throw new Error(`presence.${what}: the server has closed.`);
    return host;
  }

  #own(host: SocketHost): Map<string, Owned> {
    let owned = this.#owned.get(host);
    if (owned === undefined) {
      owned = new Map();
      this.#owned.set(host, owned);
      // A view that goes away takes its presences with it.
      this.#exits.set(host, host.onExit(() => this.#exited(host)));
    }
    return owned;
  }

  #disown(host: SocketHost): void {
    this.#owned.delete(host);
    this.#exits.get(host)?.();
    this.#exits.delete(host);
  }

  #exited(host: SocketHost): void {
    const owned = this.#owned.get(host);
    this.#owned.delete(host);
    this.#exits.delete(host);
    for (const tracked of owned?.values() ?? []) this.#leave(tracked.ref);
  }

  /** A new meta of this node, replacing `previous` if given (an update). */
  #join(topic: string, key: string, meta: Record<string, unknown>, previous: Entry | undefined): PresenceMeta {
    const ref = randomBytes(9).toString("base64url");
    const full: PresenceMeta = Object.freeze({ ...meta, phx_ref: ref, ...(previous ? { phx_ref_prev: previous.meta.phx_ref } : {}) });
    const diffs = new Diffs();
    if (previous) {
      this.#remove(previous.meta.phx_ref, this.nodeId, diffs);
      this.#send({ k: "leave", n: this.nodeId, s: ++this.#seq, ref: previous.meta.phx_ref });
    }
    this.#add({ node: this.nodeId, topic, key, meta: full }, diffs);
    this.#send({ k: "join", n: this.nodeId, s: ++this.#seq, t: topic, key, meta: full });
    this.#flush(diffs);
    return full;
  }

  #leave(ref: string): void {
    const diffs = new Diffs();
    if (!this.#remove(ref, this.nodeId, diffs)) return;
    this.#send({ k: "leave", n: this.nodeId, s: ++this.#seq, ref });
    this.#flush(diffs);
  }

  #add(entry: Entry, diffs: Diffs): void {
    const ref = entry.meta.phx_ref;
    let nodeRefs = this.#byNode.get(entry.node);
    if (nodeRefs === undefined) this.#byNode.set(entry.node, (nodeRefs = new Map()));
    if (nodeRefs.has(ref)) return;
    nodeRefs.set(ref, entry);
    let keys = this.#topics.get(entry.topic);
    if (keys === undefined) this.#topics.set(entry.topic, (keys = new Map()));
    let refs = keys.get(entry.key);
    if (refs === undefined) keys.set(entry.key, (refs = new Map()));
    refs.set(ref, entry);
    diffs.add(entry, "joins");
  }

  #remove(ref: string, node: string, diffs: Diffs): boolean {
    const nodeRefs = this.#byNode.get(node);
    const entry = nodeRefs?.get(ref);
    if (!nodeRefs || !entry) return false;
    nodeRefs.delete(ref);
    if (nodeRefs.size === 0) this.#byNode.delete(node);
    const keys = this.#topics.get(entry.topic)!;
    const refs = keys.get(entry.key)!;
    refs.delete(ref);
    if (refs.size === 0) keys.delete(entry.key);
    if (keys.size === 0) this.#topics.delete(entry.topic);
    diffs.add(entry, "leaves");
    return true;
  }

  /** Tells the views of this node: one diff per topic that changed. */
  #flush(diffs: Diffs): void {
    for (const [topic, payload] of diffs.byTopic) {
      const diff: PresenceDiff = { event: "presence_diff", topic, payload };
      this.#pubsub.localBroadcast(topic, diff);
    }
  }

  #send(message: Wire): void {
    if (this.#closed && message.k !== "bye") return;
    // A message lost here (the network is down) is found missing by the sequence numbers of
    // the next ones and the heartbeats, and the state sent again.
    try {
      Promise.resolve(this.#pubsub.broadcast(PRESENCE_TOPIC, message)).catch(() => undefined);
    } catch {
      // As above.
    }
  }

  #receive(message: Wire): void {
    if (this.#closed || typeof message !== "object" || message === null || typeof message.n !== "string" || message.n === this.nodeId) return;
    const node = message.n;
    if (message.k === "bye") return this.#drop(node);
    if (message.k === "sync") {
      if (message.want === null || message.want === this.nodeId) this.#sendState();
      return;
    }
    if (this.#dead.has(node)) {
      // A node declared dead that speaks again (after a partition) is alive once the registry
      // lists it again; without a registry, hearing it is enough.
      if (this.#nodes && !this.#alive?.has(node)) return;
      this.#dead.delete(node);
    }
    let peer = this.#peers.get(node);
    const now = Date.now();
    if (peer === undefined) {
      peer = { seq: -1, heard: now, asked: -Infinity, incoming: null };
      this.#peers.set(node, peer);
    }
    peer.heard = now;
    const diffs = new Diffs();
    switch (message.k) {
      case "state":
        if (message.first) peer.incoming = [];
        if (peer.incoming === null) break;
        peer.incoming.push(...message.e);
        if (!message.last) break;
        this.#replace(node, peer.incoming, diffs);
        peer.incoming = null;
        peer.seq = message.s;
        break;
      case "beat":
        if (message.s !== peer.seq) this.#ask(node, peer, now);
        break;
      case "join":
      case "leave":
        if (message.s !== peer.seq + 1) this.#ask(node, peer, now);
        peer.seq = message.s;
        if (message.k === "join") this.#add({ node, topic: message.t, key: message.key, meta: message.meta }, diffs);
        else this.#remove(message.ref, node, diffs);
        break;
    }
    this.#flush(diffs);
  }

  /** Asks `node` for its state, at most once per heartbeat interval. */
  #ask(node: string, peer: Peer, now: number): void {
    if (now - peer.asked < this.#interval) return;
    peer.asked = now;
    this.#send({ k: "sync", n: this.nodeId, want: node });
  }

  /** Sends this node's presences, in parts below {@link STATE_PART_BYTES}. */
  #sendState(): void {
    const entries: StateEntry[] = [...(this.#byNode.get(this.nodeId)?.values() ?? [])].map((e) => [e.topic, e.key, e.meta]);
    let part: StateEntry[] = [];
    let bytes = 0;
    let first = true;
    for (const entry of entries) {
      const size = JSON.stringify(entry).length;
      if (part.length > 0 && bytes + size > STATE_PART_BYTES) {
        this.#send({ k: "state", n: this.nodeId, s: this.#seq, e: part, first, last: false });
        first = false;
        part = [];
        bytes = 0;
      }
      part.push(entry);
      bytes += size;
    }
    this.#send({ k: "state", n: this.nodeId, s: this.#seq, e: part, first, last: true });
  }

  /** Makes `node`'s presences those of `entries`: the ones gone leave, the new ones join. */
  #replace(node: string, entries: StateEntry[], diffs: Diffs): void {
    const fresh = new Set(entries.map(([, , meta]) => meta.phx_ref));
    for (const ref of [...(this.#byNode.get(node)?.keys() ?? [])]) {
      if (!fresh.has(ref)) this.#remove(ref, node, diffs);
    }
    for (const [topic, key, meta] of entries) this.#add({ node, topic, key, meta }, diffs);
  }

  /** Removes every presence of `node`, which died or left. */
  #drop(node: string): void {
    const diffs = new Diffs();
    for (const ref of [...(this.#byNode.get(node)?.keys() ?? [])]) this.#remove(ref, node, diffs);
    this.#peers.delete(node);
    this.#dead.set(node, Date.now());
    this.#flush(diffs);
  }

  /** Every heartbeat: this node's, then the nodes found dead are dropped. */
  async #beat(): Promise<void> {
    if (this.#closed || this.#beating) return;
    this.#beating = true;
    try {
      this.#send({ k: "beat", n: this.nodeId, s: this.#seq });
      const now = Date.now();
      for (const [node, since] of this.#dead) if (now - since > 10 * this.#timeout) this.#dead.delete(node);
      for (const node of await this.#deadNodes()) this.#drop(node);
    } finally {
      this.#beating = false;
    }
  }

  /**
   * With a registry: the nodes it no longer lists, once it has answered for a whole timeout
   * (a Redis that restarted empty lists nobody until every node has renewed its record).
   * Without: the nodes silent for the timeout.
   */
  async #deadNodes(): Promise<string[]> {
    const known = new Set([...this.#peers.keys(), ...this.#byNode.keys()]);
    known.delete(this.nodeId);
    if (!this.#nodes) {
      const now = Date.now();
      return [...known].filter((node) => now - (this.#peers.get(node)?.heard ?? -Infinity) > this.#timeout);
    }
    let alive: readonly string[];
    try {
      alive = await this.#nodes.heartbeat();
    } catch {
      this.#registryUpSince = null;
      return [];
    }
    if (this.#closed) return [];
    const now = Date.now();
    this.#registryUpSince ??= now;
    this.#alive = new Set(alive);
    if (now - this.#registryUpSince < this.#timeout) return [];
    return [...known].filter((node) => !this.#alive!.has(node));
  }
}

/** The joins and leaves of one change, by topic. */
class Diffs {
  readonly byTopic = new Map<string, { joins: PresenceList; leaves: PresenceList }>();

  add(entry: Entry, side: "joins" | "leaves"): void {
    let diff = this.byTopic.get(entry.topic);
    if (diff === undefined) this.byTopic.set(entry.topic, (diff = { joins: {}, leaves: {} }));
    (diff[side][entry.key] ??= { metas: [] }).metas.push(entry.meta);
  }
}

function ownedId(topic: string, key: string): string {
  return `${topic}\u0000${key}`;
}

function checkName(what: string, name: string, value: unknown): void {
  if (typeof value !== "string" || value === "" || value.length > 1024) {
    throw new TypeError(`presence.${what}: the ${name} must be a string of 1 to 1024 characters, got ${typeof value === "string" ? `${value.length} characters` : String(value)}.`);
  }
}

function checkMeta(what: string, meta: unknown): Record<string, unknown> {
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
    throw new TypeError(`presence.${what}: the meta must be a plain object, got ${Array.isArray(meta) ? "an array" : String(meta)}.`);
  }
  const json = encodeJSON(meta, `presence.${what}`);
  if (Buffer.byteLength(json) > MAX_META_BYTES) {
    throw new RangeError(`presence.${what}: the meta is ${Buffer.byteLength(json)} bytes as JSON, more than the ${MAX_META_BYTES} allowed.`);
  }
  // A copy: the caller's object may change later, the presence must not.
  return JSON.parse(json) as Record<string, unknown>;
}
