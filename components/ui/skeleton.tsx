/** A grey placeholder bar while data loads (decorative: the loading state is announced elsewhere). */
export function Skeleton({ className = "" }: { className?: string }) {
  return <span aria-hidden="true" className={`block animate-pulse rounded bg-slate-200 ${className}`} />;
}
