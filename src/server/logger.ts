import pino, { type Logger } from "pino";
import type { Config } from "../config";

/**
 * JSON logs. Secrets and personal data never belong in a log line; these paths are redacted in case
 * one slips into a logged object.
 */
export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    base: undefined,
    redact: {
      paths: [
        "authorization",
        "*.authorization",
        "headers.authorization",
        "req.headers.authorization",
        "password",
        "*.password",
        "token",
        "*.token",
        "idNumber",
        "*.idNumber",
        "mobile",
        "*.mobile",
        "phone",
        "*.phone",
        "variables",
        "*.variables",
      ],
      censor: "[redacted]",
    },
  });
}
