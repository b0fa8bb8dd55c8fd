/**
 * The counter, sunglasses, search and thermostat demos without a browser: each test mounts the
 * view through the real server (HTTP render, then the join) and reads the page the client shows.
 */
import { describe, expect, test, vi } from "vitest";
import { mount } from "@livetsx/server/testing";
import Counter from "../../src/views/counter.tsx";
import Sunglasses from "../../src/views/sunglasses.tsx";
import Search from "../../src/views/search.tsx";
import Thermostat from "../../src/views/thermostat.tsx";

describe("counter", () => {
  test("clicks change the count and the title; only the number travels", async () => {
    const view = await mount(Counter, { url: "/counter" });
    expect(view.find("#count").text).toBe("0");
    expect(view.title).toBe("Count: 0");
    for (let i = 0; i < 3; i++) await view.click("button[phx-click=inc]");
    expect(view.find("#count").text).toBe("3");
    await view.click("[aria-label=Decrement]");
    expect(view.find("#count").text).toBe("2");
    expect(view.title).toBe("Count: 2");
    expect(view.lastDiff).toEqual({ "0": "2", t: "Count: 2" });
    await view.click("button", { text: "Reset" });
    expect(view.find("#count").text).toBe("0");
  });
});

describe("They Live", () => {
  test("the toggle reveals the aliens, and only their entries travel", async () => {
    const view = await mount(Sunglasses, { url: "/sunglasses" });
    const faces = () => view.find("li").texts.map((text) => text.includes("👽"));
    expect(faces().every((alien) => !alien)).toBe(true);
    const result = await view.click("[phx-click=toggle]");
    const aliens = faces().flatMap((alien, i) => (alien ? [i] : []));
    expect(aliens.length).toBeGreaterThan(0);
    const list = Object.values(result.diff!).find((v) => typeof v === "object" && v !== null && "k" in v) as { k: Record<string, unknown> };
    expect(Object.keys(list.k).filter((k) => /^\d+$/.test(k)).map(Number)).toEqual(aliens);
  });
});

describe("search", () => {
  test("a search marks the matches; the debounce is the browser's, so one change is one search", async () => {
    const view = await mount(Search, { url: "/search" });
    await view.change("form", { q: "land" });
    expect(view.find("#searches").text).toBe("1");
    expect(view.find("mark").count).toBeGreaterThan(3);
    expect(view.find("mark").texts.every((t) => t.toLowerCase() === "land")).toBe(true);
  });
});

describe("thermostat", () => {
  test("the room drifts toward the setpoint once a second, on the server's clock", async () => {
    vi.useFakeTimers();
    try {
      const view = await mount(Thermostat, { url: "/thermostat" });
      expect(view.find("#current").text).toBe("18.0°C");
      await view.click("[aria-label='Lower the setpoint']");
      expect(view.find("#target").text).toBe("20.5°C");
      await vi.advanceTimersByTimeAsync(2999);
      await view.settled();
      expect(view.find("#ticks").text).toBe("2");
      await vi.advanceTimersByTimeAsync(1);
      await view.settled();
      expect(view.find("#ticks").text).toBe("3");
      expect(view.find("#current").text).toBe("19.5°C");
      expect(view.find("#mode").text).toBe("🔥 Heating");
    } finally {
      vi.useRealTimers();
    }
  });
});
