import type { CaptureHost, SecretaryProfile } from "../../src/excel/hostApi";
import { loadRememberedProfile, PROFILE_KEY, rememberProfile } from "../../src/web/rememberedProfile";

const PROFILE: SecretaryProfile = {
  college: "信息科学与工程学院",
  secretaryName: "马晓燕",
  mobile: "13809311234",
  email: "ma.xiaoyan@lzu.edu.cn",
  mailAddress: "兰州市城关区天水南路222号",
};

function kvStore() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

/** A host whose workbook holds `inWorkbook`; records what it was asked. */
function fakeHost(inWorkbook: SecretaryProfile | undefined) {
  const calls: string[] = [];
  const host = {
    capabilities: { apiVersion: "1.20" },
    stored: inWorkbook,
    async loadProfile() {
      calls.push("load");
      return this.stored;
    },
    async saveProfile(p: SecretaryProfile) {
      calls.push("save");
      this.stored = p;
    },
    async fixAll() {
      calls.push(`fixAll:${this === host}`);
      return 3;
    },
  };
  return { host: host as unknown as CaptureHost, calls };
}

describe("the web version remembers the college profile in the browser", () => {
  test("saved through the host, offered when the next workbook holds none", async () => {
    const kv = kvStore();
    const first = rememberProfile(fakeHost(undefined).host, kv);
    expect(await first.loadProfile()).toBeUndefined();
    await first.saveProfile(PROFILE);
    expect(JSON.parse(kv.map.get(PROFILE_KEY)!)).toEqual(PROFILE);

    const next = rememberProfile(fakeHost(undefined).host, kv);
    expect(await next.loadProfile()).toEqual(PROFILE);
    // The workbook's own profile wins.
    const own = { ...PROFILE, secretaryName: "另一位秘书" };
    expect(await rememberProfile(fakeHost(own).host, kv).loadProfile()).toEqual(own);
  });

  test("every other member is the host's own, called on the host", async () => {
    const { host, calls } = fakeHost(undefined);
    const wrapped = rememberProfile(host, kvStore());
    expect(wrapped.capabilities).toBe(host.capabilities);
    expect(await wrapped.fixAll()).toBe(3);
    expect(calls).toEqual(["fixAll:true"]);
  });

  test("a damaged, foreign or incomplete copy is as good as none", () => {
    const kv = kvStore();
    for (const text of [
      "{",
      "null",
      "[]",
      JSON.stringify({ ...PROFILE, mobile: "12" }),
      JSON.stringify({ college: 1 }),
    ]) {
      kv.map.set(PROFILE_KEY, text);
      expect(loadRememberedProfile(kv)).toBeUndefined();
    }
  });

  test("a browser that refuses storage still saves in the workbook", async () => {
    const { host, calls } = fakeHost(undefined);
    const kv = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    await rememberProfile(host, kv).saveProfile(PROFILE);
    expect(calls).toEqual(["save"]);
    expect(await host.loadProfile()).toEqual(PROFILE);
  });
});
