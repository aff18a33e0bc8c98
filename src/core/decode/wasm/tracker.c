/*
 * netsleuth: the invocation tracker in C, included by layoutRun.c. A port of InvocationTracker
 * (src/core/lambda/invocationTracker.ts), which it must follow step for step: same maps in the same order,
 * same caps, the same arithmetic on the totals in the same order (test/wasmTracker.test.ts runs both on
 * random lines and compares everything they hand over). The TypeScript class stays for where WebAssembly
 * cannot run.
 *
 * What differs is the keys. A request id or a stream name is kept as a 128-bit digest of its bytes (see
 * key_of), so that every table has entries of one size and a line read by a layout run is tracked from the
 * bytes in the input, without a string. The analyser hands other keys over as bytes too (wasmTracker.ts,
 * writeKey: a name of ASCII characters as its bytes, any other as a byte 0xff and its UTF-16 code units,
 * which no ASCII name's bytes are). Two different keys would have to collide in 128 bits to be confused.
 * The digest is not keyed: whoever writes the log lines can craft two names with one digest (a review did,
 * by inverting key_of's block step) and have their lines tracked as one stream's or one invocation's.
 * Writing the lines already lets them make the counts say anything, so the tracker does not defend against
 * it; the names that matter most (stream names, Lambda's request ids) are made by AWS, not by the lines.
 *
 * Memory: trackers live in arenas after the input buffer (mem_alloc: blocks of powers of two, reused
 * through free lists). The memory must not grow while the analyser reads a run's records (their views would
 * be detached): each run makes room for the lines of its records first (reserve).
 */

#define MAX_OPEN_INVOCATIONS 100000
#define MAX_TRACKED_STREAMS 100000
#define RECENT_FINISHED 4096

/* line kinds as the tracker takes them (the analyser's LambdaLine kinds) */
#define T_START 1
#define T_END 2
#define T_REPORT 3
#define T_INIT 4
#define T_TIMEOUT 5
#define T_APP 6
#define T_OTHER 7

/* ------------------------------------------------------------------------------------------------ heap */

/* The memory from the heap base on: the input buffer's region first (room for the decoder's largest window
   and a little more), then arenas the trackers' blocks are cut from, each at the end of the memory when it
   is made. Nothing ever moves: a run holds pointers into the input, and the tracker may grow its tables
   during a run (the memory grows; the analyser makes its views of it again after each run). */
#define INPUT_ROOM ((4u << 20) + (64u << 10))
#define ARENA_BYTES (1u << 20)

static uint8_t *heapStart;   /* the first byte of the heap (16-byte aligned) */
static uint8_t *memoryTop;   /* the end of what is handed out: the input's region, arenas */
static uint32_t inputRoom;   /* the input region's size */
static uint8_t *arenaNext, *arenaEnd;
static void *freeBlocks[32]; /* per size class (a power of two), the blocks given back */
static int32_t memoryGrew;   /* set when the memory grew (the analyser's views of it are detached) */

extern uint8_t __heap_base;

/* Grows the memory to `base + bytes` bytes; 0 when it cannot (past 4 GiB: the sum would wrap around). */
static int grow_memory_to_hold(uintptr_t base, uintptr_t bytes) {
  if (bytes > UINTPTR_MAX - base) return 0;
  const uintptr_t need = base + bytes;
  uintptr_t have = __builtin_wasm_memory_size(0) * 65536u;
  if (need <= have) return 1;
  uintptr_t pages = (need - have + 65535u) / 65536u;
  if (__builtin_wasm_memory_grow(0, pages) == (uintptr_t)-1) return 0;
  memoryGrew = 1;
  return 1;
}

static void heap_init(void) {
  if (heapStart != 0) return;
  heapStart = (uint8_t *)(((uintptr_t)&__heap_base + 63) & ~(uintptr_t)63);
  inputBuf = heapStart;
  inputRoom = INPUT_ROOM;
  memoryTop = heapStart + INPUT_ROOM;
}

static int32_t size_class(uint32_t n) {
  int32_t c = 6;
  while (((uint32_t)1 << c) < n) c++;
  return c;
}

/* A block of at least n bytes, zeroed (trapping when the memory cannot grow: out of memory). */
static void *mem_alloc(uint32_t n) {
  heap_init();
  const int32_t c = size_class(n);
  const uint32_t size = (uint32_t)1 << c;
  uint8_t *p = (uint8_t *)freeBlocks[c];
  if (p) {
    freeBlocks[c] = *(void **)p;
  } else {
    if (arenaNext == 0 || (uint32_t)(arenaEnd - arenaNext) < size) {
      /* a new arena (what was left of the last one is not used) */
      const uint32_t bytes = size > ARENA_BYTES ? size : ARENA_BYTES;
      if (!grow_memory_to_hold((uintptr_t)memoryTop, bytes)) __builtin_trap();
      arenaNext = memoryTop;
      arenaEnd = memoryTop + bytes;
      memoryTop = arenaEnd;
    }
    p = arenaNext;
    arenaNext += size;
  }
  __builtin_memset(p, 0, size);
  return p;
}

static void mem_free(void *p, uint32_t n) {
  if (!p) return;
  const int32_t c = size_class(n);
  *(void **)p = freeBlocks[c];
  freeBlocks[c] = p;
}

/* ------------------------------------------------------------------------------------------------ keys */

typedef struct {
  uint64_t a, b;
} Key;

static inline uint64_t rotl64(uint64_t x, int32_t r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t fmix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/* A 128-bit digest of bytes [p, p + len) (two lanes in the manner of MurmurHash3's x64 128-bit mix). */
static Key key_of(const uint8_t *p, int32_t len) {
  uint64_t a = 0x9e3779b97f4a7c15ULL ^ (uint64_t)(uint32_t)len;
  uint64_t b = 0xc2b2ae3d27d4eb4fULL + (uint64_t)(uint32_t)len;
  int32_t i = 0;
  for (; i + 16 <= len; i += 16) {
    uint64_t u, v;
    __builtin_memcpy(&u, p + i, 8);
    __builtin_memcpy(&v, p + i + 8, 8);
    a ^= rotl64(u * 0x87c37b91114253d5ULL, 31) * 0x4cf5ad432745937fULL;
    a = rotl64(a, 27) + b;
    a = a * 5 + 0x52dce729;
    b ^= rotl64(v * 0x4cf5ad432745937fULL, 33) * 0x87c37b91114253d5ULL;
    b = rotl64(b, 31) + a;
    b = b * 5 + 0x38495ab5;
  }
  uint64_t u = 0, v = 0;
  for (int32_t s = 0; i < len && s < 64; i++, s += 8) u |= (uint64_t)p[i] << s;
  for (int32_t s = 0; i < len; i++, s += 8) v |= (uint64_t)p[i] << s;
  a ^= rotl64(u * 0x87c37b91114253d5ULL, 31) * 0x4cf5ad432745937fULL;
  b ^= rotl64(v * 0x4cf5ad432745937fULL, 33) * 0x87c37b91114253d5ULL;
  a += b;
  b += a;
  a = fmix64(a);
  b = fmix64(b);
  a += b;
  b += a;
  Key k = {a, b};
  return k;
}

static inline int key_eq(Key x, Key y) { return x.a == y.a && x.b == y.b; }

/* ---------------------------------------------------------------------------------------------- tables */

/* Open addressing with linear probing; at most half full; deletion shifts the entries after back. */
typedef struct {
  Key key;
  int32_t value;
  int32_t used;
} Slot;

typedef struct {
  Slot *slots;
  int32_t cap; /* a power of two, or 0 */
  int32_t size;
} Table;

static int32_t t_find(const Table *t, Key k) {
  if (t->cap == 0) return -1;
  const uint32_t mask = (uint32_t)t->cap - 1;
  for (uint32_t i = (uint32_t)k.a & mask;; i = (i + 1) & mask) {
    const Slot *s = t->slots + i;
    if (!s->used) return -1;
    if (key_eq(s->key, k)) return (int32_t)i;
  }
}

static void t_place(Table *t, Key k, int32_t value) {
  const uint32_t mask = (uint32_t)t->cap - 1;
  uint32_t i = (uint32_t)k.a & mask;
  while (t->slots[i].used) i = (i + 1) & mask;
  t->slots[i].key = k;
  t->slots[i].value = value;
  t->slots[i].used = 1;
  t->size++;
}

static void t_resize(Table *t, int32_t cap) {
  Slot *old = t->slots;
  const int32_t oldCap = t->cap;
  t->slots = (Slot *)mem_alloc((uint32_t)cap * sizeof(Slot));
  t->cap = cap;
  t->size = 0;
  for (int32_t i = 0; i < oldCap; i++)
    if (old[i].used) t_place(t, old[i].key, old[i].value);
  mem_free(old, (uint32_t)oldCap * sizeof(Slot));
}

/* Room for `more` entries without growing (a layout run must not grow the memory: see tracker_reserve). */
static void t_reserve(Table *t, int32_t more) {
  int32_t cap = t->cap < 16 ? 16 : t->cap;
  while (2 * (t->size + more) > cap) cap *= 2;
  if (cap != t->cap) t_resize(t, cap);
}

/* Adds a key that is not in the table. */
static void t_add(Table *t, Key k, int32_t value) {
  t_reserve(t, 1);
  t_place(t, k, value);
}

static void t_delete_at(Table *t, int32_t at) {
  const uint32_t mask = (uint32_t)t->cap - 1;
  uint32_t hole = (uint32_t)at;
  for (uint32_t j = (hole + 1) & mask; t->slots[j].used; j = (j + 1) & mask) {
    const uint32_t home = (uint32_t)t->slots[j].key.a & mask;
    /* the entry at j may fill the hole when its home is not in (hole, j] (cyclically) */
    if (((j - home) & mask) >= ((j - hole) & mask)) {
      t->slots[hole] = t->slots[j];
      hole = j;
    }
  }
  t->slots[hole].used = 0;
  t->size--;
}

static void t_free(Table *t) {
  mem_free(t->slots, (uint32_t)t->cap * sizeof(Slot));
  t->slots = 0;
  t->cap = t->size = 0;
}

/* --------------------------------------------------------------------------------------------- tracker */

/* An invocation: in one of the tracker's maps at a time (open, finished or orphans), or free. */
typedef struct {
  Key id;
  double billedMs, memoryMB;
  int32_t failures;
  int32_t prev, next; /* the order of the open map or of the orphans map; the free list */
  uint8_t timedOut, reported, pad0, pad1;
} Inv;

/* A stream's current invocation (currentByStream), in the order of that map. */
typedef struct {
  Key stream, id;
  int32_t prev, next;
  int32_t pad0, pad1;
} Current;

typedef struct {
  /* the totals (InvocationTotals, in its order), then evicted, streamsForgotten and finishes: read by the
     analyser from the memory (see wasmTracker.ts) */
  double invocations, failingInvocations, timedOut, failingTimedOut, billedMs, failingBilledMs,
      failingGbSeconds, unattributedFailures;
  double evicted, streamsForgotten, finishes;
  int32_t continuation;
  int32_t hasLast; /* lastId / lastOpen: the invocation the last line went to, while it is open */
  Key lastId;
  int32_t lastOpen;
  /* the invocations */
  Inv *invs;
  int32_t invCap, invUsed, invFree, invFreeCount;
  Table open;
  int32_t openHead, openTail;
  Table finished;
  int32_t *ring; /* the finished map's order: invocation indices, oldest at ringHead */
  int32_t ringHead, ringCount;
  Table orphans;
  int32_t orphanHead, orphanTail;
  /* currentByStream */
  Current *cur;
  int32_t curCap, curUsed, curFree, curFreeCount;
  Table streams;
  int32_t curHead, curTail;
  /* continuation: failures before a stream's first START or REPORT, and the streams seen */
  Table prefixFailures;
  Table streamsSeen;
} Tracker;

/* at most 2 * RECENT_FINISHED are remembered: the newer half stays when a finish finds that many */
#define RING_CAP (2 * RECENT_FINISHED)

/* A slab of *cap items of `size` bytes with room for `need`: as it is, or moved to a block doubled until it
   has (the old block given back, *cap updated). */
static void *slab_room(void *items, int32_t *cap, int32_t need, uint32_t size) {
  if (need <= *cap) return items;
  int32_t room = *cap;
  while (room < need) room *= 2;
  void *p = mem_alloc((uint32_t)room * size);
  __builtin_memcpy(p, items, (uint32_t)*cap * size);
  mem_free(items, (uint32_t)*cap * size);
  *cap = room;
  return p;
}

static int32_t inv_new(Tracker *t, Key id) {
  int32_t i;
  if (t->invFree >= 0) {
    i = t->invFree;
    t->invFree = t->invs[i].next;
    t->invFreeCount--;
  } else {
    t->invs = (Inv *)slab_room(t->invs, &t->invCap, t->invUsed + 1, sizeof(Inv));
    i = t->invUsed++;
  }
  Inv *v = t->invs + i;
  v->id = id;
  v->billedMs = v->memoryMB = 0;
  v->failures = 0;
  v->prev = v->next = -1;
  v->timedOut = v->reported = 0;
  return i;
}

static void inv_release(Tracker *t, int32_t i) {
  t->invs[i].next = t->invFree;
  t->invFree = i;
  t->invFreeCount++;
}

static int32_t cur_new(Tracker *t) {
  int32_t i;
  if (t->curFree >= 0) {
    i = t->curFree;
    t->curFree = t->cur[i].next;
    t->curFreeCount--;
  } else {
    t->cur = (Current *)slab_room(t->cur, &t->curCap, t->curUsed + 1, sizeof(Current));
    i = t->curUsed++;
  }
  t->cur[i].prev = t->cur[i].next = -1;
  return i;
}

static void cur_release(Tracker *t, int32_t i) {
  t->cur[i].next = t->curFree;
  t->curFree = i;
  t->curFreeCount++;
}

/* Room for `more` lines: each adds at most one entry to each map. The analyser's lines of a run's records
   go to the tracker while it reads the records through views of the memory, which must not grow then: the
   run makes the room first (see run in layoutRun.c). Nothing is made for none (an analyser of ECS lines
   keeps a tracker without tables). */
static void reserve(Tracker *t, int32_t more) {
  if (more <= 0) return;
  if (t->ring == 0) {
    t_reserve(&t->finished, RING_CAP);
    t->ring = (int32_t *)mem_alloc(RING_CAP * sizeof(int32_t));
  }
  t_reserve(&t->open, more);
  t_reserve(&t->orphans, more);
  t_reserve(&t->streams, more);
  t_reserve(&t->prefixFailures, more);
  t_reserve(&t->streamsSeen, more);
  /* free invocations: the free list, then what is left of the slab */
  if (t->invCap - t->invUsed + t->invFreeCount < more)
    t->invs = (Inv *)slab_room(t->invs, &t->invCap, t->invUsed + more, sizeof(Inv));
  if (t->curCap - t->curUsed + t->curFreeCount < more)
    t->cur = (Current *)slab_room(t->cur, &t->curCap, t->curUsed + more, sizeof(Current));
}

__attribute__((export_name("trackerNew"))) Tracker *tracker_new(int32_t continuation) {
  Tracker *t = (Tracker *)mem_alloc(sizeof(Tracker));
  t->continuation = continuation;
  t->invCap = 64;
  t->invs = (Inv *)mem_alloc((uint32_t)t->invCap * sizeof(Inv));
  t->invFree = -1;
  t->curCap = 64;
  t->cur = (Current *)mem_alloc((uint32_t)t->curCap * sizeof(Current));
  t->curFree = -1;
  t->openHead = t->openTail = t->orphanHead = t->orphanTail = t->curHead = t->curTail = -1;
  t->lastOpen = -1;
  return t;
}

__attribute__((export_name("trackerFree"))) void tracker_free(Tracker *t) {
  t_free(&t->open);
  t_free(&t->finished);
  t_free(&t->orphans);
  t_free(&t->streams);
  t_free(&t->prefixFailures);
  t_free(&t->streamsSeen);
  if (t->ring) mem_free(t->ring, RING_CAP * sizeof(int32_t));
  mem_free(t->invs, (uint32_t)t->invCap * sizeof(Inv));
  mem_free(t->cur, (uint32_t)t->curCap * sizeof(Current));
  mem_free(t, sizeof(Tracker));
}

/* Adds (sign 1) or removes (sign -1) one invocation's share of the totals (the TypeScript's apply). */
static void apply(Tracker *t, const Inv *v, double sign) {
  t->invocations += sign;
  t->billedMs += sign * v->billedMs;
  if (v->timedOut) t->timedOut += sign;
  if (v->failures > 0) {
    t->failingInvocations += sign;
    t->failingBilledMs += sign * v->billedMs;
    t->failingGbSeconds += (sign * (v->billedMs / 1000) * v->memoryMB) / 1024;
    if (v->timedOut) t->failingTimedOut += sign;
  }
}

/* ordered maps: an entry appended at the tail, or taken out */
static void open_link(Tracker *t, int32_t i) {
  t->invs[i].prev = t->openTail;
  t->invs[i].next = -1;
  if (t->openTail >= 0) t->invs[t->openTail].next = i;
  else t->openHead = i;
  t->openTail = i;
}

static void open_unlink(Tracker *t, int32_t i) {
  const int32_t p = t->invs[i].prev, n = t->invs[i].next;
  if (p >= 0) t->invs[p].next = n;
  else t->openHead = n;
  if (n >= 0) t->invs[n].prev = p;
  else t->openTail = p;
}

static void cur_unlink(Tracker *t, int32_t i) {
  const int32_t p = t->cur[i].prev, n = t->cur[i].next;
  if (p >= 0) t->cur[p].next = n;
  else t->curHead = n;
  if (n >= 0) t->cur[n].prev = p;
  else t->curTail = p;
}

/* currentByStream.delete(stream) */
static void cur_delete(Tracker *t, Key stream) {
  const int32_t at = t_find(&t->streams, stream);
  if (at < 0) return;
  const int32_t i = t->streams.slots[at].value;
  t_delete_at(&t->streams, at);
  cur_unlink(t, i);
  cur_release(t, i);
}

/* currentByStream.get(stream): its Current, or -1 */
static int32_t cur_get(Tracker *t, Key stream) {
  const int32_t at = t_find(&t->streams, stream);
  return at < 0 ? -1 : t->streams.slots[at].value;
}

/* setCurrent: the stream's entry goes to the end of the map; the oldest is forgotten past the cap */
static void set_current(Tracker *t, Key stream, Key id) {
  cur_delete(t, stream);
  const int32_t i = cur_new(t);
  t->cur[i].stream = stream;
  t->cur[i].id = id;
  t->cur[i].prev = t->curTail;
  if (t->curTail >= 0) t->cur[t->curTail].next = i;
  else t->curHead = i;
  t->curTail = i;
  t_add(&t->streams, stream, i);
  if (t->streams.size > MAX_TRACKED_STREAMS) {
    cur_delete(t, t->cur[t->curHead].stream);
    t->streamsForgotten += 1;
  }
}

/* the open invocation of an id, or -1 */
static int32_t open_get(Tracker *t, Key id) {
  const int32_t at = t_find(&t->open, id);
  return at < 0 ? -1 : t->open.slots[at].value;
}

static int32_t finished_get(Tracker *t, Key id) {
  const int32_t at = t_find(&t->finished, id);
  return at < 0 ? -1 : t->finished.slots[at].value;
}

/* finish: invocation i (of id) leaves the open map for the finished one (where it replaces, in place, an
   invocation of the same id finished before: Map.set keeps a key's place) */
static void finish(Tracker *t, Key id, int32_t i) {
  if (t->ring == 0) reserve(t, 1);
  t->finishes += 1;
  if (t->hasLast && key_eq(t->lastId, id)) t->hasLast = 0;
  const int32_t at = t_find(&t->open, id);
  if (at >= 0) {
    const int32_t o = t->open.slots[at].value;
    t_delete_at(&t->open, at);
    open_unlink(t, o);
    /* an open invocation of this id other than the one finished (a merge put it there) is dropped, as
       Map.delete drops it */
    if (o != i) inv_release(t, o);
  }
  apply(t, t->invs + i, 1);
  if (t->ringCount >= 2 * RECENT_FINISHED) {
    /* the newer half stays */
    while (t->ringCount > RECENT_FINISHED) {
      const int32_t old = t->ring[t->ringHead];
      t->ringHead = (t->ringHead + 1) % RING_CAP;
      t->ringCount--;
      t_delete_at(&t->finished, t_find(&t->finished, t->invs[old].id));
      if (old != i) inv_release(t, old);
    }
  }
  const int32_t known = t_find(&t->finished, id);
  if (known >= 0) {
    const int32_t old = t->finished.slots[known].value;
    if (old != i) {
      t->finished.slots[known].value = i;
      for (int32_t k = 0; k < t->ringCount; k++) {
        int32_t *slot = t->ring + (t->ringHead + k) % RING_CAP;
        if (*slot == old) *slot = i;
      }
      inv_release(t, old);
    }
    return;
  }
  t->ring[(t->ringHead + t->ringCount) % RING_CAP] = i;
  t->ringCount++;
  t_place(&t->finished, id, i);
}

/* openInvocation (called only for an id not open) */
static int32_t open_invocation(Tracker *t, Key id) {
  const int32_t i = inv_new(t, id);
  t_add(&t->open, id, i);
  open_link(t, i);
  if (t->open.size > MAX_OPEN_INVOCATIONS) {
    const int32_t oldest = t->openHead;
    t->evicted += 1;
    finish(t, t->invs[oldest].id, oldest);
  }
  return i;
}

static void orphan_line(Tracker *t, Key id, int32_t kind, int32_t failed, int32_t hasReport, double billedMs,
                        double memoryMB, int32_t reportTimedOut) {
  const int32_t at = t_find(&t->orphans, id);
  int32_t i;
  if (at >= 0) {
    i = t->orphans.slots[at].value;
  } else {
    i = inv_new(t, id);
    t_add(&t->orphans, id, i);
    t->invs[i].prev = t->orphanTail;
    if (t->orphanTail >= 0) t->invs[t->orphanTail].next = i;
    else t->orphanHead = i;
    t->orphanTail = i;
  }
  Inv *o = t->invs + i;
  if (failed) o->failures++;
  if (kind == T_TIMEOUT) o->timedOut = 1;
  if (kind == T_REPORT && hasReport && !o->reported) {
    o->reported = 1;
    if (billedMs - billedMs == 0) o->billedMs = billedMs;
    if (memoryMB - memoryMB == 0) o->memoryMB = memoryMB;
    if (reportTimedOut) o->timedOut = 1;
  }
}

/* A line's stream: its key's bytes, and the key once made (most lines name their request id, and the
   tracker needs no stream for them: the key is made only when asked for). */
typedef struct {
  const uint8_t *bytes;
  int32_t length;
  int32_t made;
  Key key;
} Stream;

static inline Key stream_key(Stream *s) {
  if (!s->made) {
    s->key = key_of(s->bytes, s->length);
    s->made = 1;
  }
  return s->key;
}

/* onLine. hasId: whether the line names its request id (id). */
static void track(Tracker *t, Stream *s, int32_t kind, int32_t hasId, Key lineId, int32_t failed,
                  int32_t hasReport, double billedMs, double memoryMB, int32_t reportTimedOut) {
  if (kind == T_APP && hasId && t->hasLast && key_eq(lineId, t->lastId)) {
    if (failed) t->invs[t->lastOpen].failures++;
    return;
  }
  Key id = lineId;
  int32_t have = hasId;
  if (!have) {
    const int32_t c = cur_get(t, stream_key(s));
    if (c >= 0) {
      id = t->cur[c].id;
      have = 1;
    }
  }
  if (t->continuation && (kind == T_START || kind == T_REPORT) && hasId) {
    if (t_find(&t->streamsSeen, stream_key(s)) < 0) t_add(&t->streamsSeen, stream_key(s), 0);
  }
  if (!have) {
    if (t->continuation && t_find(&t->streamsSeen, stream_key(s)) < 0) {
      if (failed) {
        const int32_t at = t_find(&t->prefixFailures, stream_key(s));
        if (at >= 0) t->prefixFailures.slots[at].value++;
        else t_add(&t->prefixFailures, stream_key(s), 1);
      }
    } else if (failed) {
      t->unattributedFailures += 1;
    }
    return;
  }
  if (kind == T_START) set_current(t, stream_key(s), id);
  int32_t i = open_get(t, id);
  if (i < 0) {
    const int32_t late = finished_get(t, id);
    if (late < 0 && t->continuation && kind != T_START) {
      orphan_line(t, id, kind, failed, hasReport, billedMs, memoryMB, reportTimedOut);
      if (kind == T_REPORT) {
        const int32_t c = cur_get(t, stream_key(s));
        if (c >= 0 && key_eq(t->cur[c].id, id)) cur_delete(t, stream_key(s));
      }
      return;
    }
    if (late >= 0) {
      /* a line after the REPORT: amend the finished invocation */
      if (kind == T_REPORT) return;
      Inv *v = t->invs + late;
      apply(t, v, -1);
      if (failed) v->failures++;
      if (kind == T_TIMEOUT) v->timedOut = 1;
      apply(t, v, 1);
      return;
    }
    i = open_invocation(t, id);
  }
  t->hasLast = 1;
  t->lastId = id;
  t->lastOpen = i;
  Inv *v = t->invs + i;
  if (failed) v->failures++;
  if (kind == T_TIMEOUT) v->timedOut = 1;
  if (kind == T_REPORT && hasReport) {
    v->reported = 1;
    if (billedMs - billedMs == 0) v->billedMs = billedMs;
    if (memoryMB - memoryMB == 0) v->memoryMB = memoryMB;
    if (reportTimedOut) v->timedOut = 1;
    finish(t, id, i);
    const int32_t c = cur_get(t, stream_key(s));
    if (c >= 0 && key_eq(t->cur[c].id, id)) cur_delete(t, stream_key(s));
  }
}

/* ------------------------------------------------------------------------------------ the analyser's API */

/* Keys handed over by the analyser: written at keyScratch (an id's bytes, then a stream's). */
#define KEY_SCRATCH 32768
#define KEY_BYTES_MAX 16384 /* the longest key handed over as its bytes (wasmTracker.ts, writeKey) */
static uint8_t keyScratch[KEY_SCRATCH];
__attribute__((export_name("keyScratch"))) uint8_t *key_scratch(void) { return keyScratch; }
__attribute__((export_name("keyScratchBytes"))) int32_t key_scratch_bytes(void) { return KEY_SCRATCH; }

/* Whether the memory grew since the last call (the analyser then makes its views of it again). */
__attribute__((export_name("memoryGrew"))) int32_t memory_grew(void) {
  const int32_t grew = memoryGrew;
  memoryGrew = 0;
  return grew;
}


/* A line whose keys are in keyScratch: the id's idLength bytes (idLength -1: no id), then the stream's.
   Returns 1 when the memory grew (see memoryGrew). */
__attribute__((export_name("trackLine"))) int32_t track_line(Tracker *t, int32_t kind, int32_t idLength,
                                                          int32_t streamLength, int32_t failed,
                                                          int32_t hasReport, double billedMs, double memoryMB,
                                                          int32_t reportTimedOut) {
  const int32_t idBytes = idLength < 0 ? 0 : idLength;
  const Key id = idLength < 0 ? (Key){0, 0} : key_of(keyScratch, idLength);
  Stream stream = {keyScratch + idBytes, streamLength, 0, {0, 0}};
  track(t, &stream, kind, idLength >= 0, id, failed, hasReport, billedMs, memoryMB, reportTimedOut);
  return memory_grew();
}

/* Whether a stream name's bytes [start, end) of the input are its key's bytes (ASCII, no escape). */
static int plain_name(const uint8_t *b, int32_t start, int32_t end) {
  const v128_t slash = wasm_i8x16_splat('\\');
  int32_t i = start;
  for (; i + 16 <= end; i += 16) {
    const v128_t v = wasm_v128_load(b + i);
    if (wasm_i8x16_bitmask(wasm_v128_or(wasm_i8x16_eq(v, slash), v)) != 0) return 0;
  }
  for (; i < end; i++)
    if (b[i] == '\\' || b[i] >= 0x80) return 0;
  return 1;
}

/* The key of each slot's request id (lambdaLine.c, id_slot), made for the stamp in idKeyStamp: a slot's
   stamp changes whenever it takes another id, and no two ids ever get one stamp, so an invocation's START,
   its runtime lines, END and REPORT make its key once. */
static Key idKeys[ID_SLOTS];
static double idKeyStamp[ID_SLOTS];

/* The key of a record's request id (r[8] >= 0: its bytes are those of slot r[9] at stamp m[5]). */
static inline Key record_id_key(const uint8_t *b, const int32_t *r, const double *m) {
  const int32_t slot = r[9];
  if (idKeyStamp[slot] != m[5]) {
    idKeys[slot] = key_of(b + r[8], 36);
    idKeyStamp[slot] = m[5];
  }
  return idKeys[slot];
}

/* A line of a record (r, m: its record and metrics) read from the input b, in the stream named by the
   record's bytes (plain: they are its key's). */
static void track_at(Tracker *t, const uint8_t *b, const int32_t *r, const double *m, int32_t kind,
                     int32_t useId) {
  const Key id = useId ? record_id_key(b, r, m) : (Key){0, 0};
  Stream stream = {b + r[0], r[1] - r[0], 0, {0, 0}};
  track(t, &stream, kind, useId, id, 0, kind == T_REPORT, m[1], m[2], (r[11] & FLAG_TIMED_OUT) != 0);
}

/*
 * A line read by the last layout run (record `index`: its id, when useId, from the input's bytes), in the
 * stream whose name is the record's bytes, or whose key is in keyScratch (streamLength bytes) when
 * streamLength >= 0. Returns 0 when the record has no stream name or not a plain one (escaped, past
 * ASCII, or too long to be a key's bytes): the analyser then hands its key over and calls again; else 1,
 * or 3 when the memory grew.
 */
__attribute__((export_name("trackRecord"))) int32_t track_record(Tracker *t, int32_t index, int32_t useId,
                                                                  int32_t kind, int32_t streamLength,
                                                                  int32_t failed, int32_t reportTimedOut) {
  const int32_t *r = records + index * RECORD_INTS;
  const uint8_t *b = inputBuf;
  Stream stream = {keyScratch, streamLength, 0, {0, 0}};
  if (streamLength < 0) {
    if (r[0] < 0 || r[1] - r[0] > KEY_BYTES_MAX || !plain_name(b, r[0], r[1])) return 0;
    stream.bytes = b + r[0];
    stream.length = r[1] - r[0];
  }
  const double *m = metrics + index * RECORD_METRICS;
  const Key id = useId ? key_of(b + r[8], 36) : (Key){0, 0};
  track(t, &stream, kind, useId, id, failed, kind == T_REPORT, m[1], m[2], reportTimedOut);
  return 1 | (memory_grew() << 1);
}

/* the digest of the key in keyScratch (length bytes), at walkOut[0..3] */
static void out_key(Key k);
__attribute__((export_name("keyToWalk"))) void key_to_walk(int32_t length) { out_key(key_of(keyScratch, length)); }

/* isOpen for the id in keyScratch (idLength bytes) */
__attribute__((export_name("trackerIsOpen"))) int32_t tracker_is_open(Tracker *t, int32_t idLength) {
  return open_get(t, key_of(keyScratch, idLength)) >= 0;
}

__attribute__((export_name("trackerAddCounted"))) void tracker_add_counted(Tracker *t, double invocations,
                                                                          double failing) {
  t->invocations += invocations;
  t->failingInvocations += failing;
}

__attribute__((export_name("trackerEnd"))) void tracker_end(Tracker *t) {
  while (t->openHead >= 0) {
    const int32_t i = t->openHead;
    finish(t, t->invs[i].id, i);
  }
  while (t->curHead >= 0) cur_delete(t, t->cur[t->curHead].stream);
}

/*
 * Snapshot and merge. The analyser walks a map with trackerWalk (which map, and the entry after `from`:
 * -1 for the first) and reads the entry it returns at walkOut: the key's four 32-bit words, then failures,
 * timedOut, reported, billedMs and memoryMB (invocations), or a count (prefix failures). Order: the maps'.
 */
#define WALK_OPEN 0
#define WALK_ORPHANS 1
#define WALK_PREFIX 2
static double walkOut[9];
__attribute__((export_name("walkOut"))) double *walk_out(void) { return walkOut; }

static void out_key(Key k) {
  walkOut[0] = (double)(uint32_t)k.a;
  walkOut[1] = (double)(uint32_t)(k.a >> 32);
  walkOut[2] = (double)(uint32_t)k.b;
  walkOut[3] = (double)(uint32_t)(k.b >> 32);
}

__attribute__((export_name("trackerWalk"))) int32_t tracker_walk(Tracker *t, int32_t which, int32_t from) {
  if (which == WALK_PREFIX) {
    for (int32_t i = from + 1; i < t->prefixFailures.cap; i++) {
      const Slot *s = t->prefixFailures.slots + i;
      if (!s->used) continue;
      out_key(s->key);
      walkOut[4] = s->value;
      return i;
    }
    return -1;
  }
  const int32_t i = from < 0 ? (which == WALK_OPEN ? t->openHead : t->orphanHead) : t->invs[from].next;
  if (i < 0) return -1;
  const Inv *v = t->invs + i;
  out_key(v->id);
  walkOut[4] = v->failures;
  walkOut[5] = v->timedOut;
  walkOut[6] = v->reported;
  walkOut[7] = v->billedMs;
  walkOut[8] = v->memoryMB;
  return i;
}

/* the key the analyser wrote at walkOut[0..3] */
static Key in_key(void) {
  Key k;
  k.a = (uint64_t)(uint32_t)walkOut[0] | (uint64_t)(uint32_t)walkOut[1] << 32;
  k.b = (uint64_t)(uint32_t)walkOut[2] | (uint64_t)(uint32_t)walkOut[3] << 32;
  return k;
}

/* mergeContinuation: the last line's invocation is forgotten first (the merge may replace it) */
__attribute__((export_name("mergeStart"))) void merge_start(Tracker *t) { t->hasLast = 0; }

/* mergeContinuation's first loop, for one stream (key at walkOut) and its count */
__attribute__((export_name("mergePrefix"))) void merge_prefix(Tracker *t, double n) {
  const int32_t c = cur_get(t, in_key());
  const int32_t i = c < 0 ? -1 : open_get(t, t->cur[c].id);
  if (i >= 0) t->invs[i].failures += (int32_t)n;
  else t->unattributedFailures += n;
}

static int32_t inv_from_walk(Tracker *t, Key id) {
  const int32_t i = inv_new(t, id);
  Inv *v = t->invs + i;
  v->failures = (int32_t)walkOut[4];
  v->timedOut = walkOut[5] != 0;
  v->reported = walkOut[6] != 0;
  v->billedMs = walkOut[7];
  v->memoryMB = walkOut[8];
  return i;
}

/* mergeContinuation's second loop, for one orphan of the later part (at walkOut) */
__attribute__((export_name("mergeOrphan"))) void merge_orphan(Tracker *t) {
  const Key id = in_key();
  const int32_t i = open_get(t, id);
  if (i >= 0) {
    Inv *v = t->invs + i;
    v->failures += (int32_t)walkOut[4];
    if (walkOut[5] != 0) v->timedOut = 1;
    if (walkOut[6] != 0) {
      v->reported = 1;
      v->billedMs = walkOut[7];
      v->memoryMB = walkOut[8];
      finish(t, id, i);
    }
    return;
  }
  const int32_t late = finished_get(t, id);
  if (late >= 0) {
    Inv *v = t->invs + late;
    apply(t, v, -1);
    v->failures += (int32_t)walkOut[4];
    if (walkOut[5] != 0) v->timedOut = 1;
    apply(t, v, 1);
    return;
  }
  const int32_t o = inv_from_walk(t, id);
  if (t->invs[o].reported) finish(t, id, o);
  else {
    t_add(&t->open, id, o);
    open_link(t, o);
  }
}

/* mergeContinuation's last loop, for one open invocation of the later part (at walkOut): open.set */
__attribute__((export_name("mergeOpen"))) void merge_open(Tracker *t) {
  const Key id = in_key();
  const int32_t o = inv_from_walk(t, id);
  const int32_t at = t_find(&t->open, id);
  if (at < 0) {
    t_add(&t->open, id, o);
    open_link(t, o);
    return;
  }
  /* Map.set on a key it has: the new value takes the old one's place */
  const int32_t old = t->open.slots[at].value;
  Inv *v = t->invs + o;
  const Inv *w = t->invs + old;
  v->prev = w->prev;
  v->next = w->next;
  if (v->prev >= 0) t->invs[v->prev].next = o;
  else t->openHead = o;
  if (v->next >= 0) t->invs[v->next].prev = o;
  else t->openTail = o;
  t->open.slots[at].value = o;
  inv_release(t, old);
}
