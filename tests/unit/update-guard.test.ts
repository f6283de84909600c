import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpdateGuard, type UpdateGuard } from '@/server/collab/update-guard';
import { UpdateRefused } from '@/server/collab/refusal';

/**
 * The guard decodes updates in a worker under a time and memory bound, so one crafted
 * update cannot stall the server's event loop for everyone (yjs issue 687).
 */
let guard: UpdateGuard | null = null;
afterEach(async () => {
  await guard?.close();
  guard = null;
});

const small = () => {
  const d = new Y.Doc();
  d.getText('t').insert(0, 'hello');
  return Y.encodeStateAsUpdate(d);
};
const expensive = () => {
  const d = new Y.Doc();
  const f = d.getXmlFragment('f');
  d.transact(() => {
    for (let i = 0; i < 30_000; i++) f.insert(0, [new Y.XmlText(`x${i}`)]);
  });
  return Y.encodeStateAsUpdate(d);
};

describe('update guard', () => {
  it('passes well-formed updates and refuses garbage', async () => {
    guard = createUpdateGuard({ timeMs: 2000, memoryMb: 64 });
    await expect(guard.check(small())).resolves.toBeTypeOf('number');
    await expect(guard.check(Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff, 0x07, 1, 0]))).rejects.toBeInstanceOf(
      UpdateRefused,
    );
    // The worker survives a refusal and keeps serving.
    await expect(guard.check(small())).resolves.toBeTypeOf('number');
  });

  it('refuses an update that exceeds the time bound, and the updates queued behind it still pass', async () => {
    guard = createUpdateGuard({ timeMs: 30, memoryMb: 64 });
    await guard.check(small()); // worker started and warm
    const slow = guard.check(expensive());
    const behind = [guard.check(small()), guard.check(small())];
    await expect(slow).rejects.toThrow(/longer than 30 ms/);
    await expect(Promise.all(behind)).resolves.toHaveLength(2);
  });

  it('does not blame an update for time the server thread itself was busy', async () => {
    guard = createUpdateGuard({ timeMs: 50, memoryMb: 64 });
    await guard.check(small()); // worker started and warm
    const checked = guard.check(small());
    // The worker answers at once, but this thread is held by a long synchronous task
    // (scheduled as the server's own work is, outside the message handlers) until the bound
    // has passed and the watchdog's timer is due before the answer is read.
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        const until = performance.now() + 300;
        while (performance.now() < until);
        resolve();
      }),
    );
    await expect(checked).resolves.toBeTypeOf('number');
  });
});
