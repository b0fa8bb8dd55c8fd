import { createHmac, randomFillSync, timingSafeEqual } from "node:crypto";

/**
 * The server's signing key: a string (taken as UTF-8) or raw bytes, at least 32 bytes long.
 * Keep it out of source control; rotating it invalidates every token and CSRF token.
 */
export type SessionSecret = string | Buffer;

/** Options for {@link signToken}. */
export interface SignTokenOptions {
  /**
   * How long the token stays valid, in seconds.
   * @default 86400 (one day)
   */
  maxAgeSeconds?: number;
  /**
   * The current time in milliseconds since the epoch; tests pass it to control expiry.
   * @default Date.now()
   */
  now?: number;
}

/** Options for {@link verifyToken}. */
export interface VerifyTokenOptions {
  /**
   * The current time in milliseconds since the epoch; tests pass it to control expiry.
   * @default Date.now()
   */
  now?: number;
}

/**
 * What {@link verifyToken} found: the payload, or why the token was refused. A forged, tampered
 * or malformed token is `"invalid"`; a genuine one past its expiry is `"expired"`.
 */
export type VerifyTokenResult<T> = { ok: true; payload: T } | { ok: false; reason: "invalid" | "expired" };

/** The name of the HttpOnly cookie that holds the per-browser CSRF secret. */
export const CSRF_COOKIE = "_livetsx_csrf";

/** Options for {@link serializeCookie}. */
export interface CookieOptions {
  /**
   * Hides the cookie from page scripts, so an injected script cannot read it.
   * @default true
   */
  httpOnly?: boolean;
  /**
   * When the browser sends the cookie on cross-site requests.
   * @default "Lax"
   */
  sameSite?: "Strict" | "Lax" | "None";
  /**
   * The URL path the cookie is sent for.
   * @default "/"
   */
  path?: string;
  /**
   * Sends the cookie over HTTPS only.
   * @default false
   */
  secure?: boolean;
  /**
   * Lifetime in seconds; `0` deletes the cookie, leaving it out makes a session cookie.
   * @default undefined
   */
  maxAgeSeconds?: number;
}

/** An HMAC-SHA256 key shorter than the digest weakens it, and short secrets are usually placeholders. */
const MIN_SECRET_BYTES = 32;
const DEFAULT_MAX_AGE_SECONDS = 24 * 60 * 60;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const CSRF_MASK_BYTES = 16;
/**
 * Token signatures cover base64url text, which never contains ":", so this prefix keeps a CSRF
 * digest from ever equalling a token signature made with the same secret.
 */
const CSRF_CONTEXT = "livetsx:csrf:";
/** RFC 6265 `token`: the characters a cookie name may contain. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters that would end or corrupt a `Set-Cookie` attribute. */
const COOKIE_ATTRIBUTE_UNSAFE = /[;\x00-\x1f\x7f]/;

const INVALID: VerifyTokenResult<never> = { ok: false, reason: "invalid" };
const EXPIRED: VerifyTokenResult<never> = { ok: false, reason: "expired" };

/**
 * Signs a JSON-serialisable payload with an issue time and an expiry, giving
 * `<base64url(json)>.<base64url(HMAC-SHA256)>`. The payload is readable by anyone holding the
 * token, only tamper-proof: never put secrets in it.
 * @throws if the secret is shorter than 32 bytes, or `maxAgeSeconds` is not a positive number.
 */
export function signToken(secret: SessionSecret, payload: unknown, options: SignTokenOptions = {}): string {
  const key = secretKey(secret, "signToken");
  const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  if (!(typeof maxAgeSeconds === "number" && maxAgeSeconds > 0 && Number.isFinite(maxAgeSeconds))) {
    throw new RangeError(`signToken: maxAgeSeconds must be a positive number of seconds, got ${String(maxAgeSeconds)}.`);
  }
  const now = options.now ?? Date.now();
  const body = Buffer.from(JSON.stringify({ p: payload, iat: now, exp: now + maxAgeSeconds * 1000 })).toString("base64url");
  return `${body}.${hmac(key, body).toString("base64url")}`;
}

/**
 * Checks a token made by {@link signToken} and returns its payload. Tokens come from the
 * client, so anything malformed is reported as `"invalid"` rather than thrown.
 * @throws only if the secret is shorter than 32 bytes (a configuration error).
 */
export function verifyToken<T = unknown>(secret: SessionSecret, token: unknown, options: VerifyTokenOptions = {}): VerifyTokenResult<T> {
  const key = secretKey(secret, "verifyToken");
  if (typeof token !== "string") return INVALID;
  const parts = token.split(".");
  if (parts.length !== 2) return INVALID;
  const [body, signature] = parts as [string, string];
  if (!BASE64URL.test(body) || !BASE64URL.test(signature)) return INVALID;

  // Compare the canonical encoding rather than the decoded bytes: base64url ignores the spare
  // low bits of the last character, so several strings decode to the same signature.
  const expected = Buffer.from(hmac(key, body).toString("base64url"));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return INVALID;

  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return INVALID;
  }
  if (typeof claims !== "object" || claims === null) return INVALID;
  const { p, exp } = claims as { p?: unknown; exp?: unknown };
  if (typeof exp !== "number" || !Number.isFinite(exp)) return INVALID;
  if ((options.now ?? Date.now()) >= exp) return EXPIRED;
  return { ok: true, payload: p as T };
}

/** A fresh random CSRF secret (32 bytes, base64url) for the {@link CSRF_COOKIE} cookie. */
export function newCsrfSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The CSRF token for a page's `<meta name="csrf-token">`, derived from the browser's cookie
 * secret. Each call gives a different string for the same secret, so compressed responses do
 * not reveal it byte by byte (the BREACH attack).
 * @throws if the secret is shorter than 32 bytes or `csrfSecret` is empty.
 */
export function csrfTokenFor(secret: SessionSecret, csrfSecret: string): string {
  const key = secretKey(secret, "csrfTokenFor");
  if (typeof csrfSecret !== "string" || csrfSecret === "") {
    throw new TypeError(`csrfTokenFor: the CSRF secret is empty; create one with newCsrfSecret() and store it in the "${CSRF_COOKIE}" cookie.`);
  }
  const mask = randomBytes(CSRF_MASK_BYTES);
  return Buffer.concat([mask, xor(mask, csrfDigest(key, csrfSecret))]).toString("base64url");
}

/**
 * Whether `token` was made by {@link csrfTokenFor} for this cookie secret. A missing cookie or a
 * malformed token is simply `false`.
 * @throws only if the secret is shorter than 32 bytes (a configuration error).
 */
export function verifyCsrfToken(secret: SessionSecret, csrfSecret: string | undefined, token: unknown): boolean {
  const key = secretKey(secret, "verifyCsrfToken");
  if (typeof csrfSecret !== "string" || csrfSecret === "") return false;
  if (typeof token !== "string" || !BASE64URL.test(token)) return false;
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length !== 2 * CSRF_MASK_BYTES) return false;
  const unmasked = xor(bytes.subarray(0, CSRF_MASK_BYTES), bytes.subarray(CSRF_MASK_BYTES));
  return timingSafeEqual(unmasked, csrfDigest(key, csrfSecret));
}

/**
 * Reads a `Cookie` request header into name/value pairs, percent-decoding the values. Pairs
 * without a name or `=` are skipped; a value with a broken escape is kept as sent.
 */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies = new Map<string, string>();
  if (typeof header !== "string") return {};
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    // Browsers list the cookie with the most specific path first (RFC 6265, 5.4), so the first
    // one is the one meant for this URL.
    if (name === "" || cookies.has(name)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    cookies.set(name, decodeCookieValue(value));
  }
  // fromEntries defines own properties, so a cookie named "__proto__" cannot change the prototype.
  return Object.fromEntries(cookies);
}

/**
 * Builds a `Set-Cookie` header value. The value is percent-encoded, so any string round-trips
 * through {@link parseCookies}.
 * @throws if the name or path contains characters a cookie cannot carry, or `SameSite=None` is
 * asked for without `secure` (browsers reject that cookie).
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!COOKIE_NAME.test(name)) throw new TypeError(`serializeCookie: invalid cookie name ${JSON.stringify(name)}.`);
  const { httpOnly = true, sameSite = "Lax", path = "/", secure = false, maxAgeSeconds } = options;
  if (COOKIE_ATTRIBUTE_UNSAFE.test(path)) throw new TypeError(`serializeCookie: invalid path ${JSON.stringify(path)} for cookie "${name}".`);
  if (sameSite === "None" && !secure) {
    throw new TypeError(`serializeCookie: cookie "${name}" has SameSite=None, which browsers accept only with secure: true.`);
  }
  const attributes = [`${name}=${encodeURIComponent(value)}`, `Path=${path}`];
  if (maxAgeSeconds !== undefined) {
    if (!Number.isFinite(maxAgeSeconds)) throw new RangeError(`serializeCookie: maxAgeSeconds must be a finite number, got ${maxAgeSeconds}.`);
    attributes.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`);
  }
  if (httpOnly) attributes.push("HttpOnly");
  if (secure) attributes.push("Secure");
  attributes.push(`SameSite=${sameSite}`);
  return attributes.join("; ");
}

/**
 * A random id for a view container, like `phx-F9a1c0XbQ2rT7yLw`: 12 random bytes (16 base64url
 * characters) after the prefix. The join topic is `"lv:" + id`.
 */
export function randomId(prefix = "phx-"): string {
  return prefix + randomBytes(12).toString("base64url");
}

/** How many random bytes are drawn from the system at once; each page needs about 60. */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomUsed = 0;

/**
 * `n` bytes from the system's CSRNG, each handed out once. They are drawn a pool at a time: one
 * call into the system for many pages instead of three for each (a container id, a CSRF secret
 * and its mask). A full pool is replaced, not refilled, so the bytes already handed out stay as
 * they were; callers read them at once and keep none.
 */
function randomBytes(n: number): Buffer {
  if (n > RANDOM_POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(n));
  if (randomUsed + n > randomPool.length) {
    randomPool = randomFillSync(Buffer.allocUnsafe(RANDOM_POOL_BYTES));
    randomUsed = 0;
  }
  randomUsed += n;
  return randomPool.subarray(randomUsed - n, randomUsed);
}

let lastSecret: string | null = null;
let lastKey: Buffer | null = null;

function secretKey(secret: SessionSecret, caller: string): Buffer {
  // A server signs with one secret: its bytes are encoded once, not on every token.
  if (secret === lastSecret && lastKey !== null) return lastKey;
  const key = typeof secret === "string" ? Buffer.from(secret, "utf8") : secret;
  if (!Buffer.isBuffer(key) || key.length < MIN_SECRET_BYTES) {
    const got = Buffer.isBuffer(key) ? `${key.length} bytes` : typeof secret;
    throw new Error(
      `${caller}: the secret must be a string or Buffer of at least ${MIN_SECRET_BYTES} bytes, got ${got}. ` +
        `Generate one with: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`,
    );
  }
  if (typeof secret === "string") {
    lastSecret = secret;
    lastKey = key;
  }
  return key;
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/**
 * The mask is 16 bytes, so the digest is cut to 16 too: masking 32 bytes with a repeated mask
 * would let anyone XOR the two halves and get the same value from every token.
 */
function csrfDigest(key: Buffer, csrfSecret: string): Buffer {
  return hmac(key, CSRF_CONTEXT + csrfSecret).subarray(0, CSRF_MASK_BYTES);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

function decodeCookieValue(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
