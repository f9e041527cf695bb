/** The model's entries indexed by path and by parent, built once. */
import type { ElementSpec } from "./element";
import { JOB_PARAM_ELEMENTS } from "./job-param-elements";
import { REQUEST_ELEMENTS } from "./request-elements";

export const ALL_ELEMENTS: readonly ElementSpec[] = [...REQUEST_ELEMENTS, ...JOB_PARAM_ELEMENTS];

export const BY_PATH: ReadonlyMap<string, ElementSpec> = new Map(ALL_ELEMENTS.map((e) => [e.path, e]));

const parentOf = (path: string) => path.slice(0, path.lastIndexOf("."));

export const CHILDREN: ReadonlyMap<string, readonly ElementSpec[]> = (() => {
  const m = new Map<string, ElementSpec[]>();
  for (const e of ALL_ELEMENTS) {
    if (!e.path.includes(".")) continue;
    const p = parentOf(e.path);
    if (!m.has(p)) m.set(p, []);
    m.get(p)!.push(e);
  }
  return m;
})();

export const nameOf = (path: string) => path.slice(path.lastIndexOf(".") + 1);
