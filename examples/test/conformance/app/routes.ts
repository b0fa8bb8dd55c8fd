/** The conformance app: views that exercise the wire protocol beyond the demo's. */
import KeyedList from "./views/keyed-list.tsx";
import Components from "./views/components.tsx";
import Stream from "./views/stream.tsx";
import JSCommands from "./views/js-commands.tsx";

export const routes = { "/keyed": KeyedList, "/components": Components, "/stream": Stream, "/js": JSCommands };
