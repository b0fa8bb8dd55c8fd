import { defineView, Form, Input, toForm, usedFields, type EventPayload, type StandardSchemaV1 } from "@livetsx/server";
import { Flash } from "./welcome.tsx";

interface Registration {
  name: string;
  email: string;
  password: string;
}

/** Any Standard Schema validates a form (Zod, Valibot, …); this one is written by hand. */
const registration: StandardSchemaV1<unknown, Registration> = {
  "~standard": {
    version: 1,
    vendor: "demo",
    validate(value) {
      const input = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
      const text = (key: string) => (typeof input[key] === "string" ? (input[key] as string) : "");
      const name = text("name").trim();
      const email = text("email").trim();
      const password = text("password");
      const issues: StandardSchemaV1.Issue[] = [];
      if (name.length < 2) issues.push({ message: "Name must be at least 2 characters", path: ["name"] });
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) issues.push({ message: "Enter a valid email address", path: ["email"] });
      if (password.length < 8) issues.push({ message: "Password must be at least 8 characters", path: ["password"] });
      return issues.length > 0 ? { issues } : { value: { name, email, password } };
    },
  },
};

const FORM_NAME = "user";
/** How long "creating the account" takes: long enough to see the disabled button. */
const SAVE_MS = 300;

/**
 * Which fields the user has used. The official LiveView client marks the fields nobody touched
 * yet with `_unused_` (that is what `usedFields` reads); LiveTSX's own client sends no such
 * markers, so the view also requires a field to have been the `_target` of a change, or to hold
 * something (a form recovered after a reconnect names no target, but brings the values back).
 */
function usedIn(payload: EventPayload, touched: readonly string[]): { has(path: readonly string[]): boolean } {
  const marked = usedFields(payload);
  return {
    has(path) {
      if (!marked.has(path)) return false;
      if (touched.includes(path.join("."))) return true;
      let value: unknown = payload;
      for (const segment of path) value = (value as Record<string, unknown> | undefined)?.[segment];
      return typeof value === "string" && value !== "";
    },
  };
}

/** The path of the input a change came from (`["user", "email"]`), dotted; null if none. */
function targetOf(payload: EventPayload): string | null {
  const target = payload._target;
  return Array.isArray(target) && target.every((s) => typeof s === "string") ? target.join(".") : null;
}

type Assigns = {
  form: Form<Registration>;
  touched: readonly string[];
  csrfToken: string;
  flash: Readonly<Record<string, string>>;
};

/**
 * A registration form that validates as you type (debounced) and shows a field's errors only
 * once it was used; on submit it shows every error, or welcomes the new user on another view.
 */
export default defineView<Assigns>({
  mount: async (_params, _session, socket) => {
    socket.assign({ form: await toForm(registration, { name: FORM_NAME }), touched: [] }).pageTitle("Register");
  },
  events: {
    validate: async (payload: EventPayload, socket) => {
      const target = targetOf(payload);
      const touched = target === null || socket.assigns.touched.includes(target) ? socket.assigns.touched : [...socket.assigns.touched, target];
      const form = await toForm(registration, { name: FORM_NAME, params: payload, action: "validate", used: usedIn(payload, touched) });
      socket.assign({ form, touched });
    },
    save: async (payload: EventPayload, socket) => {
      const form = await toForm(registration, { name: FORM_NAME, params: payload, action: "submit" });
      // Creating an account takes a moment (think password hashing); the button says so.
      await new Promise((resolve) => setTimeout(resolve, SAVE_MS));
      if (!form.data) {
        socket.assign({ form, touched: ["user.name", "user.email", "user.password"] });
        return;
      }
      socket.putFlash("info", `Welcome, ${form.data.name}!`).pushNavigate("/welcome");
    },
  },
  render: ({ form, csrfToken, flash }) => (
    <section class="card register">
      <Flash flash={flash} />
      <h1>Create an account</h1>
      <Form for={form} id="registration" csrfToken={csrfToken} phx-change="validate" phx-submit="save" class="stack" novalidate>
        <Input field={form.fields.name} label="Name" phx-debounce="300" autocomplete="name" />
        <Input field={form.fields.email} label="Email" type="email" phx-debounce="300" autocomplete="email" />
        {/* <Input> never echoes a password; given back here, it survives the re-render that shows
            its error after the user has moved on to another field. */}
        <Input
          field={form.fields.password}
          label="Password"
          type="password"
          value={form.fields.password.value}
          phx-debounce="300"
          autocomplete="new-password"
        />
        <button type="submit" phx-disable-with="Creating account…">
          Create account
        </button>
      </Form>
      <p class="hint">
        Every keystroke is validated on the server (after a 300 ms pause, <code>phx-debounce</code>), but a field's
        errors show only once you have used it; submitting shows them all. The form has an id, so after a reconnect
        the client sends what you typed before the page is re-rendered.
      </p>
    </section>
  ),
});
