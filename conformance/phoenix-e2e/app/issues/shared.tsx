/**
 * What several regression pages share: Elixir's `inspect` for the values the pages print,
 * Phoenix's `<.focus_wrap>` markup, and the pieces of the live layouts that some pages render
 * themselves (in Phoenix a live layout is rendered inside the LiveView's container, so a page
 * with a layout of its own writes its `<script>`s into its own render here too).
 */
import { raw } from "@livetsx/server";

/** An Elixir atom, for {@link inspect}: `atom("bar")` prints `:bar`. */
export class Atom {
  constructor(readonly name: string) {}
}

export function atom(name: string): Atom {
  return new Atom(name);
}

/**
 * Elixir's `inspect/1` for the values the pages print: `nil`, booleans, numbers, strings
 * (`"foo"`), atoms (`:bar`), lists (`["foo", "bar"]`) and maps (`%{"info" => "Hi"}`).
 */
export function inspect(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  if (value instanceof Atom) return `:${value.name}`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(inspect).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)} => ${inspect(v)}`);
    return `%{${entries.join(", ")}}`;
  }
  return String(value);
}

/**
 * Phoenix's `<.focus_wrap>`: a container with the `Phoenix.FocusWrap` hook between two
 * focusable guards that send Tab back into it.
 */
export function FocusWrap({ id, children, ...rest }: { id: string; children?: unknown; [attribute: string]: unknown }) {
  return (
    <div id={id} phx-hook="Phoenix.FocusWrap" {...rest}>
      <span id={`${id}-start`} tabindex="0" aria-hidden="true"></span>
      {children}
      <span id={`${id}-end`} tabindex="0" aria-hidden="true"></span>
    </div>
  );
}

/** The CSRF meta tag and Phoenix's socket script, which every live layout starts with. */
export function LayoutHead({ csrfToken }: { csrfToken: string }) {
  return (
    <>
      <meta name="csrf-token" content={csrfToken} />
      <script src="/assets/phoenix/phoenix.min.js"></script>
    </>
  );
}

/**
 * A module script that starts a LiveSocket with the given options (JavaScript source of an
 * object literal's entries after `params`), as the pages with layouts of their own do.
 */
export function LiveSocketScript({ options = "", global = false }: { options?: string; global?: boolean }) {
  return (
    <script type="module">
      {raw(
        `import { LiveSocket } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";\n` +
          `let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");\n` +
          `let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, { params: { _csrf_token: csrfToken }, ${options} });\n` +
          `liveSocket.connect();\n` +
          (global ? `window.liveSocket = liveSocket;\n` : ""),
      )}
    </script>
  );
}

/** The standard live layout's script (test_helper.exs's `live.html`), for the layouts that embed it. */
const STANDARD_SCRIPT = `
import { LiveSocket } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";
import { hooks as colocatedHooks } from "/assets/colocated/index.js";
let Hooks = {};
Hooks.FormHook = { mounted() { this.pushEvent("ping", {}, () => (this.el.innerText += "pong")); } };
Hooks.FormStreamHook = { mounted() { this.pushEvent("ping", {}, () => (this.el.innerText += "pong")); } };
let Uploaders = {};
Uploaders.TestExternal = function (entries) {
  entries.forEach((entry) => {
    document.documentElement.dataset.externalUploadStarted = entry.ref;
    let upload = { abort() { document.documentElement.dataset.externalUploadAborted = entry.ref; } };
    entry.onCancel(() => upload.abort());
  });
};
let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");
let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, {
  params: { _csrf_token: csrfToken },
  hooks: { ...Hooks, ...window.hooks, ...colocatedHooks },
  uploaders: Uploaders,
  cascadePhxRemoveOnNavigation: new URLSearchParams(window.location.search).get("cascadePhxRemoveOnNavigation") !== "false",
});
liveSocket.connect();
window.liveSocket = liveSocket;
`;

/** test_helper.exs's standard live layout without its inner content, as 3047 and 3681 render it. */
export function StandardLiveLayout({ csrfToken }: { csrfToken: string }) {
  return (
    <>
      <meta name="csrf-token" content={csrfToken} />
      <script>{raw("window.hooks = {};")}</script>
      <script src="/assets/phoenix/phoenix.min.js"></script>
      <script type="module">{raw(STANDARD_SCRIPT)}</script>
      <style>{raw("* { font-size: 1.1rem; }")}</style>
    </>
  );
}

/** An inline script written as it is (the pages' `pre_script` and `render_in_root` scripts). */
export function InlineScript({ code }: { code: string }) {
  return <script>{raw(code)}</script>;
}

/** An inline stylesheet written as it is. */
export function InlineStyle({ css }: { css: string }) {
  return <style>{raw(css)}</style>;
}
