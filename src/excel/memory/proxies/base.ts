/**
 * What every proxy shares: queued instantiation, `load` into property paths, reads that need a
 * prior load and sync, queued property sets and method calls; collections load their items.
 */
import { invalidArgument, itemNotFound, propertyNotLoaded, valueNotLoaded } from "../errors";
import type { MemoryWorkbook } from "../model";
import type { MemoryRequestContext } from "./context";

/** A value computed at sync (`getCount()`), readable afterwards. */
export class ClientResult<T> {
  private loaded = false;
  private result: T | undefined;

  /** @internal */ _set(value: T): void {
    this.result = value;
    this.loaded = true;
  }

  get value(): T {
    if (!this.loaded) throw valueNotLoaded();
    return this.result as T;
  }
}

export type LoadOption = string | string[] | Record<string, unknown> | undefined;

/** Turns every `load` argument form into property paths ("format/fill/color"); null = all scalars. */
export function loadPaths(option: LoadOption): string[] | null {
  if (option === undefined || option === null) return null;
  if (typeof option === "string") {
    return option
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }
  if (Array.isArray(option)) return option.flatMap((o) => loadPaths(o) ?? []);
  if ("$all" in option) return null;
  if ("select" in option) return loadPaths(option.select as LoadOption);
  const out: string[] = [];
  for (const [k, v] of Object.entries(option)) {
    if (v === true) out.push(k);
    else if (v && typeof v === "object") {
      const sub = loadPaths(v as LoadOption);
      if (sub === null) out.push(k);
      else out.push(...sub.map((s) => `${k}/${s}`));
    }
  }
  return out;
}

export interface ProxyOptions {
  readonly entity: string;
  readonly location: string;
  readonly parent?: ProxyBase<unknown>;
  readonly nullable?: boolean;
  readonly since?: string;
  /** The context's root object exists without a round trip. */
  readonly root?: boolean;
}

export abstract class ProxyBase<T> {
  /** @internal */ readonly _ctx: MemoryRequestContext;
  /** @internal */ _target: T | undefined;
  /** @internal */ _isNull: boolean | undefined;
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  /** @internal */ readonly _entity: string;
  private readonly children = new Map<string, ProxyBase<unknown>>();

  constructor(ctx: MemoryRequestContext, resolve: (() => T | null) | T, opts: ProxyOptions) {
    this._ctx = ctx;
    this._entity = opts.entity;
    const instantiate = (): void => {
      if (opts.parent && opts.parent._isNull) {
        this._isNull = true;
        return;
      }
      const target = typeof resolve === "function" ? (resolve as () => T | null)() : resolve;
      if (target === null) {
        if (!opts.nullable) throw itemNotFound(opts.location);
        this._isNull = true;
      } else {
        this._target = target;
        this._isNull = false;
      }
    };
    if (opts.root) instantiate();
    else ctx._enqueue({ run: instantiate, since: opts.since, location: opts.location }, false);
  }

  get context(): MemoryRequestContext {
    return this._ctx;
  }

  /** True when an *OrNullObject call found nothing; readable only after a sync. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded("isNullObject", null);
    return this._isNull;
  }

  /** @internal The resolved target; only called from queued operations. */
  protected get t(): T {
    return this._target as T;
  }

  protected abstract readonly scalarNames: readonly string[];
  /** @internal Reads one scalar from the workbook (called while a load is applied). */
  protected abstract readScalar(name: string): unknown;
  /** Navigation properties (sub-objects) by name. */
  protected navigation(_name: string): ProxyBase<unknown> | undefined {
    return undefined;
  }

  protected child<C extends ProxyBase<unknown>>(name: string, make: () => C): C {
    let c = this.children.get(name);
    if (!c) {
      c = make();
      this.children.set(name, c);
    }
    return c as C;
  }

  load(option?: LoadOption): this {
    const paths = loadPaths(option);
    this._ctx._enqueue({ run: () => this._applyLoad(paths), location: `${this._entity}.load` }, false);
    return this;
  }

  /** @internal */
  _applyLoad(paths: readonly string[] | null): void {
    if (this._isNull) return;
    const names = paths ?? this.scalarNames;
    const nested = new Map<string, string[]>();
    for (const path of names) {
      const [head, ...rest] = path.split("/");
      if (rest.length > 0 || (!this.scalarNames.includes(head) && this.navigation(head))) {
        const list = nested.get(head) ?? [];
        if (rest.length > 0) list.push(rest.join("/"));
        nested.set(head, list);
        continue;
      }
      if (!this.scalarNames.includes(head)) {
        throw invalidArgument(`${this._entity}.load`, `unknown property '${head}'`);
      }
      this._loaded.set(head, this.readScalar(head));
    }
    for (const [head, rest] of nested) {
      const nav = this.navigation(head);
      if (!nav) throw invalidArgument(`${this._entity}.load`, `unknown property '${head}'`);
      nav._applyLoad(rest.length > 0 ? rest : null);
    }
  }

  protected get<V>(name: string): V {
    if (this._isNull === true) return undefined as V;
    if (!this._loaded.has(name)) throw propertyNotLoaded(name, this._entity);
    return this._loaded.get(name) as V;
  }

  /** Queues a property set (one write), keeping the value locally as Office.js does. */
  protected set(name: string, value: unknown, apply: () => void, since?: string): void {
    this._loaded.set(name, value);
    this.call(name, apply, { write: true, since });
  }

  /** Queues a method call; operations on a null object are skipped. */
  protected call(name: string, apply: () => void, opts: { write: boolean; since?: string }): void {
    this._ctx._enqueue(
      {
        run: () => {
          if (!this._isNull) apply();
        },
        since: opts.since,
        location: `${this._entity}.${name}`,
      },
      opts.write,
    );
  }

  protected get model(): MemoryWorkbook {
    return this._ctx._host.model;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

export abstract class CollectionBase<T, Item extends ProxyBase<unknown>> extends ProxyBase<T> {
  protected readonly scalarNames = ["items"] as const;

  protected abstract listItems(): Item[];

  protected readScalar(): unknown {
    return this.listItems();
  }

  override _applyLoad(paths: readonly string[] | null): void {
    if (this._isNull) return;
    const itemPaths: string[] = [];
    let all = paths === null;
    for (const p of paths ?? []) {
      if (p === "items") all = true;
      else itemPaths.push(p.startsWith("items/") ? p.slice("items/".length) : p);
    }
    const items = this.listItems();
    for (const item of items) item._applyLoad(all && itemPaths.length === 0 ? null : itemPaths);
    this._loaded.set("items", items);
  }

  get items(): Item[] {
    return this.get("items");
  }

  protected count(name: string, f: () => number, since?: string): ClientResult<number> {
    const result = new ClientResult<number>();
    this.call(name, () => result._set(f()), { write: false, since });
    return result;
  }
}
