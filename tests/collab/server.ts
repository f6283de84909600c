import { startConcord, type RunningConcord } from '../e2e/harness';
import { api, apiToken, signInCookie } from './clients';

/**
 * The real Concord server (`npm start`'s entry point) on a port of its own with a fresh
 * data folder and the demo data, plus credentials for the demo accounts.
 */
export interface CollabFixture {
  server: RunningConcord;
  resolutionId: string;
  cookies: Record<string, string>;
  tokens: Record<string, string>;
  restart(signal?: NodeJS.Signals): Promise<void>;
}

export const PEOPLE = ['chair', 'secretariat', 'iran', 'thailand', 'canada', 'kenya', 'observer', 'democracy'] as const;

export async function startCollabFixture(
  env: Record<string, string> = {},
  people: readonly string[] = PEOPLE,
): Promise<CollabFixture> {
  let server = await startConcord(env);
  const cookies: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  for (const who of people) {
    cookies[who] = await signInCookie(server.url, `${who}@example.org`);
    tokens[who] = await apiToken(server.url, cookies[who]);
  }
  const { resolutions } = await api<{ resolutions: { id: string }[] }>(
    server.url,
    tokens[people[0]],
    '/committees/peace-security/resolutions',
  );
  const fixture: CollabFixture = {
    server,
    resolutionId: resolutions[0].id,
    cookies,
    tokens,
    async restart(signal = 'SIGTERM') {
      await server.stop(signal);
      // Same port and data folder: clients reconnect to where they were.
      server = await startConcord({ ...env, PORT: String(server.port) }, server.dataDir);
      fixture.server = server;
    },
  };
  return fixture;
}
