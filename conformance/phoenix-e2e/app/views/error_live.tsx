/**
 * Port of support/error_live.ex (`/errors`, outside any live session, with a live layout of its
 * own: fast reloads and rejoins): a main view that crashes on demand (`?dead-mount=raise`,
 * `?connected-mount=raise`, the "boom" event) and shows the container's error classes, with
 * ChildLive nested in it (`?child`, `?connected-child-mount-raise=…`).
 *
 * Upstream's child talks to its parent's process: its connected mount sends the parent
 * `{:child_mounted, pid}` and waits for `:boom` (raise), `:ok`, or their `_link` forms (the child
 * links itself to the parent, so that its crash takes the parent down). Here the parent's
 * connected mount registers what it would answer under a key it passes in the child's session;
 * the child's connected mount reads it there, counts the failure, and for a linked child sends
 * the parent a message whose handler throws, as the link's exit would crash it.
 */
import { defineView, LiveView, type LayoutPage, type LiveSocket } from "@livetsx/server";
import { csrfMeta } from "../layouts.js";

/** ErrorLive's own live.html. */
export function errorLayout(page: LayoutPage): string {
  return (
    csrfMeta(page) +
    `<script src="/assets/phoenix/phoenix.min.js"></script>
<script type="module">
  import { LiveSocket } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";
  let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");
  let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, {
    params: { _csrf_token: csrfToken },
    reloadJitterMax: 50,
    reloadJitterMin: 50,
    maxReloads: 5,
    failsafeJitter: 1000,
    maxChildJoinTries: 3,
    // override Phoenix.Socket channel join backoff
    rejoinAfterMs: (_tries) => 50,
  });
  liveSocket.connect();
  window.liveSocket = liveSocket;
</script>` +
    page.view
  );
}

const STATES = () => (
  <>
    <p class="if-phx-error">Error</p>
    <p class="if-phx-client-error">Client Error</p>
    <p class="if-phx-server-error">Server Error</p>
    <p class="if-phx-disconnected">Disconnected</p>
    <p class="if-phx-loading">Loading</p>
  </>
);

const STYLE = ["error", "client-error", "server-error", "disconnected", "loading"]
  .map((s) => `[data-phx-session] .if-phx-${s} { display: none; } [data-phx-session].phx-${s} > .if-phx-${s} { display: block; }`)
  .join("\n");

type Assigns = { child: boolean; key: string | null };

/** What a parent answers its child's mount: fail `wantFails` times, and whether they are linked. */
type Parent = { wantFails: number; haveFails: number; link: boolean; socket: LiveSocket<Assigns> };

/** The joined parents by key; each leaves it when it terminates. Bounded: the oldest goes first. */
const parents = new Map<string, Parent>();
const MAX_PARENTS = 1000;
let nextKey = 0;

function register(parent: Parent): string {
  if (parents.size >= MAX_PARENTS) parents.delete(parents.keys().next().value!);
  const key = `parent-${++nextKey}`;
  parents.set(key, parent);
  return key;
}

/** The containers whose view mounted connected, bounded as `parents`. */
const mounted = new Set<string>();

function firstMount(id: string): boolean {
  if (mounted.has(id)) return false;
  if (mounted.size >= MAX_PARENTS) mounted.delete(mounted.values().next().value!);
  mounted.add(id);
  return true;
}

/**
 * The link's exit signal: the parent crashes once the child's own crash has been answered (its
 * join's error or its phx_error, sent within the current turn of the event loop), the order in
 * which upstream's socket process reports the two.
 */
function exitLinked(parent: Parent): void {
  parent.socket.sendAfter("linked child crashed", 0);
}

/** Upstream's ChildLive, rendered nested in ErrorLive. */
export const ChildLive = defineView({
  mount: (_params, session, socket: LiveSocket<{ connected: boolean; key: string | null }>) => {
    const key = typeof session.parent === "string" ? session.parent : null;
    socket.assign({ connected: socket.connected, key });
    const parent = socket.connected && key ? parents.get(key) : undefined;
    if (!parent || parent.haveFails >= parent.wantFails) return;
    parent.haveFails++;
    if (parent.link) exitLinked(parent);
    throw new Error("boom");
  },
  events: {
    boom: (_payload, socket: LiveSocket<{ connected: boolean; key: string | null }>) => {
      const parent = socket.assigns.key ? parents.get(socket.assigns.key) : undefined;
      if (parent?.link) exitLinked(parent);
      throw new Error("boom");
    },
  },
  render: ({ connected }: { connected: boolean }) => (
    <>
      {connected ? "Child connected" : "Child rendered (dead)"}
      <p id="child-render-time">child rendered at: {new Date().toISOString()}</p>
      <button phx-click="boom">Crash child</button>
      <STATES />
    </>
  ),
});

export default defineView({
  mount: (params, _session, socket: LiveSocket<Assigns>) => {
    if (params["dead-mount"] === "raise") throw new Error("boom");
    if (params["connected-mount"] === "raise" && socket.connected) throw new Error("boom");
    const raise = params["connected-child-mount-raise"];
    let parent: Omit<Parent, "socket"> | null = null;
    // As upstream: a linked child fails on the page's first connected mount only (upstream reads
    // the `_mounts` connect param, which LiveTSX keeps from the view: the page's container id
    // stands for it), so that the parent it takes down mounts it again without failing.
    if (raise === "link") parent = { wantFails: 1, haveFails: socket.connected && firstMount(socket.id) ? 0 : 1, link: true };
    else if (typeof raise === "string") parent = { wantFails: Number.parseInt(raise, 10), haveFails: 0, link: false };
    else if ("child" in params) parent = { wantFails: 0, haveFails: 0, link: false };
    const key = parent && socket.connected ? register({ ...parent, socket }) : null;
    socket.assign({ child: parent !== null, key });
  },
  terminate: (_reason, socket: LiveSocket<Assigns>) => {
    if (socket.assigns.key) parents.delete(socket.assigns.key);
  },
  handleInfo: (message) => {
    // The linked child's exit: the parent goes down with it.
    if (message === "linked child crashed") throw new Error("boom (linked child)");
  },
  events: {
    boom: () => {
      throw new Error("boom");
    },
  },
  render: ({ child, key }: Assigns) => (
    <>
      <p id="render-time">main rendered at: {new Date().toISOString()}</p>
      <button phx-click="boom">Crash main</button>
      <STATES />
      <div style="border: 1px solid lightgray; padding: 4px; margin-top: 16px;">
        {child && <LiveView module={ChildLive} id="child" session={key ? { parent: key } : {}} />}
      </div>
      <style>{STYLE}</style>
    </>
  ),
});
