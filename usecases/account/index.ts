import { setUserLocale } from '../../db/commands/user-preferences';
import { badRequest, forbidden } from '../../lib/errors';
import { INTERFACE_LOCALES, isInterfaceLocale } from '../../lib/i18n/locales';
import { defineUseCase } from '../kernel/use-case';

/**
 * A user's own settings. The interface language is the language of the pages (buttons,
 * headings, dates), not of any resolution's wording; null goes back to the browser's.
 */
export const setLocale = defineUseCase(
  'account.setLocale',
  async ({ db }, actor, input: { userId?: string; locale: string | null }) => {
    const userId = actor.kind === 'operator' ? input.userId : actor.userId;
    if (!userId) throw forbidden('account:manage', 'Name the user whose language this is.');
    if (actor.kind !== 'operator' && input.userId && input.userId !== actor.userId)
      throw forbidden('account:manage', 'You choose your own interface language only.');
    if (input.locale !== null && !isInterfaceLocale(input.locale))
      throw badRequest('locale', `The interface is written in ${INTERFACE_LOCALES.join(', ')}.`);
    return { result: await setUserLocale(db, userId, input.locale), events: [] };
  },
);
