/**
 * key → group of rows holding it, for the duplicate rules. Each distinct key is ONE slot of an
 * open-addressing table (typed arrays: a Map of 100,000 string keys spent most of a full check
 * growing and rehashing); the rows of a group are an intrusive doubly-linked list in per-row arrays.
 * So adding or removing a row is O(1) amortised whatever the key's count: 100,000 identical keys are
 * one group, not a 100,000-slot probe chain.
 *
 * A group also knows its first (smallest) and second row and its size: that is all a duplicate
 * message names (see peers()). Order is kept on add in O(1); removing the first or second row forgets
 * it, and the next read scans that one group (O(its size), once per batch of changes).
 *
 * Every group changed since the last drain() keeps what it looked like before (first, second, size),
 * so drain() can name exactly the rows whose message changed: the caller re-renders those, not the
 * whole group (see drain()).
 */
const EMPTY = -1;
const DELETED = -2;
const NONE = -1;
const MIN_CAPACITY = 16;

// A group's fields, GROUP_FIELDS ints per group in `groups`.
const HEAD = 0;
const COUNT = 1;
const FIRST = 2;
const SECOND = 3;
const HASH = 4;
/** 1 when FIRST/SECOND are known, 0 after the first or second row left. */
const ORDERED = 5;
const DIRTY = 6;
const BEFORE_FIRST = 7;
const BEFORE_SECOND = 8;
const BEFORE_COUNT = 9;
const GROUP_FIELDS = 10;

// A row's fields, ROW_FIELDS ints per worksheet row in `rowLinks`.
const GROUP = 0;
const NEXT = 1;
const PREV = 2;
const ROW_FIELDS = 3;

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

/** A copy of `a` at least `size` long (doubling), new cells set to `fill`. */
function grown(a: Int32Array, size: number, fill: number): Int32Array {
  if (a.length >= size) return a;
  let n = Math.max(a.length * 2, 64);
  while (n < size) n *= 2;
  const b = new Int32Array(n).fill(fill);
  b.set(a);
  return b;
}

/** What a duplicate message of one row names. */
export interface Peers {
  /** The row named: the first other row holding the key. */
  sameAs: number;
  /** How many rows hold the key: given to the group's first row only (see drain()). */
  total?: number;
}

export class KeyIndex {
  /** Slot i is [2i] = group (or EMPTY/DELETED), [2i+1] = its key's hash: one cache line per probe. */
  private slots!: Int32Array;
  private mask = 0;
  /** Live and deleted slots: what lengthens probes. */
  private used = 0;
  private live = 0;
  private groups: Int32Array = new Int32Array(0);
  private keys: (string | undefined)[] = [];
  private groupCount = 0;
  private freeGroups: number[] = [];
  private rowLinks: Int32Array = new Int32Array(0);
  private dirty: number[] = [];

  constructor() {
    this.reset();
  }

  /** Empties the index, sized for about `expected` keys. */
  reset(expected = 0): void {
    this.resetSlots(capacityFor(expected));
    // Groups grow by doubling: a list of identical keys needs one, a list of distinct keys one per row.
    this.groups = new Int32Array(16 * GROUP_FIELDS);
    this.keys = [];
    this.groupCount = 0;
    this.freeGroups = [];
    // Rows run up to about `expected` on a load: sized once, not doubled while they go in.
    this.rowLinks = new Int32Array((expected + 2) * ROW_FIELDS).fill(NONE);
    this.dirty = [];
  }

  /** Adds a row under a key (a row holds one key per index: an indexed row is moved). */
  add(key: string, row: number): void {
    this.rowLinks = grown(this.rowLinks, (row + 1) * ROW_FIELDS, NONE);
    if (this.rowLinks[row * ROW_FIELDS + GROUP] !== NONE) this.remove(row);
    const g = this.groupFor(key);
    this.snapshot(g);
    const G = this.groups;
    const b = g * GROUP_FIELDS;
    const links = this.rowLinks;
    const head = G[b + HEAD];
    links[row * ROW_FIELDS + GROUP] = g;
    links[row * ROW_FIELDS + NEXT] = head;
    links[row * ROW_FIELDS + PREV] = NONE;
    if (head !== NONE) links[head * ROW_FIELDS + PREV] = row;
    G[b + HEAD] = row;
    const count = ++G[b + COUNT];
    if (G[b + ORDERED] === 0) return;
    if (count === 1) {
      G[b + FIRST] = row;
      G[b + SECOND] = NONE;
    } else if (row < G[b + FIRST]) {
      G[b + SECOND] = G[b + FIRST];
      G[b + FIRST] = row;
    } else if (G[b + SECOND] === NONE || row < G[b + SECOND]) G[b + SECOND] = row;
  }

  /** Removes a row from under its key (nothing when the row is not indexed). */
  remove(row: number): void {
    const links = this.rowLinks;
    const at = row * ROW_FIELDS;
    if (at >= links.length || links[at + GROUP] === NONE) return;
    const g = links[at + GROUP];
    this.snapshot(g);
    const G = this.groups;
    const b = g * GROUP_FIELDS;
    const next = links[at + NEXT];
    const prev = links[at + PREV];
    if (prev === NONE) G[b + HEAD] = next;
    else links[prev * ROW_FIELDS + NEXT] = next;
    if (next !== NONE) links[next * ROW_FIELDS + PREV] = prev;
    links[at + GROUP] = NONE;
    const count = --G[b + COUNT];
    if (count === 0) {
      this.dropGroup(g);
      return;
    }
    if (count === 1) {
      G[b + FIRST] = G[b + HEAD];
      G[b + SECOND] = NONE;
      G[b + ORDERED] = 1;
    } else if (row === G[b + FIRST] || row === G[b + SECOND]) G[b + ORDERED] = 0;
  }

  /** How many rows hold the row's key (0 when the row is not indexed). */
  countOf(row: number): number {
    const g = this.groupOf(row);
    return g === NONE ? 0 : this.groups[g * GROUP_FIELDS + COUNT];
  }

  /**
   * What the row's duplicate message names, or undefined when no other row holds its key. The
   * group's first row names the second and carries the count; every other row names the first.
   */
  peers(row: number): Peers | undefined {
    const sameAs = this.sameAs(row);
    if (sameAs === NONE) return undefined;
    return sameAs > row ? { sameAs, total: this.countOf(row) } : { sameAs };
  }

  /**
   * peers(row).sameAs without an object per row (-1 when the key is the row's alone). It is greater
   * than `row` exactly when the row is its group's first.
   */
  sameAs(row: number): number {
    const g = this.groupOf(row);
    if (g === NONE) return NONE;
    const b = g * GROUP_FIELDS;
    if (this.groups[b + COUNT] < 2) return NONE;
    this.order(g);
    const first = this.groups[b + FIRST];
    return row === first ? this.groups[b + SECOND] : first;
  }

  /** The rows holding a key, in no particular order (O(their number)). */
  rows(key: string): number[] {
    const out: number[] = [];
    const g = this.find(key, hashOf(key));
    if (g !== NONE) this.forEachRow(g, (r) => out.push(r));
    return out;
  }

  /**
   * Calls `touch` for every row whose peers() changed since the last drain and that was not itself
   * added or removed (the caller re-checks those anyway), then forgets the changes. Per changed
   * group: a new first row changes every holder's message (they name it): all are touched, O(group);
   * otherwise only the first row's message can change (its count or the second row it names). So an
   * edit costs O(1) re-rendered messages unless it moves a group's first row.
   */
  drain(touch: (row: number) => void): void {
    const G = this.groups;
    for (const g of this.dirty) {
      const b = g * GROUP_FIELDS;
      G[b + DIRTY] = 0;
      const count = G[b + COUNT];
      if (count === 0) {
        this.freeGroups.push(g);
        continue;
      }
      this.order(g);
      const first = G[b + FIRST];
      const before = G[b + BEFORE_COUNT];
      if (count === 1) {
        // The last holder lost its duplicate (if it was added in this batch, the caller knows it).
        if (before >= 2) touch(first);
      } else if (first !== G[b + BEFORE_FIRST]) this.forEachRow(g, touch);
      else if (count !== before || G[b + SECOND] !== G[b + BEFORE_SECOND]) touch(first);
    }
    this.dirty = [];
  }

  /** drain() without visiting any row: for a caller that re-reads every row anyway. */
  forgetChanges(): void {
    for (const g of this.dirty) {
      this.groups[g * GROUP_FIELDS + DIRTY] = 0;
      if (this.groups[g * GROUP_FIELDS + COUNT] === 0) this.freeGroups.push(g);
    }
    this.dirty = [];
  }

  private groupOf(row: number): number {
    const at = row * ROW_FIELDS;
    return at < this.rowLinks.length ? this.rowLinks[at + GROUP] : NONE;
  }

  private forEachRow(g: number, f: (row: number) => void): void {
    const links = this.rowLinks;
    for (let r = this.groups[g * GROUP_FIELDS + HEAD]; r !== NONE; r = links[r * ROW_FIELDS + NEXT]) f(r);
  }

  /** Finds the first and second rows again after one of them left (one scan of the group). */
  private order(g: number): void {
    const G = this.groups;
    const b = g * GROUP_FIELDS;
    if (G[b + ORDERED] === 1) return;
    let first = NONE;
    let second = NONE;
    this.forEachRow(g, (r) => {
      if (first === NONE || r < first) {
        second = first;
        first = r;
      } else if (second === NONE || r < second) second = r;
    });
    G[b + FIRST] = first;
    G[b + SECOND] = second;
    G[b + ORDERED] = 1;
  }

  /** Remembers a group's state before its first change since the last drain. */
  private snapshot(g: number): void {
    const G = this.groups;
    const b = g * GROUP_FIELDS;
    if (G[b + DIRTY] === 1) return;
    this.order(g);
    G[b + DIRTY] = 1;
    G[b + BEFORE_FIRST] = G[b + FIRST];
    G[b + BEFORE_SECOND] = G[b + SECOND];
    G[b + BEFORE_COUNT] = G[b + COUNT];
    this.dirty.push(g);
  }

  private find(key: string, h: number): number {
    const { slots, mask } = this;
    for (let i = h & mask, g = slots[2 * i]; g !== EMPTY; g = slots[2 * (i = (i + 1) & mask)]) {
      if (g >= 0 && slots[2 * i + 1] === h && this.keys[g] === key) return g;
    }
    return NONE;
  }

  /** The key's group, created (empty) if the key is new. */
  private groupFor(key: string): number {
    const h = hashOf(key);
    const found = this.find(key, h);
    if (found !== NONE) return found;
    if ((this.used + 1) * 2 > this.mask + 1) this.rehash();
    const g = this.newGroup(key, h);
    const { slots, mask } = this;
    let i = h & mask;
    while (slots[2 * i] >= 0) i = (i + 1) & mask;
    if (slots[2 * i] === EMPTY) this.used++;
    slots[2 * i] = g;
    slots[2 * i + 1] = h;
    this.live++;
    return g;
  }

  private newGroup(key: string, h: number): number {
    // A group emptied in this batch is still on the dirty list: it is reused only after drain().
    const g = this.freeGroups.pop() ?? this.groupCount++;
    this.groups = grown(this.groups, (g + 1) * GROUP_FIELDS, 0);
    const G = this.groups;
    const b = g * GROUP_FIELDS;
    G[b + HEAD] = NONE;
    G[b + COUNT] = 0;
    G[b + FIRST] = NONE;
    G[b + SECOND] = NONE;
    G[b + HASH] = h;
    G[b + ORDERED] = 1;
    G[b + DIRTY] = 0;
    this.keys[g] = key;
    return g;
  }

  /** Frees an emptied group's slot; the group itself is recycled by drain(). */
  private dropGroup(g: number): void {
    const h = this.groups[g * GROUP_FIELDS + HASH];
    const { slots, mask } = this;
    for (let i = h & mask; slots[2 * i] !== EMPTY; i = (i + 1) & mask) {
      if (slots[2 * i] === g) {
        slots[2 * i] = DELETED;
        this.live--;
        break;
      }
    }
    this.keys[g] = undefined;
  }

  private resetSlots(capacity: number): void {
    this.slots = new Int32Array(capacity * 2).fill(EMPTY);
    this.mask = capacity - 1;
    this.used = 0;
    this.live = 0;
  }

  /** Grows (or just sweeps out deleted slots) from the stored hashes: no key is re-read. */
  private rehash(): void {
    const old = this.slots;
    this.resetSlots(capacityFor(Math.max(this.live * 2, MIN_CAPACITY)));
    const { slots, mask } = this;
    let live = 0;
    for (let j = 0; j < old.length; j += 2) {
      const g = old[j];
      if (g < 0) continue;
      const h = old[j + 1];
      let i = h & mask;
      while (slots[2 * i] !== EMPTY) i = (i + 1) & mask;
      slots[2 * i] = g;
      slots[2 * i + 1] = h;
      live++;
    }
    this.live = this.used = live;
  }
}
