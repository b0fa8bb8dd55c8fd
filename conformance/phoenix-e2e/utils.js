/**
 * What upstream's specs import from "../utils", for the LiveTSX port of their app. `syncLV`,
 * `randomString` and `attributeMutations` do what upstream's do. `evalLV` and `evalPlug` send
 * the Elixir snippet to the app, which answers it with the TypeScript equivalent listed in
 * app/eval-snippets.ts; a snippet not in that table fails the test, naming it.
 */
import { expect } from "@playwright/test";
import Crypto from "node:crypto";

export const randomString = (size = 21) => Crypto.randomBytes(size).toString("base64").slice(0, size);

/** Waits until the page's view is connected and no event is pending. */
export const syncLV = async (page) =>
  Promise.all([
    expect(page.locator(".phx-connected").first()).toBeVisible(),
    expect(page.locator(".phx-change-loading")).toHaveCount(0),
    expect(page.locator(".phx-click-loading")).toHaveCount(0),
    expect(page.locator(".phx-submit-loading")).toHaveCount(0),
  ]);

/**
 * Where the app really listens: the browser reaches it as upstream's http://localhost:4004,
 * Node's requests (evalLV, evalPlug) go to its run-time address.
 */
const APP = process.env.E2E_BASE_URL ?? "http://localhost:4004";

function answer(response, code) {
  if (response.error) throw new Error(`${response.error}\n(snippet: ${code.trim()})`);
  return response.result;
}

/**
 * Runs `code` inside the live view holding `selector` (default: the main view): the app finds
 * the view by its container id and runs the snippet's equivalent through its message queue.
 */
export const evalLV = async (page, code, selector = "[data-phx-main]") => {
  const view = await page.evaluate((selector) => {
    const el = document.querySelector(selector);
    return el?.closest("[data-phx-session]")?.id ?? null;
  }, selector);
  if (!view) throw new Error(`evalLV: no live view holds ${selector}`);
  const response = await page.request.post(`${APP}/__sandbox/eval`, { data: { view, code } });
  return answer(await response.json(), code);
};

/** Runs `code` in a request of its own (upstream: a new process). */
export const evalPlug = async (request, code) => {
  const response = await request.post(`${APP}/eval`, { data: { code } });
  return answer(await response.json(), code);
};

/** Per page, the observers `attributeMutations` is still installing. */
const installing = new WeakMap();

/**
 * Records the attribute changes of the element `selector` from now until the returned function
 * is called, which resolves to them (`{ attr, oldValue, newValue }`). The observer is installed
 * by a round trip to the page; specs wait for it with a `page.waitForTimeout(…)` right after
 * ("wait for the change listeners to be ready"), which the page fixture (test-fixtures.js) makes
 * a wait for the installation too, so a loaded machine cannot start it after the change.
 */
export const attributeMutations = (page, selector) => {
  const id = randomString(24).replace(/[^A-Za-z0-9]/g, "_");
  const installed = page.locator(selector).evaluate((target, id) => {
    const mutations = [];
    const record = (list) => {
      for (const mutation of list) {
        if (mutation.type === "attributes") {
          mutations.push({
            attr: mutation.attributeName,
            oldValue: mutation.oldValue,
            newValue: mutation.target.getAttribute(mutation.attributeName),
          });
        }
      }
    };
    const observer = new MutationObserver(record);
    observer.observe(target, { attributes: true, attributeOldValue: true });
    window[id] = () => {
      // Changes made but not yet delivered to the callback count too.
      record(observer.takeRecords());
      observer.disconnect();
      delete window[id];
      return mutations;
    };
  }, id);
  if (!installing.has(page)) installing.set(page, []);
  installing.get(page).push(installed);
  return async () => {
    await installed;
    return page.evaluate((id) => window[id](), id);
  };
};

/** Resolves once every observer `attributeMutations` began on `page` is installed. */
export const observersInstalled = async (page) => {
  const pending = installing.get(page) ?? [];
  installing.delete(page);
  await Promise.all(pending);
};
