/**
 * A reader of GET /api/v1/resolutions/{id}/events (Server-Sent Events), as an open page
 * holds it: every `procedure` event with the time it arrived, and waits for a condition.
 */

export interface ProcedureEventSeen {
  type: string;
  data: unknown;
  at: number;
}

export interface EventStream {
  /** procedure events received so far */
  readonly count: number;
  /** Resolves with the arrival time (performance.now()) of the first event from now on matching `match`. */
  waitFor(match: (e: ProcedureEventSeen) => boolean, timeoutMs: number): Promise<number>;
  close(): void;
}

export async function openEventStream(base: string, token: string, resolutionId: string): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/resolutions/${resolutionId}/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
  let count = 0;
  const waiters = new Set<(e: ProcedureEventSeen) => void>();
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (event === 'ready') readyResolve();
          if (event !== 'procedure') continue;
          const parsed = JSON.parse(data) as { type: string; data: unknown };
          count++;
          const seen = { type: parsed.type, data: parsed.data, at };
          for (const w of [...waiters]) w(seen);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  await ready;
  return {
    get count() {
      return count;
    },
    waitFor(match, timeoutMs) {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching event within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const waiter = (e: ProcedureEventSeen) => {
          if (!match(e)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(e.at);
        };
        waiters.add(waiter);
      });
    },
    close: () => abort.abort(),
  };
}
