/** Types for scripts/assemble-standalone.mjs (plain Node, so the Dockerfile can run it without tsx). */
export function runtimeLayout(distDir?: string): [from: string, to: string][];
export const PGLITE_RUNTIME_FILES: string[];
export function checkAssembled(target: string, distDir?: string): void;
export function assemble(target: string, distDir?: string): string;
