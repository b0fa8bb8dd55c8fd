/**
 * WAI-ARIA 1.2 states and properties and roles. A boolean is rendered as `"true"`/`"false"`
 * (`aria-expanded={open}`), as ARIA wants the words, not a bare attribute.
 */

type Booleanish = boolean | "true" | "false";
type Tristate = Booleanish | "mixed";
type IdList = string;
type Maybe<T> = T | null | undefined;

export interface AriaAttributes {
  "aria-activedescendant"?: Maybe<string>;
  "aria-atomic"?: Maybe<Booleanish>;
  "aria-autocomplete"?: Maybe<"none" | "inline" | "list" | "both">;
  "aria-braillelabel"?: Maybe<string>;
  "aria-brailleroledescription"?: Maybe<string>;
  "aria-busy"?: Maybe<Booleanish>;
  "aria-checked"?: Maybe<Tristate>;
  "aria-colcount"?: Maybe<number | `${number}`>;
  "aria-colindex"?: Maybe<number | `${number}`>;
  "aria-colindextext"?: Maybe<string>;
  "aria-colspan"?: Maybe<number | `${number}`>;
  "aria-controls"?: Maybe<IdList>;
  "aria-current"?: Maybe<Booleanish | "page" | "step" | "location" | "date" | "time">;
  "aria-describedby"?: Maybe<IdList>;
  "aria-description"?: Maybe<string>;
  "aria-details"?: Maybe<IdList>;
  "aria-disabled"?: Maybe<Booleanish>;
  "aria-errormessage"?: Maybe<IdList>;
  "aria-expanded"?: Maybe<Booleanish>;
  "aria-flowto"?: Maybe<IdList>;
  "aria-haspopup"?: Maybe<Booleanish | "menu" | "listbox" | "tree" | "grid" | "dialog">;
  "aria-hidden"?: Maybe<Booleanish>;
  "aria-invalid"?: Maybe<Booleanish | "grammar" | "spelling">;
  "aria-keyshortcuts"?: Maybe<string>;
  "aria-label"?: Maybe<string>;
  "aria-labelledby"?: Maybe<IdList>;
  "aria-level"?: Maybe<number | `${number}`>;
  "aria-live"?: Maybe<"off" | "assertive" | "polite">;
  "aria-modal"?: Maybe<Booleanish>;
  "aria-multiline"?: Maybe<Booleanish>;
  "aria-multiselectable"?: Maybe<Booleanish>;
  "aria-orientation"?: Maybe<"horizontal" | "vertical">;
  "aria-owns"?: Maybe<IdList>;
  "aria-placeholder"?: Maybe<string>;
  "aria-posinset"?: Maybe<number | `${number}`>;
  "aria-pressed"?: Maybe<Tristate>;
  "aria-readonly"?: Maybe<Booleanish>;
  "aria-relevant"?: Maybe<string>;
  "aria-required"?: Maybe<Booleanish>;
  "aria-roledescription"?: Maybe<string>;
  "aria-rowcount"?: Maybe<number | `${number}`>;
  "aria-rowindex"?: Maybe<number | `${number}`>;
  "aria-rowindextext"?: Maybe<string>;
  "aria-rowspan"?: Maybe<number | `${number}`>;
  "aria-selected"?: Maybe<Booleanish>;
  "aria-setsize"?: Maybe<number | `${number}`>;
  "aria-sort"?: Maybe<"none" | "ascending" | "descending" | "other">;
  "aria-valuemax"?: Maybe<number | `${number}`>;
  "aria-valuemin"?: Maybe<number | `${number}`>;
  "aria-valuenow"?: Maybe<number | `${number}`>;
  "aria-valuetext"?: Maybe<string>;
}

/** The ARIA roles; a space-separated fallback list is a string too. */
export type AriaRole =
  | "alert" | "alertdialog" | "application" | "article" | "banner" | "blockquote" | "button" | "caption"
  | "cell" | "checkbox" | "code" | "columnheader" | "combobox" | "complementary" | "contentinfo"
  | "definition" | "deletion" | "dialog" | "directory" | "document" | "emphasis" | "feed" | "figure"
  | "form" | "generic" | "grid" | "gridcell" | "group" | "heading" | "img" | "insertion" | "link"
  | "list" | "listbox" | "listitem" | "log" | "main" | "mark" | "marquee" | "math" | "menu" | "menubar"
  | "menuitem" | "menuitemcheckbox" | "menuitemradio" | "meter" | "navigation" | "none" | "note"
  | "option" | "paragraph" | "presentation" | "progressbar" | "radio" | "radiogroup" | "region" | "row"
  | "rowgroup" | "rowheader" | "scrollbar" | "search" | "searchbox" | "separator" | "slider"
  | "spinbutton" | "status" | "strong" | "subscript" | "superscript" | "switch" | "tab" | "table"
  | "tablist" | "tabpanel" | "term" | "textbox" | "time" | "timer" | "toolbar" | "tooltip" | "tree"
  | "treegrid" | "treeitem"
  | (string & {});
