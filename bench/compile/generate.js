/**
 * Input generator for the compile benchmark (bench/compile/run.js).
 *
 * Builds a realistic LiveTSX view file (.tsx) deterministically: the same options always give the
 * same bytes. The file has an `@livetsx/server` import, a few interfaces and type aliases, four
 * module-level function components (Badge, Card with children, Row, Avatar) and a
 * `defineView({ mount, events, render })` whose render returns one big JSX tree with static
 * markup, dynamic text and attributes, class arrays/objects, style objects, phx-value-*,
 * `? :` and `&&` conditionals, keyed `.map()` lists (nested), component uses, `raw(...)` and a
 * form with phx-change/phx-submit. Every event named in phx-click/phx-change/phx-submit is a key of
 * `events` (checked on every call).
 *
 * Size: the base view is about 300 lines; extra panel sections (taken in turn from a seeded start,
 * filled in with a seeded PRNG) are appended until the file has at least `lines` lines. The default
 * (360) gives a file of 365 lines; a bigger `lines` gives a file at most ~25 lines longer.
 *
 * Usage:
 *   import { generateView } from "./generate.js";
 *   const source = generateView({ lines: 360, seed: 1 });
 * or from the command line (prints the file):
 *   node bench/compile/generate.js [lines] [seed]
 */

import { pathToFileURL } from "node:url";

export const DEFAULT_LINES = 360;
export const DEFAULT_SEED = 1;

/** Small seeded PRNG (mulberry32); returns floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "ticket", "queue", "reply", "customer", "status", "update", "team", "priority", "review",
  "shortcut", "filter", "project", "comment", "label", "owner", "deadline", "escalate", "archive",
  "search", "report", "weekly", "inbox", "response", "agent", "draft", "merge", "assign", "notify",
];
const KEYS = ["j", "k", "c", "e", "a", "r", "/", "?", "g i", "g p"];
const PRIORITIES = ["low", "normal", "high"];
const KINDS = ["comment", "status", "assign"];

/** Event handlers the view may reference, by name: the method text that goes into `events`. */
const HANDLERS = {
  logout: [
    "logout(assigns: Assigns): Assigns {",
    '  return { ...assigns, flash: "You have been signed out." };',
    "},",
  ],
  clear_flash: [
    "clear_flash(assigns: Assigns): Assigns {",
    "  return { ...assigns, flash: null };",
    "},",
  ],
  filter: [
    "filter(assigns: Assigns, params: Params): Assigns {",
    '  const status = (params.status ?? "all") as Status | "all";',
    '  const filter = { ...assigns.filter, query: params.query ?? "", status, mine: params.mine === "true" };',
    "  return { ...assigns, filter, page: 1 };",
    "},",
  ],
  search: [
    "search(assigns: Assigns, params: Params): Assigns {",
    '  return { ...assigns, loading: true, filter: { ...assigns.filter, query: params.query ?? "" } };',
    "},",
  ],
  reset_filters: [
    "reset_filters(assigns: Assigns): Assigns {",
    '  return { ...assigns, filter: { query: "", status: "all", mine: false, tag: null }, page: 1 };',
    "},",
  ],
  select: [
    "select(assigns: Assigns, params: Params): Assigns {",
    "  const id = params.id ?? null;",
    "  return { ...assigns, selectedId: id === assigns.selectedId ? null : id };",
    "},",
  ],
  filter_tag: [
    "filter_tag(assigns: Assigns, params: Params): Assigns {",
    "  return { ...assigns, filter: { ...assigns.filter, tag: params.tag ?? null }, page: 1 };",
    "},",
  ],
  assign_to_me: [
    "assign_to_me(assigns: Assigns, params: Params): Assigns {",
    "  const tickets = assigns.tickets.map((t) => (t.id === params.id ? { ...t, assignee: assigns.user } : t));",
    "  return { ...assigns, tickets };",
    "},",
  ],
  close_ticket: [
    "close_ticket(assigns: Assigns, params: Params): Assigns {",
    '  const tickets = assigns.tickets.map((t): Ticket => (t.id === params.id ? { ...t, status: "closed" } : t));',
    '  return { ...assigns, tickets, flash: "Ticket closed." };',
    "},",
  ],
  paginate: [
    "paginate(assigns: Assigns, params: Params): Assigns {",
    "  const page = Number(params.page);",
    "  return Number.isInteger(page) && page >= 1 ? { ...assigns, page } : assigns;",
    "},",
  ],
  toggle_panel: [
    "toggle_panel(assigns: Assigns, params: Params): Assigns {",
    '  const key = params.panel ?? "";',
    "  return { ...assigns, panels: { ...assigns.panels, [key]: !assigns.panels[key] } };",
    "},",
  ],
};

const HEADER = `import { defineView, raw } from "@livetsx/server";

type Status = "open" | "pending" | "closed";
type Priority = "low" | "normal" | "high";
type Params = Record<string, string | undefined>;

interface User {
  id: string;
  name: string;
  email: string;
  avatarUrl: string;
  admin: boolean;
}

interface Comment { id: string; author: User; body: string; postedAt: string }

interface Ticket {
  id: string;
  title: string;
  status: Status;
  priority: Priority;
  assignee: User | null;
  tags: string[];
  estimate: number;
  descriptionHtml: string;
  comments: Comment[];
}

interface Project { id: string; slug: string; name: string; owner: User; openTickets: number; progress: number; archived: boolean }
interface ActivityEntry { id: string; kind: "comment" | "status" | "assign"; actor: User; summary: string; at: string }
interface Filter { query: string; status: Status | "all"; mine: boolean; tag: string | null }
interface Stats { pending: number; closedThisWeek: number; medianResponseHours: number; updatedAt: string; daily: Array<{ date: string; count: number }> }

interface Assigns {
  user: User;
  tickets: Ticket[];
  projects: Project[];
  activity: ActivityEntry[];
  filter: Filter;
  page: number;
  perPage: number;
  flash: string | null;
  loading: boolean;
  selectedId: string | null;
  panels: Record<string, boolean>;
  stats: Stats;
}

const STATUSES: Array<Status | "all"> = ["all", "open", "pending", "closed"];
const LEGAL_HTML = "<small>Served by <abbr title=\\"LiveTSX\\">LTSX</abbr> &middot; all times UTC</small>";

function Badge({ status, label }: { status: Status; label?: string }) {
  return <span class={["badge", \`badge-\${status}\`]} title={\`Status: \${status}\`}>{label ?? status}</span>;
}

function Card({ title, footer, children }: { title: string; footer?: string; children?: unknown }) {
  return (
    <section class="card">
      <header class="card-header">
        <h2 class="card-title">{title}</h2>
      </header>
      <div class="card-body">{children}</div>
      {footer && <footer class="card-footer">{footer}</footer>}
    </section>
  );
}

function Row({ label, value }: { label: string; value: string | number }) {
  return (
    <div class="row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Avatar({ user, size = 32 }: { user: User; size?: number }) {
  return <img class="avatar" src={user.avatarUrl} alt={user.name} width={size} height={size} loading="lazy" />;
}

const demoUser: User = { id: "u1", name: "Ada Lovelace", email: "ada@example.com", avatarUrl: "/avatars/u1.png", admin: true };
`;

const MOUNT = `  mount(params: Params): Assigns {
    const filter: Filter = { query: params.q ?? "", status: "all", mine: false, tag: null };
    const stats: Stats = { pending: 0, closedThisWeek: 0, medianResponseHours: 0, updatedAt: "", daily: [] };
    const page = Number(params.page ?? 1);
    return { user: demoUser, tickets: [], projects: [], activity: [], filter, page, perPage: 20, stats, panels: {},
      flash: null, loading: false, selectedId: null };
  },`;

const RENDER_HEAD = `  render(assigns: Assigns) {
    const { user, tickets, projects, activity, filter, page, perPage, flash, stats, loading, selectedId, panels } =
      assigns;
    const visible = tickets.filter(
      (t) =>
        (filter.status === "all" || t.status === filter.status) &&
        (!filter.mine || t.assignee?.id === user.id) &&
        (filter.tag === null || t.tags.includes(filter.tag)) &&
        t.title.toLowerCase().includes(filter.query.toLowerCase()),
    );
    const pageCount = Math.max(1, Math.ceil(visible.length / perPage));
    const shown = visible.slice((page - 1) * perPage, page * perPage);
    const pages = Array.from({ length: pageCount }, (_, i) => i + 1);
    const openCount = tickets.filter((t) => t.status === "open").length;
    const myTickets = tickets.filter((t) => t.assignee?.id === user.id && t.status !== "closed");
    return (`;

/**
 * The fixed sections of the render tree. Each is a function of `ev` (which records an event name
 * and returns it) and returns JSX text indented relative to its own root.
 */
const SECTIONS = [
  (ev) => `<header class="topbar" id="topbar">
  <a class="brand" href="/" data-phx-link="redirect" data-phx-link-state="push">
    <svg class="logo" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path d="M4 4h16v16H4z" fill="none" stroke="currentColor" stroke-width="2" />
    </svg>
    <span class="brand-name">Helpdesk</span>
  </a>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="/tickets" class="active">Tickets</a></li>
      <li><a href="/projects">Projects</a></li>
      <li><a href="/reports">Reports</a></li>
      {user.admin && <li><a href="/admin" class="admin-link">Admin</a></li>}
    </ul>
  </nav>
  <div class="user-menu">
    <Avatar user={user} size={28} />
    <span class="user-name">{user.name}</span>
    <button type="button" class="btn btn-link" phx-click="${ev("logout")}">Sign out</button>
  </div>
</header>`,
  (ev) => `{flash && (
  <div class="flash flash-info" role="alert" phx-click="${ev("clear_flash")}">
    <p>{flash}</p>
    <button type="button" class="close" aria-label="Close">&times;</button>
  </div>
)}`,
  () => `<section class="stats-grid">
  <Card title="Overview" footer={\`Updated \${stats.updatedAt}\`}>
    <dl class="rows">
      <Row label="Open" value={openCount} />
      <Row label="Pending" value={stats.pending} />
      <Row label="Closed this week" value={stats.closedThisWeek} />
      <Row label="Median response" value={\`\${stats.medianResponseHours} h\`} />
    </dl>
  </Card>
  <Card title="Your queue">
    {myTickets.length > 0 ? (
      <ol class="queue">
        {myTickets.map((t) => (
          <li key={t.id}>
            <a href={\`/tickets/\${t.id}\`}>{t.title}</a> <Badge status={t.status} />
          </li>
        ))}
      </ol>
    ) : (
      <p class="muted">Nothing is assigned to you. Enjoy the quiet.</p>
    )}
  </Card>
</section>`,
  (ev) => `<form id="filters" class="filters" phx-change="${ev("filter")}" phx-submit="${ev("search")}">
  <label for="q">Search</label>
  <input id="q" name="query" type="search" placeholder="Search tickets" value={filter.query} phx-debounce="300" />
  <label for="status">Status</label>
  <select id="status" name="status">
    {STATUSES.map((s) => (
      <option key={s} value={s} selected={filter.status === s}>{s === "all" ? "All statuses" : s}</option>
    ))}
  </select>
  <label class="checkbox">
    <input type="checkbox" name="mine" value="true" checked={filter.mine} /> Only mine
  </label>
  <button type="submit" class={["btn", "btn-primary", { loading }]} disabled={loading}>
    {loading ? "Searching…" : "Search"}
  </button>
  <button type="button" class="btn" phx-click="${ev("reset_filters")}">Reset</button>
</form>`,
  (ev) => `<section class="tickets" aria-live="polite">
  <h2>Tickets <small>({visible.length})</small></h2>
  {shown.length === 0 && <p class="empty">No tickets match your filters.</p>}
  <ul class="ticket-list">
    {shown.map((ticket) => (
      <li
        key={ticket.id}
        id={\`ticket-\${ticket.id}\`}
        class={["ticket", \`priority-\${ticket.priority}\`, { selected: ticket.id === selectedId }]}
        phx-click="${ev("select")}"
        phx-value-id={ticket.id}
      >
        <div class="ticket-head">
          <Badge status={ticket.status} />
          <h3 class="ticket-title">{ticket.title}</h3>
          <span class="ticket-estimate" title="Estimate">{ticket.estimate} pts</span>
        </div>
        <div class="ticket-meta">
          {ticket.assignee ? (
            <span class="assignee">
              <Avatar user={ticket.assignee} size={20} /> {ticket.assignee.name}
            </span>
          ) : (
            <span class="assignee unassigned">Unassigned</span>
          )}
          <ul class="tags">
            {ticket.tags.map((tag) => (
              <li key={tag} class="tag" phx-click="${ev("filter_tag")}" phx-value-tag={tag}>#{tag}</li>
            ))}
          </ul>
        </div>
        {ticket.id === selectedId && (
          <div class="ticket-detail">
            <div class="description">{raw(ticket.descriptionHtml)}</div>
            <ol class="comments">
              {ticket.comments.map((comment) => (
                <li key={comment.id} class={["comment", { mine: comment.author.id === user.id }]}>
                  <Avatar user={comment.author} size={24} />
                  <div class="comment-body">
                    <strong>{comment.author.name}</strong>
                    <time datetime={comment.postedAt}>{comment.postedAt}</time>
                    <p>{comment.body}</p>
                  </div>
                </li>
              ))}
            </ol>
            <div class="actions">
              <button type="button" class="btn" phx-click="${ev("assign_to_me")}" phx-value-id={ticket.id}
                disabled={ticket.assignee?.id === user.id}>Assign to me</button>
              <button type="button" class="btn btn-danger" phx-click="${ev("close_ticket")}" phx-value-id={ticket.id}
                data-confirm="Close this ticket?">Close</button>
            </div>
          </div>
        )}
      </li>
    ))}
  </ul>
</section>`,
  (ev) => `<nav class="pagination" aria-label="Pagination">
  <button type="button" class="btn" phx-click="${ev("paginate")}" phx-value-page={page - 1} disabled={page <= 1}>
    Previous
  </button>
  {pages.map((n) => (
    <button key={n} type="button" class={["page", { current: n === page }]} phx-click="${ev("paginate")}" phx-value-page={n}
      aria-current={n === page ? "page" : undefined}>{n}</button>
  ))}
  <button type="button" class="btn" phx-click="${ev("paginate")}" phx-value-page={page + 1} disabled={page >= pageCount}>
    Next
  </button>
  <span class="page-info">Page {page} of {pageCount}</span>
</nav>`,
];

const FOOTER = `<footer class="site-footer">
  <p>Helpdesk &copy; 2024. Questions? Write to <a href="mailto:help@example.com">help@example.com</a>.</p>
  <ul class="footer-links">
    <li><a href="/status">System status</a></li>
    <li><a href="/privacy">Privacy</a></li>
    <li><a href="/terms">Terms</a></li>
  </ul>
  <div class="legal">{raw(LEGAL_HTML)}</div>
</footer>`;

/** Extra panel sections, appended in turn (from a seeded start) until the file is long enough. */
const PANELS = [
  // Collapsible activity feed: component with children, `&&`, keyed map, class array.
  (i, ev, r) => `<Card title="Activity feed ${i + 1}" footer={panels.p${i} ? undefined : "Latest events first"}>
  <div class="panel-toolbar">
    <button
      type="button"
      class="btn btn-small"
      phx-click="${ev("toggle_panel")}"
      phx-value-panel="p${i}"
      aria-expanded={panels.p${i} ? "false" : "true"}
    >
      {panels.p${i} ? "Expand" : "Collapse"}
    </button>
    <span class="muted">{activity.length} events</span>
  </div>
  {!panels.p${i} && (
    <ul class="activity">
      {activity.slice(0, ${4 + Math.floor(r() * 8)}).map((entry) => (
        <li key={entry.id} class={["activity-item", \`kind-\${entry.kind}\`, { highlight: entry.kind === "${r.pick(KINDS)}" }]}>
          <Avatar user={entry.actor} size={16} />
          <span class="actor">{entry.actor.name}</span> {entry.summary}
          <time datetime={entry.at}>{entry.at}</time>
        </li>
      ))}
    </ul>
  )}
</Card>`,
  // Projects table: static head, keyed rows, class object, style object.
  (i, _ev, r) => `<table class="projects" id="projects-${i}">
  <caption>${r.title(2)}</caption>
  <thead>
    <tr>
      <th scope="col">Name</th>
      <th scope="col">Owner</th>
      <th scope="col" class="num">Open</th>
      <th scope="col">Progress</th>
    </tr>
  </thead>
  <tbody>
    {projects.filter((p) => p.progress >= ${Math.floor(r() * 50)}).map((project) => (
      <tr key={project.id} class={{ archived: project.archived }}>
        <td>
          <a href={\`/projects/\${project.slug}\`}>{project.name}</a>
        </td>
        <td>{project.owner.name}</td>
        <td class="num">{project.openTickets}</td>
        <td>
          <div class="progress" style={{ width: \`\${project.progress}%\`, opacity: project.archived ? 0.5 : 1 }}></div>
        </td>
      </tr>
    ))}
  </tbody>
</table>`,
  // Mostly static help text.
  (i, _ev, r) => `<aside class="help-panel" id="help-${i}">
  <h3>${r.title(3)}</h3>
  <p>${r.sentence(14)}</p>
  <ul class="tips">
    <li>
      <kbd>${r.pick(KEYS)}</kbd> ${r.sentence(7)}
    </li>
    <li>
      <kbd>${r.pick(KEYS)}</kbd> ${r.sentence(6)}
    </li>
    <li>
      <kbd>${r.pick(KEYS)}</kbd> ${r.sentence(8)}
    </li>
  </ul>
  <p class="muted">
    ${r.sentence(9)} <a href="/docs/${r.pick(WORDS)}-${i}">Read more</a>.
  </p>
</aside>`,
  // Summary with Row components and a style-object bar chart.
  (i, _ev, r) => `<section class="summary" id="summary-${i}">
  <h3>${r.title(2)}</h3>
  <dl class="rows">
    <Row label="${r.title(2)}" value={tickets.filter((t) => t.priority === "${r.pick(PRIORITIES)}").length} />
    <Row label="${r.title(2)}" value={tickets.filter((t) => t.tags.includes("${r.pick(WORDS)}")).length} />
    <Row label="${r.title(1)}" value={projects.filter((p) => p.progress > ${10 + Math.floor(r() * 80)}).length} />
  </dl>
  <div class="chart" role="img" aria-label="${r.sentence(4)}">
    {stats.daily.map((day, index) => (
      <span
        key={day.date}
        class={["bar", { today: index === stats.daily.length - 1 }]}
        style={{ height: \`\${day.count * ${2 + Math.floor(r() * 4)}}px\` }}
        title={\`\${day.date}: \${day.count}\`}
      ></span>
    ))}
  </div>
</section>`,
];

function indent(text, spaces) {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join("\n");
}

function countLines(text) {
  return text.endsWith("\n") ? text.split("\n").length - 1 : text.split("\n").length;
}

/**
 * Generates the view source.
 * @param {{ lines?: number, seed?: number }} [options] `lines`: minimum line count (default 360);
 *   `seed`: PRNG seed for the extra panels (default 1).
 * @returns {string} the .tsx source, ending with a newline.
 */
export function generateView(options = {}) {
  const target = options.lines ?? DEFAULT_LINES;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(target) || target < 1) throw new Error(`generateView: bad lines ${target}`);

  const rand = mulberry32(seed);
  const r = () => rand();
  r.pick = (list) => list[Math.floor(rand() * list.length)];
  r.words = (n) => Array.from({ length: n }, () => r.pick(WORDS));
  r.title = (n) => {
    const w = r.words(n).join(" ");
    return w[0].toUpperCase() + w.slice(1);
  };
  r.sentence = (n) => r.title(n) + ".";

  const events = [];
  const ev = (name) => {
    if (!HANDLERS[name]) throw new Error(`generateView: no handler for event "${name}"`);
    if (!events.includes(name)) events.push(name);
    return name;
  };

  const sections = SECTIONS.map((section) => section(ev));
  const panels = [];

  const assemble = () => {
    const panelBlock =
      panels.length === 0
        ? '<div class="panels"></div>'
        : `<div class="panels">\n${indent(panels.join("\n"), 2)}\n</div>`;
    const main = [sections.slice(2).join("\n"), panelBlock].join("\n");
    const tree = [
      '<div id="app" class={["layout", { "is-loading": loading }]}>',
      indent(sections[0], 2),
      indent(sections[1], 2),
      '  <main class="content">',
      indent(main, 4),
      "  </main>",
      indent(FOOTER, 2),
      "</div>",
    ].join("\n");
    const eventsBlock = events
      .map((name) => indent(HANDLERS[name].join("\n"), 4))
      .join("\n");
    return [
      HEADER,
      "export default defineView({",
      MOUNT,
      "  events: {",
      eventsBlock,
      "  },",
      RENDER_HEAD,
      indent(tree, 6),
      "    );",
      "  },",
      "});",
      "",
    ].join("\n");
  };

  let source = assemble();
  const first = Math.floor(rand() * PANELS.length);
  for (let i = 0; countLines(source) < target; i++) {
    const panel = PANELS[(first + i) % PANELS.length];
    panels.push(panel(i, ev, r));
    source = assemble();
  }
  checkEvents(source);
  return source;
}

/** Event names used in phx-click / phx-change / phx-submit attributes of `source`. */
export function eventsUsed(source) {
  const names = new Set();
  for (const m of source.matchAll(/\bphx-(?:click|change|submit)="([^"]*)"/g)) names.add(m[1]);
  return [...names];
}

/** Keys of the `events: { ... }` object of a generated view. */
export function eventKeys(source) {
  const start = source.indexOf("\n  events: {\n");
  const end = source.indexOf("\n  },\n", start);
  if (start < 0 || end < 0) throw new Error("eventKeys: no events block found");
  const block = source.slice(start, end);
  return [...block.matchAll(/^ {4}([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]);
}

/** Throws unless every event used in phx-click/phx-change/phx-submit is a key of `events`. */
export function checkEvents(source) {
  const keys = new Set(eventKeys(source));
  const missing = eventsUsed(source).filter((name) => !keys.has(name));
  if (missing.length > 0) throw new Error(`generated view uses events missing from "events": ${missing.join(", ")}`);
}

export { countLines };

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const lines = process.argv[2] ? Number(process.argv[2]) : DEFAULT_LINES;
  const seed = process.argv[3] ? Number(process.argv[3]) : DEFAULT_SEED;
  process.stdout.write(generateView({ lines, seed }));
}
