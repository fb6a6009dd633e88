import { readFileSync } from "node:fs";
import { readSheet } from "./src/files/readSheet";
(async () => {
  for (const name of ["list.xlsx", "list.xls"]) {
    const original = new Uint8Array(readFileSync("test/fixtures/" + name));
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 48271) % 2147483647; return seed % n; };
    for (let i = 0; i < 300; i++) {
      const cut = i % 3 === 0 ? original.length : 1 + rnd(original.length - 1);
      const bytes = original.slice(0, cut);
      const flips: number[][] = [];
      for (let k = 1 + rnd(6); k > 0; k--) { const at = rnd(original.length); const x = 1 + rnd(255); flips.push([at, x]); if (at < bytes.length) bytes[at] ^= x; }
      const t = Date.now();
      const line = `${name} ${i} cut=${cut} flips=${JSON.stringify(flips)}`;
      let res;
      try { const r = await readSheet(bytes, name); res = "ok " + r.grid.rows.length; } catch (e) { res = (e as any).reason ?? "RAW " + (e as Error).message; }
      const dt = Date.now() - t;
      if (dt > 200 || res.startsWith("RAW")) console.log(line, res, dt);
    }
    console.log(name, "done");
  }
})();
