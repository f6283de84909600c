import { amendmentOperations } from '../amendments/schema';
import { committeeOperations } from '../committees/schema';
import { resolutionOperations } from '../resolutions/schema';
import { tokenOperations } from '../tokens/schema';
import { sessionOperations } from '../sessions/schema';
import { procedureOperations } from '../procedure/schema';
import { screenOperations } from '../screen/schema';
import { languageOperations } from '../languages/schema';
import type { Operation } from './openapi';

/** Every operation of /api/v1, for the OpenAPI document and the permission matrix test. */
export const operations: Operation[] = [
  ...committeeOperations,
  ...resolutionOperations,
  ...tokenOperations,
  ...sessionOperations,
  ...procedureOperations,
  ...amendmentOperations,
  ...screenOperations,
  ...languageOperations,
];
