declare module "@babel/plugin-syntax-jsx" {
  import type { PluginObj } from "@babel/core";
  const plugin: (api: unknown) => PluginObj;
  export default plugin;
}
declare module "@babel/plugin-transform-typescript" {
  import type { PluginObj } from "@babel/core";
  const plugin: (api: unknown, options: Record<string, unknown>) => PluginObj;
  export default plugin;
}
