/**
 * The layouts the regression pages use besides the `default` session's: their own live layouts
 * (a LiveSocket with hooks of their own), the standard live layout with a `pre_script`, and
 * markup the root layout renders before everything (`render_in_root`). Phoenix renders a live
 * layout inside the view's container; LiveTSX's layouts are around it (see ../layouts.ts).
 */
import type { LayoutPage } from "@livetsx/server";
import { csrfMeta, liveLayout, type LiveLayout } from "../layouts.js";

const PHOENIX_SCRIPT = `<script src="/assets/phoenix/phoenix.min.js"></script>`;

/**
 * A live layout of a page's own: the CSRF meta tag, Phoenix's socket script and a module script
 * starting a LiveSocket with `options` (JavaScript: the entries after `params`, e.g. `hooks: {…}`),
 * then `wrap(page.view)`.
 */
export function ownLiveLayout({ options = "", global = false, style = "", wrap = (view: string) => view }: {
  /** The LiveSocket's options after `params`, as JavaScript source. @default none */
  options?: string;
  /** Sets `window.liveSocket`. @default false */
  global?: boolean;
  /** A stylesheet after the scripts. @default none */
  style?: string;
  /** The markup around the view's container. @default the container alone */
  wrap?: (view: string) => string;
}): LiveLayout {
  const script =
    `<script type="module">\n` +
    `import { LiveSocket } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";\n` +
    `let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");\n` +
    `let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, { params: { _csrf_token: csrfToken }, ${options} });\n` +
    `liveSocket.connect();\n` +
    (global ? `window.liveSocket = liveSocket;\n` : "") +
    `</script>`;
  return (page: LayoutPage) => csrfMeta(page) + PHOENIX_SCRIPT + script + (style ? `<style>${style}</style>` : "") + wrap(page.view);
}

/** The standard live layout with a `pre_script`: a script run before the LiveSocket starts. */
export function withPreScript(code: string): LiveLayout {
  return liveLayout({ preScript: `<script>${code}</script>` });
}

/** `render_in_root`: markup the root layout renders before the live layout. */
export function inRoot(html: string, layout: LiveLayout = liveLayout()): LiveLayout {
  return (page, ctx) => html + " " + layout(page, ctx);
}

/**
 * Colocated hooks, which LiveTSX lacks: the hook's code registered in `window.hooks` under the
 * name Phoenix gives a colocated hook (the module's name, then the hook's), as a `pre_script`.
 */
export function colocatedHook(name: string, code: string): string {
  return `window.hooks[${JSON.stringify(name)}] = ${code};`;
}
