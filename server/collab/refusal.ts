/**
 * Why a client's update was refused: a fixed set, named where the refusal is made (the
 * guard's worker, a room's size check, the connection), so the metric's labels stay few and
 * never carry what a client wrote.
 */
export const REFUSAL_REASONS = [
  'frame_too_large',
  'rate_limited',
  'malformed',
  'outside_shape',
  'paragraph_too_long',
  'document_too_large',
  'missing_dependencies',
  'too_expensive',
  'read_only',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && (REFUSAL_REASONS as readonly string[]).includes(value);
}

/** An update the server will not take: the message for the client and the log, the reason for the count. */
export class UpdateRefused extends Error {
  constructor(
    message: string,
    readonly reason: RefusalReason,
  ) {
    super(message);
    this.name = 'UpdateRefused';
  }
}
