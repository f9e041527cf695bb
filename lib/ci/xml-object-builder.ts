/**
 * Builds parseXml's plain objects while fast-xml-parser reads, from two of its documented callbacks (issue 12 item 7):
 * `updateTag` reports each element as it opens, `tagValueProcessor` each text (trimmed, entities decoded, CDATA as
 * written); the parser's MatcherView gives the depth of each. `updateTag` answers false, so the library skips linking
 * its own node tree (a third of its per-element work), and there is no second walk over that tree afterwards.
 *
 * The objects: no children is "", text alone is the text, elements become an object whose repeatable elements (by
 * path, lib/ci/repeatable-paths.ts) are always arrays and whose other repeated elements become arrays from their
 * second occurrence; text next to child elements is kept under "#text".
 */
import { isRepeatablePath } from "./repeatable-paths";

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

const TEXT_NODE = "#text";

/** An element whose end has not been seen yet. */
interface Frame {
  obj: XmlObject | undefined;
  text: string | undefined;
}

const valueOf = (frame: Frame): XmlValue => {
  if (!frame.obj) return frame.text ?? "";
  if (frame.text !== undefined && frame.text !== "") frame.obj[TEXT_NODE] = frame.text;
  return frame.obj;
};

/** One document at a time (parsing is synchronous): begin, then the parser's callbacks, then finish. */
export class XmlObjectBuilder {
  /** frames[0] is the document, frames[d] the open element at depth d; frames past `#depth` are kept for reuse. */
  #frames: Frame[] = [{ obj: undefined, text: undefined }];
  #depth = 0;
  /** Where each open element sits: the caller's parents, then the open elements' names. */
  #path: string[] = [];

  begin(parents: readonly string[]): void {
    this.#depth = 0;
    this.#frames[0] = { obj: undefined, text: undefined };
    this.#path = [...parents];
  }

  /** An element opened; `depth` counts it (the root is 1). */
  open(name: string, depth: number): void {
    this.#endDeeperThan(depth - 1);
    if (this.#depth !== depth - 1) throw new Error("XML reader out of step with the parser");
    this.#depth = depth;
    const frame = this.#frames[depth];
    if (frame) {
      frame.obj = undefined;
      frame.text = undefined;
    } else this.#frames[depth] = { obj: undefined, text: undefined };
    this.#path.push(name);
  }

  /** Text inside the element at `depth`. */
  text(value: string, depth: number): void {
    this.#endDeeperThan(depth);
    if (this.#depth !== depth) throw new Error("XML reader out of step with the parser");
    const frame = this.#frames[depth]!;
    frame.text = frame.text === undefined ? value : frame.text + value;
  }

  /** The document's value: `{ Root: … }`, or "" when there was no element. */
  finish(): XmlValue {
    this.#endDeeperThan(0);
    const out = valueOf(this.#frames[0]!);
    this.#frames[0] = { obj: undefined, text: undefined };
    this.#path = [];
    return out;
  }

  /** Elements deeper than `depth` have ended (a sibling or a parent's text came, or the document ended). */
  #endDeeperThan(depth: number): void {
    const frames = this.#frames;
    while (this.#depth > depth) {
      const value = valueOf(frames[this.#depth]!);
      const repeatable = isRepeatablePath(this.#path);
      const name = this.#path.pop()!;
      if (name === "__proto__") throw new Error("reserved element name");
      this.#depth--;
      const parent = frames[this.#depth]!;
      const obj = (parent.obj ??= {});
      const prev = Object.hasOwn(obj, name) ? obj[name] : undefined;
      if (prev === undefined) obj[name] = repeatable ? [value] : value;
      else if (Array.isArray(prev)) prev.push(value);
      else obj[name] = [prev, value];
    }
  }
}
