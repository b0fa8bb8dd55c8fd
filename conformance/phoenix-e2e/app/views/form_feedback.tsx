/**
 * Port of support/form_feedback.ex (`/form/feedback`, outside any live session, with a live
 * layout of its own): the backwards-compatible `phx-feedback-for` shim upstream documents, built
 * on the official client's `dom` callbacks and its `isUsedInput` export. `phx-feedback-for` is
 * gone from LiveView 1.0's bindings (and from LiveTSX's), so it is spread onto the element as a
 * plain attribute. Our client has neither `dom` callbacks nor `isUsedInput`.
 */
import { defineView, type LayoutPage, type LiveSocket } from "@livetsx/server";
import { csrfMeta } from "../layouts.js";

/** FormFeedbackLive's own live.html: the phx-feedback-for shim around the client. */
export function feedbackLayout(page: LayoutPage): string {
  return (
    csrfMeta(page) +
    `<script src="/assets/phoenix/phoenix.min.js"></script>
<script type="module">
  import { LiveSocket, isUsedInput } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";
  let resetFeedbacks = (container, feedbacks) => {
    feedbacks = feedbacks || Array.from(container.querySelectorAll("[phx-feedback-for]")).map((el) => [el, el.getAttribute("phx-feedback-for")]);
    feedbacks.forEach(([feedbackEl, name]) => {
      let query = \`[name="\${name}"], [name="\${name}[]"]\`;
      let isUsed = Array.from(container.querySelectorAll(query)).find((input) => isUsedInput(input));
      if (isUsed || !feedbackEl.hasAttribute("phx-feedback-for")) {
        feedbackEl.classList.remove("phx-no-feedback");
      } else {
        feedbackEl.classList.add("phx-no-feedback");
      }
    });
  };
  let phxFeedbackDom = (dom) => {
    window.addEventListener("reset", (e) => resetFeedbacks(document));
    let feedbacks;
    let submitPending = false;
    let inputPending = false;
    window.addEventListener("submit", (e) => (submitPending = e.target));
    window.addEventListener("input", (e) => (inputPending = e.target));
    return {
      onPatchStart(container) {
        feedbacks = [];
        dom.onPatchStart && dom.onPatchStart(container);
      },
      onNodeAdded(node) {
        if (node.hasAttribute && node.hasAttribute("phx-feedback-for")) {
          feedbacks.push([node, node.getAttribute("phx-feedback-for")]);
        }
        dom.onNodeAdded && dom.onNodeAdded(node);
      },
      onBeforeElUpdated(from, to) {
        let fromFor = from.getAttribute("phx-feedback-for");
        let toFor = to.getAttribute("phx-feedback-for");
        if (fromFor || toFor) {
          feedbacks.push([from, fromFor || toFor], [to, toFor || fromFor]);
        }
        dom.onBeforeElUpdated && dom.onBeforeElUpdated(from, to);
      },
      onPatchEnd(container) {
        resetFeedbacks(container, feedbacks);
        if (inputPending || submitPending) {
          resetFeedbacks(container);
          inputPending = null;
          submitPending = null;
        }
        dom.onPatchEnd && dom.onPatchEnd(container);
      },
    };
  };
  let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");
  let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, {
    params: { _csrf_token: csrfToken },
    dom: phxFeedbackDom({}),
  });
  liveSocket.connect();
  window.liveSocket = liveSocket;
</script>` +
    page.view
  );
}

type Assigns = { count: number; submit_count: number; validate_count: number; feedback: boolean };

function MyFeedback(props: { feedback: boolean }) {
  const attrs: Record<string, string> = props.feedback ? { "phx-feedback-for": "myfeedback" } : {};
  return (
    <div {...attrs} data-feedback-container>
      I am visible, because phx-no-feedback is not set for myfeedback!
    </div>
  );
}

export default defineView({
  mount: (_params, _session, socket: LiveSocket<Assigns>) => socket.assign({ count: 0, submit_count: 0, validate_count: 0, feedback: true }),
  events: {
    validate: (_p, socket: LiveSocket<Assigns>) => socket.update("validate_count", (n) => n + 1),
    submit: (_p, socket: LiveSocket<Assigns>) => socket.update("submit_count", (n) => n + 1),
    inc: (_p, socket: LiveSocket<Assigns>) => socket.update("count", (n) => n + 1),
    dec: (_p, socket: LiveSocket<Assigns>) => socket.update("count", (n) => n - 1),
    "toggle-feedback": (_p, socket: LiveSocket<Assigns>) => socket.update("feedback", (f) => !f),
  },
  render: ({ count, submit_count, validate_count, feedback }: Assigns) => (
    <>
      <style>{".phx-no-feedback { display: none; }"}</style>
      <p>Button Count: {count}</p>
      <p>Validate Count: {validate_count}</p>
      <p>Submit Count: {submit_count}</p>
      <button phx-click="inc" class="bg-blue-500 text-white p-4">
        +
      </button>
      <button phx-click="dec" class="bg-blue-500 text-white p-4">
        -
      </button>
      <form id="myform" name="test" phx-change="validate" phx-submit="submit">
        <input type="text" name="name" class="border border-gray-500" placeholder="type sth" />
        <input type="text" name="myfeedback" class="border border-gray-500" placeholder="myfeedback" />
        <button type="submit">Submit</button>
        <button type="reset">Reset</button>
      </form>
      <MyFeedback feedback={feedback} />
      <button phx-click="toggle-feedback">Toggle feedback</button>
    </>
  ),
});
