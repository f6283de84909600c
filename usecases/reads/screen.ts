import type { Resolution } from '../../db/schema';
import { BLANK_SCREEN, type ScreenState } from '../../lib/screen/content';

/** What the room's screen shows now (blank until the chair or the secretariat puts something there). */
export const screenOf = (resolution: Pick<Resolution, 'screen'>): ScreenState => resolution.screen ?? BLANK_SCREEN;
