import { CloseCode } from '../collab/close-codes';

/**
 * What the editor tells people about its connection to the collaboration server, in the
 * server's own close codes (lib/collab/close-codes.ts, documented in README).
 */
export const COLLAB_CLOSE = CloseCode;

export interface CloseOutcome {
  /** Names the message in the interface catalogues (connection.problem.<key>). */
  key: string;
  /** In English, for logs and tests; the badge shows the reader's language. */
  message: string;
  /** Whether trying again can help; when not, the editor stops reconnecting. */
  reconnect: boolean;
}

const OUTCOMES: Record<number, CloseOutcome> = {
  [COLLAB_CLOSE.tooLarge]: {
    key: 'tooLarge',
    message: 'Your last change was too large to send (over the size limit). Reload the page to continue.',
    reconnect: false,
  },
  [COLLAB_CLOSE.accessRevoked]: {
    key: 'accessRevoked',
    message: 'Your access to this text changed. Reconnecting…',
    reconnect: true,
  },
  [COLLAB_CLOSE.malformed]: {
    key: 'malformed',
    message: 'The server refused a message from this page. Reload the page to continue.',
    reconnect: false,
  },
  [COLLAB_CLOSE.unauthenticated]: {
    key: 'unauthenticated',
    message: 'You are not signed in any more. Sign in again to keep editing.',
    reconnect: false,
  },
  [COLLAB_CLOSE.forbiddenOrigin]: {
    key: 'forbiddenOrigin',
    message: 'This page is not served from the Concord server it connects to.',
    reconnect: false,
  },
  [COLLAB_CLOSE.notFound]: {
    key: 'notFound',
    message: 'This resolution no longer exists, or you no longer have a role in its committee.',
    reconnect: false,
  },
  [COLLAB_CLOSE.documentFull]: {
    key: 'documentFull',
    message: 'Too many people have this text open. Retrying…',
    reconnect: true,
  },
  [COLLAB_CLOSE.rateLimited]: {
    key: 'rateLimited',
    message: 'Too many changes too fast. Retrying in a moment…',
    reconnect: true,
  },
  [COLLAB_CLOSE.serverError]: {
    key: 'serverError',
    message: 'The server had a problem. Reconnecting…',
    reconnect: true,
  },
};

/** What a close means; unknown codes (network drops, restarts) are worth retrying. */
export function closeOutcome(code: number | null | undefined): CloseOutcome {
  return (
    (code != null && OUTCOMES[code]) || { key: 'lost', message: 'Connection lost. Reconnecting…', reconnect: true }
  );
}

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export const STATUS_LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  refused: 'Disconnected',
};

export interface AccessNotice {
  access: 'write' | 'read';
  reason?: string;
}

/** The server's access notice (message type 100): JSON from the network, checked. */
export function parseAccessNotice(json: string): AccessNotice | null {
  try {
    const value = JSON.parse(json) as { access?: unknown; reason?: unknown };
    if (value.access !== 'write' && value.access !== 'read') return null;
    return typeof value.reason === 'string' && value.reason
      ? { access: value.access, reason: value.reason.slice(0, 300) }
      : { access: value.access };
  } catch {
    return null;
  }
}
