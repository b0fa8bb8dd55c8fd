/**
 * What upstream's specs import from "../test-fixtures": Playwright's `test` with the same page
 * checks as upstream's (no unhandled error in the page unless `ignoreJSErrors`, and no
 * `[data-phx-skip]` element left in the DOM when the test ends), and `expect`. Upstream's
 * coverage report (monocart) is left out: it measures the official client's code. The browser
 * reaches the app as upstream's http://localhost:4004 (the runner maps it to the app's port);
 * `request`, Node's own HTTP client, is given the app's run-time address instead.
 */
import { test as base, expect } from "@playwright/test";

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
    await use(page);
    if (!ignoreJSErrors) base.expect(unhandled, "Detected an unhandled JavaScript Error!").toEqual([]);
    await expect(page.locator("[data-phx-skip]")).toHaveCount(0);
  },
});

export { test, expect };
