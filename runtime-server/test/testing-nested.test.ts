/**
 * The view test harness with nested live views: `view.child(id)` joins a child on the page's
 * socket as the browser does, and drives it like any view.
 */
import { describe, expect, test } from "vitest";
import { mount } from "../src/testing/index.js";
import Parent, { Outer } from "./views/nested-harness.tsx";

describe("view.child(id)", () => {
  test("joins the child: its events and diffs are its own, the parent shows its container empty", async () => {
    const view = await mount(Parent);
    expect(view.find("#a").text).toBe("");
    expect(view.html()).not.toContain("a 0");
    const a = await view.child("a");
    expect(a.find(".count").text).toBe("a 0");
    await a.click(".inc");
    expect(a.find(".count").text).toBe("a 1");
    expect(a.sent.at(-1)?.[2]).toBe("lv:a");
    expect(view.find("h1").text).toBe("Parent 0");
    await view.click("#parent-inc");
    expect(view.find("h1").text).toBe("Parent 1");
    expect(a.find(".count").text).toBe("a 1");
    expect(await view.child("a")).toBe(a);
  });

  test("a child's crash is the child's: the parent goes on, and the child joins afresh", async () => {
    const view = await mount(Parent);
    const a = await view.child("a");
    await a.click(".inc");
    await expect(a.click(".boom")).rejects.toThrow(/view crashed/);
    expect(a.crashed).toBe(true);
    await view.click("#parent-inc");
    expect(view.find("h1").text).toBe("Parent 1");
    const again = await view.child("a");
    expect(again).not.toBe(a);
    expect(again.find(".count").text).toBe("a 0");
  });

  test("a child the parent's render removes leaves its page", async () => {
    const view = await mount(Parent);
    const b = await view.child("b");
    await b.click(".inc");
    await view.click("#hide");
    await view.settled();
    await expect(b.click(".inc")).rejects.toThrow(/unmatched topic/);
    await expect(view.child("b")).rejects.toThrow('child("b"): this view renders no nested view with that id');
  });

  test("a child's child, and a clear error for an id the view does not render", async () => {
    const view = await mount(Outer);
    const middle = await view.child("middle");
    const leaf = await middle.child("leaf");
    await leaf.click(".inc");
    expect(leaf.find(".count").text).toBe("leaf 1");
    await expect(view.child("leaf")).rejects.toThrow("renders no nested view");
    await leaf.close();
    await expect(leaf.click(".inc")).rejects.toThrow(/unmatched topic/);
  });
});
