import pino, { type Logger } from "pino";

/**
 * Structured logs. The code logs ids, college names, counts and status codes only; the redaction list
 * is a second line of defence should a personal field ever be passed by mistake.
 */
export const REDACT_PATHS = [
  "key",
  "accessKey",
  "senderName",
  "senderEmail",
  "senderPhone",
  "idNumber",
  "name",
  "headers",
  "*.key",
  "*.senderName",
  "*.senderEmail",
  "*.idNumber",
  "*.headers",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "capture-list-server" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  };
  // Synchronous writes: a line logged just before a crash is not lost in a buffer.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}
