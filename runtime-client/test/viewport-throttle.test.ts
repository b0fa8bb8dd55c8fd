/**
 * The viewport bindings' throttle (`phx-viewport-top/bottom` send at most once per 500 ms): the
 * first call goes at once, calls within the period are held and the latest of them goes at its end.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { throttle } from "../src/viewport.js";

const child = (id: string, isConnected = true) => ({ id, isConnected }) as unknown as Element;

describe("the viewport throttle", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const record = () => {
    const sent: string[] = [];
    const send = throttle((event, el) => sent.push(`${event}:${el.id}@${Date.now()}`), 500);
    return { sent, send };
  };

  test("the first call goes at once; one within the period goes at its end", () => {
    const { sent, send } = record();
    send("more", child("a"));
    expect(sent).toEqual(["more:a@0"]);
    vi.advanceTimersByTime(100);
    send("more", child("b"));
    expect(sent).toEqual(["more:a@0"]);
    vi.advanceTimersByTime(399);
    expect(sent).toEqual(["more:a@0"]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(["more:a@0", "more:b@500"]);
  });

  test("of several calls within the period, the latest goes, once", () => {
    const { sent, send } = record();
    send("more", child("a"));
    vi.advanceTimersByTime(100);
    send("more", child("b"));
    vi.advanceTimersByTime(100);
    send("more", child("c"));
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(["more:a@0", "more:c@500"]);
  });

  test("the period starts again from the held call, and a call after it goes at once", () => {
    const { sent, send } = record();
    send("more", child("a"));
    vi.advanceTimersByTime(100);
    send("more", child("b"));
    vi.advanceTimersByTime(400); // b goes at 500
    vi.advanceTimersByTime(200);
    send("more", child("c")); // 700: within b's period, held until 1000
    vi.advanceTimersByTime(299);
    expect(sent).toEqual(["more:a@0", "more:b@500"]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(["more:a@0", "more:b@500", "more:c@1000"]);
    vi.advanceTimersByTime(600);
    send("more", child("d"));
    expect(sent.at(-1)).toBe("more:d@1600");
  });

  test("a held call whose element left the page is dropped", () => {
    const { sent, send } = record();
    send("more", child("a"));
    send("more", child("gone", false));
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(["more:a@0"]);
  });

  test("a clock that went back runs the call at once", () => {
    vi.setSystemTime(10_000);
    const { sent, send } = record();
    send("more", child("a"));
    vi.setSystemTime(5_000);
    send("more", child("b"));
    expect(sent).toEqual(["more:a@10000", "more:b@5000"]);
  });
});
