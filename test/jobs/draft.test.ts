import { describe, expect, it } from "vitest";
import { discardDraft, draftKey, emptyWizardValues, saveDraft, type DraftStorage } from "@/lib/jobs/draft";
import { loadDraft } from "@/lib/jobs/draft-schema";

/** An in-memory Storage with the same string-only contract as sessionStorage. */
function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
  };
}

const target = { bucket: "examplebucket-1250000000", region: "ap-beijing" };

describe("draft storage", () => {
  it("round-trips values, step and idempotency key", () => {
    const s = memoryStorage();
    const values = emptyWizardValues(target);
    values.Name = "nightly-transcode";
    values.Operation.Tag = "Transcode";
    values.Operation.JobParam = { Transcode: { Container: { Format: "mp4" } }, WatermarkTemplateId: ["t1abcdef"] };
    const key = draftKey();
    expect(
      saveDraft(
        s,
        key,
        { step: 3, values, idempotency: { key: "0f2c9a52-aaaa-4bbb-8ccc-123456789abc", fingerprint: "{}" } },
        new Date("2025-01-02T03:04:05Z"),
      ),
    ).toBe(true);
    const loaded = loadDraft(s, key);
    expect(loaded?.step).toBe(3);
    expect(loaded?.savedAt).toBe("2025-01-02T03:04:05.000Z");
    expect(loaded?.values).toEqual(values);
    expect(loaded?.idempotency?.key).toBe("0f2c9a52-aaaa-4bbb-8ccc-123456789abc");
  });

  it("keeps separate drafts for a new job and for each duplicated job", () => {
    expect(draftKey()).not.toBe(draftKey("b123"));
    expect(draftKey("b123")).not.toBe(draftKey("b456"));
    expect(draftKey(null)).toBe(draftKey());
  });

  it("discards and removes a draft that fails validation", () => {
    const s = memoryStorage();
    const key = draftKey();
    s.setItem(key, JSON.stringify({ version: 1, savedAt: "x", step: 9, values: emptyWizardValues() }));
    expect(loadDraft(s, key)).toBeNull();
    expect(s.data.has(key)).toBe(false);
  });

  it("discards malformed JSON and unknown Tags", () => {
    const s = memoryStorage();
    const key = draftKey();
    s.setItem(key, "{not json");
    expect(loadDraft(s, key)).toBeNull();
    const values = emptyWizardValues() as unknown as { Operation: { Tag: string } };
    values.Operation.Tag = "RmRf";
    s.setItem(key, JSON.stringify({ version: 1, savedAt: "x", step: 0, values }));
    expect(loadDraft(s, key)).toBeNull();
  });

  it("returns null without storage and survives a storage that throws", () => {
    expect(loadDraft(undefined, draftKey())).toBeNull();
    const throwing: DraftStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(loadDraft(throwing, draftKey())).toBeNull();
    expect(saveDraft(throwing, draftKey(), { step: 0, values: emptyWizardValues() })).toBe(false);
    expect(() => discardDraft(throwing, draftKey())).not.toThrow();
  });

  it("discardDraft removes only its own key", () => {
    const s = memoryStorage();
    saveDraft(s, draftKey(), { step: 0, values: emptyWizardValues() });
    saveDraft(s, draftKey("b1"), { step: 1, values: emptyWizardValues(), sourceJobId: "b1" });
    discardDraft(s, draftKey());
    expect(loadDraft(s, draftKey())).toBeNull();
    expect(loadDraft(s, draftKey("b1"))?.sourceJobId).toBe("b1");
  });
});
