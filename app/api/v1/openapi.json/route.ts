import { openApiDocument } from '../_lib/openapi';
import { operations } from '../_lib/operations';

export const dynamic = 'force-static';

export function GET() {
  return Response.json(openApiDocument(operations));
}
