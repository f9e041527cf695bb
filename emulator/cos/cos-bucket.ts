/**
 * One bucket's objects: the seeded sources plus what clients wrote (PUT). Written objects win over seeded ones with
 * the same key and appear in listings at once (COS documents eventual consistency; the emulator is simply consistent).
 */
import { createHash } from "node:crypto";
import { compareUtf8 } from "./key-order";
import { listObjects, type ListPage, type ListParams } from "./list-objects";
import { listSource, seek, type CosObject, type ObjectSource } from "./object-source";

export interface WrittenObject extends CosObject {
  /** ms since epoch, by the emulator's clock. */
  writtenAt: number;
}

export class CosBucket {
  private readonly written = new Map<string, WrittenObject>();
  private writtenSource: ObjectSource | null = null;

  constructor(
    readonly bucket: string,
    readonly region: string,
    private readonly seeded: readonly ObjectSource[],
  ) {}

  /** Written objects first: they win a tie with a seeded key. */
  sources(): ObjectSource[] {
    this.writtenSource ??= listSource([...this.written.values()]);
    return [this.writtenSource, ...this.seeded];
  }

  list(params: ListParams): ListPage {
    return listObjects(this.sources(), params);
  }

  get(key: string): CosObject | undefined {
    const mine = this.written.get(key);
    if (mine) return mine;
    for (const s of this.seeded) {
      const i = seek(s, key, true);
      if (i < s.length && s.keyAt(i) === key) return s.objectAt(i);
    }
    return undefined;
  }

  put(key: string, body: Buffer, contentType: string | undefined, now: number): WrittenObject {
    const etag = createHash("md5").update(body).digest("hex");
    const object: WrittenObject = {
      key,
      size: body.length,
      lastModified: Math.floor(now / 1000) * 1000,
      etag,
      content: () => body,
      contentType,
      writtenAt: now,
    };
    this.written.set(key, object);
    this.writtenSource = null;
    return object;
  }

  /** What clients wrote under a prefix, in key order (admin API). */
  writtenObjects(prefix = ""): WrittenObject[] {
    return [...this.written.values()].filter((o) => o.key.startsWith(prefix)).sort((a, b) => compareUtf8(a.key, b.key));
  }

  /** Whether the key was written by a client (as opposed to seeded). */
  isWritten(key: string): boolean {
    return this.written.has(key);
  }
}
