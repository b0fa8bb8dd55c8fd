import { attr as _$attr, comprehension as _$comprehension, rendered as _$rendered, template as _$template, track as _$track } from "@livetsx/server/template";
import { defineView } from "@livetsx/server";
const _tmpl$0 = /*#__PURE__*/_$template(["<div class=\"they-live\"><button phx-click=\"toggle\">", "</button><p>", "</p><ul id=\"people\">", "</ul></div>"], "4ead63b419c2", [["sunglasses"], ["sunglasses"], ["people", "sunglasses"]], {
  root: true
});
const _tmpl$1 = /*#__PURE__*/_$template(["<li", "", ">", " ", "</li>"], "a23acbd9adcd", [["@person.id"], ["@person.type", "sunglasses"], ["@person.type", "sunglasses"], ["@person.name"]], {
  root: true,
  bindings: {
    person: [0]
  }
});
export default defineView({
  mount: (_params, _session, socket) => socket.assign({
    sunglasses: false,
    people: [{
      id: 1,
      name: "Nada",
      type: "human"
    }, {
      id: 2,
      name: "Holly",
      type: "alien"
    }]
  }),
  events: {
    toggle: (_payload, socket) => socket.update("sunglasses", on => !on)
  },
  render: _props$ => {
    const {
      sunglasses,
      people
    } = _props$;
    const _scope$ = _$track(_props$);
    return _$rendered(_tmpl$0, [() => sunglasses ? "Take off sunglasses" : "Put on sunglasses", () => sunglasses ? "Now you see them as they really are." : "Everyone looks perfectly normal.", () => _$comprehension(_tmpl$1, people, person => person.id, (_entry$, person) => _$rendered(_tmpl$1, [() => _$attr("id", `person-${person.id}`), () => _$attr("class", {
      revealed: sunglasses && person.type === "alien"
    }), () => person.type === "alien" && sunglasses ? "👽" : "🙂", () => person.name], _entry$), _scope$)], _scope$);
  }
});