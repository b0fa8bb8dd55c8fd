import { describe, expect, test } from "vitest";
import {
  CSRF_COOKIE,
  csrfTokenFor,
  newCsrfSecret,
  parseCookies,
  randomId,
  serializeCookie,
  signToken,
  verifyCsrfToken,
  verifyToken,
  type VerifyTokenResult,
} from "../src/session.js";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const OTHER_SECRET = Buffer.alloc(32, 7);
const NOW = Date.UTC(2025, 0, 1);
const DAY = 24 * 60 * 60 * 1000;

/** Replaces one character of `text` at `index` with a different base64url character. */
function flip(text: string, index: number): string {
  const replacement = text[index] === "A" ? "B" : "A";
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe("signToken / verifyToken", () => {
  test("round trip returns the payload", () => {
    const payload = { view: "Counter", id: "phx-abc", session: { user: 1, tags: ["a"] } };
    const token = signToken(SECRET, payload, { now: NOW });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const result: VerifyTokenResult<typeof payload> = verifyToken(SECRET, token, { now: NOW + 1000 });
    expect(result).toEqual({ ok: true, payload });
    expect(verifyToken(OTHER_SECRET, signToken(OTHER_SECRET, "x"))).toEqual({ ok: true, payload: "x" });
  });

  test("a tampered payload is invalid", () => {
    const token = signToken(SECRET, { user: 1 }, { now: NOW });
    const [body, signature] = token.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ p: { user: 2 }, iat: NOW, exp: NOW + DAY })).toString("base64url");
    expect(verifyToken(SECRET, `${forged}.${signature}`, { now: NOW })).toEqual({ ok: false, reason: "invalid" });
    expect(verifyToken(SECRET, `${flip(body, 3)}.${signature}`, { now: NOW })).toEqual({ ok: false, reason: "invalid" });
  });

  test("a tampered signature is invalid, including the spare bits of its last character", () => {
    const token = signToken(SECRET, { user: 1 }, { now: NOW });
    const [body, signature] = token.split(".") as [string, string];
    expect(verifyToken(SECRET, `${body}.${flip(signature, 0)}`, { now: NOW })).toEqual({ ok: false, reason: "invalid" });
    expect(verifyToken(SECRET, `${body}.${signature.slice(0, -1)}`, { now: NOW })).toEqual({ ok: false, reason: "invalid" });
    // 32 bytes take 43 characters with 2 unused bits: this string decodes to the same bytes.
    const last = signature.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBytes = signature.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
    expect(Buffer.from(sameBytes, "base64url")).toEqual(Buffer.from(signature, "base64url"));
    expect(verifyToken(SECRET, `${body}.${sameBytes}`, { now: NOW })).toEqual({ ok: false, reason: "invalid" });
  });

  test("a token signed with another secret is invalid", () => {
    const token = signToken(OTHER_SECRET, { user: 1 }, { now: NOW });
    expect(verifyToken(SECRET, token, { now: NOW })).toEqual({ ok: false, reason: "invalid" });
  });

  test("tokens expire after one day by default, or after maxAgeSeconds", () => {
    const token = signToken(SECRET, "p", { now: NOW });
    expect(verifyToken(SECRET, token, { now: NOW + DAY - 1 })).toEqual({ ok: true, payload: "p" });
    expect(verifyToken(SECRET, token, { now: NOW + DAY })).toEqual({ ok: false, reason: "expired" });
    const short = signToken(SECRET, "p", { now: NOW, maxAgeSeconds: 60 });
    expect(verifyToken(SECRET, short, { now: NOW + 59_000 }).ok).toBe(true);
    expect(verifyToken(SECRET, short, { now: NOW + 60_000 })).toEqual({ ok: false, reason: "expired" });
    expect(() => signToken(SECRET, "p", { maxAgeSeconds: 0 })).toThrow(/maxAgeSeconds/);
  });

  test("garbage is invalid and never throws", () => {
    const validBody = signToken(SECRET, 1).split(".")[0]!;
    const notJson = Buffer.from("not json").toString("base64url");
    const noExpiry = Buffer.from(JSON.stringify({ p: 1 })).toString("base64url");
    const signed = (body: string) => `${body}.${signToken(SECRET, 0).split(".")[1]}`;
    for (const garbage of [undefined, null, 42, {}, ["a", "b"], "", ".", "a", "a.b", "a.b.c", "!!!.???", `${validBody}.`, `.${validBody}`, signed(notJson), signed(noExpiry)]) {
      expect(verifyToken(SECRET, garbage)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  test("a secret shorter than 32 bytes throws", () => {
    expect(() => signToken("short", 1)).toThrow(/at least 32 bytes, got 5 bytes/);
    expect(() => verifyToken(Buffer.alloc(31), "a.b")).toThrow(/at least 32 bytes/);
    expect(() => verifyToken(undefined as never, "a.b")).toThrow(/secret must be a string or Buffer/);
  });
});

describe("random values", () => {
  test("ids, CSRF secrets and masks drawn across many pools of random bytes are all different", () => {
    // About 60 bytes a page: 3,000 pages draw some forty pools of 4 KiB.
    const seen = new Set<string>();
    const cookieSecret = newCsrfSecret();
    for (let i = 0; i < 3000; i++) {
      for (const value of [randomId(""), newCsrfSecret(), csrfTokenFor(SECRET, cookieSecret)]) seen.add(value);
    }
    expect(seen.size).toBe(9000);
    expect(randomId()).toMatch(/^phx-[A-Za-z0-9_-]{16}$/);
    expect(newCsrfSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test("a key made from one secret is not used for another", () => {
    const token = signToken(SECRET, { a: 1 });
    expect(verifyToken("another-secret-that-is-long-enough-0123456789", token)).toMatchObject({ ok: false });
    expect(verifyToken(OTHER_SECRET, token)).toMatchObject({ ok: false });
    expect(verifyToken(SECRET, token)).toMatchObject({ ok: true, payload: { a: 1 } });
    expect(verifyToken(Buffer.from(SECRET), token)).toMatchObject({ ok: true });
  });
});

describe("CSRF tokens", () => {
  test("a token verifies only with the cookie secret it was made for", () => {
    const cookieSecret = newCsrfSecret();
    const token = csrfTokenFor(SECRET, cookieSecret);
    expect(verifyCsrfToken(SECRET, cookieSecret, token)).toBe(true);
    expect(verifyCsrfToken(SECRET, newCsrfSecret(), token)).toBe(false);
    expect(verifyCsrfToken(SECRET, undefined, token)).toBe(false);
    expect(verifyCsrfToken(SECRET, "", token)).toBe(false);
    expect(verifyCsrfToken(OTHER_SECRET, cookieSecret, token)).toBe(false);
  });

  test("each call gives a different token, all valid", () => {
    const cookieSecret = newCsrfSecret();
    const tokens = new Set(Array.from({ length: 20 }, () => csrfTokenFor(SECRET, cookieSecret)));
    expect(tokens.size).toBe(20);
    for (const token of tokens) expect(verifyCsrfToken(SECRET, cookieSecret, token)).toBe(true);
  });

  test("malformed or altered tokens are rejected", () => {
    const cookieSecret = newCsrfSecret();
    const token = csrfTokenFor(SECRET, cookieSecret);
    const bytes = Buffer.from(token, "base64url");
    bytes[20] = bytes[20]! ^ 1;
    for (const bad of [undefined, null, 1, "", "!!!", token.slice(0, -4), `${token}AAAA`, bytes.toString("base64url"), cookieSecret]) {
      expect(verifyCsrfToken(SECRET, cookieSecret, bad)).toBe(false);
    }
  });

  test("secrets are random 32-byte base64url strings", () => {
    const secret = newCsrfSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(newCsrfSecret()).not.toBe(secret);
    expect(() => csrfTokenFor(SECRET, "")).toThrow(/CSRF secret is empty/);
    expect(() => csrfTokenFor("short", secret)).toThrow(/at least 32 bytes/);
  });
});

describe("cookies", () => {
  test("parseCookies decodes values and skips malformed pairs", () => {
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies("")).toEqual({});
    expect(parseCookies(`a=1; ${CSRF_COOKIE}=x%2By%3D; quoted="q v"; bare; =nameless; b = 2 ;c=`)).toEqual({
      a: "1",
      [CSRF_COOKIE]: "x+y=",
      quoted: "q v",
      b: "2",
      c: "",
    });
    expect(parseCookies("bad=%E0%A4%A; ok=1")).toEqual({ bad: "%E0%A4%A", ok: "1" });
    expect(parseCookies("k=v=w")).toEqual({ k: "v=w" });
    expect(parseCookies("dup=first; dup=second")).toEqual({ dup: "first" });
  });

  test("a cookie named __proto__ is an ordinary entry", () => {
    const cookies = parseCookies("__proto__=x; a=1");
    expect(Object.getPrototypeOf(cookies)).toBe(Object.prototype);
    expect(Object.hasOwn(cookies, "__proto__")).toBe(true);
    expect(cookies.a).toBe("1");
  });

  test("serializeCookie writes the attributes, with safe defaults", () => {
    expect(serializeCookie(CSRF_COOKIE, "a b;c")).toBe("_livetsx_csrf=a%20b%3Bc; Path=/; HttpOnly; SameSite=Lax");
    expect(serializeCookie("s", "v", { httpOnly: false, sameSite: "Strict", path: "/app", secure: true, maxAgeSeconds: 3600.7 })).toBe(
      "s=v; Path=/app; Max-Age=3600; Secure; SameSite=Strict",
    );
    expect(serializeCookie("s", "", { maxAgeSeconds: 0 })).toBe("s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    expect(serializeCookie("s", "v", { sameSite: "None", secure: true })).toContain("SameSite=None");
  });

  test("serialize then parse round-trips any value", () => {
    const value = 'x=1; y="2", ü %';
    const header = serializeCookie("k", value).split(";")[0]!;
    expect(parseCookies(header)).toEqual({ k: value });
  });

  test("serializeCookie rejects what a cookie cannot carry", () => {
    expect(() => serializeCookie("a b", "v")).toThrow(/invalid cookie name/);
    expect(() => serializeCookie("a;b", "v")).toThrow(/invalid cookie name/);
    expect(() => serializeCookie("a", "v", { path: "/;Domain=evil" })).toThrow(/invalid path/);
    expect(() => serializeCookie("a", "v", { sameSite: "None" })).toThrow(/SameSite=None/);
    expect(() => serializeCookie("a", "v", { maxAgeSeconds: Number.NaN })).toThrow(/maxAgeSeconds/);
  });
});

describe("randomId", () => {
  test("prefixed, url-safe and unique", () => {
    const id = randomId();
    expect(id).toMatch(/^phx-[A-Za-z0-9_-]{16,}$/);
    expect(randomId("v-")).toMatch(/^v-[A-Za-z0-9_-]{16,}$/);
    expect(new Set(Array.from({ length: 100 }, () => randomId())).size).toBe(100);
  });
});
