import fc from "fast-check";
import { KeyIndex } from "../../src/domain/keyIndex";

/**
 * The duplicate index against a plain model (row → key): after any sequence of adds and removes,
 * rows(key) lists exactly the rows holding that key, and add reports exactly the rows it now shares with.
 */
describe("KeyIndex", () => {
  test("agrees with a Map-based model through adds, removes and growth", () => {
    const keys = fc.constantFrom("220150920001", "220150920002", "11010519491231002X", "k", "", "另一个键");
    const op = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), row: fc.integer({ min: 1, max: 60 }), key: keys }),
      fc.record({ kind: fc.constant("remove" as const), row: fc.integer({ min: 1, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 0, max: 40 }), (ops, expected) => {
        const model = new Map<number, string>();
        const index = new KeyIndex((row) => model.get(row));
        index.reset(expected);
        for (const o of ops) {
          const old = model.get(o.row);
          if (old !== undefined) {
            index.remove(old, o.row);
            model.delete(o.row);
          }
          if (o.kind === "add") {
            const peers = [...model].filter(([, k]) => k === o.key).map(([r]) => r);
            model.set(o.row, o.key);
            const shared: number[] = [];
            index.add(o.key, o.row, shared);
            const want = peers.length ? [...peers, o.row].sort((a, b) => a - b) : [];
            expect([...new Set(shared)].sort((a, b) => a - b)).toEqual(want);
          }
        }
        const byKey = new Map<string, number[]>();
        for (const [r, k] of model) byKey.set(k, [...(byKey.get(k) ?? []), r]);
        for (const k of [
          "220150920001",
          "220150920002",
          "11010519491231002X",
          "k",
          "",
          "另一个键",
          "absent",
        ]) {
          expect(index.rows(k).sort((a, b) => a - b)).toEqual((byKey.get(k) ?? []).sort((a, b) => a - b));
        }
      }),
      { numRuns: 400 },
    );
  });

  test("holds 100,000 distinct keys after growing from empty", () => {
    const keyOf = (row: number) => `s${row}`;
    const index = new KeyIndex(keyOf);
    const shared: number[] = [];
    for (let r = 0; r < 100_000; r++) index.add(keyOf(r), r, shared);
    expect(shared).toEqual([]);
    expect(index.rows("s77777")).toEqual([77777]);
    expect(index.rows("s100000")).toEqual([]);
  });
});
