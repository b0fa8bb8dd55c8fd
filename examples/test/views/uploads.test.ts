/**
 * The avatar and CSV import demos without a browser: the view test harness chooses a file
 * (`fileInput`), sends it (`renderUpload`), and reads what the page shows at each step.
 */
import { describe, expect, test } from "vitest";
import { mount } from "@livetsx/server/testing";
import Avatar from "../../src/views/avatar.tsx";
import Import from "../../src/views/import.tsx";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

describe("avatar", () => {
  test("chosen, sent halfway, then whole; saved from the bytes the server got", async () => {
    const view = await mount(Avatar, { url: "/avatar" });
    const image = Buffer.concat([PNG, Buffer.alloc(200_000, 7)]);
    const input = view.fileInput("#avatar-form", "avatar", [{ name: "me.png", content: image, type: "image/png" }]);
    await input.select();
    expect(view.find("figure.entry figcaption").text).toContain("me.png");
    await input.renderUpload("me.png", 50);
    expect(view.find("figure.entry .percent").text).toBe("50%");
    await input.renderUpload("me.png");
    expect(view.find("figure.entry .percent").text).toBe("100%");
    await view.submit("#avatar-form");
    expect(view.find("#saved img").attr("src")).toBe(`data:image/png;base64,${image.toString("base64")}`);
    expect(view.has("figure.entry")).toBe(false);
  });

  test("a wrong type shows its message; cancel removes the entry", async () => {
    const view = await mount(Avatar, { url: "/avatar" });
    await view.fileInput("#avatar-form", "avatar", [{ name: "notes.txt", content: "hello", type: "text/plain" }]).select();
    expect(view.find("figure.entry p.error").text).toBe("Choose a PNG, JPEG, GIF or WebP image");
    await view.click("figure.entry button[phx-click=cancel]");
    expect(view.has("figure.entry")).toBe(false);
  });
});

describe("CSV import", () => {
  test("rows appear as the chunks are parsed; done, the entry is consumed", async () => {
    const view = await mount(Import, { url: "/import" });
    const lines = Array.from({ length: 3000 }, (_, i) => `${i + 1},"name ${i + 1}",${i % 10}`);
    const csv = Buffer.from(lines.join("\n") + "\n");
    const input = view.fileInput("#import-form", "csv", [{ name: "people.csv", content: csv, type: "text/csv" }]);
    await input.renderUpload("people.csv", 40);
    await view.settled();
    const partial = Number(view.find("#count").text);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(3000);
    expect(view.find("#status").text).toContain("Importing");
    await input.renderUpload("people.csv");
    await view.settled();
    expect(view.find("#count").text).toBe("3000");
    expect(view.find("#status").text).toMatch(/^Imported/);
    expect(view.find("#rows tr").texts).toHaveLength(200);
    expect(view.has("#import-form p.entry")).toBe(false);
  });
});
