import type { ReactNode } from "react";

export type NoticeTone = "error" | "warning" | "info" | "success";

const tones: Record<NoticeTone, string> = {
  error: "border-red-300 bg-red-50 text-red-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  info: "border-blue-200 bg-blue-50 text-blue-950",
  success: "border-green-300 bg-green-50 text-green-950",
};

/**
 * A boxed message. `role` decides how urgently screen readers announce it: "alert" interrupts, "status" waits.
 * Leave it off for static text.
 */
export function Notice({
  tone = "info",
  title,
  children,
  role,
  className = "",
  ...data
}: {
  tone?: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  role?: "alert" | "status";
  className?: string;
  [dataAttr: `data-${string}`]: string | undefined;
}) {
  return (
    <div role={role} className={`rounded-md border px-4 py-3 text-sm ${tones[tone]} ${className}`} {...data}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? "mt-1" : ""}>{children}</div>}
    </div>
  );
}
