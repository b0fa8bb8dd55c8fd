import { describe, expect, test } from "vitest";
import { attributeHTML, attrs, classList, styleText } from "../src/attributes.js";

describe("attributeHTML", () => {
  test("values, booleans and nullish values", () => {
    expect(attributeHTML("title", 'a "b" & <c>')).toBe(' title="a &quot;b&quot; &amp; &lt;c&gt;"');
    expect(attributeHTML("tabindex", 0)).toBe(' tabindex="0"');
    expect(attributeHTML("disabled", true)).toBe(" disabled");
    for (const v of [false, null, undefined]) expect(attributeHTML("disabled", v)).toBe("");
    expect(attributeHTML("value", "")).toBe(' value=""');
  });

  test("aria attributes spell booleans out", () => {
    expect(attributeHTML("aria-hidden", true)).toBe(' aria-hidden="true"');
    expect(attributeHTML("aria-expanded", false)).toBe(' aria-expanded="false"');
  });

  test("a function is refused with advice", () => {
    expect(() => attributeHTML("onclick", () => 1)).toThrow(/phx-click/);
  });
});

describe("class and style", () => {
  test("class lists from strings, arrays and objects", () => {
    expect(classList(["btn", false, null, ["lg", { active: true, off: 0 }], "", undefined])).toBe("btn lg active");
    expect(attributeHTML("class", [])).toBe("");
    expect(attributeHTML("class", { a: false })).toBe("");
  });

  test("style objects", () => {
    expect(styleText({ fontSize: 12, opacity: 0.5, margin: 0, "--accent": "red", color: null, zIndex: 2 })).toBe(
      "font-size:12px;opacity:0.5;margin:0;--accent:red;z-index:2",
    );
    expect(attributeHTML("style", {})).toBe("");
  });
});

describe("attrs (spread)", () => {
  test("renames React spellings, skips key and children, later wins", () => {
    const later: Record<string, unknown> = { id: "y", htmlFor: "f", hidden: false };
    const merged = { className: "a", id: "x", key: 1, children: "c", ...later };
    expect(attrs(merged).html).toBe(' class="a" id="y" for="f"');
    expect(attrs(null).html).toBe("");
  });
});
