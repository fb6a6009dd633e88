import { runAdapterBench } from "./adapter.bench";
import { runCheckFileBench } from "./checkFile.bench";
import { runDbBench } from "./db.bench";
import { runEmulatorBench } from "./emulator.bench";
import { runEngineBench } from "./engine.bench";
import { runIdBench } from "./idNumber.bench";
import { runMergeBench } from "./merge.bench";
import { runServerBench } from "./server.bench";

/** `npm run bench [engine|id|file|server|db|adapter|merge|emulator]`: prints figures; nothing here is asserted (timings belong in notes, not tests). */
async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const only = process.argv[2];
  const benches: [string, (log: (l: string) => void) => Promise<void>][] = [
    ["engine", runEngineBench],
    ["id", runIdBench],
    ["file", runCheckFileBench],
    ["server", runServerBench],
    ["db", runDbBench],
    ["adapter", runAdapterBench],
    ["merge", runMergeBench],
    ["emulator", runEmulatorBench],
  ];
  log(`node ${process.version}, ${new Date().toISOString()}`);
  for (const [name, run] of benches) {
    if (only && only !== name) continue;
    log(`--- ${name}`);
    await run(log);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
