import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseLiveSettings } from "@/components/jobs/use-live-settings";
import { forgetJob, readWatchList, rememberTriggeredJob, setWatched, subscribeWatchList } from "@/lib/jobs/watch-list";

/** A window with just enough of localStorage and events for these modules (vitest runs in node). */
function fakeWindow() {
  const store = new Map<string, string>();
  const target = new EventTarget();
  return {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    store,
  };
}

const KEY = "ci-console:watched-jobs";
let win: ReturnType<typeof fakeWindow>;

beforeEach(() => {
  win = fakeWindow();
  (globalThis as Record<string, unknown>).window = win;
});
afterEach(() => {
  delete (globalThis as Record<string, unknown>).window;
});

describe("watch list", () => {
  it("remembers triggered jobs once each, newest last, and forgets them", () => {
    rememberTriggeredJob("b1");
    rememberTriggeredJob("b2");
    rememberTriggeredJob("b1");
    expect(readWatchList()).toEqual(["b2", "b1"]);
    forgetJob("b2");
    expect(readWatchList()).toEqual(["b1"]);
    setWatched("b3", true);
    setWatched("b1", false);
    expect(readWatchList()).toEqual(["b3"]);
  });

  it("refuses malformed JobIds and survives whatever localStorage holds", () => {
    rememberTriggeredJob("not an id!");
    expect(readWatchList()).toEqual([]);
    for (const raw of ["{", '"b1"', "null", '{"0":"b1"}', "[1,2]"]) {
      win.store.set(KEY, raw);
      expect(readWatchList(), raw).toEqual([]);
    }
    win.store.set(KEY, JSON.stringify(["b1", 7, "<x>", "b2", "b1"]));
    expect(readWatchList()).toEqual(["b1", "b2"]);
  });

  it("keeps at most 200 jobs", () => {
    for (let i = 0; i < 250; i++) rememberTriggeredJob(`b${i}`);
    const list = readWatchList();
    expect(list).toHaveLength(200);
    expect(list[0]).toBe("b50");
    expect(list[199]).toBe("b249");
  });

  it("tells subscribers about changes", () => {
    let calls = 0;
    const stop = subscribeWatchList(() => calls++);
    rememberTriggeredJob("b1");
    setWatched("b1", false);
    stop();
    rememberTriggeredJob("b2");
    expect(calls).toBe(2);
  });

  it("is empty, not broken, without a window", () => {
    delete (globalThis as Record<string, unknown>).window;
    expect(readWatchList()).toEqual([]);
    expect(() => rememberTriggeredJob("b1")).not.toThrow();
  });
});

describe("live-update settings from localStorage", () => {
  it("accepts what the page writes", () => {
    expect(parseLiveSettings('{"paused":true,"interval":10000}')).toEqual({ paused: true, interval: 10_000 });
    expect(parseLiveSettings('{"paused":false,"interval":"auto"}')).toEqual({ paused: false, interval: "auto" });
  });
  it("falls back to defaults for anything else", () => {
    for (const raw of [null, "", "{", "[]", "42", '{"paused":"yes","interval":123}', '{"interval":"5000"}']) {
      const s = parseLiveSettings(raw);
      expect(s.interval, String(raw)).toBe("auto");
      expect(s.paused, String(raw)).toBe(false);
    }
  });
});
