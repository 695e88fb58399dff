import { existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteSharedBuffers } from "../config";

/** A new PGlite on `dataDir` (a folder or memory://), started with the product's settings. */
export function newPglite(dataDir: string, loadDataDir?: Blob): PGlite {
  const sharedBuffers = pgliteSharedBuffers();
  return new PGlite(dataDir, {
    ...(loadDataDir ? { loadDataDir } : {}),
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`],
  });
}

let early: { dataDir: string; client: PGlite } | undefined;

/**
 * Starts opening an existing embedded database folder before the rest of the server loads, so that
 * PGlite's WebAssembly compiles on V8's background threads while the server's modules load and its
 * schema is built. Only for the folder the configuration will name (DATABASE_URL unset,
 * PGLITE_DATA_DIR or its default) and only when it already holds a database: a first start, a
 * PostgreSQL start or a bad configuration take the ordinary path.
 */
export function beginEarlyPgliteOpen(env: NodeJS.ProcessEnv = process.env): void {
  if (env.DATABASE_URL) return;
  const dataDir = env.PGLITE_DATA_DIR || "./data/pglite";
  if (dataDir.startsWith("memory://") || !existsSync(join(dataDir, "PG_VERSION"))) return;
  // A bad setting is reported by the configuration, as a configuration error; the early open just does not begin.
  let client: PGlite;
  try {
    client = newPglite(dataDir);
  } catch {
    return;
  }
  // A failure is reported by whoever takes the client; until then it must not end the process.
  client.waitReady.catch(() => undefined);
  early = { dataDir, client };
}

/** The client begun early for `dataDir`, once; any other folder closes it and gets none. */
export function takeEarlyPglite(dataDir: string): PGlite | undefined {
  const taken = early;
  early = undefined;
  if (!taken) return undefined;
  if (taken.dataDir === dataDir) return taken.client;
  void taken.client.close().catch(() => undefined);
  return undefined;
}
