export { compile, type CompileOptions, type CompileResult } from "./compile.js";
export { livetsxBabelPlugin, type PluginResult } from "./plugin.js";
export { CompileError, formatDiagnostic, type Diagnostic, type DiagnosticCode } from "./diagnostics.js";
export type { CompileMetadata, TemplateMetadata, SlotMetadata } from "./metadata.js";
export { extractHooks, hookName, scanModule, type HooksModule } from "./hooks.js";
