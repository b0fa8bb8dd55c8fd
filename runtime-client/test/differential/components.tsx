import { defineView } from "@livetsx/server";

interface Person {
  id: number;
  name: string;
  role: "admin" | "user";
  online: boolean;
}

interface Assigns {
  people: readonly Person[];
  theme: string;
  heading: string;
  footer: number;
}

function Badge({ role, children }: { role: string; children?: unknown }) {
  return (
    <span class={`badge ${role}`}>
      {role === "admin" ? <b>{role.toUpperCase()}</b> : role} {children}
    </span>
  );
}

function Avatar({ name, online }: { name: string; online: boolean }) {
  return <i class={online ? "avatar on" : "avatar"}>{name.slice(0, 1)}</i>;
}

function Card({ person, theme }: { person: Person; theme: string }) {
  return (
    <article class={`card ${theme}`} id={`card-${person.id}`}>
      <Avatar name={person.name} online={person.online} />
      <h3>{person.name}</h3>
      <Badge role={person.role}>{person.online ? <em>online</em> : "away"}</Badge>
    </article>
  );
}

function Panel({ title, children }: { title: string; children?: unknown }) {
  return (
    <section class="panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function people(n: number, from = 1): Person[] {
  return Array.from({ length: n }, (_, i) => ({ id: from + i, name: `person ${from + i}`, role: (from + i) % 5 === 0 ? "admin" : "user", online: (from + i) % 3 === 0 }));
}

/** Function components with props and children, the same card template in many entries. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ people: people(20), theme: "light", heading: "People", footer: 0 });
  },
  events: {
    theme: (p: { to: string }, socket) => socket.assign({ theme: p.to }),
    heading: (p: { to: string }, socket) => socket.assign({ heading: p.to }),
    footer: (_p, socket) => socket.update("footer", (n) => n + 1),
    person: (p: { id: number } & Partial<Person>, socket) =>
      socket.update("people", (all) => all.map((x) => (x.id === p.id ? { ...x, ...p } : x))),
    add: (p: { n: number; at?: number }, socket) =>
      socket.update("people", (all) => {
        const next = all.slice();
        const top = Math.max(0, ...all.map((x) => x.id));
        next.splice(p.at ?? next.length, 0, ...people(p.n, top + 1));
        return next;
      }),
    keep: (p: { ids: number[] }, socket) => socket.update("people", (all) => all.filter((x) => p.ids.includes(x.id))),
    reverse: (_p, socket) => socket.update("people", (all) => all.slice().reverse()),
  },
  render: ({ people, theme, heading, footer }) => (
    <main>
      <Panel title={heading}>
        <p>{people.length} people</p>
        {people.map((person) => (
          <Card key={person.id} person={person} theme={theme} />
        ))}
      </Panel>
      <Panel title="Admins">
        {people
          .filter((p) => p.role === "admin")
          .map((person) => (
            <Badge key={person.id} role={person.role}>
              {person.name}
            </Badge>
          ))}
      </Panel>
      <footer>{footer}</footer>
    </main>
  ),
});
