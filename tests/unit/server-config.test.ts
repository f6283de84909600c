import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../server/config';

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe('server configuration', () => {
  it('keeps idle HTTP connections 65 s unless told otherwise, and refuses nonsense naming the variable', () => {
    expect(readServerConfig(env({})).keepAliveSeconds).toBe(65);
    expect(readServerConfig(env({ CONCORD_HTTP_KEEPALIVE_SECONDS: '120' })).keepAliveSeconds).toBe(120);
    for (const bad of ['0', '-5', '1.5', 'soon', '3601'])
      expect(() => readServerConfig(env({ CONCORD_HTTP_KEEPALIVE_SECONDS: bad }))).toThrow(
        /CONCORD_HTTP_KEEPALIVE_SECONDS/,
      );
  });
});
