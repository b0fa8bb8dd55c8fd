import type { SlotIR } from "./ir.js";

/** Accumulates statics around slots: adjacent static text folds into one string. */
export class TemplateBuilder {
  readonly statics: string[] = [""];
  readonly slots: SlotIR[] = [];

  text(html: string): void {
    this.statics[this.statics.length - 1] += html;
  }

  slot(slot: SlotIR): void {
    this.slots.push(slot);
    this.statics.push("");
  }
}
