/** Workbook settings (ExcelApi 1.4): JSON values by key, saved with the workbook. */
import { invalidArgument, itemNotFound } from "../errors";
import type { MemoryWorkbook } from "../model";
import { CollectionBase, ProxyBase, type ClientResult, type ProxyOptions } from "./base";
import type { MemoryRequestContext } from "./context";

export class Setting extends ProxyBase<string> {
  protected readonly scalarNames = ["key", "value"] as const;

  /** @internal */
  constructor(
    ctx: MemoryRequestContext,
    resolve: (() => string | null) | string,
    opts: Omit<ProxyOptions, "entity">,
  ) {
    super(ctx, resolve, { ...opts, entity: "Setting", since: "1.4" });
  }

  protected readScalar(name: string): unknown {
    const stored = this.model.settings.get(this.t);
    if (stored === undefined) throw itemNotFound(`Setting.${name}`);
    return name === "key" ? this.t : JSON.parse(stored);
  }

  get key(): string {
    return this.get("key");
  }
  get value(): unknown {
    return this.get("value");
  }
  set value(value: unknown) {
    this.set("value", value, () => this.model.settings.set(this.t, serialiseSetting(value)), "1.4");
  }

  delete(): void {
    this.call("delete", () => this.model.settings.delete(this.t), { write: true, since: "1.4" });
  }
}

function serialiseSetting(value: unknown): string {
  const json = value === undefined ? undefined : JSON.stringify(value);
  if (json === undefined) throw invalidArgument("SettingCollection.add", "the value must be serialisable");
  return json;
}

export class SettingCollection extends CollectionBase<MemoryWorkbook, Setting> {
  /** @internal */
  constructor(ctx: MemoryRequestContext) {
    super(ctx, () => ctx._host.model, {
      entity: "SettingCollection",
      location: "Workbook.settings",
      since: "1.4",
    });
  }

  protected listItems(): Setting[] {
    return [...this.model.settings.keys()].map(
      (k) => new Setting(this._ctx, k, { location: "SettingCollection.items" }),
    );
  }

  /** Sets or replaces a setting; the value is stored as JSON (a deep copy). */
  add(key: string, value: unknown): Setting {
    this.call(
      "add",
      () => {
        if (typeof key !== "string" || key === "")
          throw invalidArgument("SettingCollection.add", "empty key");
        this.model.settings.set(key, serialiseSetting(value));
      },
      { write: true, since: "1.4" },
    );
    return new Setting(this._ctx, () => key, { location: "SettingCollection.add" });
  }

  getItem(key: string): Setting {
    return new Setting(this._ctx, () => (this.model.settings.has(key) ? key : null), {
      location: "SettingCollection.getItem",
    });
  }

  getItemOrNullObject(key: string): Setting {
    return new Setting(this._ctx, () => (this.model.settings.has(key) ? key : null), {
      location: "SettingCollection.getItemOrNullObject",
      nullable: true,
    });
  }

  getCount(): ClientResult<number> {
    return this.count("getCount", () => this.model.settings.size, "1.4");
  }
}
