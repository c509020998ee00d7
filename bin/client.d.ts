/** Types of bin/client.js for the server's side (src/server/). */
export interface Identity { bundle: string; version: string; node: string }
export const SERVED: ReadonlySet<string>;
export const APPLIED_ENV: readonly string[];
export function isPinnedEnv(name: string): boolean;
export function socketPath(root: string, cwd?: string, make?: boolean): string | undefined;
export function identity(bundle: string, version: string): Identity;
export function viaServer(argv: string[], root: string, id: Identity): Promise<number | undefined>;
