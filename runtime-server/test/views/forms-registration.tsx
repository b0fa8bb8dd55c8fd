import { defineView, type EventPayload } from "@livetsx/server";
import { ErrorTag, Form, Input, toForm, type StandardSchemaV1 } from "../../src/forms.js";

export interface Registration {
  name: string;
  email: string;
  password: string;
}

/** Any Standard Schema works, a hand-written one too. */
export const registration: StandardSchemaV1<unknown, Registration> = {
  "~standard": {
    version: 1,
    vendor: "forms-registration",
    validate(value) {
      const input = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
      const text = (key: string) => (typeof input[key] === "string" ? (input[key] as string).trim() : "");
      const [name, email, password] = [text("name"), text("email"), text("password")];
      const issues: StandardSchemaV1.Issue[] = [];
      if (name.length < 2) issues.push({ message: "must be at least 2 characters", path: ["name"] });
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) issues.push({ message: "must be an email address", path: ["email"] });
      if (password.length < 8) issues.push({ message: "must be at least 8 characters", path: ["password"] });
      return issues.length > 0 ? { issues } : { value: { name, email, password } };
    },
  },
};

export type RegistrationAssigns = {
  form: Form<Registration>;
  csrfToken?: string;
  welcome: string | null;
};

/** A sign-up form: every keystroke validates, submit shows every error or welcomes. */
export default defineView<RegistrationAssigns>({
  mount: async (_params, _session, socket) => {
    socket.assign({ form: await toForm(registration, { name: "user" }), welcome: null });
  },
  events: {
    validate: async (payload: EventPayload, socket) => {
      socket.assign({ form: await toForm(registration, { name: "user", params: payload, action: "validate" }) });
    },
    save: async (payload: EventPayload, socket) => {
      const form = await toForm(registration, { name: "user", params: payload, action: "submit" });
      if (!form.data) socket.assign({ form });
      else socket.assign({ form: await toForm(registration, { name: "user" }), welcome: form.data.name });
    },
  },
  render: ({ form, csrfToken, welcome }) => (
    <main>
      <Form for={form} csrfToken={csrfToken} phx-change="validate" phx-submit="save" class="stack">
        <Input field={form.fields.name} label="Name" phx-debounce="300" />
        <Input field={form.fields.email} label="Email" type="email" />
        <div class="field">
          <label for={form.fields.password.id}>Password</label>
          <input type="password" id={form.fields.password.id} name={form.fields.password.name} />
          <ErrorTag field={form.fields.password} />
        </div>
        <button type="submit">Sign up</button>
      </Form>
      {welcome ? <p class="welcome">Welcome, {welcome}!</p> : null}
    </main>
  ),
});
