import fc from "fast-check";
import { KeyIndex, type Peers } from "../../src/domain/keyIndex";

const KEYS = ["220150920001", "220150920002", "11010519491231002X", "k", "", "另一个键"];

/** What peers() must answer, from a plain row → key model. */
function modelPeers(model: ReadonlyMap<number, string>, row: number): Peers | undefined {
  const key = model.get(row);
  if (key === undefined) return undefined;
  const holders = [...model]
    .filter(([, k]) => k === key)
    .map(([r]) => r)
    .sort((a, b) => a - b);
  if (holders.length < 2) return undefined;
  return row === holders[0] ? { sameAs: holders[1], total: holders.length } : { sameAs: holders[0] };
}

function drained(index: KeyIndex): number[] {
  const touched: number[] = [];
  index.drain((r) => touched.push(r));
  return touched;
}

/**
 * The duplicate index against a plain model (row → key): after any batches of adds and removes,
 * rows(key) and peers(row) agree with the model, and drain() names exactly the untouched rows whose
 * peers changed: no row is re-rendered for nothing, none is missed.
 */
describe("KeyIndex", () => {
  test("agrees with a Map-based model through batches of adds, removes and growth", () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("add" as const),
        row: fc.integer({ min: 1, max: 60 }),
        key: fc.constantFrom(...KEYS),
      }),
      fc.record({ kind: fc.constant("remove" as const), row: fc.integer({ min: 1, max: 60 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(op, { maxLength: 12 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 40 }),
        (batches, expected) => {
          const model = new Map<number, string>();
          const index = new KeyIndex();
          index.reset(expected);
          for (const batch of batches) {
            const before = new Map([...model.keys()].map((r) => [r, modelPeers(model, r)]));
            const modified = new Set<number>();
            for (const o of batch) {
              modified.add(o.row);
              if (o.kind === "add") {
                model.set(o.row, o.key);
                index.add(o.key, o.row);
              } else {
                model.delete(o.row);
                index.remove(o.row);
              }
            }
            const changed = [...model.keys()]
              .filter((r) => !modified.has(r))
              .filter((r) => JSON.stringify(before.get(r)) !== JSON.stringify(modelPeers(model, r)));
            const touched = new Set(drained(index).filter((r) => !modified.has(r)));
            expect([...touched].sort((a, b) => a - b)).toEqual(changed.sort((a, b) => a - b));
            for (const r of model.keys()) expect(index.peers(r)).toEqual(modelPeers(model, r));
          }
          for (const k of [...KEYS, "absent"]) {
            const holders = [...model].filter(([, key]) => key === k).map(([r]) => r);
            expect(index.rows(k).sort((a, b) => a - b)).toEqual(holders.sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test("holds 100,000 distinct keys after growing from empty; none is a duplicate", () => {
    const index = new KeyIndex();
    for (let r = 0; r < 100_000; r++) index.add(`s${r}`, r);
    expect(drained(index)).toEqual([]);
    expect(index.rows("s77777")).toEqual([77777]);
    expect(index.rows("s100000")).toEqual([]);
    expect(index.peers(77777)).toBeUndefined();
  });

  describe("20,000 rows holding one key are one group", () => {
    const N = 20_000;
    function identical(): KeyIndex {
      const index = new KeyIndex();
      index.reset(N);
      for (let r = 3; r < N + 3; r++) index.add("110105199001011234", r);
      return index;
    }

    test("loading names each row once, by the first row (and the first by the second, with the count)", () => {
      const index = identical();
      const touched = drained(index);
      expect(touched).toHaveLength(N);
      expect(new Set(touched).size).toBe(N);
      expect(index.countOf(3)).toBe(N);
      expect(index.peers(3)).toEqual({ sameAs: 4, total: N });
      expect(index.peers(4)).toEqual({ sameAs: 3 });
      expect(index.peers(N + 2)).toEqual({ sameAs: 3 });
    });

    test("forgetChanges() clears the changes of a load without visiting rows", () => {
      const index = identical();
      index.forgetChanges();
      expect(drained(index)).toEqual([]);
      index.remove(N + 2);
      expect(drained(index)).toEqual([3]);
    });

    test("a row joining or leaving below the first re-renders the first row only", () => {
      const index = identical();
      drained(index);
      index.add("110105199001011234", N + 10);
      expect(drained(index)).toEqual([3]);
      index.remove(500);
      expect(drained(index)).toEqual([3]);
      expect(index.peers(3)).toEqual({ sameAs: 4, total: N });
      // The second row leaves: the first names the third now; nobody else changes.
      index.remove(4);
      expect(drained(index)).toEqual([3]);
      expect(index.peers(3)).toEqual({ sameAs: 5, total: N - 1 });
    });

    test("only a new first row changes every message (they all name it)", () => {
      const index = identical();
      drained(index);
      index.remove(3);
      const touched = drained(index);
      expect(touched).toHaveLength(N - 1);
      expect(index.peers(4)).toEqual({ sameAs: 5, total: N - 1 });
      expect(index.peers(9)).toEqual({ sameAs: 4 });
    });

    test("emptying the group leaves nothing to re-render; the last holder loses its duplicate", () => {
      const index = identical();
      drained(index);
      for (let r = N + 2; r > 3; r--) index.remove(r);
      expect(drained(index)).toEqual([3]);
      expect(index.peers(3)).toBeUndefined();
      index.remove(3);
      expect(drained(index)).toEqual([]);
      expect(index.rows("110105199001011234")).toEqual([]);
    });
  });
});
