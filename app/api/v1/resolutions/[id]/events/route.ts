import { resolutionForUser } from '@/db/queries/resolutions';
import { subscribeProcedureEvents } from '@/server/procedure-events';
import { onShutdown } from '@/server/observability/lifecycle';
import { endpoint } from '../../../_lib/endpoint';
import { resolutionParams } from '../../schema';

export const dynamic = 'force-dynamic';

/** Server-Sent Events: procedural changes of one resolution, live, for its open pages. */
export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params, request }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let stopListening = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const cleanup = () => {
        unsubscribe();
        stopListening();
        if (heartbeat) clearInterval(heartbeat);
      };
      const end = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
      unsubscribe = subscribeProcedureEvents(resolution.id, (e) =>
        send(`event: procedure\ndata: ${JSON.stringify(e)}\n\n`),
      );
      // Proxies close idle streams; a comment line every 20 s keeps it open.
      heartbeat = setInterval(() => send(`: keep-alive\n\n`), 20_000);
      request.signal.addEventListener('abort', end);
      // A process shutting down ends its streams; the browser reconnects (to another process).
      stopListening = onShutdown(end);
    },
    cancel() {
      unsubscribe();
      stopListening();
      if (heartbeat) clearInterval(heartbeat);
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    },
  });
});
