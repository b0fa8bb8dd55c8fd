/**
 * Port of support/components_live.ex (`/components`): Phoenix.Component.focus_wrap in a dropdown
 * and a plain container. focus_wrap renders a div with the client's built-in
 * `Phoenix.FocusWrap` hook between two focusable sentinels, as here. Upstream loads Tailwind
 * from a CDN; offline, the one class the specs depend on (`hidden`) is defined in the page.
 */
import { defineView, JS, Link, type LiveSocket } from "@livetsx/server";

function FocusWrap(props: { id: string; class?: string; children?: unknown }) {
  return (
    <div id={props.id} phx-hook="Phoenix.FocusWrap" class={props.class}>
      <span id={`${props.id}-start`} tabindex="0" aria-hidden="true"></span>
      {props.children}
      <span id={`${props.id}-end`} tabindex="0" aria-hidden="true"></span>
    </div>
  );
}

function TabLink(props: { tab: string; active_tab: string; patch: string; children?: unknown }) {
  return (
    <Link
      patch={props.patch}
      class={[
        "whitespace-nowrap py-2 px-1 border-b-2 font-medium text-sm transition-colors",
        props.tab === props.active_tab ? "border-blue-500 text-blue-600" : "border-transparent text-gray-500 hover:text-gray-700 hover:border-gray-300",
      ].join(" ")}
    >
      {props.children}
    </Link>
  );
}

const MENU_BUTTON = "block w-full text-left px-4 py-2 text-sm text-gray-700 hover:bg-gray-100 focus:bg-gray-100 focus:outline-none";
const GREEN_BUTTON = "px-3 py-2 bg-green-600 text-white rounded hover:bg-green-700 focus:outline-none focus:ring-2 focus:ring-green-500";

function FocusWrapDemo() {
  return (
    <div class="space-y-6">
      <div>
        <h2 class="text-xl font-semibold mb-4">Phoenix.Component.focus_wrap Demo</h2>
        <p class="text-gray-600 mb-6">
          The focus_wrap component wraps tab focus around a container for accessibility. This is essential for modals, dialogs, and menus.
        </p>
      </div>
      <div class="space-y-4">
        <h3 class="text-lg font-medium">Dropdown Menu Example</h3>
        <p class="text-sm text-gray-600">Click the button to open a dropdown menu with focus wrapping.</p>
        <div class="relative inline-block">
          <button
            id="dropdown-button"
            phx-click={JS.toggle({ to: "#dropdown-menu" }).focusFirst({ to: "#dropdown-content" })}
            class="px-4 py-2 bg-gray-600 text-white rounded hover:bg-gray-700 focus:outline-none focus:ring-2 focus:ring-gray-500"
          >
            Options ▼
          </button>
          <div id="dropdown-menu" class="hidden absolute left-0 mt-2 bg-white border border-gray-300 rounded shadow-lg z-10">
            <FocusWrap id="dropdown-content" class="py-1">
              <button phx-click={JS.hide({ to: "#dropdown-menu" })} class={MENU_BUTTON}>
                Edit Profile
              </button>
              <button phx-click={JS.hide({ to: "#dropdown-menu" })} class={MENU_BUTTON}>
                Settings
              </button>
              <button phx-click={JS.hide({ to: "#dropdown-menu" })} class={MENU_BUTTON}>
                Sign Out
              </button>
            </FocusWrap>
          </div>
        </div>
      </div>
      <div class="space-y-4">
        <h3 class="text-lg font-medium">Simple Focus Container</h3>
        <p class="text-sm text-gray-600">A simple container that wraps focus. Notice how Tab navigation cycles within this box.</p>
        <FocusWrap id="simple-focus-container" class="border-2 border-dashed border-gray-300 p-4 rounded">
          <div class="space-y-3">
            <h4 class="font-medium">Focus Trapped Container</h4>
            <p class="text-sm text-gray-600">Tab through these elements and notice how focus cycles within this container.</p>
            <div class="grid grid-cols-2 gap-3">
              <button class={GREEN_BUTTON}>Button 1</button>
              <button class={GREEN_BUTTON}>Button 2</button>
            </div>
            <input
              type="text"
              placeholder="Input within container"
              class="w-full px-3 py-2 border border-gray-300 rounded focus:outline-none focus:ring-2 focus:ring-green-500"
            />
          </div>
        </FocusWrap>
      </div>
    </div>
  );
}

export default defineView({
  mount: (_params, _session, socket: LiveSocket<{ active_tab: string }>) => socket.assign("active_tab", "focus_wrap"),
  handleParams: (params, _url, socket: LiveSocket<{ active_tab: string }>) => socket.assign("active_tab", typeof params.tab === "string" ? params.tab : "focus_wrap"),
  render: ({ active_tab }: { active_tab: string }) => (
    <div class="p-6">
      <style>{".hidden { display: none; }"}</style>
      <h1 class="text-2xl font-bold mb-6">Phoenix Components Demo</h1>
      <div class="border-b border-gray-200 mb-6">
        <nav class="-mb-px flex space-x-8">
          <TabLink tab="focus_wrap" active_tab={active_tab} patch="/components?tab=focus_wrap">
            Focus Wrap
          </TabLink>
        </nav>
      </div>
      <div class="mt-6">
        {active_tab === "focus_wrap" && (
          <div>
            <FocusWrapDemo />
          </div>
        )}
      </div>
    </div>
  ),
});
