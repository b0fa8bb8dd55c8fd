import "./jsx.js";
export { raw, Safe, escapeHTML } from "./escape.js";
export { trustedURL, TrustedURL, BLOCKED_URL } from "./url.js";
export { renderToString } from "./html.js";
export {
  defineView,
  reply,
  Reply,
  type ViewDefinition,
  type EventHandler,
  type EventHandlers,
  type EventPayload,
  type ViewEventNames,
  type Params,
  type TerminateReason,
} from "./view.js";
export type { CustomElements } from "./jsx.js";
export type {
  HTMLAttributes,
  HTMLElementTags,
  ClassValue,
  StyleValue,
  StyleObject,
  AttrString,
  AttrNumber,
  AttrBoolean,
  AttrURL,
  InputType,
} from "./jsx-types/html.js";
export type { SVGAttributes, SVGElementTags } from "./jsx-types/svg.js";
export type { AriaAttributes, AriaRole } from "./jsx-types/aria.js";
export type { PhxBindings, EventNames, EventName, EventBinding, JSCommand, Debounce, Throttle } from "./jsx-types/bindings.js";
export type { LiveSocket, NavigateOptions, TimerRef } from "./socket.js";
export { Async, AsyncResult, CANCELLED, MAX_ASYNC_TASKS, type AsyncOutcome, type AsyncProps } from "./async.js";
export { defineComponent, LiveComponent, type ComponentDefinition, type ComponentAssigns, type LiveComponentProps } from "./component.js";
export { Link, type LinkProps } from "./link.js";
export { Portal, type PortalProps } from "./portal.js";
export {
  JS,
  JSCommands,
  type JSOp,
  type JSTarget,
  type JSTransition,
  type JSPushOptions,
  type JSShowOptions,
  type JSHideOptions,
  type JSToggleOptions,
  type JSClassOptions,
  type JSTransitionOptions,
  type JSDispatchOptions,
  type JSNavigateOptions,
  type JSToOptions,
} from "./js.js";
export {
  toForm,
  Form,
  Input,
  ErrorTag,
  type Field,
  type Fields,
  type FieldPath,
  type FormAction,
  type FormParams,
  type FormValues,
  type ToFormInput,
  type FormProps,
  type InputProps,
  type ErrorTagProps,
  type StandardSchemaV1,
} from "./forms.js";
export { decodeParams, formEvent, usedFields, ParamsError, type UsedFields, type FormEvent, type DecodeOptions } from "./params.js";
export { LiveStream, type StreamOptions, type StreamInsertOptions, type DomIdFunction } from "./stream.js";
export { createLiveServer, type LiveServer, type LiveServerOptions, type UpgradeSource } from "./server.js";
export { MAX_HOOKS, type HookResult, type HookStage, type HookStages, type LiveSessionOptions, type LiveSessions, type OnMount } from "./lifecycle.js";
export type { ConnectInfo, ConnectInfoKey } from "./connect-info.js";
export { defaultLayout, type LayoutPage, type PlainPage } from "./http.js";
export { LocalPubSub, type PubSubAdapter, type PubSubListener, type LocalPubSubOptions, type NodeRegistry } from "./pubsub.js";
export {
  Presence,
  isPresenceDiff,
  type PresenceDiff,
  type PresenceList,
  type PresenceMeta,
  type PresenceOptions,
  DEFAULT_HEARTBEAT_INTERVAL,
  DEFAULT_NODE_TIMEOUT,
  MAX_TRACKED_PER_VIEW,
  MAX_META_BYTES,
  PRESENCE_TOPIC,
} from "./presence.js";
export { encodeJSON, MAX_JSON_DEPTH } from "./json.js";
export { createRouter, type Router, type RouteMatch } from "./router.js";
export { LIVEVIEW_VERSION } from "./channel.js";
export type { Logger } from "./context.js";
export type { DiffStats } from "./diff.js";
export { VerifyError, type Mismatch } from "./verify.js";
export { beginHotUpdate, isHot, type HotUpdate } from "./hot.js";
export {
  Rendered,
  Comprehension,
  ComponentCall,
  type Template,
  type TemplateOptions,
  type TemplateSource,
  type Scope,
  type Dep,
  type SlotDeps,
  type Bindings,
} from "./template.js";
export {
  consumeUploadedEntries,
  consumeUploadedEntry,
  uploadedEntries,
  uploadErrors,
  postpone,
  Postponed,
  TempFileWriter,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_CHUNK_TIMEOUT,
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_FILE_SIZE,
  MAX_EXTRA_ENTRIES,
  type AllowUploadOptions,
  type ExternalUpload,
  type UploadConfig,
  type UploadEntry,
  type UploadError,
  type Uploads,
  type UploadWriter,
} from "./upload.js";
export { MAX_CHUNKS_IN_FLIGHT } from "./upload-channel.js";
export { LiveView, MAX_NESTED_VIEWS, MAX_NESTED_DEPTH, type LiveViewProps } from "./nested.js";
export { MAX_PATCHES_IN_A_ROW } from "./instance.js";
export { LiveFileInput, LiveImgPreview, type LiveFileInputProps, type LiveImgPreviewProps } from "./upload-components.js";
