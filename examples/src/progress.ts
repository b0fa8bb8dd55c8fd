/**
 * A progress bar at the top of the page while a live page loads: `topbar` (a small, dependency
 * free bar on a canvas), shown on `phx:page-loading-start` and hidden on `phx:page-loading-stop`,
 * which both clients send around a join, a live navigation and a live patch. It shows only
 * after 200 ms, so quick navigations do not flash it.
 */
import topbarModule, { type Topbar } from "topbar";

// topbar is CommonJS: bundlers hand its module.exports over as the default export, which its
// types describe as the module's `default`.
const topbar: Topbar = "config" in topbarModule ? (topbarModule as unknown as Topbar) : (topbarModule as { default: Topbar }).default;

topbar.config({ barColors: { 0: "#7c3aed" }, shadowColor: "rgba(0, 0, 0, .3)", className: "page-progress" });
window.addEventListener("phx:page-loading-start", () => topbar.show(200));
window.addEventListener("phx:page-loading-stop", () => topbar.hide());
