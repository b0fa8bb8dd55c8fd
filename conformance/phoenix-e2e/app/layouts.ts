/**
 * The layouts of upstream's test_helper.exs: the root layout (a doctype, then the page) and the
 * live layout of the `default` and `other` live sessions, with the same `<head>` content: the
 * CSRF meta tag, `window.hooks`, the Phoenix socket script, a view's `pre_script`, and the module
 * script that imports the LiveView client, the colocated hooks, the FormHook/FormStreamHook
 * hooks, the TestExternal uploader and `cascadePhxRemoveOnNavigation` from the query.
 *
 * Phoenix renders a live layout inside the view's container; LiveTSX's layout is around it, so
 * the same markup comes just before the container here (the specs address it by selector, not
 * by its parent).
 */
import { escapeHTML, type LayoutPage } from "@livetsx/server";

/** What the server tells a layout beyond the page: the client the run uses and the URL. */
export interface LayoutContext {
  client: "official" | "livetsx";
  url: string;
}

/** A live layout: the page's markup, `page.view` (the view's container) included. */
export type LiveLayout = (page: LayoutPage, ctx: LayoutContext) => string;

/** The root layout: upstream's root.html has no `<html>` or `<head>`, only a doctype. */
export function root(inner: string): string {
  return `<!DOCTYPE html> ${inner}`;
}

export const csrfMeta = (page: LayoutPage) => `<meta name="csrf-token" content="${escapeHTML(page.csrfToken)}" />`;

/** The module script of upstream's live.html. */
export const LIVE_SCRIPT = `<script type="module">
  import { LiveSocket } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";
  import { hooks as colocatedHooks } from "/assets/colocated/index.js";

  let Hooks = {};
  Hooks.FormHook = {
    mounted() {
      this.pushEvent("ping", {}, () => (this.el.innerText += "pong"));
    },
  };
  Hooks.FormStreamHook = {
    mounted() {
      this.pushEvent("ping", {}, () => (this.el.innerText += "pong"));
    },
  };
  let Uploaders = {};
  Uploaders.TestExternal = function (entries) {
    entries.forEach((entry) => {
      document.documentElement.dataset.externalUploadStarted = entry.ref;
      let upload = {
        abort() {
          document.documentElement.dataset.externalUploadAborted = entry.ref;
        },
      };
      entry.onCancel(() => upload.abort());
    });
  };
  let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");
  let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, {
    params: { _csrf_token: csrfToken },
    hooks: { ...Hooks, ...window.hooks, ...colocatedHooks },
    uploaders: Uploaders,
    cascadePhxRemoveOnNavigation:
      new URLSearchParams(window.location.search).get("cascadePhxRemoveOnNavigation") !== "false",
  });
  liveSocket.connect();
  window.liveSocket = liveSocket;
</script>`;

/** upstream's live.html, with an optional `pre_script` (form_unsaved_live sets one). */
export function liveLayout(options: { preScript?: string } = {}): LiveLayout {
  return (page) =>
    csrfMeta(page) +
    `<script>window.hooks = {};</script>` +
    `<script src="/assets/phoenix/phoenix.min.js"></script>` +
    (options.preScript ?? "") +
    LIVE_SCRIPT +
    `<style>* { font-size: 1.1rem; }</style>` +
    page.view;
}
