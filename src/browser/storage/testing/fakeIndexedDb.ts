/**
 * A small in-memory IndexedDB for unit tests (Node has none): open with versions and upgrades,
 * object stores with or without a keyPath, requests that succeed before their transaction commits,
 * and a commit that can be made to abort, as a browser does when the disk fills as writes land.
 * Only what keyValueStore.ts, idb-keyval's set/values/del and the first version's code call is here.
 */
type Handler = ((this: unknown, event: FakeEvent) => void) | null;
interface FakeEvent {
  type: string;
  target: unknown;
  oldVersion?: number;
  newVersion?: number;
}
interface StoreData {
  keyPath: string | null;
  records: Map<IDBValidKey, unknown>;
}
interface DatabaseData {
  version: number;
  stores: Map<string, StoreData>;
}

const later = (work: () => void): void => void setTimeout(work, 0);
const fire = (target: { [key: string]: unknown }, type: string, extra: Partial<FakeEvent> = {}): void => {
  const handler = target[`on${type}`] as Handler | undefined;
  handler?.call(target, { type, target, ...extra });
};
const names = (stores: Map<string, StoreData>) => ({ contains: (name: string) => stores.has(name), length: stores.size });

class FakeRequest {
  [key: string]: unknown;
  result: unknown = undefined;
  error: DOMException | null = null;
  onsuccess: Handler = null;
  onerror: Handler = null;
  constructor(public transaction: FakeTransaction | null) {}
  succeed(result: unknown): void {
    this.result = result;
    fire(this, 'success');
  }
  fail(error: DOMException): void {
    this.error = error;
    fire(this, 'error');
  }
}

class FakeTransaction {
  [key: string]: unknown;
  error: DOMException | null = null;
  oncomplete: Handler = null;
  onabort: Handler = null;
  onerror: Handler = null;
  private readonly queue: { request: FakeRequest; work: () => unknown }[] = [];
  private readonly undo: (() => void)[] = [];
  private wroteRecords = false;
  private finished = false;
  constructor(
    readonly db: FakeDatabase,
    readonly mode: IDBTransactionMode | 'versionchange',
    private readonly settle: (committed: boolean) => void = () => {},
  ) {
    later(() => this.step());
  }
  get objectStoreNames() {
    return names(this.db.data.stores);
  }
  objectStore(name: string): FakeObjectStore {
    const data = this.db.data.stores.get(name);
    if (!data) throw new DOMException(`no object store ${name}`, 'NotFoundError');
    return new FakeObjectStore(name, data, this);
  }
  enqueue(work: () => unknown): FakeRequest {
    if (this.finished) throw new DOMException('the transaction has finished', 'TransactionInactiveError');
    const request = new FakeRequest(this);
    this.queue.push({ request, work });
    return request;
  }
  change(undo: () => void, records: boolean): void {
    if (this.mode === 'readonly') throw new DOMException('read-only transaction', 'ReadOnlyError');
    this.undo.push(undo);
    this.wroteRecords ||= records;
  }
  abort(error: DOMException | null = null): void {
    if (this.finished) return;
    this.finished = true;
    this.error = error;
    for (const undo of this.undo.reverse()) undo();
    fire(this, 'abort');
    this.settle(false);
  }
  private step(): void {
    if (this.finished) return;
    const next = this.queue.shift();
    if (!next) {
      this.commit();
      return;
    }
    try {
      next.request.succeed(next.work());
    } catch (error) {
      const failure = error instanceof DOMException ? error : new DOMException(String(error), 'UnknownError');
      next.request.fail(failure);
      fire(this, 'error');
      this.abort(failure);
      return;
    }
    later(() => this.step());
  }
  private commit(): void {
    const failure = this.wroteRecords ? this.db.factory.takeCommitFailure() : null;
    if (failure) {
      this.abort(new DOMException('the disk filled as the transaction committed', failure));
      return;
    }
    this.finished = true;
    fire(this, 'complete');
    this.settle(true);
  }
}

class FakeObjectStore {
  constructor(
    readonly name: string,
    private readonly data: StoreData,
    readonly transaction: FakeTransaction,
  ) {}
  get keyPath(): string | null {
    return this.data.keyPath;
  }
  put(value: unknown, key?: IDBValidKey): FakeRequest {
    const { keyPath, records } = this.data;
    if (keyPath !== null && key !== undefined) throw new DOMException('a store with a keyPath takes no key argument', 'DataError');
    const resolved = keyPath === null ? key : ((value as Record<string, unknown>)[keyPath] as IDBValidKey | undefined);
    if (resolved === undefined) throw new DOMException('no key for this record', 'DataError');
    const copy = structuredClone(value);
    return this.transaction.enqueue(() => {
      const had = records.has(resolved);
      const before = records.get(resolved);
      this.transaction.change(() => (had ? records.set(resolved, before) : records.delete(resolved)), true);
      records.set(resolved, copy);
      return resolved;
    });
  }
  delete(key: IDBValidKey): FakeRequest {
    const { records } = this.data;
    return this.transaction.enqueue(() => {
      const had = records.has(key);
      const before = records.get(key);
      this.transaction.change(() => had && records.set(key, before), false);
      records.delete(key);
      return undefined;
    });
  }
  getAll(): FakeRequest {
    return this.transaction.enqueue(() => [...this.data.records.keys()].sort().map((key) => structuredClone(this.data.records.get(key))));
  }
}

class FakeDatabase {
  [key: string]: unknown;
  onclose: Handler = null;
  upgrade: FakeTransaction | null = null;
  constructor(
    readonly factory: FakeIndexedDb,
    readonly name: string,
    readonly data: DatabaseData,
  ) {}
  get objectStoreNames() {
    return names(this.data.stores);
  }
  createObjectStore(name: string, options: { keyPath?: string } = {}): FakeObjectStore {
    const upgrade = this.upgrade;
    if (!upgrade) throw new DOMException('only during an upgrade', 'InvalidStateError');
    const store: StoreData = { keyPath: options.keyPath ?? null, records: new Map() };
    this.data.stores.set(name, store);
    upgrade.change(() => this.data.stores.delete(name), false);
    return new FakeObjectStore(name, store, upgrade);
  }
  deleteObjectStore(name: string): void {
    const store = this.data.stores.get(name);
    if (!this.upgrade || !store) throw new DOMException(`cannot delete ${name}`, 'InvalidStateError');
    this.data.stores.delete(name);
    this.upgrade.change(() => this.data.stores.set(name, store), false);
  }
  transaction(storeName: string, mode: IDBTransactionMode = 'readonly'): FakeTransaction {
    if (!this.data.stores.has(storeName)) throw new DOMException(`no object store ${storeName}`, 'NotFoundError');
    return new FakeTransaction(this, mode);
  }
  close(): void {}
}

export class FakeIndexedDb {
  readonly databases = new Map<string, DatabaseData>();
  private commitFailure: string | null = null;

  /** The next transaction that writes records aborts at commit with this error (a DOMException name). */
  failNextCommit(name = 'QuotaExceededError'): void {
    this.commitFailure = name;
  }
  takeCommitFailure(): string | null {
    const failure = this.commitFailure;
    this.commitFailure = null;
    return failure;
  }
  /** A database as older code left it: one store, with records. */
  seed(name: string, version: number, store: string, keyPath: string | null, records: [IDBValidKey, unknown][]): void {
    this.databases.set(name, { version, stores: new Map([[store, { keyPath, records: new Map(records) }]]) });
  }
  open(name: string, version?: number): FakeRequest {
    const request = new FakeRequest(null);
    later(() => {
      const existing = this.databases.get(name);
      const oldVersion = existing?.version ?? 0;
      const target = version ?? Math.max(oldVersion, 1);
      if (target < oldVersion) return request.fail(new DOMException(`${name} is at version ${oldVersion}`, 'VersionError'));
      const data = existing ?? { version: oldVersion, stores: new Map() };
      const db = new FakeDatabase(this, name, data);
      if (target === oldVersion) return request.succeed(db);
      const upgrade = new FakeTransaction(db, 'versionchange', (committed) => {
        db.upgrade = null;
        if (!committed) return request.fail(new DOMException('the upgrade was aborted', 'AbortError'));
        data.version = target;
        this.databases.set(name, data);
        request.succeed(db);
      });
      db.upgrade = upgrade;
      request.result = db;
      request.transaction = upgrade;
      fire(request, 'upgradeneeded', { oldVersion, newVersion: target });
    });
    return request;
  }
  asFactory(): IDBFactory {
    return this as unknown as IDBFactory;
  }
}
