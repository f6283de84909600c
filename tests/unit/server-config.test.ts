import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../server/config';

describe('server configuration', () => {
  it('keeps idle HTTP connections 65 s unless told otherwise, and refuses nonsense naming the variable', () => {
    expect(readServerConfig({}).keepAliveSeconds).toBe(65);
    expect(readServerConfig({ CONCORD_HTTP_KEEPALIVE_SECONDS: '120' }).keepAliveSeconds).toBe(120);
    for (const bad of ['0', '-5', '1.5', 'soon', '3601'])
      expect(() => readServerConfig({ CONCORD_HTTP_KEEPALIVE_SECONDS: bad })).toThrow(/CONCORD_HTTP_KEEPALIVE_SECONDS/);
  });
});
