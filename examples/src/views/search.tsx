import { defineView } from "@livetsx/server";

interface Country {
  code: string;
  name: string;
  capital: string;
}

const COUNTRIES: readonly Country[] = [
  { code: "AR", name: "Argentina", capital: "Buenos Aires" },
  { code: "AU", name: "Australia", capital: "Canberra" },
  { code: "AT", name: "Austria", capital: "Vienna" },
  { code: "BE", name: "Belgium", capital: "Brussels" },
  { code: "BR", name: "Brazil", capital: "Brasília" },
  { code: "CA", name: "Canada", capital: "Ottawa" },
  { code: "CL", name: "Chile", capital: "Santiago" },
  { code: "CN", name: "China", capital: "Beijing" },
  { code: "CO", name: "Colombia", capital: "Bogotá" },
  { code: "HR", name: "Croatia", capital: "Zagreb" },
  { code: "CZ", name: "Czechia", capital: "Prague" },
  { code: "DK", name: "Denmark", capital: "Copenhagen" },
  { code: "EG", name: "Egypt", capital: "Cairo" },
  { code: "EE", name: "Estonia", capital: "Tallinn" },
  { code: "FI", name: "Finland", capital: "Helsinki" },
  { code: "FR", name: "France", capital: "Paris" },
  { code: "DE", name: "Germany", capital: "Berlin" },
  { code: "GH", name: "Ghana", capital: "Accra" },
  { code: "GR", name: "Greece", capital: "Athens" },
  { code: "HU", name: "Hungary", capital: "Budapest" },
  { code: "IS", name: "Iceland", capital: "Reykjavík" },
  { code: "IN", name: "India", capital: "New Delhi" },
  { code: "ID", name: "Indonesia", capital: "Jakarta" },
  { code: "IE", name: "Ireland", capital: "Dublin" },
  { code: "IT", name: "Italy", capital: "Rome" },
  { code: "JP", name: "Japan", capital: "Tokyo" },
  { code: "KE", name: "Kenya", capital: "Nairobi" },
  { code: "MX", name: "Mexico", capital: "Mexico City" },
  { code: "MA", name: "Morocco", capital: "Rabat" },
  { code: "NL", name: "Netherlands", capital: "Amsterdam" },
  { code: "NZ", name: "New Zealand", capital: "Wellington" },
  { code: "NG", name: "Nigeria", capital: "Abuja" },
  { code: "NO", name: "Norway", capital: "Oslo" },
  { code: "PE", name: "Peru", capital: "Lima" },
  { code: "PL", name: "Poland", capital: "Warsaw" },
  { code: "PT", name: "Portugal", capital: "Lisbon" },
  { code: "KR", name: "South Korea", capital: "Seoul" },
  { code: "ES", name: "Spain", capital: "Madrid" },
  { code: "SE", name: "Sweden", capital: "Stockholm" },
  { code: "CH", name: "Switzerland", capital: "Bern" },
  { code: "TH", name: "Thailand", capital: "Bangkok" },
  { code: "UY", name: "Uruguay", capital: "Montevideo" },
];

/** A result: the country, and its name split around the first match (for `<mark>`). */
interface Result {
  code: string;
  capital: string;
  before: string;
  match: string;
  after: string;
}

/** Countries whose name contains `q`, ignoring case; all of them for an empty query. */
function filterCountries(q: string): Result[] {
  const needle = q.trim().toLowerCase();
  const results: Result[] = [];
  for (const c of COUNTRIES) {
    const at = needle === "" ? -1 : c.name.toLowerCase().indexOf(needle);
    if (needle !== "" && at < 0) continue;
    const end = at < 0 ? 0 : at + needle.length;
    results.push({
      code: c.code,
      capital: c.capital,
      before: at < 0 ? c.name : c.name.slice(0, at),
      match: at < 0 ? "" : c.name.slice(at, end),
      after: at < 0 ? "" : c.name.slice(end),
    });
  }
  return results;
}

function firstParam(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** Search as you type: the input is debounced on the client, filtering happens on the server. */
export default defineView<{ q: string; results: Result[]; searches: number }>({
  mount: (params, _session, socket) => {
    const q = firstParam(params.q).slice(0, 100);
    socket.assign({ q, results: filterCountries(q), searches: 0 }).pageTitle("Search");
  },
  events: {
    search: (payload: { q?: string }, socket) => {
      const q = String(payload.q ?? "").slice(0, 100);
      socket.assign({ q, results: filterCountries(q) });
      socket.update("searches", (n) => n + 1);
    },
  },
  render: ({ q, results, searches }) => (
    <section class="card search">
      <h1>Search countries</h1>
      <form phx-change="search" phx-submit="search" class="search-form">
        <label for="search-q" class="visually-hidden">
          Country
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          value={q}
          placeholder="Type a country, e.g. “land”"
          phx-debounce="300"
          autocomplete="off"
        />
      </form>
      <p class="meta">
        <strong id="result-count">{results.length}</strong> {results.length === 1 ? "result" : "results"}
        {" · "}
        <strong id="searches">{searches}</strong> {searches === 1 ? "search event" : "search events"} received
        by the server
      </p>
      {results.length === 0 ? (
        <p class="empty" id="no-results">
          No results for “{q.trim()}”.
        </p>
      ) : (
        <ul class="results" id="results">
          {results.map((r) => (
            <li key={r.code} id={`country-${r.code}`}>
              <span class="country">
                {r.before}
                {r.match && <mark>{r.match}</mark>}
                {r.after}
              </span>
              <small class="capital">{r.capital}</small>
            </li>
          ))}
        </ul>
      )}
      <p class="hint">
        The input waits 300 ms after the last keystroke (<code>phx-debounce</code>) before it sends
        the form, so typing a word costs one or two events, not one per letter.
      </p>
    </section>
  ),
});
