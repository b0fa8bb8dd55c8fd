/**
 * Hooks in view modules, for the browser: `virtual:livetsx/hooks` exports `hooks`, every hook
 * that a module reachable from the routes exports (`export const hooks = { … }`), under its full
 * name (see the compiler's `hooks.ts`). Each module's part is `<file>?livetsx-hooks`, which the
 * compiler extracts: the hooks and what they use, never the view's server code or its imports.
 */
import { readFile } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { extractHooks, scanModule } from "@livetsx/compiler";

export const HOOKS_ID = "virtual:livetsx/hooks";
export const RESOLVED_HOOKS_ID = `\0${HOOKS_ID}`;
/** The query of a module's browser part. */
export const HOOKS_QUERY = "?livetsx-hooks";

/** What the crawl needs of a plugin context: Vite's resolver. */
interface Resolver {
  /** Whether an import may name one of the app's own modules: a path, or an alias of the config. */
  ownModule(source: string): boolean;
  resolve(source: string, importer: string): Promise<{ id: string; external?: boolean | string } | null>;
}

interface Scan {
  code: string;
  imports: string[];
  hooks: boolean;
}

/** The modules with hooks and the browser parts served, for the registry and hot updates. */
export class HookModules {
  /** The last scan of each module the crawl read. */
  private readonly scans = new Map<string, Scan>();
  /** The browser part last served for each module. */
  private readonly served = new Map<string, string>();

  constructor(
    private readonly root: () => string,
    private readonly isView: (file: string) => boolean,
  ) {}

  /**
   * The registry module: follows the imports from `entry` (the routes) through the app's own
   * modules (under the root, outside node_modules) and imports the hooks of each that has them.
   */
  async registry(resolver: Resolver, entry: string): Promise<string> {
    const files = await this.crawl(resolver, entry);
    const withHooks = files.filter((f) => this.scans.get(f)?.hooks && this.isView(f));
    const imports = withHooks.map((f, i) => `import { hooks as hooks$${i} } from ${JSON.stringify(f + HOOKS_QUERY)};`);
    return `${imports.join("\n")}\nexport const hooks = { ${withHooks.map((_, i) => `...hooks$${i}`).join(", ")} };\nexport default hooks;\n`;
  }

  /** A module's browser part. */
  async part(file: string): Promise<{ code: string; map: object | null }> {
    const code = await readFile(file, "utf8");
    const result = extractHooks(code, { filename: this.filename(file) });
    this.served.set(file, result.code);
    return { code: result.code, map: result.map };
  }

  /**
   * After an edit of `file`: whether the browser's hooks changed (the registry's modules, or the
   * file's browser part), so the page must reload. The registry is invalidated by the caller.
   */
  changed(file: string, code: string): { registry: boolean; part: boolean } {
    const before = this.scans.get(file);
    if (!before) return { registry: false, part: false };
    const after = this.scan(file, code);
    const registry = after.hooks !== before.hooks || after.imports.join("\n") !== before.imports.join("\n");
    let part = false;
    const served = this.served.get(file);
    if (served !== undefined) {
      try {
        part = extractHooks(code, { filename: this.filename(file), sourceMaps: false }).code !== served;
      } catch {
        // A compile error: the reload shows it.
        part = true;
      }
    }
    return { registry, part };
  }

  private filename(file: string): string {
    return relative(this.root(), file).split(sep).join("/") || file;
  }

  private scan(file: string, code: string): Scan {
    const { imports, hooks } = scanModule(code, file);
    const scan = { code, imports, hooks };
    this.scans.set(file, scan);
    return scan;
  }

  private async crawl(resolver: Resolver, entry: string): Promise<string[]> {
    const root = resolve(this.root());
    const seen = new Set<string>([entry]);
    const queue = [entry];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      let code: string;
      try {
        code = await readFile(file, "utf8");
      } catch {
        continue;
      }
      const cached = this.scans.get(file);
      const { imports } = cached?.code === code ? cached : this.scan(file, code);
      for (const source of imports) {
        // Packages are not the app's own modules; resolving one for the browser under the dev
        // server would also list it for pre-bundling (a server package, in the browser's deps).
        if (!resolver.ownModule(source)) continue;
        const resolved = await resolver.resolve(source, file);
        if (!resolved || resolved.external) continue;
        const id = resolved.id.split("?")[0]!;
        if (!id.startsWith(root + sep) || id.includes(`${sep}node_modules${sep}`) || !/\.[cm]?[jt]sx?$/.test(id) || seen.has(id)) continue;
        seen.add(id);
        queue.push(id);
      }
    }
    return [...seen];
  }
}
