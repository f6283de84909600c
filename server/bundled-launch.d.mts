/** Types of server/bundled-launch.mjs (plain JavaScript, so that it runs before anything is compiled). */
export interface BundledEntry {
  entry: string;
  cacheDir: string;
  launchers: string[];
  sourceMap?: boolean;
}
export const root: string;
export function bundleIsCurrent(target: BundledEntry): boolean;
export function buildBundle(target: BundledEntry): Promise<void>;
export function launchBundled(target: BundledEntry): Promise<void>;
