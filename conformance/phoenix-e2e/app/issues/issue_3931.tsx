/** https://github.com/phoenixframework/phoenix_live_view/issues/3931: a component given every assign re-renders after an async load. */
import { Async, defineView, type AsyncResult } from "@livetsx/server";

function Layout({ children }: { children?: unknown; [assign: string]: unknown }) {
  return <div class="max-w-4xl mx-auto p-8">{children}</div>;
}

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assignAsync("slow_data", async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { slow_data: "This was loaded asynchronously!" };
    });
  },
  render: (assigns: { slow_data: AsyncResult<string> }) => (
    <Layout {...assigns}>
      <Async
        result={assigns.slow_data}
        loading={
          <div id="async" class="flex items-center space-x-3">
            <div class="animate-spin rounded-full h-8 w-8 border-b-2 border-blue-500"></div>
            <p class="text-gray-600">Loading data...</p>
          </div>
        }
      >
        {(data: string) => (
          <div id="async" class="space-y-3">
            {data}
          </div>
        )}
      </Async>
    </Layout>
  ),
});
