/**
 * Port of support/portal.ex (`/portal`): PortalLive with its root layout (`#root-portal` after
 * the page's `<main>`) and live layout (`#app-portal` after the view's content, rendered here at
 * the end of the view, which is where Phoenix's live layout puts it), NestedLive and
 * NestedTeleportedLive as nested live views, the LC live component, and the PortalTooltip
 * component with its hook. The colocated hooks (`.InsidePortal`, LC's `.TeleportedLCButton`)
 * are in client/colocated.js under the names Phoenix gives them, as colocated_live's.
 * Upstream's layout loads Tailwind and `@floating-ui/dom` from CDNs; the suite runs offline, so
 * the classes the specs depend on are defined in the layout and `@floating-ui/dom` is served by
 * the app (server.mjs, `/assets/floating-ui/dom.mjs`, which imports `@floating-ui/core` through
 * the layout's import map).
 */
import { defineComponent, defineView, JS, LiveComponent, LiveView, Portal, type JSCommands, type LayoutPage, type LiveSocket, type LiveStream } from "@livetsx/server";
import { csrfMeta } from "../layouts.js";
import { FocusWrap } from "../issues/shared.tsx";

/** Tailwind's rules for the classes the specs see (visibility, position, size). */
const STYLE = `
[data-phx-session], [data-phx-teleported-src] { display: contents }
.hidden { display: none }
.block { display: block }
.contents { display: contents }
.inline-block { display: inline-block }
.flex { display: flex }
.fixed { position: fixed }
.absolute { position: absolute }
.relative { position: relative }
.inset-0 { inset: 0px }
.top-0 { top: 0px }
.right-0 { right: 0px }
.left-0 { left: 0px }
.top-6 { top: 1.5rem }
.right-5 { right: 1.25rem }
.z-50 { z-index: 50 }
.z-\\[100\\] { z-index: 100 }
.size-96 { width: 24rem; height: 24rem }
.size-32 { width: 8rem; height: 8rem }
.min-h-full { min-height: 100% }
.w-full { width: 100% }
.max-w-3xl { max-width: 48rem }
.items-center { align-items: center }
.justify-center { justify-content: center }
.overflow-y-auto { overflow-y: auto }
.overflow-hidden { overflow: hidden }
.p-14 { padding: 3.5rem }
.p-4 { padding: 1rem }
.bg-white { background: white }
.bg-gray-300 { background: rgb(209 213 219) }
.bg-red-500 { background: rgb(239 68 68) }
.bg-sky-800 { background: rgb(7 89 133); color: white }
.bg-zinc-50\\/90 { background: rgb(250 250 250 / 0.9) }
`;

/** The PortalTooltip hook of upstream's root layout, positioned with floating-ui. */
const TOOLTIP_HOOK = `{
  mounted() {
    this.tooltipEl = document.getElementById(this.el.dataset.id);
    this.activatorEl = this.el.querySelector(\`#\${this.el.dataset.id}-activator\`);
    this.activatorEl.addEventListener("focusin", () => this.queueShow());
    this.activatorEl.addEventListener("mouseover", () => this.queueShow());
    this.activatorEl.addEventListener("focusout", () => this.queueHide());
    this.activatorEl.addEventListener("mouseout", () => this.queueHide());
    this.el.addEventListener("phx:hide-tooltip", () => this.hide());
  },
  destroyed() {
    this.cleanup && this.cleanup();
  },
  queueShow() {
    clearTimeout(this.hideTimeout);
    this.showTimeout = setTimeout(() => this.show(), 200);
  },
  queueHide() {
    clearTimeout(this.showTimeout);
    this.hideTimeout = setTimeout(() => this.hide(), 50);
  },
  show() {
    this.cleanup && this.cleanup();
    this.cleanup = autoUpdate(this.activatorEl, this.tooltipEl, () => {
      computePosition(this.activatorEl, this.tooltipEl, {
        placement: this.el.dataset.position,
        middleware: [offset(10)],
      }).then(({ x, y }) => {
        this.tooltipEl.style.left = \`\${x}px\`;
        this.tooltipEl.style.top = \`\${y}px\`;
      });
    });
    this.liveSocket.execJS(this.el, this.el.dataset.show);
  },
  hide() {
    this.liveSocket.execJS(this.el, this.el.dataset.hide);
    this.cleanup && this.cleanup();
  },
}`;

/** PortalLive's root layout: the page in `<main>`, then `#root-portal`. */
export function portalLayout(page: LayoutPage): string {
  return (
    `<head>${csrfMeta(page)}<script src="/assets/phoenix/phoenix.min.js"></script><style>${STYLE}</style>
<script type="importmap">{ "imports": { "@floating-ui/core": "/assets/floating-ui/core.mjs" } }</script>
<script type="module">
  import { LiveSocket } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";
  import { computePosition, autoUpdate, offset } from "/assets/floating-ui/dom.mjs";
  import { hooks as colocatedHooks } from "/assets/colocated/index.js";
  let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");
  let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, {
    params: { _csrf_token: csrfToken },
    hooks: { ...colocatedHooks, PortalTooltip: ${TOOLTIP_HOOK} },
  });
  liveSocket.connect();
  window.liveSocket = liveSocket;
</script></head>` +
    `<body><main style="flex: 1; padding: 2rem;">${page.view}</main><div id="root-portal"></div></body>`
  );
}

const INSIDE_PORTAL = "Phoenix.LiveViewTest.E2E.PortalLive.InsidePortal";
const TELEPORTED_LC_BUTTON = "Phoenix.LiveViewTest.E2E.PortalLive.LC.TeleportedLCButton";

function Button({ class: className, children, ...rest }: { class?: string; children?: unknown; [attribute: string]: unknown }) {
  return (
    <button
      class={[
        "phx-submit-loading:opacity-75 rounded-lg bg-zinc-900 hover:bg-zinc-700 py-2 px-3",
        "text-sm font-semibold leading-6 text-white active:text-white/80",
        className,
      ]}
      {...rest}
    >
      {children}
    </button>
  );
}

function showIn(js: JSCommands<any>, selector: string): JSCommands<any> {
  return js.show({
    to: selector,
    time: 300,
    transition: ["transition-all ease-out duration-300", "opacity-0 translate-y-4 sm:translate-y-0 sm:scale-95", "opacity-100 translate-y-0 sm:scale-100"],
  });
}

function hideIn(js: JSCommands<any>, selector: string): JSCommands<any> {
  return js.hide({
    to: selector,
    time: 200,
    transition: ["transition-all ease-in duration-200", "opacity-100 translate-y-0 sm:scale-100", "opacity-0 translate-y-4 sm:translate-y-0 sm:scale-95"],
  });
}

function showModal(id: string, js: JSCommands<any> = JS): JSCommands<any> {
  const shown = js.show({ to: `#${id}` }).show({ to: `#${id}-bg`, time: 300, transition: ["transition-all ease-out duration-300", "opacity-0", "opacity-100"] });
  return showIn(shown, `#${id}-container`)
    .addClass("overflow-hidden", { to: "body" })
    .focusFirst({ to: `#${id}-content` });
}

function hideModal(id: string): JSCommands<any> {
  const hidden = JS.hide({ to: `#${id}-bg`, transition: ["transition-all ease-in duration-200", "opacity-100", "opacity-0"] });
  return hideIn(hidden, `#${id}-container`)
    .hide({ to: `#${id}`, transition: ["block", "block", "hidden"] })
    .removeClass("overflow-hidden", { to: "body" })
    .popFocus();
}

function Modal({ id, show = false, children }: { id: string; show?: boolean; children?: unknown }) {
  const cancel = JS.exec("data-cancel", { to: `#${id}` });
  return (
    <div id={id} phx-mounted={show ? showModal(id) : undefined} phx-remove={hideModal(id)} data-cancel={JS.exec("phx-remove")} class="relative z-50 hidden">
      <div id={`${id}-bg`} class="bg-zinc-50/90 fixed inset-0 transition-opacity" aria-hidden="true" />
      <div class="fixed inset-0 overflow-y-auto" aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`} role="dialog" aria-modal="true" tabindex="0">
        <div class="flex min-h-full items-center justify-center">
          <div class="w-full max-w-3xl p-4 sm:p-6 lg:py-8">
            <FocusWrap
              id={`${id}-container`}
              phx-window-keydown={cancel}
              phx-key="escape"
              phx-click-away={cancel}
              class="shadow-zinc-700/10 ring-zinc-700/10 relative hidden rounded-2xl bg-white p-14 shadow-lg ring-1 transition"
            >
              <div class="absolute top-6 right-5">
                <button phx-click={cancel} type="button" class="-m-3 flex-none p-3 opacity-20 hover:opacity-40" aria-label="close">
                  x
                </button>
              </div>
              <div id={`${id}-content`}>{children}</div>
            </FocusWrap>
          </div>
        </div>
      </div>
    </div>
  );
}

function showTooltip(id: string): JSCommands<any> {
  return JS.show({
    to: `#${id}`,
    transition: ["transform ease-out duration-200 transition origin-bottom", "scale-95 translate-y-0.5 opacity-0", "scale-100 translate-y-0 opacity-100"],
    display: "block",
    time: 200,
    blocking: false,
  });
}

function hideTooltip(id: string): JSCommands<any> {
  return JS.hide({ to: `#${id}`, transition: ["transition ease-in duration-100", "opacity-100", "opacity-0"], time: 100, blocking: false });
}

function TooltipBox({ id, children }: { id: string; children?: unknown }) {
  return (
    <div id={id} phx-mounted={JS.ignoreAttributes(["style"])} role="tooltip" class="hidden absolute top-0 left-0 z-50 bg-sky-800 text-white text-xs p-1">
      {children}
    </div>
  );
}

/** PortalTooltip.tooltip: `activator` is the activator slot, `children` the tooltip's content. */
function Tooltip({ id, portal = true, activator, children }: { id: string; portal?: boolean; activator: unknown; children?: unknown }) {
  return (
    <div
      id={`${id}-wrapper`}
      class="relative inline-block w-fit"
      phx-hook="PortalTooltip"
      data-id={id}
      data-show={showTooltip(id)}
      data-hide={hideTooltip(id)}
      data-position="top"
      phx-window-keydown={JS.dispatch("phx:hide-tooltip")}
      phx-key="escape"
    >
      <div id={`${id}-activator`} aria-describedby={id} data-activator>
        {activator}
      </div>
      {portal && (
        <Portal id={`${id}-portal`} target="body">
          <TooltipBox id={id}>{children}</TooltipBox>
        </Portal>
      )}
      {!portal && <TooltipBox id={id}>{children}</TooltipBox>}
    </div>
  );
}

interface Item {
  id: number;
  name: string;
}

/** PortalLive.LC: a stream, and a teleported button whose hook pushes to the component. */
export const LC = defineComponent<{ streams: { items: LiveStream<Item> } }>({
  update: (_props, socket) => {
    socket.stream("items", [
      { id: 1, name: "Item 1" },
      { id: 2, name: "Item 2" },
    ]);
  },
  events: {
    prepend: (_payload, socket) => {
      const rand = 1000 + Math.floor(Math.random() * 1000);
      socket.streamInsert("items", { id: rand, name: `Item ${rand}` }, { at: 0 });
    },
  },
  render: ({ streams, myself }) => (
    <div id="teleported-lc" class="border border-red-200">
      <h1>LiveComponent</h1>
      <ul id="stream-in-lc" phx-update="stream">
        {streams.items.map(([id, item]) => (
          <li key={id} id={id}>
            {item.name}
          </li>
        ))}
      </ul>
      <button phx-click="prepend" phx-target={myself}>
        Prepend item
      </button>
      <Portal id="teleported-from-lc-button" target="body">
        <button id="lcbtn" phx-hook={TELEPORTED_LC_BUTTON}>
          Prepend item (teleported)
        </button>
      </Portal>
    </div>
  ),
});

export const NestedTeleportedLive = defineView({
  mount: (_params, _session, socket) => socket.assign({}),
  events: { event: () => {} },
  render: () => (
    <div class="border border-green-200">
      <h1>Nested teleport LiveView</h1>
      <button phx-click="event">Toggle event in teleported LV</button>
    </div>
  ),
});

export const NestedLive = defineView({
  mount: (_params, _session, socket: LiveSocket<{ count: number }>) => socket.assign({ count: 0 }),
  events: { event: (_payload, socket: LiveSocket<{ count: number }>) => socket.update("count", (c) => c + 1) },
  render: ({ count }: { count: number }) => (
    <div class="border border-orange-200">
      <h1>Nested LiveView</h1>
      <p id="nested-event-count">{count}</p>
      <button phx-click="event">Trigger event in nested LV</button>
      <Portal id="nested-lv-button" target="body">
        <button phx-click="event">Trigger event in nested LV (from teleported button)</button>
      </Portal>
      <Portal id="nested-lv" target="body">
        <LiveView module={NestedTeleportedLive} id="nested-teleported" />
      </Portal>
    </div>
  ),
});

interface Assigns {
  param_current: string | null;
  param_next: number;
  count: number;
  render_modal: boolean;
  render_nested_portals: boolean;
  nested_portal_count: number;
}

let unique = 0;
/** The view's own second ticks (upstream's `:timer.send_interval`), apart from the specs' `:tick`. */
const INTERVAL = "interval";

export default defineView({
  mount: (params: Record<string, unknown>, _session, socket: LiveSocket<Assigns>) => {
    socket.assign({ param_current: null, count: 0, render_modal: true, render_nested_portals: true, nested_portal_count: 0, param_next: 0 });
    if (params.tick !== "false" && socket.connected) socket.sendAfter(INTERVAL, 1000);
  },
  handleParams: (params: Record<string, unknown>, _uri, socket: LiveSocket<Assigns>) =>
    socket.assign({ param_current: typeof params.param === "string" ? params.param : null, param_next: -576460752303423000 + ++unique }),
  handleInfo: (message, socket: LiveSocket<Assigns>) => {
    if (message === INTERVAL) socket.sendAfter(INTERVAL, 1000);
    else if (message !== "tick") return;
    socket.update("count", (c) => c + 1);
  },
  events: {
    tick: (_payload, socket: LiveSocket<Assigns>) => socket.update("count", (c) => c + 1),
    toggle_modal: (_payload, socket: LiveSocket<Assigns>) => socket.update("render_modal", (r) => !r),
    toggle_nested_portals: (_payload, socket: LiveSocket<Assigns>) => socket.update("render_nested_portals", (r) => !r),
    nested_portal_click: (_payload, socket: LiveSocket<Assigns>) => socket.update("nested_portal_count", (c) => c + 1),
  },
  render: ({ param_current, param_next, count, render_modal, render_nested_portals, nested_portal_count }: Assigns) => (
    <>
      <h1>Modal example</h1>
      <p>Current param: {param_current}</p>
      <Button phx-click={JS.patch(`/portal?param=${param_next}`)}>Patch this LiveView</Button>
      <Button phx-click={showModal("my-modal")}>Open modal</Button>
      <Button phx-click="toggle_modal">Toggle modal render</Button>
      <Button phx-click={showModal("my-modal-2").show({ to: "#inner-red-box" })}>Open second modal</Button>
      <Button phx-click={JS.push("tick")}>Tick</Button>
      <Button phx-click={JS.navigate("/form")}>Live navigate</Button>

      {render_modal && (
        <Portal id="portal-source" target="#root-portal">
          <Modal id="my-modal">
            This is a modal.
            <p>DOM patching works as expected: {count}</p>
            <Button phx-click={JS.patch(`/portal?param=${param_next}`)}>Patch this LiveView</Button>
          </Modal>
          <div id="hook-test" phx-hook={INSIDE_PORTAL}>
            This should get a data attribute
          </div>
        </Portal>
      )}

      <Portal id="portal-source-2" target="#app-portal">
        <Modal id="my-modal-2">
          This is a second modal.
          <Portal id="modal-2-inner-portal" target="#my-modal-2-content" class="contents">
            <div class="size-96 bg-gray-300 absolute top-0 right-0">
              <Portal id="modal-2-inner-portal-2" target="#my-modal-2-content" class="contents">
                <div id="inner-red-box" class="absolute top-0 right-0 bg-red-500 size-32" phx-click-away={JS.hide()}>
                  test
                </div>
              </Portal>
            </div>
          </Portal>
        </Modal>
      </Portal>

      <Portal id="portal-with-live-component" target="#root-portal">
        <LiveComponent module={LC} id="lc" />
      </Portal>

      <LiveView module={NestedLive} id="nested" />

      <div class="border border-sky-600 overflow-hidden mt-8 p-4 flex gap-4">
        <Tooltip id="tooltip-example-portal" activator={<Button>Hover me</Button>}>
          Hey there! {count}
        </Tooltip>
        <Tooltip id="tooltip-example-no-portal" portal={false} activator={<Button>Hover me (no portal)</Button>}>
          Hey there! {count}
        </Tooltip>
      </div>

      <div class="border border-purple-600 mt-8 p-4">
        <h2>Nested Portal Test</h2>
        <Button phx-click="toggle_nested_portals">Toggle nested portals</Button>
        <p>
          Nested portal count: <span id="nested-portal-count">{nested_portal_count}</span>
        </p>
        {render_nested_portals && (
          <Portal id="nested-portal-source" target="#root-portal">
            <div id="outer-portal" class="border border-blue-400 p-4 m-2">
              <h3>Outer Portal</h3>
              <Portal id="inner-portal-source" target="body">
                <div id="inner-portal" class="border border-green-400 p-2 m-2">
                  <h4>Inner Portal (nested inside outer)</h4>
                  <p id="nested-portal-content">Tick count: {count}</p>
                  <Button phx-click="nested_portal_click">Click nested portal button</Button>
                </div>
              </Portal>
            </div>
          </Portal>
        )}
      </div>

      <Modal id="non-teleported-modal">
        This is a non-teleported modal. Open the menu and click an item. The modal must not close.
        <Button phx-click={JS.show({ to: "#teleported-menu-content" })}>Open menu</Button>
        <Portal id="teleported-menu" target="body">
          <div id="teleported-menu-content" class="hidden z-[100] fixed top-0 left-0 border border-red-500 p-4 bg-white">
            <Button phx-click={JS.hide({ to: "#teleported-menu-content" })}>Close menu</Button>
          </div>
        </Portal>
      </Modal>

      <Button phx-click={showModal("non-teleported-modal")}>Open non-teleported modal</Button>
      <div id="app-portal"></div>
    </>
  ),
});
