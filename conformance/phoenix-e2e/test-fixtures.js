/**
 * What upstream's specs import from "../test-fixtures": Playwright's `test` with the same page
 * checks as upstream's (no unhandled error in the page unless `ignoreJSErrors`, and no
 * `[data-phx-skip]` element left in the DOM when the test ends), and `expect`. Upstream's
 * coverage report (monocart) is left out: it measures the official client's code. The browser
 * reaches the app as upstream's http://localhost:4004 (the runner maps it to the app's port);
 * `request`, Node's own HTTP client, is given the app's run-time address instead. A fixed wait
 * (`page.waitForTimeout`) also waits for the attribute observers begun before it (utils.js).
 */
import { test as base, expect } from "@playwright/test";
import { observersInstalled } from "./utils.js";

const test = base.extend({
  request: async ({ playwright }, use) => {
    const request = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
    await use(request);
    await request.dispose();
  },

  ignoreJSErrors: [false, { option: true }],

  page: async ({ page, ignoreJSErrors }, use) => {
    const unhandled = [];
    page.on("pageerror", (error) => unhandled.push(error));
    // A spec's fixed wait after `attributeMutations` is a wait for its observers to be ready:
    // it also waits until they are installed (see utils.js).
    const waitForTimeout = page.waitForTimeout.bind(page);
    page.waitForTimeout = async (ms) => {
      await waitForTimeout(ms);
      await observersInstalled(page);
    };
    await use(page);
    if (!ignoreJSErrors) base.expect(unhandled, "Detected an unhandled JavaScript Error!").toEqual([]);
    await expect(page.locator("[data-phx-skip]")).toHaveCount(0);
  },
});

export { test, expect };
