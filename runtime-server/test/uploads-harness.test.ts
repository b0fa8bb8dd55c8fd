/**
 * The view test harness drives uploads: `view.fileInput(form, name, files)` announces files with
 * the form's change, `renderUpload(file, percent)` preflights and sends them over the upload
 * channel as the official client does, the page shows what the server rendered at each step.
 */
import { existsSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { mount } from "@livetsx/server/testing";
import Uploader, { consumed } from "./views/uploader.tsx";
import ComponentUploader, { boxConsumed } from "./views/component-uploader.tsx";

afterEach(() => {
  consumed.length = 0;
  boxConsumed.length = 0;
});

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 13 + 5) % 256));

describe("fileInput and renderUpload", () => {
  test("select shows the entry; renderUpload sends part, then the rest; submit consumes the bytes the server got", async () => {
    const view = await mount(Uploader);
    const file = bytes(450);
    const avatar = view.fileInput("#upload-form", "avatar", [{ name: "me.png", content: file, type: "image/png" }]);
    await avatar.select();
    expect(view.find("p.entry").text).toBe("me.png 0% sending");
    await avatar.renderUpload("me.png", 50);
    // 225 of 450 bytes, in the preflight's chunks of 100 (the last one short): half arrived.
    expect(view.find("p.entry").text).toBe("me.png 50% sending");
    await avatar.renderUpload("me.png");
    expect(view.find("p.entry").text).toBe("me.png 100% done");
    expect(view.find("#progressed").text).toBe("1");
    await view.submit("#upload-form");
    expect(view.find("#saved li").text).toBe("me.png");
    expect(consumed).toHaveLength(1);
    expect(consumed[0]!.bytes.equals(file)).toBe(true);
    expect(existsSync(consumed[0]!.path)).toBe(false);
    expect(view.has("p.entry")).toBe(false);
  });

  test("renderUpload announces and preflights by itself; two files, each to its own end", async () => {
    const view = await mount(Uploader);
    const [a, b] = [bytes(120), bytes(260)];
    const input = view.fileInput("#upload-form", "avatar", [
      { name: "a.png", content: a, type: "image/png" },
      { name: "b.jpg", content: b, type: "image/jpeg" },
    ]);
    await input.renderUpload("b.jpg");
    await input.renderUpload("a.png");
    expect(view.find("p.entry").texts).toEqual(["a.png 100% done", "b.jpg 100% done"]);
    await view.submit("#upload-form");
    expect(consumed.map((c) => [c.name, c.bytes.equals(c.name === "a.png" ? a : b)])).toEqual([
      ["a.png", true],
      ["b.jpg", true],
    ]);
  });

  test("errors: a file too large and a wrong type render at select; renderUpload names the server's refusal", async () => {
    const view = await mount(Uploader);
    const input = view.fileInput("#upload-form", "avatar", [
      { name: "big.png", content: bytes(1001), type: "image/png" },
      { name: "notes.txt", content: "hello", type: "text/plain" },
    ]);
    await input.select();
    expect(view.find("p.entry").texts).toEqual(["big.png 0% sending too_large", "notes.txt 0% sending not_accepted"]);
    await expect(input.renderUpload("big.png")).rejects.toThrow(/refused the upload: .*too_large/);
    await expect(input.renderUpload("nothing.png")).rejects.toThrow(/no file named "nothing.png"/);
    await expect(view.fileInput("#upload-form", "other", [{ name: "x", content: "" }]).select()).rejects.toThrow(/no <LiveFileInput> named "other"/);
    await expect(input.renderUpload("big.png", 101)).rejects.toThrow(/percent must be a whole number/);
  });

  test("too many files is the config's error", async () => {
    const view = await mount(Uploader);
    const files = ["a", "b", "c"].map((n) => ({ name: `${n}.png`, content: "x", type: "image/png" }));
    await view.fileInput("#upload-form", "avatar", files).select();
    expect(view.find("#errors").text).toBe("too_many_files");
  });

  test("an external entry: renderUpload reports the uploader's progress; consume gets its metadata", async () => {
    const view = await mount(Uploader, { url: "/?external=1" });
    const input = view.fileInput("#upload-form", "avatar", [{ name: "me.png", content: bytes(300), type: "image/png" }]);
    await input.renderUpload("me.png", 30);
    expect(view.find("p.entry").text).toBe("me.png 30% sending");
    await input.renderUpload("me.png");
    expect(view.find("p.entry").text).toBe("me.png 100% done");
    await view.submit("#upload-form");
    expect(view.find("#saved li").text).toMatch(/^me\.png at https:\/\/bucket\.example\/[0-9a-f-]{36}$/);
  });

  test("a live component's upload: sent with its cid, consumed by its handler", async () => {
    const view = await mount(ComponentUploader);
    const input = view.fileInput("#box-form", "doc", [{ name: "notes.txt", content: "hello, component", type: "text/plain" }]);
    await input.renderUpload("notes.txt");
    expect(view.find("#box p.entry").text).toBe("notes.txt 100%");
    await view.submit("#box-form");
    expect(view.find("#box li").text).toBe("notes.txt");
    expect(boxConsumed.map((c) => [c.name, c.bytes.toString()])).toEqual([["notes.txt", "hello, component"]]);
  });
});
