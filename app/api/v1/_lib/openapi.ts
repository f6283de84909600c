import { z } from 'zod';

/**
 * The OpenAPI document is generated from the same zod schemas the handlers validate with,
 * so the description cannot drift from what the server accepts.
 */
export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI path, e.g. /committees/{committee}/resolutions */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it, in words (the rule itself is `can()` in lib/permissions.ts). */
  allowed?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  produces?: string;
}

/**
 * A list whose items carry `youCan`: what the caller may do with each, decided by can() on
 * the server (the pages render the same flags). Other fields are left to the examples.
 */
export function listWithYouCan(key: string, flags: Record<string, string | z.ZodType>) {
  const field = (f: string | z.ZodType) => (typeof f === 'string' ? z.boolean().meta({ description: f }) : f);
  const youCan = z
    .object(Object.fromEntries(Object.entries(flags).map(([flag, f]) => [flag, field(f)])))
    .meta({ description: 'What you may do with this item (decided on the server with can())' });
  return z.object({ [key]: z.array(z.looseObject({ id: z.string(), youCan })) });
}

const errorSchema = z.object({
  error: z.object({
    code: z.string().meta({ example: 'not_found:resolution' }),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string(), line: z.number().optional() })).optional(),
  }),
});

function jsonSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function parameters(where: 'path' | 'query', schema?: z.ZodObject) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType),
  }));
}

export function openApiDocument(operations: Operation[], serverUrl = '/api/v1') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {
      [op.method === 'post' ? '201' : '200']: {
        description: 'Success',
        content: op.produces
          ? { [op.produces]: {} }
          : { 'application/json': { schema: op.response ? jsonSchema(op.response) : {} } },
      },
      '400': {
        description: 'Invalid request (field errors listed)',
        content: { 'application/json': { schema: jsonSchema(errorSchema) } },
      },
      '401': { description: 'Not signed in / no valid token' },
      '403': { description: 'Your role does not allow this' },
      '404': { description: 'Not found, or not visible to you' },
    };
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      description: op.allowed ? `Allowed: ${op.allowed}` : undefined,
      tags: [op.tag],
      parameters: [...parameters('path', op.params), ...parameters('query', op.query)],
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Concord API',
      version: '1',
      description:
        'Committees draft, amend, vote and adopt resolutions. Authenticate with the session cookie or "Authorization: Bearer <token>" (create tokens in the UI or with `npm run concord -- token create --email …`).',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
