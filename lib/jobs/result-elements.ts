/**
 * Which elements of a job's Operation are results CI echoes back (not parameters we sent). Its own tiny module: the
 * job page needs it on first load to split parameters from results, while the results' reading and rendering
 * (./job-results.ts, components/jobs/job-results.tsx) load only for a job that has some.
 */

/** Result blocks by name; also any element whose name ends in "Result" (CI adds them per Tag). */
const RESULT_NAMES: ReadonlySet<string> = new Set(["MediaResult", "MediaInfo", "QualityEstimate"]);

export const isResultElement = (name: string): boolean => RESULT_NAMES.has(name) || /^[A-Z][A-Za-z]*Result$/.test(name);

/** Whether the Operation (or its JobParam) carries any result block. */
export function hasResultElements(operation: Record<string, unknown> | undefined): boolean {
  const jobParam = operation?.JobParam;
  const sources = [
    jobParam && typeof jobParam === "object" && !Array.isArray(jobParam)
      ? (jobParam as Record<string, unknown>)
      : undefined,
    operation,
  ];
  return sources.some(
    (source) => !!source && Object.entries(source).some(([name, value]) => isResultElement(name) && value !== ""),
  );
}
