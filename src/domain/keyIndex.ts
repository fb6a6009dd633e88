/**
 * key → rows, for the duplicate rules: open addressing over typed arrays. A Map of 100,000 string
 * keys spent most of a full check growing and rehashing (every rehash re-reads each key string
 * scattered over the heap); here the table is sized once per load and rehashing reads stored hashes.
 * Several rows may hold one key (that is what a duplicate is): each is its own slot.
 */
const EMPTY = -1;
const DELETED = -2;
const MIN_CAPACITY = 16;

/** FNV-1a over UTF-16 units, then a final mix so the low bits (the slot) depend on every character. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A power of two keeping the table at most half full. */
function capacityFor(entries: number): number {
  let c = MIN_CAPACITY;
  while (c < entries * 2) c *= 2;
  return c;
}

export class KeyIndex {
  /** Slot i is [2i] = row (or EMPTY/DELETED), [2i+1] = its key's hash: one cache line per probe. */
  private slots!: Int32Array;
  private mask = 0;
  /** Live and deleted slots: what lengthens probes. */
  private used = 0;
  private live = 0;

  /**
   * @param keyOf the key a stored row holds (read only when hashes match, so keys are not copied here).
   */
  constructor(private readonly keyOf: (row: number) => string | undefined) {
    this.reset();
  }

  /** Empties the index, sized for about `expected` keys. */
  reset(expected = 0): void {
    const capacity = capacityFor(expected);
    this.slots = new Int32Array(capacity * 2).fill(EMPTY);
    this.mask = capacity - 1;
    this.used = 0;
    this.live = 0;
  }

  /**
   * Adds a row under a key (the row's keyOf must already answer it). When other rows already hold
   * the key, pushes them and this row onto `shared` (their duplicate verdicts change).
   */
  add(key: string, row: number, shared: number[]): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.rehash();
    const h = hashOf(key);
    const { slots, mask } = this;
    let i = h & mask;
    let free = -1;
    let sharing = false;
    for (let r = slots[2 * i]; r !== EMPTY; r = slots[2 * (i = (i + 1) & mask)]) {
      if (r === DELETED) {
        if (free < 0) free = i;
      } else if (slots[2 * i + 1] === h && r !== row && this.keyOf(r) === key) {
        if (!sharing) shared.push(row);
        sharing = true;
        shared.push(r);
      } else if (r === row) return;
    }
    if (free < 0) {
      free = i;
      this.used++;
    }
    slots[2 * free] = row;
    slots[2 * free + 1] = h;
    this.live++;
  }

  /** Removes a row from under its key (call while keyOf still answers the old key, or not at all). */
  remove(key: string, row: number): void {
    const h = hashOf(key);
    const { slots, mask } = this;
    // A row holds one key per index: the row number alone identifies its slot.
    for (let i = h & mask, r = slots[2 * i]; r !== EMPTY; r = slots[2 * (i = (i + 1) & mask)]) {
      if (r === row) {
        slots[2 * i] = DELETED;
        this.live--;
        return;
      }
    }
  }

  /** The rows holding a key, in no particular order. */
  rows(key: string): number[] {
    const out: number[] = [];
    const h = hashOf(key);
    const { slots, mask } = this;
    for (let i = h & mask, r = slots[2 * i]; r !== EMPTY; r = slots[2 * (i = (i + 1) & mask)]) {
      if (r >= 0 && slots[2 * i + 1] === h && this.keyOf(r) === key) out.push(r);
    }
    return out;
  }

  /** Grows (or just sweeps out deleted slots) from the stored hashes: no key is re-read. */
  private rehash(): void {
    const old = this.slots;
    this.reset(Math.max(this.live * 2, MIN_CAPACITY));
    const { slots, mask } = this;
    let live = 0;
    for (let j = 0; j < old.length; j += 2) {
      const r = old[j];
      if (r < 0) continue;
      const h = old[j + 1];
      let i = h & mask;
      while (slots[2 * i] !== EMPTY) i = (i + 1) & mask;
      slots[2 * i] = r;
      slots[2 * i + 1] = h;
      live++;
    }
    this.live = this.used = live;
  }
}
