/**
 * Forms: what a schema says about what the user typed, shaped for rendering (`toForm`), and the
 * function components that render it (`<Form>`, `<Input>`, `<ErrorTag>`).
 *
 * Any Standard Schema validates (Zod, Valibot, ArkType, or a hand-written object with a
 * `~standard` property). A form keeps what the user typed as strings, so an invalid value is
 * shown back as typed, and it shows a field's errors only once the user has used that field
 * (Phoenix's `used_input?`), or on submit.
 *
 * ```tsx
 * mount: async (_params, _session, socket) => {
 *   socket.assign({ form: await toForm(userSchema, { name: "user" }) });
 * },
 * events: {
 *   validate: async (payload, socket) => {
 *     socket.assign({ form: await toForm(userSchema, { name: "user", params: payload, action: "validate" }) });
 *   },
 * },
 * render: ({ form, csrfToken }) => (
 *   <Form for={form} csrfToken={csrfToken} phx-change="validate" phx-submit="save">
 *     <Input field={form.fields.email} label="Email" type="email" />
 *   </Form>
 * ),
 * ```
 */
import { attributeHTML, attrs } from "./attributes.js";
import { escapeHTML, raw } from "./escape.js";
import { rendered, template, type Rendered } from "./template.js";

// ─── Standard Schema ────────────────────────────────────────────────────────────────────────

/**
 * The Standard Schema interface, v1 (https://standardschema.dev), written out here so that no
 * dependency is needed: every schema library that implements the spec fits it.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version of the standard. */
    readonly version: 1;
    /** The schema library's name. */
    readonly vendor: string;
    /** Validates an unknown value; sync or async. */
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    /** The inferred types, for type inference only (never set at run time). */
    readonly types?: Types<Input, Output> | undefined;
  }
  /** Options a library may accept besides the value. */
  export interface Options {
    /** Vendor-specific parameters. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** What `validate` returns. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  /** A valid value: the schema's output. */
  export interface SuccessResult<Output> {
    readonly value: Output;
    /** A falsy `issues` means success. */
    readonly issues?: undefined;
  }
  /** An invalid value: what is wrong with it. */
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  /** One problem, at a path into the value (none for the value as a whole). */
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** A path segment as an object. */
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  /** The input and output types of a schema. */
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  /** A schema's input type. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  /** A schema's output type. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

// ─── Forms ──────────────────────────────────────────────────────────────────────────────────

/** Why a form was built: a `phx-change` (`"validate"`), a `phx-submit` (`"submit"`), or neither. */
export type FormAction = "validate" | "submit" | null;

/** One input of a form: everything an `<input>` needs, and the errors to show next to it. */
export interface Field {
  /** The input's name, nested under the form's: `user[email]`, `user[address][city]`. */
  readonly name: string;
  /** The input's DOM id: `user_email`, `user_address_city`. */
  readonly id: string;
  /** What the user typed (or the initial value, as a string); `""` when there is none. */
  readonly value: string;
  /** The errors to show: empty while the field is unused, unless the form was submitted. */
  readonly errors: readonly string[];
  /** Whether the user has interacted with the field. */
  readonly used: boolean;
  /** The name of the form the field belongs to (also the `<Form>`'s default id). */
  readonly form: string;
}

/** Values that are inputs themselves, not objects of inputs. */
type Leaf = string | number | bigint | boolean | symbol | Date | readonly unknown[] | ((...args: never[]) => unknown);
type Branch<V> = V extends Leaf ? never : V extends object ? V : never;

/**
 * The field paths of `T`: its keys, and the dotted paths into nested objects
 * (`"address" | "address.city"`), four levels deep.
 */
export type FieldPath<T, Depth extends 0[] = []> = Depth["length"] extends 4
  ? never
  : {
      [K in keyof T & string]:
        | K
        | ([Branch<NonNullable<T[K]>>] extends [never] ? never : `${K}.${FieldPath<Branch<NonNullable<T[K]>>, [...Depth, 0]>}`);
    }[keyof T & string];

/**
 * A form's fields by path: `form.fields.email`, `form.fields["address.city"]`.
 *
 * At run time it is a Proxy: a path nothing mentioned yet (no initial value, nothing typed, no
 * issue) still gives its Field, with an empty value and no errors, so a template can render
 * `form.fields.email` before the user typed anything. Enumerating it (`Object.keys`) lists only
 * the fields that something mentioned. Reading the same path twice gives the same object.
 */
export type Fields<T> = { readonly [P in FieldPath<T>]: Field };

/** A form, ready to render: build it with {@link toForm}, keep it in an assign. */
export interface Form<T = Record<string, unknown>> {
  /** The name inputs are nested under (`user` → `user[email]`); `""` for none. */
  readonly name: string;
  /** What the user typed, as strings, nested as the params were (`{ address: { city } }`). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The schema's output when the values are valid, else null. */
  readonly data: T | null;
  /**
   * Every error, shown or not, by dotted field path (`"email"`, `"address.city"`); issues
   * without a path (the value as a whole) are under `""`.
   */
  readonly errors: Readonly<Record<string, readonly string[]>>;
  /** Whether the schema accepted the values. */
  readonly valid: boolean;
  /** Why the form was built. */
  readonly action: FormAction;
  /** The fields by path; see {@link Fields}. */
  readonly fields: Fields<T>;
}

/** What the user typed, as a form sends it: strings (lists for multiple inputs), nested as `T` is. */
export type FormValues<T> = {
  [K in keyof T]?: [Branch<NonNullable<T[K]>>] extends [never] ? string | string[] : FormValues<Branch<NonNullable<T[K]>>>;
};

/**
 * The payload of a form's `phx-change`/`phx-submit`, typed from its schema: the fields under the
 * form's name (`user[email]` → `{ user: { email } }`), and the input that changed.
 *
 * ```ts
 * validate: async (payload: FormParams<typeof userSchema, "user">, socket) => {
 *   socket.assign({ form: await toForm(userSchema, { name: "user", params: payload }) });
 * },
 * ```
 *
 * The client sends what the page's inputs hold, so this says what the form's inputs are, not
 * what the server has checked: validate with the schema (`toForm`) before using the values.
 */
export type FormParams<Schema extends StandardSchemaV1, Name extends string = "form"> = {
  [K in Name]?: FormValues<StandardSchemaV1.InferOutput<Schema>>;
} & {
  /** The path of the input that changed (`["user", "email"]`), on `phx-change`. */
  _target?: string[];
  /** The CSRF token of a `<Form csrfToken>`. */
  _csrf_token?: string;
};

/** What {@link toForm} builds a form from. */
export interface ToFormInput<T> {
  /**
   * An event's params (`{ user: { email: "a@b" } }`); the form validates `params[name]`.
   * @default undefined: the form shows `initial` and nothing is used yet
   */
  params?: Readonly<Record<string, unknown>> | undefined;
  /**
   * Which fields the user has interacted with, by full input path (`["user", "email"]`), as
   * `formEvent(…).used` answers it.
   * @default every field is used when `params` are given, none otherwise
   */
  used?: { has(path: readonly string[]): boolean } | undefined;
  /**
   * Why the form is built; on `"submit"` every error shows, used or not.
   * @default null
   */
  action?: FormAction | undefined;
  /**
   * The name inputs are nested under: `"user"` gives `user[email]` and validates
   * `params.user`. `""` nests nothing: the form validates the params themselves, without the
   * keys starting with `_` (`_csrf_token`, `_target`).
   * @default "form"
   */
  name?: string | undefined;
  /**
   * The values to show when there are no params (an edit form's record). Validated as they are;
   * shown as strings (dates as ISO strings).
   * @default {}
   */
  initial?: Partial<T> | undefined;
}

/**
 * Validates what the user typed with `schema` and returns the form to render: the typed values,
 * the schema's output when valid, the errors by field, and one {@link Field} per input.
 *
 * Validates `params[name]` when params are given, else `initial`. A field's errors show once the
 * field is used, and all of them on `action: "submit"`.
 */
export async function toForm<T>(schema: StandardSchemaV1<unknown, T>, input: ToFormInput<T> = {}): Promise<Form<T>> {
  const name = input.name ?? "form";
  const action = input.action ?? null;
  const typed = input.params === undefined ? undefined : paramsOf(input.params, name);
  const result = await schema["~standard"].validate(typed ?? input.initial ?? {});
  const values = typed ?? (asStrings(input.initial ?? {}) as Record<string, unknown>);
  const errors = result.issues ? errorsByPath(result.issues) : {};
  const { used, params } = input;
  const state: FormState = {
    name,
    values,
    errors,
    action,
    isUsed: (path) => (used ? used.has(name === "" ? path : [name, ...path]) : params !== undefined),
  };
  const mentioned = new Set([...leafPaths(values, ""), ...Object.keys(errors).filter((path) => path !== "")]);
  return {
    name,
    values,
    data: result.issues ? null : result.value,
    errors,
    valid: !result.issues,
    action,
    fields: fieldsOf(state, mentioned) as Fields<T>,
  };
}

/** What a Field is made from. */
interface FormState {
  name: string;
  values: Readonly<Record<string, unknown>>;
  errors: Readonly<Record<string, readonly string[]>>;
  action: FormAction;
  isUsed(path: string[]): boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The form's own params: `params[name]`, or the params without bookkeeping keys for `""`. */
function paramsOf(params: Readonly<Record<string, unknown>>, name: string): Record<string, unknown> {
  if (name === "") return Object.fromEntries(Object.entries(params).filter(([key]) => !key.startsWith("_")));
  const own = Object.hasOwn(params, name) ? params[name] : undefined;
  return isPlainObject(own) ? own : {};
}

/** Initial values as the strings an input would hold. */
function asStrings(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(asStrings);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, asStrings(v)]));
  return String(value);
}

/** The dotted paths of the inputs in `values`: nested objects are walked, lists are inputs. */
function leafPaths(values: unknown, prefix: string): string[] {
  if (!isPlainObject(values)) return prefix === "" ? [] : [prefix];
  const paths: string[] = [];
  for (const [key, value] of Object.entries(values)) paths.push(...leafPaths(value, prefix === "" ? key : `${prefix}.${key}`));
  return paths;
}

/** Issue messages by dotted path (`Object.fromEntries`, so a `__proto__` key stays a key). */
function errorsByPath(issues: ReadonlyArray<StandardSchemaV1.Issue>): Record<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const issue of issues) {
    const path = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".");
    const messages = byPath.get(path);
    if (messages) messages.push(issue.message);
    else byPath.set(path, [issue.message]);
  }
  return Object.fromEntries(byPath);
}

function valueAt(values: unknown, path: readonly string[]): unknown {
  let current = values;
  for (const segment of path) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

/** `user` + `["address", "city"]` → `user[address][city]`; without a form name, `address[city]`. */
function inputName(form: string, path: readonly string[]): string {
  const [first = "", ...rest] = form === "" ? path : [form, ...path];
  return first + rest.map((segment) => `[${segment}]`).join("");
}

function field(state: FormState, path: string): Field {
  const segments = path === "" ? [] : path.split(".");
  const used = state.isUsed(segments);
  const value = valueAt(state.values, segments);
  return {
    name: inputName(state.name, segments),
    id: [state.name, ...segments].filter((s) => s !== "").join("_"),
    value: typeof value === "string" ? value : "",
    errors: state.action === "submit" || used ? (state.errors[path] ?? []) : [],
    used,
    form: state.name,
  };
}

/**
 * The `fields` Proxy. Mentioned fields are own properties of the target (so they enumerate and
 * freeze like any object); other paths are made on first read and kept aside. Names the target
 * inherits (`toString`, `constructor`) stay the object's own, so the Proxy still prints and
 * converts like an object; symbols too.
 */
function fieldsOf(state: FormState, mentioned: Iterable<string>): Readonly<Record<string, Field>> {
  const target: Record<string, Field> = {};
  for (const path of mentioned) {
    Object.defineProperty(target, path, { value: field(state, path), enumerable: true, configurable: true });
  }
  const made = new Map<string, Field>();
  return new Proxy(target, {
    get(target, key, receiver) {
      if (typeof key !== "string" || key in target) return Reflect.get(target, key, receiver);
      let cached = made.get(key);
      if (!cached) made.set(key, (cached = field(state, key)));
      return cached;
    },
  });
}

// ─── Components ─────────────────────────────────────────────────────────────────────────────

/** Props of {@link Form}. */
export interface FormProps {
  /** The form to render, from {@link toForm}. */
  for: Form<any>;
  /**
   * The CSRF token, rendered as a hidden `_csrf_token` input so that the form also works as a
   * plain POST. Views pass `assigns.csrfToken`.
   * @default undefined: no hidden input
   */
  csrfToken?: string | null | undefined;
  /**
   * The `<form>`'s id. LiveView needs one to recover the form after a reconnect.
   * @default the form's name (none when the name is `""`)
   */
  id?: string | undefined;
  /** The form's content (already rendered by the runtime). */
  children?: unknown;
  /** Any other attribute goes on the `<form>` as written: `phx-change`, `phx-submit`, `class`, … */
  [attribute: string]: unknown;
}

/**
 * The components return renders of runtime-made templates (the compiler makes the same shape
 * for `<form {...a}>{c}</form>`) rather than `raw()` HTML strings, for the diff:
 * - `<Form>`'s children stay a nested render, so a keystroke re-sends the one input that
 *   changed, not the whole form;
 * - a component's plain value is re-sent whenever its props change, and every keystroke makes
 *   new Field objects for every field; a render's slots are compared with what the client has,
 *   so an `<Input>` whose HTML is the same sends nothing.
 * The slots are always evaluated (`null` deps): their values are computed already.
 */
const FORM = template(["<form", ">", "", "</form>"], "livetsx-form", [null, null, null], { root: true });

/**
 * Renders `<form id=… …attributes>`, a hidden `_csrf_token` input when `csrfToken` is given,
 * and the children:
 *
 * ```tsx
 * <Form for={form} csrfToken={csrfToken} phx-change="validate" phx-submit="save">…</Form>
 * ```
 */
export function Form(props: FormProps): Rendered {
  const { for: form, csrfToken, id, children, ...rest } = props;
  if (!form || typeof form !== "object") {
    throw new TypeError("<Form> needs the form to render: <Form for={form}>, with a form from toForm().");
  }
  const attributes = attrs({ id: id ?? (form.name === "" ? undefined : form.name), ...rest });
  const csrf = csrfToken ? raw(`<input type="hidden" name="_csrf_token"${attributeHTML("value", csrfToken)}>`) : "";
  return rendered(FORM, [attributes, csrf, children], undefined);
}

/** Props of {@link Input}. */
export interface InputProps {
  /** The field to render: `form.fields.email`. */
  field: Field;
  /**
   * The `<label>`'s text.
   * @default undefined: no label
   */
  label?: string | undefined;
  /**
   * The input's type. `"checkbox"` renders a hidden `"false"` input first and is checked when the
   * value is `"true"` or `"on"`; `"textarea"` renders a `<textarea>`; `"password"` and `"file"`
   * never echo the value back.
   * @default "text"
   */
  type?: string | undefined;
  /**
   * Any other attribute goes on the input as written (`phx-debounce="300"`, `placeholder`,
   * `class`); `id`, `name` and `value` given here replace the field's.
   */
  [attribute: string]: unknown;
}

/** Types whose value the server does not render back. */
const NO_VALUE = new Set(["password", "file", "checkbox", "textarea"]);

/** `<div class="field">` around the label, the control and the errors; see {@link FORM}. */
const INPUT = template(['<div class="field">', "", "", "</div>"], "livetsx-input", [null, null, null], { root: true });

/**
 * Renders a field as `<div class="field">` with a `<label>`, the input, and one
 * `<p class="error">` per error to show; when there are errors the input carries
 * `aria-invalid="true"` and `aria-describedby` naming them (`user_email-error-0`).
 *
 * ```tsx
 * <Input field={form.fields.email} label="Email" type="email" phx-debounce="300" />
 * ```
 *
 * There is no `phx-feedback-for`: LiveView 1.0 removed it, and `field.errors` is already empty
 * while the field is unused.
 */
export function Input(props: InputProps): Rendered {
  const { field, label, type = "text", ...rest } = props;
  if (!field || typeof field !== "object") {
    throw new TypeError(`<Input> needs a field: <Input field={form.fields.email} />${label ? ` (label "${label}")` : ""}.`);
  }
  // Spread, not Object.assign: an own `__proto__` key in `rest` stays a key (the spread check
  // drops or renders it) rather than replacing the prototype of `attributes`.
  const attributes: Record<string, unknown> = {
    ...(type === "textarea" ? { id: field.id, name: field.name } : { type, id: field.id, name: field.name }),
    ...(NO_VALUE.has(type) ? null : { value: field.value }),
    ...(type === "checkbox" ? { value: "true", checked: field.value === "true" || field.value === "on" } : null),
    ...rest,
  };
  const errorId = `${String(attributes.id)}-error`;
  if (field.errors.length > 0) {
    const described = [rest["aria-describedby"], ...field.errors.map((_, i) => `${errorId}-${i}`)];
    delete attributes["aria-describedby"];
    attributes["aria-invalid"] = true;
    attributes["aria-describedby"] = described.filter(Boolean).join(" ");
  }
  let control = `<input${attrs(attributes).html}>`;
  if (type === "textarea") {
    // A leading newline in a <textarea> is dropped by the HTML parser: one is added so that a
    // value starting with a newline survives.
    control = `<textarea${attrs(attributes).html}>\n${escapeHTML(field.value)}</textarea>`;
  } else if (type === "checkbox") {
    control = `<input type="hidden"${attributeHTML("name", attributes.name)} value="false">${control}`;
  }
  const labelHTML = label == null ? "" : `<label${attributeHTML("for", attributes.id)}>${escapeHTML(String(label))}</label>`;
  return rendered(INPUT, [raw(labelHTML), raw(control), raw(errorsHTML(field.errors, errorId))], undefined);
}

/** Props of {@link ErrorTag}. */
export interface ErrorTagProps {
  /** The field whose errors to show: `form.fields.email`. */
  field: Field;
}

/** One slot for all the paragraphs; see {@link FORM}. */
const ERROR_TAG = template(["", ""], "livetsx-error-tag", [null]);

/**
 * Renders one `<p class="error">` per error to show (nothing when there is none), for inputs
 * written by hand:
 *
 * ```tsx
 * <input type="password" id={form.fields.password.id} name={form.fields.password.name} />
 * <ErrorTag field={form.fields.password} />
 * ```
 */
export function ErrorTag(props: ErrorTagProps): Rendered {
  if (!props.field || typeof props.field !== "object") {
    throw new TypeError("<ErrorTag> needs a field: <ErrorTag field={form.fields.email} />.");
  }
  return rendered(ERROR_TAG, [raw(errorsHTML(props.field.errors, null))], undefined);
}


function errorsHTML(errors: readonly string[], id: string | null): string {
  let html = "";
  errors.forEach((message, i) => {
    html += `<p class="error"${id === null ? "" : attributeHTML("id", `${id}-${i}`)}>${escapeHTML(message)}</p>`;
  });
  return html;
}
