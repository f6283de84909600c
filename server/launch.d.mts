/** Types of server/launch.mjs (plain JavaScript, so that it runs before anything is compiled). */
import type { BundledEntry } from './bundled-launch.mjs';
export const SERVER_BUNDLE: BundledEntry;
