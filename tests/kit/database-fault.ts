/**
 * The database fault of the reliability runs, for either browser's background (Chromium's service
 * worker, Firefox's background page): IndexedDB's store and index methods throw, so every Dexie
 * call there fails; switched off, the originals come back. Evaluated in the background as source
 * text, so it must stay self-contained.
 */
type Scope = { IDBObjectStore: typeof IDBObjectStore; IDBIndex: typeof IDBIndex; DOMException: typeof DOMException; __realIdb?: [object, string, unknown][] };

function switchDatabaseErrors(scope: Scope, enable: boolean): void {
  const targets: [object, string[]][] = [
    [scope.IDBObjectStore.prototype, ['get', 'getAll', 'getAllKeys', 'put', 'add', 'delete', 'clear', 'count', 'openCursor', 'openKeyCursor']],
    [scope.IDBIndex.prototype, ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']],
  ];
  if (enable) {
    if (scope.__realIdb) return;
    scope.__realIdb = [];
    for (const [proto, names] of targets) {
      for (const name of names) {
        scope.__realIdb.push([proto, name, (proto as Record<string, unknown>)[name]]);
        (proto as Record<string, unknown>)[name] = () => {
          throw new scope.DOMException('Injected database error', 'UnknownError');
        };
      }
    }
  } else if (scope.__realIdb) {
    for (const [proto, name, original] of scope.__realIdb) (proto as Record<string, unknown>)[name] = original;
    delete scope.__realIdb;
  }
}

/** An expression that switches the fault in the scope `scopeExpression` evaluates to. */
export const databaseErrorsExpression = (scopeExpression: string, on: boolean) => `(${switchDatabaseErrors.toString()})(${scopeExpression}, ${on})`;
