import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * The process's one logger: JSON lines (pino) for operators and log shippers, or
 * human-readable lines in development (`npm run dev`, or LOG_FORMAT=pretty). LOG_LEVEL sets
 * the level (default info). It lives on globalThis because Next bundles route handlers apart
 * from server/, and both must write through the same stream.
 *
 * Never log secrets (passwords, tokens, cookies, session ids) or ballot choices.
 */
const slot = globalThis as unknown as { __concordLogger?: Logger };

function createLogger(): Logger {
  const level = process.env.LOG_LEVEL || 'info';
  const human = process.env.LOG_FORMAT === 'pretty' || process.env.CONCORD_DEV === '1';
  const options = {
    level,
    base: { pid: process.pid },
    redact: { paths: ['password', 'token', 'cookie', 'authorization', '*.password', '*.token'], remove: true },
  };
  return human ? pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l' })) : pino(options);
}

slot.__concordLogger ??= createLogger();
export const logger: Logger = slot.__concordLogger;

/** A child logger for one part of the process: `log('collab').info(...)`. */
export const log = (component: string): Logger => logger.child({ component });
