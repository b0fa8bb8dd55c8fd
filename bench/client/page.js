/**
 * The page side of the client patch benchmark (bench/client/run.js bundles it with Vite and
 * serves it to headless Chromium). Two copies of one table live side by side in the page:
 *
 * - ours: the join's `rendered` merged into a `Rendered`, then per change `merge(diff)` and
 *   `patchView(root, rendered)`, which is what a LiveTSX view does with each diff;
 * - morphdom: the server's full HTML after the change, `morphdom(root, rootHTML)`, no options.
 *
 * Each step fetches the next change from the bench server (a diff from the real DiffEngine and
 * the server's full HTML for it), then times both sides on it with `performance.now()`. The
 * order flips every step, and a minor GC and a rendered frame come before each timed patch, so
 * neither side pays for the other's garbage or pending style and layout work.
 */
import morphdom from "morphdom";
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { Rendered } from "../../runtime-client/dist/rendered.js";
import { patchView } from "../../runtime-client/dist/dom-patch.js";

const now = () => performance.now();
// Chromium runs with --js-flags=--expose-gc; without it the benchmark still runs, with more noise.
const gc = typeof globalThis.gc === "function" ? () => globalThis.gc({ type: "minor" }) : () => {};
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** What a step changed: the label cell of row `index`, the caption (-1) or the table's class (-2). */
function labelOf(root, index) {
  if (index === -2) return root.querySelector("table")?.className;
  if (index < 0) return root.querySelector("caption")?.textContent;
  return root.querySelector("tbody")?.children[index]?.children[1]?.textContent;
}

/** The smallest step performance.now() shows (5 µs when cross-origin isolated, 100 µs if not). */
function timerResolution() {
  let smallest = Infinity;
  let last = now();
  for (let i = 0; i < 200000 && smallest > 0.001; i++) {
    const t = now();
    if (t > last) {
      smallest = Math.min(smallest, t - last);
      last = t;
    }
  }
  return smallest;
}

/** How much of morphdom's patch is parsing: the same HTML parsed alone. */
function measureParse(rootHTML) {
  gc();
  const t0 = now();
  const template = document.createElement("template");
  template.innerHTML = rootHTML;
  return now() - t0;
}

/** The page's HTML without our client's marks, to compare with the server's. */
const unmarked = (html) => html.replaceAll(/ data-phx-id="[^"]*"/g, "");
/** The official client's table without the attributes it adds (its magic ids), likewise. */
const officialUnmarked = (html) => html.replaceAll(/ data-phx-id="[^"]*"| data-phx-skip(?=[\s/>])/g, "");

/** One LiveSocket for the page, as a Phoenix page has; its socket never connects. */
let liveSocket = null;

/**
 * One table size: `warmup` untimed steps, then `rounds` timed ones. Returns per-round samples in
 * ms: ours (total and its merge / patch parts, and whether the patch touched the changed row
 * alone), morphdom, and, untimed for the headline, morphdom's HTML parsed alone.
 */
async function runSize({ n, kind, rounds, warmup }) {
  const host = document.getElementById("host");
  host.textContent = "";
  const oursRoot = document.createElement("div");
  oursRoot.id = `ours-${kind}-${n}`;
  const theirRoot = document.createElement("div");
  theirRoot.id = `morphdom-${kind}-${n}`;
  const officialRoot = document.createElement("div");
  officialRoot.id = `official-${kind}-${n}`;
  // What a Phoenix page's container carries before the join; the View reads its session.
  officialRoot.setAttribute("data-phx-session", "bench");
  officialRoot.setAttribute("data-phx-static", "");
  host.append(oursRoot, officialRoot, theirRoot);

  // The dead render in both roots, then our join: what a page does before its first diff.
  const init = await getJSON(`/data/${kind}/${n}/init`);
  init.officialJoin = structuredClone(init.join);
  oursRoot.innerHTML = init.html;
  theirRoot.innerHTML = init.html;
  const rendered = new Rendered();
  rendered.merge(init.join);
  if (rendered.toString() !== init.html) throw new Error(`N=${n}: Rendered.toString() of the join differs from the server's HTML`);
  patchView(oursRoot, rendered, {}, null, true);
  if (oursRoot.querySelector("tbody").children.length !== n) throw new Error(`N=${n}: the joined table does not have ${n} rows`);

  // The official client: the dead render in its container, then the join reply, as a page gets them.
  officialRoot.innerHTML = init.html;
  liveSocket ??= new LiveSocket("/live", Socket);
  const view = liveSocket.newRootView(officialRoot);
  view.onJoin({ rendered: init.officialJoin, liveview_version: liveSocket.version() });
  if (view.isJoinPending()) throw new Error(`N=${n}: the official view is still joining after its join reply`);
  if (officialUnmarked(officialRoot.innerHTML) !== init.html) throw new Error(`N=${n}: the official client's joined table differs from the server's HTML`);

  // Named functions, so that a CPU profile (PROFILE=1) tells the two sides apart.
  const sides = {
    ours: function timeLivetsx(step) {
      const diff = step.diff;
      const t0 = now();
      rendered.merge(diff);
      const t1 = now();
      const patched = patchView(oursRoot, rendered);
      const t2 = now();
      return { total: t2 - t0, merge: t1 - t0, patch: t2 - t1, alone: patched.length === 1 && patched[0] !== oursRoot };
    },
    official: function timeOfficial(step) {
      const diff = step.officialDiff;
      const t0 = now();
      // What the view's channel handler does with a "diff" message (requestDOMUpdate runs it at
      // once when no transition is pending, as here).
      let applied = false;
      view.applyDiff("update", diff, ({ diff, events }) => {
        applied = view.update(diff, events);
      });
      const t1 = now();
      if (!applied) throw new Error(`N=${n}: the official view did not apply a diff`);
      return { total: t1 - t0 };
    },
    morphdom: function timeMorphdom(step) {
      const rootHTML = step.rootHTML;
      const t0 = now();
      morphdom(theirRoot, rootHTML);
      const t1 = now();
      return { total: t1 - t0 };
    },
  };

  const samples = { order: [], ours: [], merge: [], patch: [], alone: [], official: [], morphdom: [], morphdomParse: [], rows: [] };
  // Three sides, in an order that rotates every step (each side first, middle and last in turn).
  const ORDERS = [
    ["ours", "official", "morphdom"],
    ["morphdom", "ours", "official"],
    ["official", "morphdom", "ours"],
    ["ours", "morphdom", "official"],
    ["official", "ours", "morphdom"],
    ["morphdom", "official", "ours"],
  ];
  const total = warmup + rounds;
  for (let i = 0; i < total; i++) {
    const step = await getJSON(`/data/${kind}/${n}/step/${i}`);
    step.rootHTML = `<div id="${theirRoot.id}">${step.html}</div>`;
    // Each client gets its own copy of the diff, as each would parse its own from the socket
    // (the official client's merge writes into the diff it is given).
    step.officialDiff = structuredClone(step.diff);
    const order = ORDERS[i % ORDERS.length];
    const result = {};
    for (const side of order) {
      await frame();
      gc();
      result[side] = sides[side](step);
    }
    // Both roots now show the change, and only on the row the diff named.
    for (const [side, root] of [["ours", oursRoot], ["official", officialRoot], ["morphdom", theirRoot]]) {
      const got = labelOf(root, step.index);
      if (got !== step.label) throw new Error(`N=${n} step ${i}: ${side} shows "${got}" in row ${step.index}, expected "${step.label}"`);
    }
    if (rendered.toString() !== step.html) throw new Error(`N=${n} step ${i}: Rendered.toString() after the diff differs from the server's HTML`);

    const morphdomParse = measureParse(step.rootHTML);

    if (i < warmup) continue;
    samples.order.push(order.join(","));
    samples.rows.push(step.index);
    samples.ours.push(result.ours.total);
    samples.merge.push(result.ours.merge);
    samples.patch.push(result.ours.patch);
    samples.alone.push(result.ours.alone);
    samples.official.push(result.official.total);
    samples.morphdom.push(result.morphdom.total);
    samples.morphdomParse.push(morphdomParse);
  }

  // The two tables end up identical, and equal to the server's last HTML.
  const last = await getJSON(`/data/${kind}/${n}/step/${total - 1}`);
  if (unmarked(oursRoot.innerHTML) !== last.html) throw new Error(`N=${n}: our table differs from the server's HTML at the end`);
  if (theirRoot.innerHTML !== last.html) throw new Error(`N=${n}: morphdom's table differs from the server's HTML at the end`);
  if (officialUnmarked(officialRoot.innerHTML) !== last.html) throw new Error(`N=${n}: the official client's table differs from the server's HTML at the end`);
  view.destroy();
  delete liveSocket.roots[view.id];
  host.textContent = "";
  return samples;
}

window.bench = {
  runSize,
  info: () => ({
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    gcExposed: typeof globalThis.gc === "function",
    timerResolutionMs: timerResolution(),
    userAgent: navigator.userAgent,
  }),
};
window.benchReady = true;
