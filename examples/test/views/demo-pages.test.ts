/** The dashboard, feed and stats demos in the view harness. */
import { expect, test } from "vitest";
import { mount } from "@livetsx/server/testing";
import Dashboard from "../../src/views/dashboard.tsx";
import Feed, { PAGE, TOTAL } from "../../src/views/feed.tsx";
import Stats from "../../src/views/stats.tsx";

// The panels' work takes no time here (the demo waits, to show them arriving one by one).
Object.assign((globalThis as unknown as { dashboardDelays: Record<string, number> }).dashboardDelays, { visitors: 0, revenue: 0, errors: 0 });

test("dashboard: each panel is loading in the first render, then shows its figure; the failed one retries", async () => {
  const view = await mount(Dashboard, { url: "/dashboard" });
  expect(view.deadHtml()).toContain("Loading visitors…");
  expect(view.deadHtml()).toContain("Loading errors…");
  await view.settled();
  expect(view.find("#visitors .figure").text).toBe("1,284");
  expect(view.find("#revenue .figure").text).toBe("48,210 EUR");
  expect(view.find("#errors .failed p").text).toBe("Could not load: the error tracker did not answer");
  await view.click("#retry");
  await view.settled();
  expect(view.find("#errors li").texts).toEqual(["TypeError in checkout.ts:41", "Timeout calling the payment API"]);
  expect(view.find("#errors .attempts").text).toBe("attempts: 2");
  expect(view.has("#retry")).toBe(false);
});

test("feed: the first page of the stream, and the binding that asks for the next", async () => {
  const view = await mount(Feed, { url: "/feed" });
  expect(view.find("#posts > li").attrs("id")).toEqual(Array.from({ length: PAGE }, (_, i) => `posts-${TOTAL - i}`));
  expect(view.find("#posts").attr("phx-update")).toBe("stream");
  expect(view.find("#posts").attr("phx-viewport-bottom")).toBe("load-more");
  expect(view.find("#loaded").text).toBe(String(PAGE));
});

test("stats: the chart's events are answered with the range's figures", async () => {
  const view = await mount(Stats, { url: "/stats" });
  const week = await view.hook("#chart").pushEvent("series", { range: "week" });
  expect(week.reply).toMatchObject({ range: "week", points: expect.arrayContaining([{ label: "M", value: 24 }]) });
  expect((week.reply as { points: unknown[] }).points).toHaveLength(7);
  const month = await view.hook("#chart").pushEvent("series", { range: "month" });
  expect((month.reply as { points: unknown[] }).points).toHaveLength(12);
  // Anything else is a week.
  expect(((await view.hook("#chart").pushEvent("series", { range: "year" })).reply as { range: string }).range).toBe("week");
  expect(view.find("#asked").text).toBe("3");
});
