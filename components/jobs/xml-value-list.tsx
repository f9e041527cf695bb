/**
 * Any value CI sent, readable: objects as definition lists (nested as deep as they go), lists as numbered lists,
 * text as text. Used for JobParam, Output and anything CI adds that we have no special view for.
 */
export function XmlValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-500">(not set)</span>;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    const text = String(value);
    return text === "" ? (
      <span className="text-slate-500">(empty)</span>
    ) : (
      <span className="break-all whitespace-pre-wrap">{text}</span>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">(none)</span>;
    return (
      <ol className="list-decimal space-y-1 pl-5">
        {value.map((v, i) => (
          <li key={i}>
            <XmlValue value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === "object") return <XmlValueList value={value as Record<string, unknown>} nested />;
  return <span>{String(value)}</span>;
}

export function XmlValueList({
  value,
  nested = false,
  omit = [],
}: {
  value: Record<string, unknown>;
  nested?: boolean;
  omit?: readonly string[];
}) {
  const entries = Object.entries(value).filter(([k]) => !omit.includes(k));
  if (entries.length === 0) return <span className="text-slate-500">(empty)</span>;
  return (
    <dl
      className={`grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-[minmax(8rem,max-content)_1fr] ${nested ? "border-l-2 border-slate-200 pl-3" : ""}`}
    >
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-700">{k}</dt>
          <dd className="min-w-0 text-slate-900">
            <XmlValue value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
