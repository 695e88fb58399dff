import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { startApp } from "./server/app";
import { exitOnTerminationSignals } from "./server/shutdown";

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
  exitOnTerminationSignals(() => app.stop(), app.log);
}

main().catch((err) => {
  console.error(`failed to start: ${(err as Error).message}`);
  process.exit(1);
});
