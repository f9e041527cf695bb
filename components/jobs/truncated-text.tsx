import type { ReactNode } from "react";

/**
 * One line that may be cut short, with the full value on hover (title) and on keyboard focus (a visible pop-out,
 * since a title never shows for the keyboard). Screen readers read the full text from the line itself.
 */
export function TruncatedText({
  full,
  children,
  className = "",
}: {
  full: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <span className="group relative block min-w-0">
      <span
        tabIndex={0}
        title={full}
        className={`block truncate rounded-sm focus-visible:outline-2 focus-visible:outline-blue-600 ${className}`}
      >
        {children ?? full}
      </span>
      <span
        aria-hidden="true"
        className="pointer-events-none absolute top-full left-0 z-20 mt-1 hidden w-max max-w-80 rounded-md bg-slate-900 px-2 py-1 font-mono text-xs break-all whitespace-normal text-white shadow-lg group-has-[:focus-visible]:block"
      >
        {full}
      </span>
    </span>
  );
}
