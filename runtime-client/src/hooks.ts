/**
 * Client hooks: `phx-hook="Name"` attaches `hooks.Name` to an element for the element's life,
 * with `mounted`, `updated` and `destroyed` callbacks and a way to talk to the server.
 */

/** What a hook's callbacks can use through `this`. */
export interface HookContext {
  el: HTMLElement;
  /** Sends an event to the view (type "hook"); resolves with the reply. */
  pushEvent(event: string, payload?: Record<string, unknown>): Promise<unknown>;
  /** Receives events the server pushes with `socket.pushEvent(name, payload)`. */
  handleEvent(name: string, callback: (payload: unknown) => void): void;
}

export interface Hook {
  mounted?(this: HookContext): void;
  updated?(this: HookContext): void;
  destroyed?(this: HookContext): void;
}

export interface HookHost {
  pushHookEvent(el: HTMLElement, event: string, payload: Record<string, unknown>): Promise<unknown>;
}

/** The hooks living in one view. */
export class HookRegistry {
  private readonly live = new Map<Element, HookContext & Hook>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(
    private readonly definitions: Record<string, Hook>,
    private readonly host: HookHost,
  ) {}

  /** Mounts hooks on `root` and its descendants that have none yet. */
  mountWithin(root: Element): void {
    if (root.hasAttribute("phx-hook")) this.mount(root);
    for (const el of Array.from(root.querySelectorAll("[phx-hook]"))) this.mount(el);
  }

  private mount(el: Element): void {
    if (this.live.has(el)) return;
    const definition = this.definitions[el.getAttribute("phx-hook") ?? ""];
    if (!definition) return;
    const instance = Object.assign(Object.create(definition) as Hook, {
      el: el as HTMLElement,
      pushEvent: (event: string, payload: Record<string, unknown> = {}) => this.host.pushHookEvent(el as HTMLElement, event, payload),
      handleEvent: (name: string, callback: (payload: unknown) => void) => {
        let set = this.listeners.get(name);
        if (!set) this.listeners.set(name, (set = new Set()));
        set.add(callback);
      },
    }) as HookContext & Hook;
    this.live.set(el, instance);
    instance.mounted?.();
  }

  updated(el: Element): void {
    this.live.get(el)?.updated?.();
  }

  destroyedWithin(root: Element): void {
    for (const [el, hook] of this.live) {
      if (el === root || root.contains(el)) {
        this.live.delete(el);
        hook.destroyed?.();
      }
    }
  }

  /** A pushed event, delivered to the hooks that asked for it. */
  dispatch(name: string, payload: unknown): void {
    for (const callback of this.listeners.get(name) ?? []) callback(payload);
  }

  destroyAll(): void {
    for (const hook of this.live.values()) hook.destroyed?.();
    this.live.clear();
    this.listeners.clear();
  }
}
