/**
 * Script URLs in dynamic URL attributes are blocked: each vector is rendered, the output parsed
 * with parse5 and the attribute's value resolved by Node's WHATWG URL parser, the parser the
 * browsers follow, which must never find a script scheme in what we rendered.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { parse, parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import { Rendered as ClientRendered } from "@livetsx/client";
import { compile } from "@livetsx/compiler";
import { attr, attrs } from "../src/attributes.js";
import { BLOCKED_URL, Link, renderToString, trustedURL } from "../src/index.js";
import { joinedView, startServer, type TestServer } from "./support.js";
import ScriptURLs from "./views/script-urls.tsx";

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const BASE = "https://site.example/page";
const SCRIPT_SCHEMES = ["javascript:", "vbscript:"];

/** URLs the URL parser reads as `javascript:` or `vbscript:` (checked below, by Node's parser). */
const SCRIPT_URLS = [
  "javascript:alert(1)",
  "JAVASCRIPT:alert(1)",
  "JaVaScRiPt:alert(1)",
  "javascript:",
  "javascript://%0aalert(1)",
  "javascript:alert(document.domain)//https://ok.example",
  " javascript:alert(1)",
  "   \u0020javascript:alert(1)",
  "\x00javascript:alert(1)",
  "\x01javascript:alert(1)",
  "\x08javascript:alert(1)",
  "\x0bjavascript:alert(1)",
  "\x0cjavascript:alert(1)",
  "\x1fjavascript:alert(1)",
  "\t\n\r javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "java\rscript:alert(1)",
  "java\r\nscript:alert(1)",
  "j\ta\tv\ta\ts\tc\tr\ti\tp\tt\t:alert(1)",
  "javascript\t:alert(1)",
  "\tj\na\rvascript:alert(1)",
  "vbscript:msgbox(1)",
  "VBScript:msgbox(1)",
  " vb\tscript:msgbox(1)",
];

/** `data:` URLs: blocked where followed as a navigation, kept where loaded as a resource. */
const DATA_URLS = ["data:text/html,<script>alert(1)</script>", "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", " da\tta:text/html,x"];

/** URLs that look alike but are no script URL: rendered as they are. */
const KEPT_URLS = [
  "https://example.com/?q=javascript:alert(1)",
  "/javascript:alert(1)",
  "./javascript:alert(1)",
  "#javascript:alert(1)",
  "?javascript:alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "javascript&colon;alert(1)",
  "java%73cript:alert(1)",
  "java script:alert(1)",
  "\u00a0javascript:alert(1)",
  "\ufeffjavascript:alert(1)",
  "ｊavascript:alert(1)",
  "javascript",
  "mailto:a@example.com",
  "tel:+1-555-0100",
  "http://example.com/",
  "",
];

/** The value of attribute `name` of the element `id` below `node`. */
function attributeOf(node: Node, id: string, name: string): string | undefined {
  const element = byId(node, id);
  if (!element) throw new Error(`no element #${id}`);
  return element.attrs.find((a) => a.name === name)?.value;
}

function byId(node: Node, id: string): Element | null {
  if ("tagName" in node && node.attrs.some((a) => a.name === "id" && a.value === id)) return node;
  for (const child of "childNodes" in node ? node.childNodes : []) {
    const found = byId(child, id);
    if (found) return found;
  }
  return null;
}

/** The protocol the browser's URL parser gives the value of `<a href>` as we render it. */
function renderedProtocol(html: string, name = "href"): string {
  const value = attributeOf(parseFragment(`<a id="x"${html}></a>`), "x", name)!;
  return new URL(value, BASE).protocol;
}

beforeEach(() => void vi.spyOn(console, "warn").mockImplementation(() => undefined));
afterEach(() => vi.restoreAllMocks());

describe("development warnings", () => {
  // First in the file: each attribute and scheme is warned about once per process.
  test("a blocked URL is warned about once per attribute and scheme, naming the attribute", () => {
    const warn = vi.mocked(console.warn);
    attr("poster", "javascript:alert(1)");
    attr("poster", "javascript:alert(2)");
    attr("poster", "vbscript:x");
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/^\[livetsx\] blocked a javascript: URL in a dynamic poster attribute; .*trustedURL/),
      expect.stringMatching(/^\[livetsx\] blocked a vbscript: URL in a dynamic poster attribute/),
    ]);
  });
});

describe("the vectors", () => {
  test("script vectors are script URLs to the URL parser; kept ones are not", () => {
    for (const url of SCRIPT_URLS) expect(SCRIPT_SCHEMES, JSON.stringify(url)).toContain(new URL(url).protocol);
    for (const url of DATA_URLS) expect(new URL(url).protocol, JSON.stringify(url)).toBe("data:");
    for (const url of KEPT_URLS) expect(["https:", "mailto:", "tel:", "http:"], JSON.stringify(url)).toContain(new URL(url, BASE).protocol);
  });
});

describe("dynamic URL attributes", () => {
  const every = ["href", "xlink:href", "action", "formaction", "cite", "src", "data", "poster"];

  test.each(SCRIPT_URLS)("%j is blocked in every URL attribute", (url) => {
    for (const name of every) {
      expect(attr(name, url).html, name).toBe(` ${name}="${BLOCKED_URL}"`);
      expect(attrs({ [name]: url }).html, name).toBe(` ${name}="${BLOCKED_URL}"`);
    }
    expect(renderedProtocol(attr("href", url).html)).toBe("about:");
  });

  test.each(KEPT_URLS)("%j is rendered as it is", (url) => {
    expect(attributeOf(parseFragment(`<a id="x"${attr("href", url).html}></a>`), "x", "href")).toBe(url);
    expect(SCRIPT_SCHEMES).not.toContain(renderedProtocol(attr("href", url).html));
    expect(SCRIPT_SCHEMES).not.toContain(renderedProtocol(attrs({ href: url }).html));
  });

  test("data: URLs are blocked where navigated to, kept where loaded into the page", () => {
    for (const url of DATA_URLS) {
      for (const name of ["href", "xlink:href", "action", "formaction", "cite"]) expect(attr(name, url).html).toBe(` ${name}="${BLOCKED_URL}"`);
      for (const name of ["src", "data", "poster"]) expect(attr(name, url).html).not.toContain(BLOCKED_URL);
    }
    expect(attr("src", "data:image/png;base64,iVBORw0KGgo=").html).toBe(' src="data:image/png;base64,iVBORw0KGgo="');
  });

  test("names in any case are URL attributes; other attributes keep any value", () => {
    expect(attrs({ HREF: "javascript:alert(1)", SrC: "javascript:alert(1)", "XLINK:HREF": "javascript:x" }).html).toBe(
      ` HREF="${BLOCKED_URL}" SrC="${BLOCKED_URL}" XLINK:HREF="${BLOCKED_URL}"`,
    );
    expect(attr("title", "javascript:alert(1)").html).toBe(' title="javascript:alert(1)"');
    expect(attr("data-url", "javascript:alert(1)").html).toBe(' data-url="javascript:alert(1)"');
    expect(attr("href", null).html).toBe("");
  });

  test("trustedURL() renders the URL as it is, in a slot, a spread and a <Link>", () => {
    const url = "javascript:void(0)";
    expect(attr("href", trustedURL(url)).html).toBe(' href="javascript:void(0)"');
    expect(attrs({ action: trustedURL(url) }).html).toBe(' action="javascript:void(0)"');
    expect(renderToString(Link({ href: trustedURL(url), children: "x" }))).toBe('<a href="javascript:void(0)">x</a>');
  });

  test("<Link> checks patch, navigate and href", () => {
    expect(renderToString(Link({ href: "javascript:alert(1)", children: "x" }))).toBe(`<a href="${BLOCKED_URL}">x</a>`);
    expect(renderToString(Link({ patch: " JavaScript:alert(1)", children: "x" }))).toContain(`href="${BLOCKED_URL}"`);
    expect(renderToString(Link({ navigate: "java\tscript:alert(1)", children: "x" }))).toContain(`href="${BLOCKED_URL}"`);
    expect(renderToString(Link({ href: "/ok", children: "x" }))).toBe('<a href="/ok">x</a>');
  });

});

describe("static values are the developer's", () => {
  test("the compiler marks a static URL attribute of an element with a spread as trusted", () => {
    const { code } = compile(
      `import { defineView } from "@livetsx/server";
       export default defineView({ render: ({ a }) => <a {...a} href="javascript:void(0)" title="t">x</a> });`,
      { filename: "/app/static.tsx" },
    );
    expect(code).toContain('"href": _$trustedURL("javascript:void(0)")');
    expect(code).toContain('"title": "t"');
  });
});

describe("a view rendering dynamic and static URLs", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ routes: { "/": ScriptURLs } });
  });
  afterAll(() => server.close());

  /** Every URL of the view's section, by element id and attribute. */
  function urls(root: Node) {
    const read = (id: string, name: string) => attributeOf(root, id, name);
    return {
      dynamic: read("dynamic", "href"),
      spread: read("spread", "href"),
      form: read("form", "action"),
      button: read("button", "formaction"),
      frame: read("frame", "src"),
      // In foreign content the parser splits it: prefix xlink, name href.
      svg: read("svg", "href"),
      trusted: read("trusted", "href"),
      static: read("static", "href"),
      staticSpread: read("static-spread", "href"),
      link: (byId(root, "link")!.childNodes[0] as Element).attrs.find((a) => a.name === "href")?.value,
    };
  }

  const blocked = (url: string) => ({
    dynamic: BLOCKED_URL,
    spread: BLOCKED_URL,
    form: BLOCKED_URL,
    button: BLOCKED_URL,
    frame: BLOCKED_URL,
    svg: BLOCKED_URL,
    trusted: url,
    static: "javascript:void(0)",
    staticSpread: "javascript:void(0)",
    link: BLOCKED_URL,
  });

  test("the HTTP page, the join render and a diff block the dynamic ones only", async () => {
    const { page, client, reply } = await joinedView(server, "/");
    expect(urls(parse(page.html))).toEqual(blocked("javascript:alert(1)"));

    const rendered = new ClientRendered((reply.response as { rendered: Record<string, unknown> }).rendered);
    expect(urls(parseFragment(String(rendered)))).toEqual(blocked("javascript:alert(1)"));

    for (const url of ["/safe", "\tjava\nscript:alert(2)"]) {
      const { response } = await client.click(page, "set", { url });
      rendered.merge((response as { diff: Record<string, unknown> }).diff);
      const expected = url === "/safe" ? { ...blocked(url), dynamic: url, spread: url, form: url, button: url, frame: url, svg: url, link: url } : blocked(url);
      expect(urls(parseFragment(String(rendered))), url).toEqual(expected);
    }
    client.close();
  });
});
