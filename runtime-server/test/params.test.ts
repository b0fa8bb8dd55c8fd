import { afterEach, describe, expect, test } from "vitest";
import { decodeParams, formEvent, ParamsError, type DecodeOptions, type Params } from "../src/params.js";

/** Asserts that `run` throws a ParamsError for `reason` whose message names `limit`, quickly. */
function expectRefused(run: () => unknown, reason: ParamsError["reason"], limit: string): void {
  const started = performance.now();
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  const elapsed = performance.now() - started;
  expect(error).toBeInstanceOf(ParamsError);
  expect((error as ParamsError).reason).toBe(reason);
  expect((error as ParamsError).name).toBe("ParamsError");
  // A limit's message names the option, so the log says what to raise.
  if (reason !== "nestedList") expect((error as ParamsError).message).toContain(reason);
  expect((error as ParamsError).message).toContain(limit);
  // Bounded: refusing must cost about as much as reading the input once, not more.
  expect(elapsed).toBeLessThan(500);
}

describe("decodeParams", () => {
  const cases: [string, string, Params][] = [
    // flat
    ["one pair", "a=1", { a: "1" }],
    ["several pairs", "a=1&b=2", { a: "1", b: "2" }],
    ["empty input", "", {}],
    ["empty pairs are skipped", "&a=1&&b=2&", { a: "1", b: "2" }],
    ["empty value", "a=&b", { a: "", b: "" }],
    ["only the first = splits", "a=b=c", { a: "b=c" }],
    ["empty name", "=x", { "": "x" }],
    // nested
    ["nested", "user[email]=a", { user: { email: "a" } }],
    ["nested siblings", "user[email]=a&user[name]=b", { user: { email: "a", name: "b" } }],
    ["deeply nested", "a[b][c][d]=1", { a: { b: { c: { d: "1" } } } }],
    ["encoded brackets", "user%5Bemail%5D=a%40b.c&user%5Bname%5D=", { user: { email: "a@b.c", name: "" } }],
    // names Plug does not nest
    ["text after the last bracket", "a[b]c=1", { "a[b]c": "1" }],
    ["leading bracket", "[a]=1", { "[a]": "1" }],
    ["unclosed bracket", "a[b=1", { "a[b": "1" }],
    ["brackets inside a segment", "a[b[c]]=1", { a: { "b[c]": "1" } }],
    // lists
    ["list", "tags[]=a&tags[]=b", { tags: ["a", "b"] }],
    ["list of one", "tags[]=a", { tags: ["a"] }],
    ["nested list", "user[tags][]=a&user[tags][]=b", { user: { tags: ["a", "b"] } }],
    ["list of objects, grouped", "u[][n]=a&u[][e]=b&u[][n]=c", { u: [{ n: "a", e: "b" }, { n: "c" }] }],
    ["list of nested objects", "u[][a][x]=1&u[][a][y]=2&u[][a][x]=3", { u: [{ a: { x: "1", y: "2" } }, { a: { x: "3" } }] }],
    // indexed
    [
      "indexed",
      "items[0][name]=x&items[1][name]=y",
      { items: { "0": { name: "x" }, "1": { name: "y" } } },
    ],
    ["indexed leaves", "a[0]=x&a[1]=y", { a: { "0": "x", "1": "y" } }],
    // mixed
    [
      "mixed",
      "user[name]=n&user[tags][]=t&user[addresses][0][city]=c&page=2",
      { user: { name: "n", tags: ["t"], addresses: { "0": { city: "c" } } }, page: "2" },
    ],
    // spaces, plus, unicode, percent
    ["plus is a space", "q=a+b&a+b=c", { q: "a b", "a b": "c" }],
    ["encoded plus stays a plus", "q=a%2Bb", { q: "a+b" }],
    ["percent-encoded space", "q=a%20b", { q: "a b" }],
    ["utf-8 escapes", "name=Jos%C3%A9&city=%E6%9D%B1%E4%BA%AC", { name: "José", city: "東京" }],
    ["emoji escapes", "e=%F0%9F%98%80", { e: "😀" }],
    ["raw unicode", "name=José", { name: "José" }],
    ["lowercase hex", "a=%c3%a9", { a: "é" }],
    ["malformed escape kept", "a=%zz&b=100%&c=%4", { a: "%zz", b: "100%", c: "%4" }],
    ["malformed escape among good ones", "a=%41%zz%42", { a: "A%zzB" }],
    ["invalid utf-8 becomes U+FFFD", "a=%FF&b=%C3", { a: "\uFFFD", b: "\uFFFD" }],
    ["a leading BOM is kept", "a=%EF%BB%BFx", { a: "\uFEFFx" }],
    ["escaped & and =", "a=x%26y%3Dz", { a: "x&y=z" }],
    // repeated keys
    ["repeated plain key: last wins", "a=1&a=2&a=3", { a: "3" }],
    ["repeated nested key: last wins", "u[n]=1&u[n]=2", { u: { n: "2" } }],
    ["checkbox checked", "done=false&done=true", { done: "true" }],
    ["checkbox unchecked", "done=false", { done: "false" }],
    ["nested checkbox", "todo[done]=false&todo[done]=true", { todo: { done: "true" } }],
    // conflicting shapes: the later pair wins
    ["string, then object", "a=1&a[b]=2", { a: { b: "2" } }],
    ["object, then string", "a[b]=2&a=1", { a: "1" }],
    ["object, then string, then object", "a[b]=1&a=2&a[c]=3", { a: { c: "3" } }],
    ["list, then object", "a[]=1&a[b]=2", { a: { b: "2" } }],
    ["object, then list", "a[b]=2&a[]=1", { a: ["1"] }],
    ["string, then list", "a=1&a[]=2", { a: ["2"] }],
    ["strings, then objects in a list", "a[]=1&a[][b]=2", { a: [{ b: "2" }] }],
    ["objects, then strings in a list", "a[][b]=2&a[]=1", { a: ["1"] }],
    // names that look like Object.prototype members are ordinary own keys
    ["toString", "toString=1&valueOf[x]=2", { toString: "1", valueOf: { x: "2" } }],
    ["hasOwnProperty", "hasOwnProperty=1", { hasOwnProperty: "1" }],
    ["inherited names do not start a new list element", "u[][n]=a&u[][toString]=b", { u: [{ n: "a", toString: "b" }] }],
  ];

  test.each(cases)("%s: %s", (_name, query, expected) => {
    const result = decodeParams(query);
    expect(result).toEqual(expected);
    // Plain objects and arrays all the way down, as JSON would give.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  test("the checkbox idiom: the hidden input always sends false, a checked box overrides it", () => {
    const unchecked = decodeParams("todo%5Btitle%5D=x&todo%5Bdone%5D=false");
    const checked = decodeParams("todo%5Btitle%5D=x&todo%5Bdone%5D=false&todo%5Bdone%5D=true");
    expect(unchecked).toEqual({ todo: { title: "x", done: "false" } });
    expect(checked).toEqual({ todo: { title: "x", done: "true" } });
  });

  test("results are ordinary objects", () => {
    const result = decodeParams("user[email]=a");
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.user)).toBe(Object.prototype);
  });

  test("matches URLSearchParams on flat names", () => {
    const query = "a=1&b=x+y&c=%E2%82%AC&d=%zz&e&f=%FF%41&g=caf%C3%A9";
    expect(decodeParams(query)).toEqual(Object.fromEntries(new URLSearchParams(query)));
  });
});

describe("hostile input", () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  afterEach(() => {
    // Whatever a test did, nothing may have leaked into every object.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });

  const cases: [string, string, Params][] = [
    ["__proto__ at the root", "__proto__[polluted]=1", {}],
    ["__proto__ as a plain key", "__proto__=1", {}],
    ["__proto__ nested", "a[__proto__][x]=1", {}],
    ["__proto__ as a leaf", "a[__proto__]=1", {}],
    ["constructor.prototype", "constructor[prototype][x]=1", {}],
    ["constructor.prototype nested", "a[constructor][prototype][polluted]=1", {}],
    ["prototype", "prototype[x]=1", {}],
    ["__proto__ in a list of objects", "a[][__proto__][polluted]=1", {}],
    ["encoded __proto__", "%5F%5Fproto%5F%5F%5Bpolluted%5D=1", {}],
    ["the rest survives", "a=1&__proto__[polluted]=1&b[c]=2&b[__proto__][x]=3", { a: "1", b: { c: "2" } }],
  ];

  test.each(cases)("%s: %s is dropped", (_name, query, expected) => {
    const result = decodeParams(query);
    expect(result).toEqual(expected);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    for (const key of ["__proto__", "constructor", "prototype"]) {
      expect(Object.hasOwn(result, key)).toBe(false);
      for (const value of Object.values(result)) {
        if (typeof value === "object" && !Array.isArray(value)) expect(Object.hasOwn(value, key)).toBe(false);
      }
    }
  });

  test("hostile names in a form event reach neither params nor used", () => {
    const { params, used } = formEvent("__proto__[polluted]=1&user[_unused___proto__]=&user[name]=n");
    expect(params).toEqual({ user: { name: "n" } });
    expect(used.has(["user", "name"])).toBe(true);
    expect(used.has("__proto__")).toBe(true);
  });

  const limits: [string, () => unknown, ParamsError["reason"], string][] = [
    ["100 levels of nesting", () => decodeParams(`a${"[b]".repeat(100)}=1`), "maxDepth", "32"],
    ["100 levels of encoded nesting", () => decodeParams(`a${"%5Bb%5D".repeat(100)}=1`), "maxDepth", "32"],
    ["a 200,000-level name", () => decodeParams(`a${"[b]".repeat(200_000)}=1`), "maxDepth", "32"],
    ["nesting past a custom depth", () => decodeParams("a[b][c][d]=1", { maxDepth: 2 }), "maxDepth", "2"],
    ["10,000 pairs with maxKeys 1000", () => decodeParams(pairs(10_000), { maxKeys: 1000 }), "maxKeys", "1000"],
    ["1001 pairs by default", () => decodeParams(pairs(1001)), "maxKeys", "1000"],
    ["a huge array index", () => decodeParams("items[99999999999999999999][name]=x"), "maxArrayIndex", "10000"],
    ["an index one past the limit", () => decodeParams("items[10001]=x"), "maxArrayIndex", "10000"],
    ["a 2 MB input", () => decodeParams(`a=${"x".repeat(2_000_000)}`), "maxLength", "1000000"],
    // 400,000 three-byte characters: 400,000 UTF-16 units but 1.2 MB of UTF-8.
    ["a long input in bytes", () => decodeParams(`a=${"€".repeat(400_000)}`), "maxLength", "1000000"],
    ["a list in a list", () => decodeParams("a[][]=1"), "nestedList", "[][]"],
    ["a deep target", () => formEvent("a=1", { _target: `a${"[b]".repeat(100)}` }), "maxDepth", "32"],
    ["a deep target path", () => formEvent("a=1", { _target: Array(100).fill("b") }), "maxDepth", "32"],
    ["a deep form event", () => formEvent(`a${"[b]".repeat(100)}=1`), "maxDepth", "32"],
  ];

  test.each(limits)("%s throws ParamsError", (_name, run, reason, limit) => {
    expectRefused(run, reason, limit);
  });

  test("inputs at the limits are accepted", () => {
    expect(decodeParams(`a${"[b]".repeat(32)}=1`)).toBeTypeOf("object");
    expect(Object.keys(decodeParams(pairs(1000)))).toHaveLength(1000);
    expect(decodeParams("items[10000]=x")).toEqual({ items: { "10000": "x" } });
    expect(decodeParams(`a=${"x".repeat(999_998)}`).a).toHaveLength(999_998);
    expect(decodeParams("qty[123456]=2", { maxArrayIndex: Infinity })).toEqual({ qty: { "123456": "2" } });
  });

  test("the options override the defaults", () => {
    const options: DecodeOptions = { maxKeys: 2, maxLength: 12 };
    expect(decodeParams("a=1&b=2", options)).toEqual({ a: "1", b: "2" });
    expectRefused(() => decodeParams("a=1&b=2&c=3", options), "maxKeys", "2");
    expectRefused(() => decodeParams("a=12345678901", options), "maxLength", "12");
  });

  test("empty pairs do not count towards maxKeys", () => {
    expect(decodeParams(`${"&".repeat(5000)}a=1`, { maxKeys: 1 })).toEqual({ a: "1" });
  });
});

describe("formEvent", () => {
  test("the official client's markers are removed and reported", () => {
    // What serializeForm sends for an untouched form: `user[_unused_email]` for `user[email]`.
    const value = "user%5B_unused_email%5D=&user%5Bemail%5D=&user%5Bname%5D=Jo&_unused_title=&title=";
    const { params, used, target } = formEvent(value, { _target: "user[name]" });
    expect(params).toEqual({ user: { email: "", name: "Jo" }, title: "" });
    expect(target).toEqual(["user", "name"]);
    expect(used.has(["user", "email"])).toBe(false);
    expect(used.has("user[email]")).toBe(false);
    expect(used.has(["title"])).toBe(false);
    expect(used.has(["user", "name"])).toBe(true);
    expect(used.has("user[name]")).toBe(true);
    expect(used.unused).toEqual([["user", "email"], ["title"]]);
  });

  test("a marker on the first segment is understood too", () => {
    const { params, used } = formEvent("_unused_user%5Bemail%5D=&user%5Bemail%5D=a");
    expect(params).toEqual({ user: { email: "a" } });
    expect(used.has(["user", "email"])).toBe(false);
  });

  test("markers of lists and indexed fields", () => {
    const value = "_unused_tags[]=&tags[]=a&items[0][_unused_name]=&items[0][name]=x&items[1][name]=y";
    const { params, used } = formEvent(value);
    expect(params).toEqual({ tags: ["a"], items: { "0": { name: "x" }, "1": { name: "y" } } });
    expect(used.has(["tags"])).toBe(false);
    expect(used.has("tags[]")).toBe(false);
    expect(used.has(["items", "0", "name"])).toBe(false);
    expect(used.has(["items", "1", "name"])).toBe(true);
  });

  const usedCases: [string, string, string[], boolean][] = [
    ["a touched field", "a=1", ["a"], true],
    ["a field the event does not mention", "a=1", ["b"], true],
    ["an untouched field", "_unused_a=&a=", ["a"], false],
    ["a composite with a used part", "u[_unused_a]=&u[a]=&u[b]=x", ["u"], true],
    ["a composite with no used part", "u[_unused_a]=&u[a]=&u[_unused_b]=&u[b]=", ["u"], false],
    ["a nested composite", "u[d][_unused_y]=&u[d][y]=&u[d][_unused_m]=&u[d][m]=", ["u", "d"], false],
    ["the parent of a nested composite", "u[d][_unused_y]=&u[d][y]=&u[n]=x", ["u"], true],
  ];

  test.each(usedCases)("used.has: %s", (_name, value, path, expected) => {
    expect(formEvent(value).used.has(path)).toBe(expected);
  });

  test("without markers every field is used", () => {
    const { used } = formEvent("user[email]=a");
    expect(used.has(["user", "email"])).toBe(true);
    expect(used.has(["user"])).toBe(true);
    expect(used.unused).toEqual([]);
  });

  test("decodeParams keeps markers as ordinary keys", () => {
    expect(decodeParams("_unused_a=&a=1")).toEqual({ _unused_a: "", a: "1" });
  });

  const targetCases: [string, string, { _target?: unknown } | undefined, string[] | null][] = [
    ["meta, nested", "user[email]=a", { _target: "user[email]" }, ["user", "email"]],
    ["meta, flat", "q=a", { _target: "q" }, ["q"]],
    ["meta, list", "tags[]=a", { _target: "tags[]" }, ["tags"]],
    ["meta, indexed", "items[0][name]=a", { _target: "items[0][name]" }, ["items", "0", "name"]],
    ["meta, undefined", "a=1", { _target: "undefined" }, null],
    ["meta, empty", "a=1", { _target: "" }, null],
    ["meta, not a string", "a=1", { _target: 42 }, null],
    ["meta, a path", "a=1", { _target: ["user", "email"] }, ["user", "email"]],
    ["meta, hostile", "a=1", { _target: "__proto__[x]" }, null],
    ["no meta", "a=1", undefined, null],
    ["legacy _target pair", "_target=user%5Bemail%5D&user%5Bemail%5D=a", undefined, ["user", "email"]],
    ["legacy _target undefined", "_target=undefined&a=1", {}, null],
    ["meta wins over the pair", "_target=a&a=1&b=2", { _target: "b" }, ["b"]],
  ];

  test.each(targetCases)("target: %s", (_name, value, meta, expected) => {
    const { params, target } = formEvent(value, meta);
    expect(target).toEqual(expected);
    expect(Object.hasOwn(params, "_target")).toBe(false);
  });

  test("the checkbox idiom in a form event", () => {
    const { params, target, used } = formEvent("todo[done]=false&todo[done]=true", { _target: "todo[done]" });
    expect(params).toEqual({ todo: { done: "true" } });
    expect(target).toEqual(["todo", "done"]);
    expect(used.has(["todo", "done"])).toBe(true);
  });

  test("options apply to form events", () => {
    expectRefused(() => formEvent("a=1&b=2", {}, { maxKeys: 1 }), "maxKeys", "1");
  });
});

/** `n` distinct pairs: `k0=0&k1=1&…`. */
function pairs(n: number): string {
  return Array.from({ length: n }, (_, i) => `k${i}=${i}`).join("&");
}
