/**
 * Forms: `toForm` against a tiny Standard Schema library written here (sync and async), the
 * components' HTML, and a registration view rendered and diffed as the runtime does it.
 */
import { describe, expect, test } from "vitest";
import { ROOT, STATIC, TEMPLATES } from "@livetsx/client/wire";
import { ErrorTag, Form, Input, toForm, type Field, type StandardSchemaV1 } from "../src/forms.js";
import { renderToString } from "../src/html.js";
import { viewInstance } from "./support.js";
import Registration, { registration } from "./views/forms-registration.tsx";

// ─── A tiny Standard Schema library ─────────────────────────────────────────────────────────

type Issue = StandardSchemaV1.Issue;
type Result<T> = StandardSchemaV1.Result<T>;
type Schema<T> = StandardSchemaV1<unknown, T>;
type Output<S> = S extends StandardSchemaV1<unknown, infer O> ? O : never;

const fail = (message: string): { issues: Issue[] } => ({ issues: [{ message }] });

function schema<T>(validate: (value: unknown) => Result<T> | Promise<Result<T>>): Schema<T> {
  return { "~standard": { version: 1, vendor: "tiny", validate } };
}

/** Text, optionally with a minimum length: `string().min(2)`. */
function string(min = 0): Schema<string> & { min(n: number): Schema<string> } {
  const base = schema<string>((v) =>
    typeof v !== "string" ? fail("must be text") : v.length < min ? fail(`must be at least ${min} characters`) : { value: v },
  );
  return Object.assign(base, { min: (n: number) => string(n) });
}

function email(): Schema<string> {
  return schema((v) => (typeof v === "string" && /^[^@\s]+@[^@\s]+$/.test(v) ? { value: v } : fail("must be an email address")));
}

/** A whole number, from a number or from the text of one (what a form sends). */
function integer(): Schema<number> {
  return schema((v) => {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    return typeof n === "number" && Number.isInteger(n) ? { value: n } : fail("must be a whole number");
  });
}

/** An object of sync schemas; issues get `{ key }` segments; `refine` adds path-less issues. */
function object<S extends Record<string, Schema<unknown>>>(
  shape: S,
  refine?: (value: { [K in keyof S]: Output<S[K]> }) => string | null,
): Schema<{ [K in keyof S]: Output<S[K]> }> {
  return schema((v) => {
    const input = (typeof v === "object" && v !== null ? v : {}) as Record<string, unknown>;
    const issues: Issue[] = [];
    const value: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(shape)) {
      const result = child["~standard"].validate(input[key]);
      if (result instanceof Promise) throw new Error("object() takes sync schemas");
      if (result.issues) issues.push(...result.issues.map((issue) => ({ message: issue.message, path: [{ key }, ...(issue.path ?? [])] })));
      else value[key] = result.value;
    }
    if (issues.length > 0) return { issues };
    const out = value as { [K in keyof S]: Output<S[K]> };
    const problem = refine?.(out);
    return problem ? fail(problem) : { value: out };
  });
}

/** Adds an async check (a database lookup) after `inner` succeeds. */
function checkedAsync<T>(inner: Schema<T>, check: (value: T) => Promise<Issue[]>): Schema<T> {
  return schema(async (v) => {
    const result = await inner["~standard"].validate(v);
    if (result.issues) return result;
    const issues = await check(result.value);
    return issues.length > 0 ? { issues } : result;
  });
}

const user = object({ name: string().min(2), email: email(), age: integer() });

/** A "used" set as `formEvent(…).used` gives it, from full input paths. */
const usedOnly = (...names: string[]) => ({ has: (path: readonly string[]) => names.includes(path.join(".")) });

/** What a user typed into `user`: every value invalid. */
const params = { user: { name: "A", email: "nope", age: "x" } };

// ─── toForm ─────────────────────────────────────────────────────────────────────────────────

describe("toForm", () => {
  test("while validating, errors show only for the fields the user used", async () => {
    const form = await toForm(user, { name: "user", params, used: usedOnly("user.name"), action: "validate" });
    expect(form.valid).toBe(false);
    expect(form.data).toBeNull();
    expect(form.action).toBe("validate");
    expect(form.errors).toEqual({
      name: ["must be at least 2 characters"],
      email: ["must be an email address"],
      age: ["must be a whole number"],
    });
    expect(form.fields.name).toEqual({ name: "user[name]", id: "user_name", value: "A", errors: ["must be at least 2 characters"], used: true, form: "user" });
    expect(form.fields.email).toEqual({ name: "user[email]", id: "user_email", value: "nope", errors: [], used: false, form: "user" });
    expect(form.fields.age.errors).toEqual([]);
  });

  test("on submit every error shows, used or not", async () => {
    const form = await toForm(user, { name: "user", params, used: usedOnly(), action: "submit" });
    expect(form.fields.name.used).toBe(false);
    expect(form.fields.name.errors).toEqual(["must be at least 2 characters"]);
    expect(form.fields.email.errors).toEqual(["must be an email address"]);
    expect(form.fields.age.errors).toEqual(["must be a whole number"]);
  });

  test("without a used set, the fields of params are used; without params, none", async () => {
    const typed = await toForm(user, { name: "user", params });
    expect(typed.action).toBeNull();
    expect(typed.fields.email.errors).toEqual(["must be an email address"]);
    const fresh = await toForm(user, { name: "user" });
    expect(fresh.valid).toBe(false);
    expect(fresh.fields.email).toMatchObject({ used: false, errors: [] });
    expect(fresh.errors.email).toEqual(["must be an email address"]);
  });

  test("valid values give the schema's typed output; values stay as typed", async () => {
    const form = await toForm(user, { name: "user", params: { user: { name: "Ada", email: "ada@example.com", age: "36" } }, action: "submit" });
    expect(form.valid).toBe(true);
    expect(form.errors).toEqual({});
    const data = form.data!;
    const age: number = data.age;
    expect(age).toBe(36);
    expect(data).toEqual({ name: "Ada", email: "ada@example.com", age: 36 });
    expect(form.values).toEqual({ name: "Ada", email: "ada@example.com", age: "36" });
    expect(form.fields.age.value).toBe("36");
  });

  test("initial values are validated as they are and shown as strings", async () => {
    const form = await toForm(user, { name: "user", initial: { name: "Ada", age: 36 } });
    expect(form.values).toEqual({ name: "Ada", age: "36" });
    expect(form.fields.age).toMatchObject({ value: "36", used: false, errors: [] });
    expect(form.errors).toEqual({ email: ["must be an email address"] });
    expect(Object.keys(form.fields)).toEqual(["name", "age", "email"]);
  });

  test("nested objects: dotted paths, bracketed names, issue paths with { key } segments", async () => {
    const address = object({ street: string(), city: string().min(2) });
    const form = await toForm(object({ name: string(), address }), {
      name: "user",
      params: { user: { name: "Ada", address: { street: "Main St", city: "X" } } },
      used: usedOnly("user.address.city"),
      action: "validate",
    });
    expect(form.errors).toEqual({ "address.city": ["must be at least 2 characters"] });
    expect(form.fields["address.city"]).toEqual({
      name: "user[address][city]",
      id: "user_address_city",
      value: "X",
      errors: ["must be at least 2 characters"],
      used: true,
      form: "user",
    });
    expect(form.fields["address.street"]).toMatchObject({ name: "user[address][street]", value: "Main St", used: false });
    expect(Object.keys(form.fields)).toEqual(["name", "address.street", "address.city"]);
  });

  test("a field nothing mentioned yet is an empty Field, the same object each time", async () => {
    const form = await toForm(object({ email: email() }, () => null), { name: "user", params: {} });
    const keys = Object.keys(form.fields);
    const loose = form.fields as unknown as Record<string, Field>;
    expect(loose.nickname).toEqual({ name: "user[nickname]", id: "user_nickname", value: "", errors: [], used: true, form: "user" });
    expect(loose.nickname).toBe(loose.nickname);
    expect(Object.keys(form.fields)).toEqual(keys);
    expect(String(form.fields)).toBe("[object Object]");
  });

  test("issues without a path are the form's own, under the empty path", async () => {
    const passwords = object({ password: string(), confirmation: string() }, (v) => (v.password === v.confirmation ? null : "passwords differ"));
    const form = await toForm(passwords, { params: { form: { password: "a", confirmation: "b" } }, action: "submit" });
    expect(form.errors).toEqual({ "": ["passwords differ"] });
    expect(form.fields.password.errors).toEqual([]);
    expect(form.fields.password.name).toBe("form[password]");
  });

  test("an async schema is awaited", async () => {
    const taken = new Set(["ada@example.com"]);
    const signup = checkedAsync(object({ email: email() }), async ({ email }) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return taken.has(email) ? [{ message: "is taken", path: ["email"] }] : [];
    });
    const clash = await toForm(signup, { name: "user", params: { user: { email: "ada@example.com" } }, action: "validate" });
    expect(clash.fields.email.errors).toEqual(["is taken"]);
    const fine = await toForm(signup, { name: "user", params: { user: { email: "grace@example.com" } }, action: "validate" });
    expect(fine.data).toEqual({ email: "grace@example.com" });
  });

  test("the name \"\" nests nothing and leaves out the params' bookkeeping keys", async () => {
    const form = await toForm(object({ q: string().min(1) }), { name: "", params: { q: "x", _csrf_token: "t", _target: "q" } });
    expect(form.values).toEqual({ q: "x" });
    expect(form.fields.q).toMatchObject({ name: "q", id: "q", value: "x" });
    expect(form.data).toEqual({ q: "x" });
  });
});

// ─── Components ─────────────────────────────────────────────────────────────────────────────

describe("components", () => {
  const evil = '"><script>alert(1)</script>';

  test("Input renders a labelled input with the field's name, id and value, escaped", async () => {
    const form = await toForm(user, { name: "user", params: { user: { name: evil } }, used: usedOnly(), action: "validate" });
    expect(renderToString(Input({ field: form.fields.name, label: "Name <b>", "phx-debounce": "300" }))).toBe(
      '<div class="field"><label for="user_name">Name &lt;b&gt;</label>' +
        '<input type="text" id="user_name" name="user[name]" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" phx-debounce="300">' +
        "</div>",
    );
  });

  test("Input with errors: aria-invalid, aria-describedby and one paragraph per error", async () => {
    const strict = object({ code: schema<string>(() => ({ issues: [{ message: "too <short>" }, { message: "not a number" }] })) });
    const form = await toForm(strict, { params: { form: { code: "1" } }, action: "submit" });
    expect(renderToString(Input({ field: form.fields.code, type: "tel", "aria-describedby": "hint" }))).toBe(
      '<div class="field"><input type="tel" id="form_code" name="form[code]" value="1"' +
        ' aria-invalid="true" aria-describedby="hint form_code-error-0 form_code-error-1">' +
        '<p class="error" id="form_code-error-0">too &lt;short&gt;</p><p class="error" id="form_code-error-1">not a number</p></div>',
    );
  });

  test("Input types: password keeps no value, checkbox, textarea", async () => {
    const form = await toForm(object({ password: string(), terms: string(), bio: string() }), {
      params: { form: { password: "secret", terms: "true", bio: "\n<hi>" } },
    });
    expect(renderToString(Input({ field: form.fields.password, type: "password" }))).toBe(
      '<div class="field"><input type="password" id="form_password" name="form[password]"></div>',
    );
    expect(renderToString(Input({ field: form.fields.terms, type: "checkbox", label: "Terms" }))).toBe(
      '<div class="field"><label for="form_terms">Terms</label><input type="hidden" name="form[terms]" value="false">' +
        '<input type="checkbox" id="form_terms" name="form[terms]" value="true" checked></div>',
    );
    expect(renderToString(Input({ field: form.fields.bio, type: "textarea", rows: 3 }))).toBe(
      '<div class="field"><textarea id="form_bio" name="form[bio]" rows="3">\n\n&lt;hi&gt;</textarea></div>',
    );
  });

  test("ErrorTag renders one paragraph per error to show, nothing when none", async () => {
    const form = await toForm(user, { name: "user", params, used: usedOnly("user.email"), action: "validate" });
    expect(renderToString(ErrorTag({ field: form.fields.email }))).toBe('<p class="error">must be an email address</p>');
    expect(renderToString(ErrorTag({ field: form.fields.name }))).toBe("");
  });

  test("Form renders its attributes escaped, the CSRF input, then the children", async () => {
    const form = await toForm(user, { name: "user" });
    const html = renderToString(Form({ for: form, csrfToken: 'tok"en', "phx-change": "validate", "data-x": evil, children: ["<i>", 1] }));
    expect(html).toBe(
      '<form id="user" phx-change="validate" data-x="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' +
        '<input type="hidden" name="_csrf_token" value="tok&quot;en">&lt;i&gt;1</form>',
    );
    expect(renderToString(Form({ for: form, id: "signup", children: null }))).toBe('<form id="signup"></form>');
  });

  test("missing props are explained", () => {
    expect(() => Form({} as never)).toThrow(/<Form for=\{form\}>/);
    expect(() => Input({ label: "Email" } as never)).toThrow(/<Input field=\{form\.fields\.email\} \/> \(label "Email"\)/);
    expect(() => ErrorTag({} as never)).toThrow(/<ErrorTag field=/);
  });
});

// ─── A view ─────────────────────────────────────────────────────────────────────────────────

describe("a registration view", () => {
  test("renders the form for given assigns", async () => {
    const form = await toForm(registration, {
      name: "user",
      params: { user: { name: "A", email: "ada@example.com", password: "short" } },
      used: usedOnly("user.name", "user.email"),
      action: "validate",
    });
    const html = renderToString(Registration.render({ form, csrfToken: "t0k", welcome: null }));
    expect(html).toBe(
      '<main><form id="user" phx-change="validate" phx-submit="save" class="stack">' +
        '<input type="hidden" name="_csrf_token" value="t0k">' +
        '<div class="field"><label for="user_name">Name</label>' +
        '<input type="text" id="user_name" name="user[name]" value="A" phx-debounce="300" aria-invalid="true" aria-describedby="user_name-error-0">' +
        '<p class="error" id="user_name-error-0">must be at least 2 characters</p></div>' +
        '<div class="field"><label for="user_email">Email</label><input type="email" id="user_email" name="user[email]" value="ada@example.com"></div>' +
        '<div class="field"><label for="user_password">Password</label><input type="password" id="user_password" name="user[password]"></div>' +
        '<button type="submit">Sign up</button></form></main>',
    );
  });

  test("submitting shows the hand-written input's errors through ErrorTag", async () => {
    const form = await toForm(registration, { name: "user", params: { user: { name: "Ada", email: "a@b", password: "short" } }, action: "submit" });
    const html = renderToString(Registration.render({ form, welcome: null }));
    expect(html).toContain('name="user[password]"><p class="error">must be at least 8 characters</p></div>');
    expect(html).not.toContain("_csrf_token");
  });

  async function live() {
    const view = viewInstance("f", Registration);
    const joined = (await view.join({}, {})) as { rendered: Record<string, unknown> };
    const event = async (name: string, payload: Record<string, unknown>) => (await view.event(name, payload)).diff;
    return { joined: joined.rendered, event };
  }

  test("a keystroke re-sends only the input that changed, not the form around it", async () => {
    const { event } = await live();
    await event("validate", { user: { name: "Ad", email: "", password: "" } });
    const diff = await event("validate", { user: { name: "Ada", email: "", password: "" } });
    // View slot 0 is <Form>, whose slot 2 holds the children; their slot 0 is the name <Input>,
    // whose slot 1 is the <input> itself. The email field got a new Field object too, but its
    // HTML is the same, so it sends nothing.
    expect(diff).toEqual({ 0: { 2: { 0: { 1: '<input type="text" id="user_name" name="user[name]" value="Ada" phx-debounce="300">' } } } });
  });

  test("a failed submit shows every error; a valid one welcomes and resets the form", async () => {
    const { event } = await live();
    const failed = await event("save", { user: { name: "Ada", email: "", password: "" } });
    expect(failed).toEqual({
      0: {
        2: {
          0: { 1: '<input type="text" id="user_name" name="user[name]" value="Ada" phx-debounce="300">' },
          1: {
            1: '<input type="email" id="user_email" name="user[email]" value="" aria-invalid="true" aria-describedby="user_email-error-0">',
            2: '<p class="error" id="user_email-error-0">must be an email address</p>',
          },
          5: { 0: '<p class="error">must be at least 8 characters</p>' },
        },
      },
    });
    const saved = (await event("save", { user: { name: "Ada", email: "ada@example.com", password: "long enough" } })) as Record<string, unknown>;
    expect(saved[1]).toEqual({ 0: "Ada", [STATIC]: 0, [ROOT]: 1 });
    expect(saved[TEMPLATES]).toEqual({ 0: ['<p class="welcome">Welcome, ', "!</p>"] });
    expect(saved[0]).toEqual({
      2: {
        0: { 1: '<input type="text" id="user_name" name="user[name]" value="" phx-debounce="300">' },
        1: { 1: '<input type="email" id="user_email" name="user[email]" value="">', 2: "" },
        5: { 0: "" },
      },
    });
  });
});
