import { rendered as _$rendered, template as _$template, track as _$track } from "@livetsx/server/template";
import { defineView } from "@livetsx/server";
const _tmpl$0 = /*#__PURE__*/_$template(["<div class=\"counter\"><h1>Count: ", "</h1><button phx-click=\"dec\">-</button><button phx-click=\"inc\">+</button></div>"], "92023ed72c1b", [["count"]], {
  root: true
});
export default defineView({
  mount: (_params, _session, socket) => socket.assign({
    count: 0
  }),
  events: {
    inc: (_payload, socket) => socket.update("count", c => c + 1),
    dec: (_payload, socket) => socket.update("count", c => c - 1)
  },
  render: _props$ => {
    const {
      count
    } = _props$;
    const _scope$ = _$track(_props$);
    return _$rendered(_tmpl$0, [() => count], _scope$);
  }
});