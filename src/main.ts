import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { startApp } from "./server/app";
import { exitOnTerminationSignals } from "./server/shutdown";
import { StartupTimer } from "./server/startup-timing";

async function main() {
  // From the process's start: node's bootstrap and loading every module required above.
  const timer = new StartupTimer(true);
  timer.mark("node bootstrap, module loading");
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
  timer.mark("config");
  const app = await startApp(config, { timer });
  console.log(`Customer Service Center API on ${app.url.replace("127.0.0.1", "localhost")} (database: ${app.database.kind})`);
  exitOnTerminationSignals(() => app.stop(), app.log);
}

main().catch((err) => {
  console.error(`failed to start: ${(err as Error).message}`);
  process.exit(1);
});
