// Imported first by main.ts, for its side effect: the embedded database starts opening before the
// server's other modules load (see beginEarlyPgliteOpen).
import { beginEarlyPgliteOpen } from "./pglite-open";

beginEarlyPgliteOpen();
