import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { startApp } from "./server/app";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const app = await startApp(config);
  console.log(`Customer Service Center API on ${app.url.replace("127.0.0.1", "localhost")} (database: ${app.database.kind})`);
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.log.info({ signal }, "draining");
    // In-flight requests get the drain's grace period; past this, something is stuck: say so and go.
    setTimeout(() => {
      app.log.error({ signal }, "shutdown took longer than 30 s; exiting anyway");
      process.exit(1);
    }, 30_000).unref();
    app
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        app.log.error({ err: { message: (err as Error).message } }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err) => {
  console.error(`failed to start: ${(err as Error).message}`);
  process.exit(1);
});
