/**
 * Tests of upstream's suite that fail for a feature LiveTSX does not have (yet), each with the
 * reason the report shows. `file` is the spec's path under the spec folder; `test` its title
 * (describe titles joined by " › ") or a RegExp, or left out for the whole file; `clients` limits
 * an entry to one client. A listed test that passes is reported so that its entry can go.
 *
 * @type {{ file: string; test?: string | RegExp; reason: string; clients?: ("official" | "livetsx")[] }[]}
 */
export const EXPECTED_FAILURES = [];
