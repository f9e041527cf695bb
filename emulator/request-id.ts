/**
 * Request and trace IDs shaped like CI's: base64 of `<hex time>_<hex>_<hex>_<hex seq>` (the doc sample
 * `NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==` decodes to `62bd55ff_90fa5064_77cc_1a`).
 */
import { randomBytes } from "node:crypto";

let sequence = 0;

export function newRequestId(nowMs: number): string {
  sequence = (sequence + 1) % 0xffffff;
  const raw = `${Math.floor(nowMs / 1000).toString(16)}_${randomBytes(4).toString("hex")}_${randomBytes(2).toString("hex")}_${sequence.toString(16)}`;
  return Buffer.from(raw).toString("base64");
}

export function newTraceId(): string {
  return Buffer.from(randomBytes(36).toString("hex")).toString("base64").slice(0, 96);
}
