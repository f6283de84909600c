import { draftTouched, languageTouched, resolutionAccessTouched, type DomainEvent } from '../../usecases/kernel/events';
import type { CollabService } from '../collab/types';

/**
 * Keeps open sockets in step with what was decided: a draft changed outside its room
 * (tabled, withdrawn, co-sponsors, wording) is refolded and its sockets re-checked, so a
 * tabled draft turns read-only in every open editor; a stage change or adoption re-checks
 * every socket of the resolution; a changed membership re-checks the user's sockets.
 */
export function collabAccessSubscriber(collab: CollabService) {
  return (event: DomainEvent): Promise<void> | undefined => {
    const draft = draftTouched(event);
    if (draft) return collab.draftChanged(draft);
    const resolutionId = resolutionAccessTouched(event);
    if (resolutionId) return collab.reauthorize(resolutionId);
    if (event.type === 'member.changed') return collab.reauthorizeUser(event.userId);
    const language = languageTouched(event);
    if (language) return collab.languageChanged?.(language.resolutionId, language.language);
    return undefined;
  };
}
