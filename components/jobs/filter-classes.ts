// The filter bar's label and control classes, shared by jobs-filters.tsx and the controls split out beside it.
export const selectClass = "mt-1 h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm";
export const labelClass = "block text-xs font-medium text-slate-700";
