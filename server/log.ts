import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { currentRequest } from './observability/request-context';

/**
 * The process's one logger: JSON lines (pino) for operators and log shippers, or
 * human-readable lines in development (`npm run dev`, or LOG_FORMAT=pretty). LOG_LEVEL sets
 * the level (default info). It lives on globalThis because Next bundles route handlers apart
 * from server/, and both must write through the same stream.
 *
 * Never log secrets (passwords, tokens, cookies, session ids) or ballot choices: the redaction
 * below removes such fields if one slips into a logged object. A line written while serving
 * an HTTP request carries its id and, once known, the user and resolution.
 */
const slot = globalThis as unknown as { __concordLogger?: Logger };

function createLogger(): Logger {
  const asked = process.env.LOG_LEVEL || 'info';
  // An unknown level would make pino throw at start: fall back to info and say so below.
  const level = asked in pino.levels.values ? asked : 'info';
  const human = process.env.LOG_FORMAT === 'pretty' || process.env.CONCORD_DEV === '1';
  const options = {
    level,
    base: { pid: process.pid },
    redact: {
      paths: [
        'password',
        'token',
        'cookie',
        'authorization',
        'choice',
        '*.password',
        '*.token',
        '*.cookie',
        '*.authorization',
        '*.choice',
      ],
      remove: true,
    },
    mixin() {
      const request = currentRequest();
      if (!request) return {};
      return {
        reqId: request.requestId,
        ...(request.userId ? { userId: request.userId } : {}),
        ...(request.resolutionId ? { resolutionId: request.resolutionId } : {}),
      };
    },
  };
  const logger = human ? pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l' })) : pino(options);
  if (level !== asked)
    logger.warn(`LOG_LEVEL "${asked}" is not a level (${Object.keys(pino.levels.values).join(', ')}): using info`);
  return logger;
}

slot.__concordLogger ??= createLogger();
export const logger: Logger = slot.__concordLogger;

/** A child logger for one part of the process: `log('collab').info(...)`. */
export const log = (component: string): Logger => logger.child({ component });
