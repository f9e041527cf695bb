/** What counts as "no value" in CI's all-text JobParam, shared by the schema derivation and the rules. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for undefined, null, "", and groups / lists whose values are all empty. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.every(isEmptyValue);
  if (typeof value === "object") return Object.values(value as Record<string, unknown>).every(isEmptyValue);
  return false;
}
