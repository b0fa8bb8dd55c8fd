/**
 * `@livetsx/server/testing`: views tested without a browser. `mount(View)` runs the real server
 * (HTTP render, then the join over the channel protocol, in memory) and keeps the page as the
 * client would; actions send what the official client sends for the element they name.
 *
 * Importing it adds the `toRedirect`, `toNavigate` and `toPatch` matchers to vitest's `expect`
 * and closes each view when the test that mounted it finishes.
 */
import { onTestFinished } from "vitest";
import { setOnOpen } from "./test-view.js";
import "./matchers.js";

export { mount, type MountOptions } from "./mount.js";
export { closeAll, TestView, type SettleOptions } from "./test-view.js";
export { NavigationError, type ActionResult } from "./navigation.js";
export { Found, type TextFilter } from "./found.js";
export type { FormValues } from "./events.js";
export { FileInput, type FileSpec } from "./uploads.js";

// A view mounted in a test closes when the test finishes; one mounted in a `beforeAll` stays
// open for the tests after it (close it in `afterAll`).
setOnOpen((view) => {
  try {
    onTestFinished(() => view.close());
  } catch {
    // Not inside a test.
  }
});
