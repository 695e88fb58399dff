import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PGLITE_SHARED_BUFFERS } from "../../src/config";
import { beginEarlyPgliteOpen, newPglite, takeEarlyPglite } from "../../src/db/pglite-open";

const root = mkdtempSync(join(tmpdir(), "bsc-pglite-open-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("opening the embedded database", () => {
  it("when a data folder already exists, then its open begins early and is handed once to the same folder; another folder, a URL or a new folder get none", async () => {
    const dataDir = join(root, "pglite");
    const created = newPglite(dataDir);
    await created.exec("create table kept (n int); insert into kept values (7)");
    await created.close();

    beginEarlyPgliteOpen({ PGLITE_DATA_DIR: dataDir });
    const early = takeEarlyPglite(dataDir);
    expect(early).toBeDefined();
    expect(takeEarlyPglite(dataDir)).toBeUndefined();
    const rows = await early!.query<{ n: number; sb: string }>("select n, current_setting('shared_buffers') as sb from kept");
    expect(rows.rows).toEqual([{ n: 7, sb: DEFAULT_PGLITE_SHARED_BUFFERS }]);
    await early!.close();

    beginEarlyPgliteOpen({ PGLITE_DATA_DIR: dataDir });
    expect(takeEarlyPglite(join(root, "elsewhere"))).toBeUndefined();
    expect(takeEarlyPglite(dataDir)).toBeUndefined();

    beginEarlyPgliteOpen({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "postgres://127.0.0.1/x" });
    expect(takeEarlyPglite(dataDir)).toBeUndefined();
    beginEarlyPgliteOpen({ PGLITE_DATA_DIR: join(root, "new") });
    expect(takeEarlyPglite(join(root, "new"))).toBeUndefined();
  }, 120_000);
});
