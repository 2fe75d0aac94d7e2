// The page's saved machine in the browser's IndexedDB, used by the worker (IndexedDB exists in
// workers; no DOM here). One database `tciemu` with two object stores keyed by snapshot name:
// `snapshots` holds the snapshot file's bytes (spec/snapshot/), `meta` what the page shows and
// restores with it (time, size, the terminal's screen). Both are written in one transaction, so a
// save that fails half-way (quota, a closed tab) leaves the previous snapshot and its metadata as
// they were; checking what is saved reads only the small `meta` record.
//
// Why IndexedDB and not the Origin Private File System: IndexedDB is there wherever the page runs
// (plain-http hosts, where OPFS, a secure-context API, is missing; the MV3 extension page; a
// sandboxed same-origin iframe; every current browser in workers), and its transactions make the
// snapshot and its metadata one atomic unit. A snapshot is one opaque value read and written whole,
// so OPFS's strengths (random access, partial writes) buy nothing here. The bytes are stored as a
// Blob: Chromium keeps it as a file and reading it back (Blob.arrayBuffer) costs about what an OPFS
// file read does, where a stored Uint8Array is deserialized through copies (~5x slower for 47 MB).
import type { SnapshotInfo } from "../hw/virt-snapshot.ts";

const DB_NAME = "tciemu";
const DB_VERSION = 1;
const DATA = "snapshots";
const META = "meta";

/** What is saved next to a snapshot. */
export interface StoredSnapshotMeta {
  name: string;
  /** Host time of the save (ms since the epoch). */
  savedAtMs: number;
  /** Size of the snapshot file in bytes. */
  bytes: number;
  info: SnapshotInfo;
  /** The terminal's text when it was saved (shown again on resume). */
  screen: string;
}

const done = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((ok, ko) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(storageError(r.error));
  });

const committed = (tx: IDBTransaction): Promise<void> =>
  new Promise((ok, ko) => {
    tx.oncomplete = () => ok();
    tx.onerror = () => ko(storageError(tx.error));
    tx.onabort = () => ko(storageError(tx.error));
  });

function storageError(e: DOMException | null): Error {
  if (e?.name === "QuotaExceededError")
    return new Error("the browser's storage quota for this page is full (free some space or download the snapshot instead)");
  return new Error(`browser storage: ${e?.message || e?.name || "unknown error"}`);
}

export class SnapshotStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<SnapshotStore> {
    if (typeof indexedDB === "undefined") throw new Error("this browser offers no IndexedDB storage here");
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(DATA)) db.createObjectStore(DATA);
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    const db = await done(req);
    // Another tab upgrading the database must not be blocked by this one.
    db.onversionchange = () => db.close();
    return new SnapshotStore(db);
  }

  /** The metadata of the saved snapshot `name`, or null (reads no snapshot bytes). */
  async meta(name: string): Promise<StoredSnapshotMeta | null> {
    const v = await done(this.db.transaction(META, "readonly").objectStore(META).get(name));
    return (v as StoredSnapshotMeta | undefined) ?? null;
  }

  /** The saved snapshot `name` with its metadata, or null. */
  async load(name: string): Promise<{ meta: StoredSnapshotMeta; data: Uint8Array } | null> {
    const tx = this.db.transaction([META, DATA], "readonly");
    const [meta, data] = await Promise.all([done(tx.objectStore(META).get(name)), done(tx.objectStore(DATA).get(name))]);
    if (meta === undefined || data === undefined) return null;
    const bytes =
      data instanceof Blob
        ? new Uint8Array(await data.arrayBuffer())
        : data instanceof Uint8Array
          ? data
          : data instanceof ArrayBuffer
            ? new Uint8Array(data)
            : null;
    if (!bytes) throw new Error("browser storage: the saved machine is not a snapshot file");
    return { meta: meta as StoredSnapshotMeta, data: bytes };
  }

  /** Replaces the snapshot `meta.name` (bytes and metadata together, or neither). */
  async save(meta: StoredSnapshotMeta, data: Uint8Array): Promise<void> {
    const tx = this.db.transaction([META, DATA], "readwrite");
    tx.objectStore(DATA).put(new Blob([data as BlobPart]), meta.name);
    tx.objectStore(META).put(meta, meta.name);
    await committed(tx);
  }

  async delete(name: string): Promise<void> {
    const tx = this.db.transaction([META, DATA], "readwrite");
    tx.objectStore(DATA).delete(name);
    tx.objectStore(META).delete(name);
    await committed(tx);
  }
}
