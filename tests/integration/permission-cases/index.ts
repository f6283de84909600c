import { platformCases } from './platform';
import { amendmentCases } from './amendments';
import { procedureCases } from './procedure';
import { screenCases } from './screen';
import { languageCases } from './languages';
import type { Cases } from './types';

/** Every operation's case; each issue's routes keep theirs in their own file. */
export const cases: Cases = {
  ...platformCases,
  ...amendmentCases,
  ...procedureCases,
  ...screenCases,
  ...languageCases,
};
