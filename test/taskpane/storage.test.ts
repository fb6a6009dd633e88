import { buildRoster, DEFAULT_CAMPAIGN, levelResolver } from "../../src/domain";
import {
  DEFAULT_SETTINGS,
  KeyValuePaneStorage,
  listKey,
  MemoryKeyValueStore,
  PaneStorageError,
} from "../../src/taskpane/storage";
import { rosterIndexOf, storeRoster } from "../../src/taskpane/storedLists";

const grid = {
  rows: [
    ["学号", "证件号码", "学生姓名", "培养层次"],
    ["120140920004", "41010519870205029x", "王浩然", "博士"],
    ["120140920009", "430104198804120639", "黄子轩", "硕士研究生"],
    ["120140920004", "41010519870205029X", "重复", "博士"],
  ],
};

describe("pane storage", () => {
  test("a roster round-trips through compact JSON into the same index", () => {
    const index = buildRoster(grid, levelResolver(DEFAULT_CAMPAIGN));
    const storage = new KeyValuePaneStorage(new MemoryKeyValueStore());
    storage.saveList("文学院", storeRoster(index, "名册.csv", new Date("2017-10-20T02:00:00Z")));
    const loaded = storage.loadList("文学院", "roster");
    expect(loaded?.kind).toBe("roster");
    const back = rosterIndexOf(loaded as Parameters<typeof rosterIndexOf>[0]);
    expect(back.byStudentNo).toEqual(index.byStudentNo);
    expect(back.byIdNumber).toEqual(index.byIdNumber);
    expect(back.duplicateStudentNos).toBe(1);
    expect(back.byStudentNo.get("120140920004")?.level).toBe("博士研究生");
    expect(storage.loadList("法学院", "roster")).toBeUndefined();
    expect(storage.loadList("文学院", "captured")).toBeUndefined();
  });

  test("damaged entries read as none; settings fall back per field", () => {
    const kv = new MemoryKeyValueStore();
    const storage = new KeyValuePaneStorage(kv);
    kv.setItem(listKey("文学院", "roster"), "{not json");
    expect(storage.loadList("文学院", "roster")).toBeUndefined();
    kv.setItem(listKey("文学院", "roster"), JSON.stringify({ kind: "roster", entries: "x" }));
    expect(storage.loadList("文学院", "roster")).toBeUndefined();
    expect(storage.loadSettings()).toEqual(DEFAULT_SETTINGS);
    kv.setItem("capture-pane.v1.settings", JSON.stringify({ serverUrl: "https://a", marking: "no" }));
    expect(storage.loadSettings()).toEqual({ serverUrl: "https://a", accessKey: "", marking: true });
  });

  test("a full browser storage is a Chinese error", () => {
    const storage = new KeyValuePaneStorage({
      getItem: () => null,
      removeItem: () => undefined,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    });
    expect(() => storage.saveSettings(DEFAULT_SETTINGS)).toThrow(PaneStorageError);
    expect(() => storage.saveSettings(DEFAULT_SETTINGS)).toThrow(/无法保存到本机/);
  });
});
