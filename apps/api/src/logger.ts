import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/** Pino's interface as fastify hands it to request handlers (request.log), so both fit. */
export type Logger = FastifyBaseLogger;

// Paths pino blanks out wherever they appear in a log object: secrets and personal data.
const REDACT = [
  'token',
  '*.token',
  'adminToken',
  'notificationKey',
  '*.notificationKey',
  'req.headers.authorization',
  'req.headers["x-signature"]',
  'req.headers.cookie',
  'headers.authorization',
  'customer.phone',
  'customer.email',
  'customer.vatNumber',
  '*.customer.phone',
  '*.customer.email',
  '*.customer.vatNumber',
  'phone',
  'email',
  'cardNumber',
  '*.cardNumber',
  'cardCvc',
  '*.cardCvc',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'api' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      // No query string: tRPC GET inputs (e.g. a staff search by e-mail) would land in the logs.
      req: (req: { method?: string; url?: string; ip?: string }) => ({
        method: req.method,
        url: req.url?.split('?')[0],
        remoteAddress: req.ip,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
