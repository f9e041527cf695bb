import { jobResults } from "@/lib/jobs/job-results";
import { XmlValue } from "./xml-value-list";

/**
 * What the job produced: the files CI says it wrote, then every result block as CI sent it. Loaded on demand by the
 * job page (most batch jobs echo no results), so reading them costs nothing on the page's first load.
 */
export function JobResults({ operation }: { operation: Record<string, unknown> }) {
  const { blocks, files } = jobResults(operation);
  return (
    <div className="space-y-4">
      {files.length > 0 && (
        <div>
          <h3 className="font-semibold text-slate-900">Files written</h3>
          <ul className="mt-2 space-y-1" aria-label="Files written">
            {files.map((f, i) => (
              <li key={`${f.kind}:${f.object}:${i}`} className="break-all font-mono text-xs">
                {f.bucket ? `${f.bucket}/` : ""}
                {f.object}
                {f.kind === "sprite" && <span className="ml-2 font-sans text-slate-600">(sprite)</span>}
                {f.region && <span className="ml-2 font-sans text-slate-600">{f.region}</span>}
                {f.md5 && <span className="ml-2 text-slate-600">MD5 {f.md5}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {blocks.map(([name, value], i) => (
        <div key={`${name}:${i}`}>
          <h3 className="font-semibold text-slate-900">{name}</h3>
          <div className="mt-2">
            <XmlValue value={value} />
          </div>
        </div>
      ))}
    </div>
  );
}
