/**
 * Every demo page's HTTP render is the same, byte for byte, whether its lists render through the
 * entry HTML functions the compiler writes or walk each entry's tree.
 */
import { expect, test } from "vitest";
import { mount } from "@livetsx/server/testing";
import { routes } from "../../src/routes.ts";

// The panels' work takes no time here (the demo waits, to show them arriving one by one).
Object.assign((globalThis as unknown as { dashboardDelays: Record<string, number> }).dashboardDelays, { visitors: 0, revenue: 0, errors: 0 });

/**
 * What differs between two HTTP renders of one page: the view's id, the tokens signed for it, and
 * the numbers its live components get (a counter of the process's dead renders), kept in order.
 */
function normalised(page: string): string {
  const cids = new Map<string, number>();
  page = page.replace(/phx-target="(\d+)"/g, (_, cid: string) => `phx-target="cid-${cids.get(cid) ?? cids.set(cid, cids.size).size - 1}"`);
  const ids = [...page.matchAll(/ id="(phx-[^"]+)"/g)].map((m) => m[1]!);
  let out = page
    .replace(/data-phx-(session|static)="[^"]*"/g, 'data-phx-$1=""')
    .replace(/<meta name="csrf-token" content="[^"]*">/, "")
    .replace(/name="_csrf_token" value="[^"]*"/g, 'name="_csrf_token" value=""');
  ids.forEach((id, i) => (out = out.replaceAll(id, `view-${i}`)));
  return out;
}

/** The URL each page is opened at: the chat names its guests by a counter unless it is given a name. */
const urlOf = (path: string) => (path === "/chat" ? "/chat?name=ann" : path);

async function deadPage(path: string, entryHTML: boolean): Promise<string> {
  const view = await mount(routes[path as keyof typeof routes] as never, { url: urlOf(path), route: path, server: { entryHTML } });
  // The page as the server sent it: `deadHtml()` parses it, which would hide a byte's difference.
  return (view as unknown as { deadPage: string }).deadPage;
}

test.each(Object.keys(routes))("%s: the lists' entry HTML functions give the tree's page", async (path) => {
  const fast = await deadPage(path, true);
  const tree = await deadPage(path, false);
  expect(fast).toContain('data-phx-main');
  expect(normalised(fast)).toBe(normalised(tree));
});
