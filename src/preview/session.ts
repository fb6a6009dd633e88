/**
 * The preview's state: one in-memory Excel, the pane mounted on a host over it, and what
 * `window.capturePreview` (SPEC §7) needs — the pane's latest problems, settling, counters.
 * The pane is mounted afresh whenever the workbook or the configuration is replaced, so it starts
 * exactly as it would when the secretary opens it on that workbook with that setup.
 */
import { findCollege, parseCampaign, type Campaign, type Problem } from "../domain";
import type { CaptureHost, HostUpdate, SecretaryProfile } from "../excel/hostApi";
import { MemoryWorkbook, parseAddress, type MemoryExcel } from "../excel/memory";
import { importListFile } from "../taskpane/importList";
import type { PaneStorage } from "../taskpane/storage";
import type { ListKind } from "../taskpane/storedLists";
import { openSpreadsheet } from "./loadWorkbook";
import { WorkbookShelf } from "./workbookShelf";

/** SPEC §7's configure() argument. Lists are base64 spreadsheet or CSV files. */
export interface PreviewConfig {
  campaign?: unknown;
  college?: string;
  profile?: { mailAddress: string; recipient: string; recipientPhone: string };
  roster?: string;
  captured?: string;
}

export interface CellReport {
  value: string | number | boolean | null;
  fill: string | null;
  note: string | null;
}

/** `window.capturePreview`, exactly as SPEC §7 lists it. */
export interface CapturePreview {
  loadWorkbook(base64Xlsx: string): Promise<void>;
  configure(config: PreviewConfig): Promise<void>;
  edit(address: string, value: string): Promise<void>;
  settle(): Promise<void>;
  cell(address: string): CellReport;
  problems(): Problem[];
  stats(): { syncs: number; writes: number };
}

export interface MountedPane {
  unmount(): void;
}

export interface SessionDeps {
  memory: MemoryExcel;
  storage: PaneStorage;
  createHost(memory: MemoryExcel): CaptureHost;
  mountPane(host: CaptureHost, campaign: Campaign, storage: PaneStorage): MountedPane;
  /** Called with every update the pane receives (after the session has recorded it). */
  onUpdate?(update: HostUpdate): void;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class PreviewSession {
  private campaign: Campaign;
  private profile: SecretaryProfile | undefined;
  private host: CaptureHost | undefined;
  private pane: MountedPane | undefined;
  private latest: HostUpdate | undefined;
  private readonly inflight = new Set<Promise<unknown>>();
  private formatsLost = false;
  /** The list and the workbooks the add-in created (`Excel.createWorkbook`), for the grid's workbook tabs. */
  readonly workbooks: WorkbookShelf;

  constructor(
    private readonly deps: SessionDeps,
    campaign: Campaign = parseCampaign({}),
  ) {
    this.campaign = campaign;
    this.workbooks = new WorkbookShelf(deps.memory.workbook);
    // Excel opens a created workbook in a window of its own; here it opens beside the list.
    deps.memory.onWorkbookCreated(async (base64) => {
      const opened = await openSpreadsheet(base64ToBytes(base64), "新工作簿.xlsx");
      this.workbooks.add(new MemoryWorkbook([opened.sheet]));
    });
  }

  /** True when the last .xlsx opened showed its values but its formats could not be read. */
  get formatsUnread(): boolean {
    return this.formatsLost;
  }

  get currentCampaign(): Campaign {
    return this.campaign;
  }

  get lastUpdate(): HostUpdate | undefined {
    return this.latest;
  }

  /** The host the pane is mounted on (tracked for settle), for the web version's own downloads. */
  get currentHost(): CaptureHost | undefined {
    return this.host;
  }

  /** Replaces the workbook with the first sheet of a file; the pane re-opens on it and checks it. */
  async loadBytes(bytes: Uint8Array, fileName: string): Promise<void> {
    const opened = await openSpreadsheet(bytes, fileName);
    await this.unmountPane();
    this.formatsLost = opened.formatsUnread;
    this.workbooks.reset(fileName.replace(/\.[^.]*$/, "") || fileName);
    this.deps.memory.workbook.reset([opened.sheet]);
    this.deps.memory.resetCounters();
    await this.mountPane();
  }

  /** New campaign, college profile or lists: stored where the pane keeps them, then the pane re-opens. */
  async configure(config: PreviewConfig, opts: { remount?: boolean } = {}): Promise<void> {
    if (config.campaign !== undefined) this.campaign = parseCampaign(config.campaign);
    const collegeName = config.college ?? this.profile?.college;
    if (config.college !== undefined && !findCollege(this.campaign, config.college)) {
      throw new Error(`unknown college: ${config.college}`);
    }
    if (config.profile || config.college !== undefined) {
      if (!collegeName) throw new Error("configure: a profile needs a college");
      const known = findCollege(this.campaign, collegeName);
      this.profile = {
        college: collegeName,
        secretaryName: config.profile?.recipient ?? this.profile?.secretaryName ?? known?.recipient ?? "",
        mobile: config.profile?.recipientPhone ?? this.profile?.mobile ?? known?.recipientPhone ?? "",
        email: this.profile?.email ?? "",
        mailAddress: config.profile?.mailAddress ?? this.profile?.mailAddress ?? known?.mailAddress ?? "",
      };
    }
    const lists: [ListKind, string | undefined][] = [
      ["roster", config.roster],
      ["captured", config.captured],
    ];
    for (const [kind, base64] of lists) {
      if (base64 === undefined) continue;
      if (!collegeName) throw new Error(`configure: a ${kind} list needs a college`);
      const name = kind === "roster" ? "学籍名单.xlsx" : "已采集名单.xlsx";
      const file = new File([base64ToBytes(base64) as BlobPart], name);
      this.deps.storage.saveList(collegeName, await importListFile(file, kind, this.campaign));
    }
    if (opts.remount === false) return;
    await this.unmountPane();
    await this.mountPane();
  }

  /** Types into a cell as the user would (fires onChanged); "Sheet!A1" or "A1" on the active sheet. */
  edit(address: string, value: string): void {
    const parsed = parseAddress(address);
    if (!parsed || parsed.rect.top !== parsed.rect.bottom || parsed.rect.left !== parsed.rect.right) {
      throw new Error(`edit() takes one cell address, not ${address}`);
    }
    const sheet = parsed.sheetName ?? this.deps.memory.workbook.activeSheet.name;
    const ref = address.slice(address.lastIndexOf("!") + 1);
    this.deps.memory.workbook.user.type(sheet, ref, value);
  }

  /** Resolves when no change event, Excel.run batch or pane-initiated host call is outstanding. */
  async settle(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      await this.deps.memory.workbook.whenIdle();
      if (this.inflight.size === 0) {
        // One more macrotask: a host call may queue the next step (an event after its sync).
        await new Promise((resolve) => setTimeout(resolve, 0));
        await this.deps.memory.workbook.whenIdle();
        if (this.inflight.size === 0) return;
      }
      await Promise.all([...this.inflight]);
    }
    throw new Error("the pane did not settle");
  }

  problems(): Problem[] {
    return this.latest ? [...this.latest.problems] : [];
  }

  api(): CapturePreview {
    const memory = this.deps.memory;
    return {
      loadWorkbook: async (base64) => {
        await this.loadBytes(base64ToBytes(base64), "workbook.xlsx");
        await this.settle();
      },
      configure: async (config) => {
        await this.configure(config);
        await this.settle();
      },
      edit: async (address, value) => this.edit(address, value),
      settle: () => this.settle(),
      cell: (address) => memory.workbook.cellInfo(address),
      problems: () => this.problems(),
      stats: () => ({ syncs: memory.counters.syncs, writes: memory.counters.writes }),
    };
  }

  async mountPane(): Promise<void> {
    const raw = this.deps.createHost(this.deps.memory);
    if (this.profile) await this.track(raw.saveProfile(this.profile));
    this.latest = undefined;
    this.host = this.observe(raw);
    this.pane = this.deps.mountPane(this.host, this.campaign, this.deps.storage);
  }

  private async unmountPane(): Promise<void> {
    const host = this.host;
    this.pane?.unmount();
    this.pane = undefined;
    this.host = undefined;
    if (host) await host.dispose().catch(() => undefined);
    await this.deps.memory.workbook.whenIdle();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
    return promise;
  }

  /**
   * The host the pane gets: the same object's behaviour, with every call tracked (for settle) and
   * every update recorded (for problems()).
   */
  private observe(host: CaptureHost): CaptureHost {
    const onUpdate = (update: HostUpdate) => {
      if (this.host !== observed) return;
      this.latest = update;
      this.deps.onUpdate?.(update);
    };
    const observed: CaptureHost = {
      capabilities: host.capabilities,
      start: (listener) =>
        this.track(
          host.start((update) => {
            onUpdate(update);
            listener(update);
          }),
        ),
      configure: (config) => this.track(host.configure(config)),
      checkNow: () => this.track(host.checkNow()),
      selectProblem: (problem) => {
        // The problem's cell is in the list: show it, as Excel would bring its window forward.
        this.workbooks.show(this.workbooks.main.id);
        return this.track(host.selectProblem(problem));
      },
      fixAll: () => this.track(host.fixAll()),
      applyFix: (problem) => this.track(host.applyFix(problem)),
      fillOffsite: () => this.track(host.fillOffsite()),
      prepareSheet: () => this.track(host.prepareSheet()),
      insertTemplate: () => this.track(host.insertTemplate()),
      buildSubmission: (opts) => this.track(host.buildSubmission(opts)),
      submissionFile: (opts) => this.track(host.submissionFile(opts)),
      setMarking: (on) => this.track(host.setMarking(on)),
      loadProfile: () => this.track(host.loadProfile()),
      saveProfile: (profile) => {
        // The pane's own profile form wins from now on (the next loadWorkbook keeps it).
        this.profile = profile;
        return this.track(host.saveProfile(profile));
      },
      dispose: () => this.track(host.dispose()),
    };
    return observed;
  }
}
