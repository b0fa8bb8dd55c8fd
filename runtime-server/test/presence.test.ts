/**
 * Presence: metas grouped by key, `presence_diff` joins and leaves delivered to subscribed views,
 * a view that goes away untracked; across nodes (an in-process cluster of adapters), a node's
 * state reaching a node that starts later, a lost message healed, and a dead node's presences
 * removed within the bound, by heartbeats or by a registry.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { mount } from "../src/testing/index.js";
import { LocalPubSub, type NodeRegistry, type PubSubAdapter, type PubSubListener } from "../src/pubsub.js";
import { MAX_META_BYTES, MAX_TRACKED_PER_VIEW, Presence, PRESENCE_TOPIC, type PresenceDiff } from "../src/presence.js";
import type { LiveSocket, SocketHost } from "../src/socket.js";
import Lobby from "./views/lobby.tsx";

/** Nodes in one process: each serves its own subscribers, a broadcast reaches every node in the cluster. */
class Cluster {
  readonly nodes = new Set<Node>();
  /** Presence messages to lose, as a network outage would. */
  lose = 0;
}

class Node implements PubSubAdapter {
  readonly local: LocalPubSub;
  constructor(
    readonly cluster: Cluster,
    readonly nodeId: string,
    readonly nodes?: NodeRegistry,
  ) {
    this.local = new LocalPubSub({ nodeId });
    cluster.nodes.add(this);
  }
  subscribe(topic: string, listener: PubSubListener): () => void {
    return this.local.subscribe(topic, listener);
  }
  broadcast(topic: string, message: unknown): void {
    this.broadcastFrom(undefined, topic, message);
  }
  broadcastFrom(exclude: PubSubListener | undefined, topic: string, message: unknown): void {
    if (!this.cluster.nodes.has(this)) return;
    if (topic === PRESENCE_TOPIC && this.cluster.lose > 0) {
      this.cluster.lose--;
      return;
    }
    const copy: unknown = JSON.parse(JSON.stringify(message));
    for (const node of this.cluster.nodes) node.local.deliverFrom(this.nodeId, topic, copy, node === this ? exclude : undefined);
  }
  localBroadcast(topic: string, message: unknown): void {
    this.local.localBroadcast(topic, message);
  }
  /** The process dies: nothing more goes out or comes in, and nothing is said. */
  die(): void {
    this.cluster.nodes.delete(this);
  }
}

/** A view as Presence sees it: its socket, and its exit. */
function fakeView(): { socket: LiveSocket<any>; exit(): void } {
  const exits = new Set<() => void>();
  const owner: Pick<SocketHost, "onExit"> = {
    onExit: (cleanup) => {
      exits.add(cleanup);
      return () => exits.delete(cleanup);
    },
  };
  return {
    socket: { owner } as unknown as LiveSocket<any>,
    exit: () => {
      for (const cleanup of exits) cleanup();
    },
  };
}

/** The diffs delivered to `topic`'s subscribers on `pubsub`. */
function diffsOf(pubsub: PubSubAdapter, topic: string): PresenceDiff["payload"][] {
  const diffs: PresenceDiff["payload"][] = [];
  pubsub.subscribe(topic, (message) => {
    const diff = message as PresenceDiff;
    if (diff.event === "presence_diff") diffs.push(diff.payload);
  });
  return diffs;
}

/** The keys of a list with each key's metas without their refs. */
function plain(list: Record<string, { metas: Record<string, unknown>[] }>): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(Object.entries(list).map(([key, { metas }]) => [key, metas.map(({ phx_ref: _r, phx_ref_prev: _p, ...meta }) => meta)]));
}

const presences: Presence[] = [];
function presenceOn(pubsub: PubSubAdapter): Presence {
  const presence = new Presence(pubsub);
  presences.push(presence);
  return presence;
}

afterEach(async () => {
  await Promise.all(presences.splice(0).map((p) => p.close()));
  vi.useRealTimers();
});

describe("one node", () => {
  test("list groups metas by key, several per key, each with a phx_ref; diffs reach the topic's subscribers", async () => {
    const pubsub = new LocalPubSub();
    const presence = presenceOn(pubsub);
    const diffs = diffsOf(pubsub, "room");
    const [tab1, tab2, other] = [fakeView(), fakeView(), fakeView()];
    const ref1 = presence.track(tab1.socket, "room", "ada", { tab: 1 });
    presence.track(tab2.socket, "room", "ada", { tab: 2 });
    presence.track(other.socket, "room", "bob", { tab: 1 });
    expect(plain(presence.list("room"))).toEqual({ ada: [{ tab: 1 }, { tab: 2 }], bob: [{ tab: 1 }] });
    expect(presence.list("room").ada!.metas[0]!.phx_ref).toBe(ref1);
    expect(presence.list("elsewhere")).toEqual({});
    await vi.waitFor(() => expect(diffs).toHaveLength(3));
    expect(diffs[0]).toEqual({ joins: { ada: { metas: [{ tab: 1, phx_ref: ref1 }] } }, leaves: {} });
    presence.untrack(tab1.socket, "room", "ada");
    await vi.waitFor(() => expect(diffs).toHaveLength(4));
    expect(diffs[3]).toEqual({ joins: {}, leaves: { ada: { metas: [{ tab: 1, phx_ref: ref1 }] } } });
    expect(plain(presence.list("room"))).toEqual({ ada: [{ tab: 2 }], bob: [{ tab: 1 }] });
  });

  test("update: the old meta leaves and the new one joins with phx_ref_prev", async () => {
    const pubsub = new LocalPubSub();
    const presence = presenceOn(pubsub);
    const diffs = diffsOf(pubsub, "room");
    const view = fakeView();
    const ref = presence.track(view.socket, "room", "ada", { status: "here" });
    const next = presence.update(view.socket, "room", "ada", (meta) => ({ ...meta, status: "away" }));
    expect(next).not.toBe(ref);
    expect(presence.list("room")).toEqual({ ada: { metas: [{ status: "away", phx_ref: next, phx_ref_prev: ref }] } });
    await vi.waitFor(() => expect(diffs).toHaveLength(2));
    expect(diffs[1]).toEqual({
      joins: { ada: { metas: [{ status: "away", phx_ref: next, phx_ref_prev: ref }] } },
      leaves: { ada: { metas: [{ status: "here", phx_ref: ref }] } },
    });
  });

  test("a view that goes away untracks everything it tracked", async () => {
    const pubsub = new LocalPubSub();
    const presence = presenceOn(pubsub);
    const view = fakeView();
    presence.track(view.socket, "room", "ada");
    presence.track(view.socket, "hall", "ada");
    view.exit();
    expect(presence.list("room")).toEqual({});
    expect(presence.list("hall")).toEqual({});
  });

  test("bad input is refused with an error naming it", () => {
    const presence = presenceOn(new LocalPubSub());
    const view = fakeView();
    presence.track(view.socket, "room", "ada");
    expect(() => presence.track(view.socket, "room", "ada")).toThrow('this view already tracks "ada" on "room"; call presence.update');
    expect(() => presence.update(view.socket, "room", "bob", {})).toThrow('does not track "bob" on "room"');
    expect(() => presence.track(view.socket, "room", "cy", { at: new Date() })).toThrow("message.at is a Date, not a plain object");
    expect(() => presence.track(view.socket, "room", "cy", { big: "x".repeat(MAX_META_BYTES) })).toThrow(`more than the ${MAX_META_BYTES} allowed`);
    expect(() => presence.track(view.socket, "", "cy")).toThrow("the topic must be a string of 1 to 1024 characters");
    expect(() => presence.track({} as LiveSocket<any>, "room", "cy")).toThrow("needs the socket of a connected view");
    for (let i = 1; i < MAX_TRACKED_PER_VIEW; i++) presence.track(view.socket, "room", `k${i}`);
    expect(() => presence.track(view.socket, "room", "one-too-many")).toThrow(`at most ${MAX_TRACKED_PER_VIEW} keys`);
  });
});

describe("in views (socket.presence)", () => {
  test("views see each other join and leave in handleInfo; a closed view's presence goes", async () => {
    const pubsub = new LocalPubSub();
    const ada = await mount(Lobby, { params: { name: "ada" }, pubsub });
    const bob = await mount(Lobby, { params: { name: "bob", tab: "7" }, pubsub });
    await ada.settled();
    expect(ada.find("#online-bob").attr("data-tabs")).toBe("1");
    expect(ada.find("#online-ada").attr("data-tabs")).toBe("1");
    const diffs = JSON.parse(ada.find("#diffs").text) as PresenceDiff["payload"][];
    expect(plain(diffs.at(-1)!.joins)).toEqual({ bob: [{ tab: "7" }] });
    await bob.close();
    await ada.settled();
    expect(ada.has("#online-bob")).toBe(false);
    const after = JSON.parse(ada.find("#diffs").text) as PresenceDiff["payload"][];
    expect(plain(after.at(-1)!.leaves)).toEqual({ bob: [{ tab: "7" }] });
  });

  test("the HTTP render lists nobody; the joined view lists itself", async () => {
    const pubsub = new LocalPubSub();
    const view = await mount(Lobby, { params: { name: "cy" }, pubsub });
    expect(view.deadHtml()).not.toContain("online-cy");
    expect(view.find("#online-cy").text).toBe("cy");
  });
});

describe("several nodes", () => {
  test("a node that starts later gets the others' presences; changes travel both ways", async () => {
    const cluster = new Cluster();
    const a = new Node(cluster, "A");
    const presenceA = presenceOn(a);
    const view = fakeView();
    presenceA.track(view.socket, "room", "ada", { node: "A" });
    const b = new Node(cluster, "B");
    const diffsB = diffsOf(b, "room");
    const presenceB = presenceOn(b);
    await vi.waitFor(() => expect(plain(presenceB.list("room"))).toEqual({ ada: [{ node: "A" }] }));
    expect(diffsB.flatMap((d) => Object.keys(d.joins))).toEqual(["ada"]);
    const there = fakeView();
    presenceB.track(there.socket, "room", "ada", { node: "B" });
    await vi.waitFor(() => expect(plain(presenceA.list("room"))).toEqual({ ada: [{ node: "A" }, { node: "B" }] }));
    there.exit();
    await vi.waitFor(() => expect(plain(presenceA.list("room"))).toEqual({ ada: [{ node: "A" }] }));
  });

  test("a lost message is found missing by the next heartbeat and the state sent again", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    const cluster = new Cluster();
    const a = new Node(cluster, "A");
    const b = new Node(cluster, "B");
    const presenceA = presenceOn(a);
    const presenceB = presenceOn(b);
    await vi.advanceTimersByTimeAsync(0);
    cluster.lose = 1;
    presenceA.track(fakeView().socket, "room", "ada");
    await vi.advanceTimersByTimeAsync(0);
    expect(presenceB.list("room")).toEqual({});
    await vi.advanceTimersByTimeAsync(1000);
    expect(Object.keys(presenceB.list("room"))).toEqual(["ada"]);
  });

  test("without a registry, a node silent for the timeout has its presences removed, not before", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    const cluster = new Cluster();
    const a = new Node(cluster, "A");
    const b = new Node(cluster, "B");
    const presenceA = presenceOn(a);
    const presenceB = presenceOn(b);
    const diffsB = diffsOf(b, "room");
    presenceA.track(fakeView().socket, "room", "ada");
    await vi.advanceTimersByTimeAsync(2000);
    expect(Object.keys(presenceB.list("room"))).toEqual(["ada"]);
    a.die();
    await vi.advanceTimersByTimeAsync(4000);
    expect(Object.keys(presenceB.list("room"))).toEqual(["ada"]);
    // 5 s of silence (the default timeout), seen at the next heartbeat.
    await vi.advanceTimersByTimeAsync(2000);
    expect(presenceB.list("room")).toEqual({});
    expect(Object.keys(diffsB.at(-1)!.leaves)).toEqual(["ada"]);
  });

  test("with a registry, a node it stops listing loses its presences; a restarted registry waits a whole TTL", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    const alive = new Set(["A", "B"]);
    let reachable = true;
    const registry = (self: string): NodeRegistry => ({
      interval: 100,
      ttl: 500,
      heartbeat: async () => {
        if (!reachable) throw new Error("registry down");
        return [...alive, self];
      },
      leave: async () => undefined,
    });
    const cluster = new Cluster();
    const a = new Node(cluster, "A", registry("A"));
    const b = new Node(cluster, "B", registry("B"));
    const presenceA = presenceOn(a);
    const presenceB = presenceOn(b);
    presenceA.track(fakeView().socket, "room", "ada");
    await vi.advanceTimersByTimeAsync(1000);
    expect(Object.keys(presenceB.list("room"))).toEqual(["ada"]);
    // While the registry is unreachable nobody is declared dead.
    reachable = false;
    alive.delete("A");
    await vi.advanceTimersByTimeAsync(1000);
    expect(Object.keys(presenceB.list("room"))).toEqual(["ada"]);
    // Back, it must have answered for a TTL before its answers count.
    reachable = true;
    await vi.advanceTimersByTimeAsync(300);
    expect(Object.keys(presenceB.list("room"))).toEqual(["ada"]);
    await vi.advanceTimersByTimeAsync(300);
    expect(presenceB.list("room")).toEqual({});
    // A's late messages are ignored while the registry does not list it.
    await vi.advanceTimersByTimeAsync(300);
    expect(presenceB.list("room")).toEqual({});
    // Listed again (a partition healed), it is asked for its state.
    alive.add("A");
    await vi.advanceTimersByTimeAsync(300);
    expect(Object.keys(presenceB.list("room"))).toEqual(["ada"]);
  });

  test("a node that closes takes its presences off the others at once", async () => {
    const cluster = new Cluster();
    const presenceA = new Presence(new Node(cluster, "A"));
    const presenceB = presenceOn(new Node(cluster, "B"));
    presenceA.track(fakeView().socket, "room", "ada");
    await vi.waitFor(() => expect(Object.keys(presenceB.list("room"))).toEqual(["ada"]));
    await presenceA.close();
    await vi.waitFor(() => expect(presenceB.list("room")).toEqual({}));
  });
});
