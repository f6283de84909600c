import type { ClientRole } from '../load/client';
import type { LoopDelay } from './child';

export type ServerName = 'reference' | 'concord';

export const SERVER_LABEL: Record<ServerName, string> = {
  reference: 'reference (@y/websocket-server 0.1.1)',
  concord: 'Concord',
};

/** A server under test, started in its own process(es). */
export interface RunningServer {
  name: ServerName;
  /** Processes whose CPU and memory are the server's; client i talks to process i mod pids.length. */
  pids: number[];
  /** Where client `index` connects, with the credentials its role needs. */
  urlFor(index: number, role: ClientRole): string;
  /** Origin header a browser on the app's own page would send. */
  origin(index: number): string;
  /** Last lines of the server's own output, for failures. */
  output(): string;
  stop(): Promise<void>;
  /** Event-loop delay of the server's processes: reset starts a window, report reads it (worst process). */
  loop: { reset(): void; report(): Promise<LoopDelay & { perProcess: LoopDelay[] }> };
}
