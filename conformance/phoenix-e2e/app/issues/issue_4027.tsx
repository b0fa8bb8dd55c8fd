/** https://github.com/phoenixframework/phoenix_live_view/issues/4027: keyed comprehensions in live components are merged. */
import { Async, AsyncResult, defineComponent, defineView, LiveComponent } from "@livetsx/server";

interface Item {
  id: number;
  value: string;
}

export const ReproLiveComponent = defineComponent<{ data: readonly Item[] }>({
  render: ({ data }) => (
    <div id="result">
      {data.map((item) => (
        <p key={item.id}>{item.value}</p>
      ))}
    </div>
  ),
});

export const ReproLiveComponentWithAsyncResult = defineComponent<{ data: AsyncResult<readonly Item[]> }>({
  render: ({ data }) => (
    <div id="result">
      <Async result={data}>
        {(items: readonly Item[]) => items.map((item) => <p key={item.id}>{item.value}</p>)}
      </Async>
    </div>
  ),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default defineView({
  mount: (params, _session, socket) => {
    const c = params["case"];
    socket.assign({ data: AsyncResult.ok<readonly Item[]>([]), case: typeof c === "string" ? c : "first" });
  },
  events: {
    load: (_payload, socket) =>
      socket.assignAsync("data", async () => {
        await sleep(100);
        return { data: [{ id: 1, value: "First" }, { id: 2, value: "Second" }, { id: 3, value: "Third" }] };
      }),
    remove: (_payload, socket) =>
      socket.assignAsync("data", async () => {
        await sleep(100);
        return { data: [{ id: 2, value: "Second" }, { id: 3, value: "Third" }] };
      }),
  },
  render: ({ data, case: which }: { data: AsyncResult<readonly Item[]>; case: string }) => (
    <div class="p-4">
      <p class="my-4">
        Click Load Data. 3 items should be displayed. Then click Remove First entry. The expected result is 2 items displayed.
      </p>
      <div>
        {which === "first" ? <Async result={data}>{(items: readonly Item[]) => <LiveComponent module={ReproLiveComponent} id="repro" data={items} />}</Async> : null}
        {which === "second" ? (
          <>
            <div style="margin: 10px; height: 1px; background-color: black;"></div>
            <LiveComponent module={ReproLiveComponentWithAsyncResult} id="repro_async" data={data} />
          </>
        ) : null}
      </div>
      <div>
        <button phx-click="load">Load data</button>
        <button phx-click="remove">Remove first entry</button>
      </div>
    </div>
  ),
});
