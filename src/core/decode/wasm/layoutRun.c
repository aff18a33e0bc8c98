/*
 * netsleuth: the layout run of the JSON events decoder, compiled to WebAssembly (scripts/build-wasm.mjs).
 *
 * The aws CLI prints every event object of an export byte for byte alike between its values. The decoder
 * learns that layout from one event (jsonEventsDecoder.ts, learnLayout) and then reads each event by
 * comparing separators instead of parsing them (layoutEvent). This file does the same for a run of
 * consecutive events in one call: it compares the separators, finds where each string value ends (stepping
 * over escapes, sixteen bytes at a time), parses integer values, and records for each event where its
 * stream name and message are and its timestamp value. The decoder turns each record into an event as
 * layoutEvent would have, and reads any event this code leaves (a miss, an unusual value) itself.
 *
 * With `setClassify(1)` it also reads each message as Analyzer.addRaw would first read it (lambdaLine.c
 * below: its escapes, the Lambda line it is, and whether the byte prefilter lets it through), so the
 * analyser only does what is left: its bookkeeping, and the rare message that needs decoding.
 *
 * The input buffer lives at the heap base; the layout and the records in static arrays whose addresses
 * the decoder asks for once. No libc: built with -nostdlib.
 */
#include <stdint.h>
#include <wasm_simd128.h>

#define MAX_VALUES 12
#define MAX_SEP_BYTES 4096
#define MAX_RECORDS 4096
#define RECORD_INTS 12
#define RECORD_METRICS 6 /* a REPORT line's five metrics, then the stamp of the request id's slot */
#define REPORT_METRICS 5

/* what a value is to the decoder (jsonEventsDecoder.ts keys) */
#define ROLE_OTHER 0
#define ROLE_STREAM 1
#define ROLE_MESSAGE 2
#define ROLE_TIMESTAMP 3

/* why a run ended */
#define RUN_MISS 1  /* the event at the end does not have the layout (layoutEvent returns -1) */
#define RUN_DEFER 2 /* the event at the end has a value layoutEvent reads its slower way */
#define RUN_END 3   /* no further event in this buffer (or the split point, or the records are full) */

/* The layout, written by the decoder: separators k = 0..count (bytes at sepStart[k], sepLen[k] long),
   and for each value its role, whether it is a string, and whether its length is capped. */
static uint8_t sepBytes[MAX_SEP_BYTES];
static int32_t sepStart[MAX_VALUES + 1];
static int32_t sepLen[MAX_VALUES + 1];
static int32_t roles[MAX_VALUES];
static int32_t isString[MAX_VALUES];
static int32_t capped[MAX_VALUES];
static int32_t valueCount;

/* One record per event: stream start, stream end (-1, -1 for none), whether the stream's bytes are those
   of the record before, message start, message end, offset after the event's closing brace; then, when
   classifying (else 0), the message's escapes, its line kind, request id offset, request id slot (with
   256 when the slot's id is new), the offset where the prefilter starts, and flags (see lambdaLine.c). */
static int32_t records[MAX_RECORDS * RECORD_INTS];
/* the timestamp value of each record (NaN when the layout has no timestamp) */
static double times[MAX_RECORDS];
/* a REPORT line's duration, billed duration, memory size, max memory used and init duration, and the stamp
   of the request id's slot (see id_slot in lambdaLine.c) */
static double metrics[MAX_RECORDS * RECORD_METRICS];
static int32_t status;
static int32_t classify;

/* the input buffer (see input) */
static uint8_t *inputBuf;

/* the first read of each message (classify_message), and the table of request ids */
#include "lambdaLine.c"
/* the invocation tracker, and the heap its tables live in */
#include "tracker.c"

__attribute__((export_name("sepBytes"))) uint8_t *sep_bytes(void) { return sepBytes; }
__attribute__((export_name("sepStart"))) int32_t *sep_start(void) { return sepStart; }
__attribute__((export_name("sepLen"))) int32_t *sep_len(void) { return sepLen; }
__attribute__((export_name("roles"))) int32_t *roles_ptr(void) { return roles; }
__attribute__((export_name("isString"))) int32_t *is_string(void) { return isString; }
__attribute__((export_name("capped"))) int32_t *capped_ptr(void) { return capped; }
__attribute__((export_name("records"))) int32_t *records_ptr(void) { return records; }
__attribute__((export_name("times"))) double *times_ptr(void) { return times; }
__attribute__((export_name("status"))) int32_t run_status(void) { return status; }
__attribute__((export_name("maxRecords"))) int32_t max_records(void) { return MAX_RECORDS; }
__attribute__((export_name("metrics"))) double *metrics_ptr(void) { return metrics; }
__attribute__((export_name("setClassify"))) void set_classify(int32_t on) { classify = on; }

/*
 * Quiet Lambda lines. A platform line (START, END, REPORT, INIT, a timeout), or an app line that cannot
 * matter once the input is known to have Lambda lines, does nothing in the analyser but count itself
 * (events, first and last time, its window) and go to the invocation tracker. When the tracker is in this
 * module (setSkip's `tracker`), the run hands such a line to the tracker itself, in the place the analyser
 * would have, and counts it instead of recording it, as long as its time is in a window the analyser
 * already holds and its stream name is plain (the tracker's key for it is then its bytes). Each stretch of
 * them becomes one LINE_SKIP record (its count in r[8], its first and last time in times[] and metrics[]),
 * in order among the others.
 *
 * The tracker must see the lines in input order: once the run has recorded a line the analyser may hand to
 * the tracker (trackerPending), it ends before the next line it would hand over itself; the next run goes
 * on from there. What the analyser holds is known from the records it is about to read: a platform line's
 * window is the analyser's, and it tells it the input has Lambda lines.
 */
static int32_t skipOn;
static double skipWindowMs;
static int32_t skipSawLambda;
static double knownWindow = __builtin_nan("");

/*
 * Quiet ECS lines. In a stream the analyser reads as an ECS container's (it says so: markStream), a line
 * that cannot matter and is no part of a stack trace (a plain line: see plain_line) changes nothing but
 * the counts once the line before it in the stream was plain too (that one closed any trace the stream
 * had open), as long as its time is in a window the analyser's ECS figures hold. In a Python traceback the
 * first plain line may be its exception line, which goes on with the trace: there the two lines before it
 * must be plain (streamPy). A frame that changes nothing (one that cannot matter, or one the analyser found
 * no failure in: see rememberFrame) only continues whatever trace is open, so it is quiet wherever the
 * stream is, and leaves its count of plain lines as it was. Such lines become LINE_SKIP_ECS stretches. A stream name with an
 * escape (which other bytes could decode to) forgets every stream, as clearOpen does.
 */

#define STREAM_SLOTS 512
#define STREAM_MAX 128
static uint8_t streamNames[STREAM_SLOTS * STREAM_MAX];
static int32_t streamLen[STREAM_SLOTS];
static double streamGeneration[STREAM_SLOTS]; /* marked in this generation (streamEpoch) */
static double streamEpoch = 1;
static int32_t streamsMarked; /* marks made in this epoch: none, and no event needs its stream looked up */
static int32_t streamPlain[STREAM_SLOTS];     /* plain lines in a row, up to 2 */
/* 1: the analyser may be in a Python traceback of the stream (it read a line that may be a traceback's
   header or separator since its last two plain lines in a row, or the runs cannot know: the stream was
   just marked, or read outside the runs), and two plain lines in a row settle the stream; 0: one does */
static int32_t streamPy[STREAM_SLOTS];
static double ecsKnownWindow = __builtin_nan("");

/* the analyser's invocation tracker (see tracker.c), or 0: Lambda lines are quiet only with it */
static Tracker *skipTracker;

/* A run ends once it has recorded this many ECS lines of streams not marked (the analyser may mark them:
   from the next run on, their quiet lines are counted, not recorded); budgetSpent says whether it did. */
static int32_t unmarkedBudget = MAX_RECORDS;
static int32_t unmarkedSpent;

__attribute__((export_name("setSkip"))) void set_skip(int32_t on, double windowMs, int32_t sawLambda,
                                                      Tracker *tracker, int32_t budget) {
  skipOn = on && classify && windowMs > 0;
  skipWindowMs = windowMs;
  skipSawLambda = sawLambda;
  skipTracker = tracker;
  unmarkedBudget = budget > 0 ? budget : 1;
}

__attribute__((export_name("budgetSpent"))) int32_t budget_spent(void) { return unmarkedSpent; }

/* Forgets every marked stream (a new epoch, as clearOpen's generation). */
static void clear_streams(void) {
  streamEpoch += 1;
  streamsMarked = 0;
  ecsKnownWindow = __builtin_nan("");
}

__attribute__((export_name("clearOpen"))) void clear_open(void) {
  knownWindow = __builtin_nan("");
  clear_streams();
}

static int32_t stream_slot(const uint8_t *b, int32_t start, int32_t end) {
  uint32_t h = (uint32_t)(end - start);
  for (int32_t i = end - 12 > start ? end - 12 : start; i < end; i++) h = (h ^ b[i]) * 16777619u;
  return (int32_t)(h >> 23);
}

/* The marked stream whose name is bytes [start, end), or -1. */
static int32_t marked_stream(const uint8_t *b, int32_t start, int32_t end) {
  const int32_t len = end - start;
  if (len <= 0 || len > STREAM_MAX) return -1;
  const int32_t slot = stream_slot(b, start, end);
  if (streamGeneration[slot] != streamEpoch || streamLen[slot] != len) return -1;
  const uint8_t *kept = streamNames + slot * STREAM_MAX;
  for (int32_t i = 0; i < len; i++)
    if (kept[i] != b[start + i]) return -1;
  return slot;
}

/* The analyser reads the stream named by the input's bytes [start, end) as an ECS container's. Names with
   an escape or a byte past ASCII are not marked: other bytes can decode to the same name (an escape, or
   invalid UTF-8 that decodes to U+FFFD), which the runs would take for another stream. */
__attribute__((export_name("markStream"))) void mark_stream(int32_t start, int32_t end) {
  const uint8_t *b = inputBuf;
  const int32_t len = end - start;
  if (len <= 0 || len > STREAM_MAX) return;
  for (int32_t i = start; i < end; i++)
    if (b[i] == '\\' || b[i] >= 0x80) return;
  const int32_t slot = stream_slot(b, start, end);
  uint8_t *kept = streamNames + slot * STREAM_MAX;
  for (int32_t i = 0; i < len; i++) kept[i] = b[start + i];
  streamLen[slot] = len;
  streamGeneration[slot] = streamEpoch;
  streamPlain[slot] = 0;
  streamPy[slot] = 1;
  streamsMarked++;
}

/* a stream name the analyser writes here for unmarkStream */
static uint8_t nameScratch[STREAM_MAX];
__attribute__((export_name("nameScratch"))) uint8_t *name_scratch(void) { return nameScratch; }

/* The analyser read a line of the stream named by nameScratch[0, length) itself: whatever that line did,
   two plain lines in a row settle the stream again (it stays marked: what marking says does not change). */
__attribute__((export_name("unsettleStream"))) void unsettle_stream(int32_t length) {
  const int32_t slot = marked_stream(nameScratch, 0, length);
  if (slot >= 0) {
    streamPlain[slot] = 0;
    streamPy[slot] = 1;
  }
}

/* rawLineKind's `other`: a line that is neither empty nor starts like a frame or a traceback line */
static inline int plain_line(const uint8_t *b, int32_t start, int32_t end) {
  if (start >= end) return 0;
  switch (b[start]) {
  case '\\': case ' ': case '\t': case 'C': case '.': case 'S': case 'T': case 'D':
    return 0;
  default:
    return 1;
  }
}

/* rawLineKind's `frame` by the first byte alone: an empty line, or one that starts with a space, a tab or a
   `\t` escape (the lines that continue a stack trace: `    at …`, `  errno: -111,`) */
static inline int frame_line(const uint8_t *b, int32_t start, int32_t end) {
  if (start >= end) return 1;
  const uint8_t c = b[start];
  return c == ' ' || c == '\t' || (c == '\\' && start + 1 < end && b[start + 1] == 't');
}

/*
 * Frames known to change nothing. A frame the prefilter lets through (`    at TCPConnectWrap.afterConnect
 * …`, `  code: 'ECONNREFUSED',`, `  syscall: 'connect',`) goes to the analyser, which finds no failure in
 * it; such a frame, like one that cannot matter, only continues whatever trace is open. The analyser hands
 * its bytes back (rememberFrame), and the runs take a line of the same bytes (the same text, the same
 * verdict: it depends on the text alone) for one that cannot matter. One slot per hash of the length and
 * the last bytes; a later frame takes the slot.
 */
#define FRAME_SLOTS 256
#define FRAME_MAX 240
static uint8_t frameBytes[FRAME_SLOTS * FRAME_MAX];
static int32_t frameLen[FRAME_SLOTS]; /* 0: empty (an empty line is never remembered: it cannot matter) */

static inline int32_t frame_slot(const uint8_t *b, int32_t start, int32_t end) {
  uint32_t h = (uint32_t)(end - start) * 0x9e3779b1u;
  for (int32_t i = end - 8 > start ? end - 8 : start; i < end; i++) h = (h ^ b[i]) * 16777619u;
  return (int32_t)(h >> 24);
}

static inline int equal_bytes(const uint8_t *x, const uint8_t *y, int32_t len);

/* Whether the message [start, end) of the input is a frame the analyser found changes nothing. */
static int known_frame(const uint8_t *b, int32_t start, int32_t end) {
  const int32_t len = end - start;
  if (len <= 0 || len > FRAME_MAX) return 0;
  const int32_t slot = frame_slot(b, start, end);
  return frameLen[slot] == len && equal_bytes(frameBytes + slot * FRAME_MAX, b + start, len);
}

/* The analyser read the frame [start, end) of the input (a record's message) and found no failure in it. */
__attribute__((export_name("rememberFrame"))) void remember_frame(int32_t start, int32_t end) {
  const uint8_t *b = inputBuf;
  const int32_t len = end - start;
  if (len <= 0 || len > FRAME_MAX || !frame_line(b, start, end)) return;
  const int32_t slot = frame_slot(b, start, end);
  __builtin_memcpy(frameBytes + slot * FRAME_MAX, b + start, (uint32_t)len);
  frameLen[slot] = len;
}

/* Whether the analyser may hand the line of a record it reads to the invocation tracker: any line of
   Lambda's kinds, any it reads itself, and a plain line without a stream name (the analyser gives it the
   input's), with an escaped one, or with one that may be named as Lambda names streams (isLambdaStream:
   `yyyy/mm/dd/…[`). */
static int may_be_tracked(const uint8_t *b, int32_t kind, int32_t start, int32_t end) {
  if (kind != LINE_OTHER || start < 0) return 1;
  if (end - start > 11 && b[start + 4] == '/' && b[start + 7] == '/' && b[start + 10] == '/') return 1;
  return first_backslash(b, start, end) != -1;
}

/* The window of a time as the analyser computes it, or NaN for a time it would first convert (seconds). */
static inline double window_of(double time) {
  if (!(time >= 1e11 && time <= 8.64e15)) return __builtin_nan("");
  return __builtin_floor(time / skipWindowMs);
}

/* The input buffer (at the heap base, 64-byte aligned; see tracker.c); grows the memory to hold `length`
   bytes and 64 more (the first read of a message looks a few bytes past its end, as the TypeScript does;
   there the bytes are those of the buffer or stale, never outside the memory). Returns its address, or 0
   when the memory cannot grow. A buffer longer than its region (never the decoder's windows) gets a region
   of its own at the end of the memory. */
__attribute__((export_name("input"))) uint8_t *input(int32_t length) {
  heap_init();
  const uint32_t need = (uint32_t)length + 64;
  if (need > inputRoom) {
    const uint32_t room = (need + 65535u) & ~65535u;
    if (need > UINTPTR_MAX - 65535u || !grow_memory_to_hold((uintptr_t)memoryTop, room)) return 0;
    inputBuf = memoryTop;
    inputRoom = room;
    memoryTop += room;
  }
  if (!grow_memory_to_hold((uintptr_t)inputBuf, need)) return 0;
  return inputBuf;
}

__attribute__((export_name("setValueCount"))) void set_value_count(int32_t count) { valueCount = count; }

/* Whether the len bytes at x and at y are the same: sixteen at a time (the last sixteen overlapping the
   ones before), fewer than sixteen eight at a time, then byte by byte. */
static inline int equal_bytes(const uint8_t *x, const uint8_t *y, int32_t len) {
  if (len >= 16) {
    for (int32_t i = 0;; i += 16) {
      if (i > len - 16) i = len - 16;
      if (!wasm_i8x16_all_true(wasm_i8x16_eq(wasm_v128_load(x + i), wasm_v128_load(y + i)))) return 0;
      if (i == len - 16) return 1;
    }
  }
  int32_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t u, v;
    __builtin_memcpy(&u, x + i, 8);
    __builtin_memcpy(&v, y + i, 8);
    if (u != v) return 0;
  }
  for (; i < len; i++)
    if (x[i] != y[i]) return 0;
  return 1;
}

/* Whether b holds sep k at `at`. */
static inline int holds(const uint8_t *b, int32_t at, int32_t n, int32_t k) {
  const int32_t len = sepLen[k];
  return at + len <= n && equal_bytes(b + at, sepBytes + sepStart[k], len);
}

/* The closing quote of a string whose body starts at i (escapes stepped over), or -1 if not before n; and
   at *escapes what escapesOf (rawText.ts) says of the body: NO_ESCAPES, OTHER_ESCAPES, or its first
   backslash when every escape is \n \t \r \" \\ (the backslashes stepped over are the escapes: none is
   the last byte of a body). */
static inline int32_t string_end(const uint8_t *b, int32_t i, int32_t n, int32_t *escapes) {
  const v128_t quote = wasm_i8x16_splat('"');
  const v128_t slash = wasm_i8x16_splat('\\');
  int32_t found = NO_ESCAPES;
  for (;;) {
    int hit = 0;
    while (i + 16 <= n) {
      v128_t v = wasm_v128_load(b + i);
      uint32_t m = wasm_i8x16_bitmask(wasm_v128_or(wasm_i8x16_eq(v, quote), wasm_i8x16_eq(v, slash)));
      if (m != 0) {
        i += __builtin_ctz(m);
        hit = 1;
        break;
      }
      i += 16;
    }
    if (!hit) {
      while (i < n && b[i] != '"' && b[i] != '\\') i++;
      if (i >= n) return -1;
    }
    if (b[i] == '"') {
      *escapes = found;
      return i;
    }
    if (i + 1 >= n) return -1;
    const uint8_t c = b[i + 1];
    if (found == NO_ESCAPES) found = i;
    if (c != 'n' && c != 't' && c != 'r' && c != '"' && c != '\\') found = OTHER_ESCAPES;
    i += 2;
    if (i >= n) return -1;
  }
}

/* digits, sign, decimal point, exponent and the letters of true/false/null (isScalarByte) */
static inline int scalar_byte(uint8_t c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || (c >= 'a' && c <= 'z') || c == 'E';
}

static inline int space(uint8_t c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

static inline int same_bytes(const uint8_t *b, int32_t s1, int32_t e1, int32_t s2, int32_t e2) {
  return e1 - s1 == e2 - s2 && equal_bytes(b + s1, b + s2, e1 - s1);
}

/* Where the digits from `at` end: the first byte at or after `at` that is not an ASCII digit (n when
   the digits reach n; at most 16 past `at` when there are more, which is as good for the caller: more than
   15 digits are deferred anyway). */
static inline int32_t digits_end(const uint8_t *b, int32_t at, int32_t n) {
  if (at + 16 <= n) {
    const v128_t d = wasm_i8x16_sub(wasm_v128_load(b + at), wasm_i8x16_splat('0'));
    const uint32_t other = wasm_i8x16_bitmask(wasm_u8x16_gt(d, wasm_i8x16_splat(9)));
    return at + (other != 0 ? __builtin_ctz(other) : 16);
  }
  int32_t e = at;
  while (e < n && b[e] >= '0' && b[e] <= '9') e++;
  return e;
}

/* The eight decimal digits in x (digit values, the first digit in the low byte) as a number. */
static inline uint64_t eight_digits(uint64_t x) {
  x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffull;
  x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffull;
  return (x * 10000 + (x >> 32)) & 0xffffffffull;
}

/* The last `count` (1 to 8) of the digits ending at `end`: the eight bytes before `end`, the ones before
   the digits masked to zeros before '0' is taken off (nothing borrows). Reads up to seven bytes before
   the digits, which are in the memory (the input buffer is not at address 0). */
static inline uint64_t last_digits(const uint8_t *b, int32_t end, int32_t count) {
  uint64_t x;
  __builtin_memcpy(&x, b + end - 8, 8);
  const uint64_t keep = ~0ull << (8 * (8 - count));
  return eight_digits((x & keep) - (0x3030303030303030ull & keep));
}

/* The value of the 1 to 15 ASCII digits [at, e): exact (below 2^53), so the same double the loop
   `value = value * 10 + digit` makes. */
static inline double digits_value(const uint8_t *b, int32_t at, int32_t e) {
  static const uint64_t powers[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
  const int32_t count = e - at;
  if (count <= 8) return (double)last_digits(b, e, count);
  return (double)(last_digits(b, at + 8, 8) * powers[count - 8] + last_digits(b, e, count - 8));
}

/* Reads the events from `p` (the `{` of an event object in the input) for as long as they have the
   layout, none starts at or after `limit` and the records last. Returns how many it recorded; status()
   says why it stopped. */
/* the stretch of quiet lines read since the last record (see set_skip), of LINE_SKIP or LINE_SKIP_ECS */
static int32_t quietCount, quietEnd, quietKind;
static double quietFirst, quietLast;

/* Records the stretch of quiet lines read since the last record, if any. */
static int32_t flush_quiet(int32_t count) {
  if (quietCount == 0) return count;
  int32_t *r = records + count * RECORD_INTS;
  r[0] = r[1] = r[3] = r[4] = r[6] = r[9] = r[10] = -1;
  r[2] = r[11] = 0;
  r[5] = quietEnd;
  r[7] = quietKind;
  r[8] = quietCount;
  times[count] = quietFirst;
  metrics[count * RECORD_METRICS] = quietLast;
  quietCount = 0;
  return count + 1;
}

/* records of the current run whose lines the analyser may hand to the tracker (see may_be_tracked) */
static int32_t trackedRecords;

static int32_t run_events(int32_t p, int32_t n, int32_t limit, int32_t maxValueBytes) {
  const uint8_t *b = inputBuf;
  int32_t count = 0;
  int32_t prevStreamStart = -1, prevStreamEnd = -1;
  /* the stream of the event before (recorded or quiet) and its mark */
  int32_t lastStart = -1, lastEnd = -1, lastMark = -1;
  /* a line recorded in this run may go to the tracker from the analyser (see the quiet Lambda lines) */
  int32_t trackerPending = 0;
  /* recorded lines of unmarked streams (see unmarkedBudget), and whether they used the budget up */
  int32_t unmarked = 0, spent = 0;
  quietCount = 0;
  unmarkedSpent = 0;
  for (;;) {
    int32_t streamStart = -1, streamEnd = -1, messageStart = -1, messageEnd = -1, messageEscapes = NO_ESCAPES;
    double time = __builtin_nan("");
    int32_t at = p;
    int32_t k = 0;
    for (; k < valueCount; k++) {
      if (!holds(b, at, n, k)) {
        status = RUN_MISS;
        return flush_quiet(count);
      }
      at += sepLen[k];
      if (isString[k]) {
        int32_t escapes;
        const int32_t q = string_end(b, at, n, &escapes);
        if (q == -1 || (capped[k] && q - at > maxValueBytes)) {
          status = RUN_MISS;
          return flush_quiet(count);
        }
        if (roles[k] == ROLE_MESSAGE) {
          messageStart = at;
          messageEnd = q;
          messageEscapes = escapes;
        } else if (roles[k] == ROLE_STREAM) {
          streamStart = at;
          streamEnd = q;
        } else if (roles[k] == ROLE_TIMESTAMP) {
          status = RUN_DEFER; /* a time written as a string: the decoder parses it */
          return flush_quiet(count);
        }
        at = q;
      } else {
        /* a plain integer of up to 15 digits; anything else (a fraction, a literal, a leading zero) is
           deferred */
        const int32_t e = digits_end(b, at, n);
        if (e >= n || e == at || e - at > 15 || scalar_byte(b[e]) || (b[at] == '0' && e - at > 1)) {
          status = RUN_DEFER;
          return flush_quiet(count);
        }
        if (roles[k] == ROLE_TIMESTAMP) time = digits_value(b, at, e);
        at = e;
      }
    }
    if (!holds(b, at, n, k)) {
      status = RUN_MISS;
      return flush_quiet(count);
    }
    at += sepLen[k];
    /* a stretch of quiet lines before this event takes the record before its own */
    int32_t slotAt = count + (quietCount > 0);
    int32_t *r = records + slotAt * RECORD_INTS;
    r[0] = streamStart;
    r[1] = streamEnd;
    r[3] = messageStart;
    r[4] = messageEnd;
    r[5] = at;
    times[slotAt] = time;
    int32_t quiet = 0;
    if (classify) {
      classify_message(b, messageStart, messageEnd, messageEscapes, r, metrics + slotAt * RECORD_METRICS);
      if (skipOn) {
        const int32_t kind = r[7];
        const int32_t platform = kind >= LINE_START && kind <= LINE_TIMEOUT;
        const double w = window_of(time);
        int32_t mark = -1;
        if (streamStart >= 0 && streamsMarked > 0) {
          if (lastStart >= 0 && same_bytes(b, streamStart, streamEnd, lastStart, lastEnd)) mark = lastMark;
          else if (first_backslash(b, streamStart, streamEnd) != -1) clear_streams();
          else mark = marked_stream(b, streamStart, streamEnd);
          lastStart = streamStart;
          lastEnd = streamEnd;
          lastMark = mark;
        }
        if (mark < 0 && kind == LINE_OTHER && streamStart >= 0 && ++unmarked >= unmarkedBudget)
          spent = 1;
        if (mark >= 0) {
          r[11] |= FLAG_STREAM_MARKED;
          if (kind == LINE_OTHER) {
            if (!(r[11] & FLAG_MAY_MATTER) && plain_line(b, messageStart, messageEnd)) {
              if (streamPlain[mark] >= 1 + streamPy[mark] && w == ecsKnownWindow) quiet = LINE_SKIP_ECS;
              else if (streamPlain[mark] < 2 && ++streamPlain[mark] == 2) streamPy[mark] = 0;
            } else if (frame_line(b, messageStart, messageEnd) &&
                       (!(r[11] & FLAG_MAY_MATTER) || known_frame(b, messageStart, messageEnd))) {
              /* a frame that changes nothing continues whatever trace is open, wherever the stream is
                 (the analyser's stitch): quiet, and the stream as settled as it was */
              if (w == ecsKnownWindow) quiet = LINE_SKIP_ECS;
            } else {
              streamPlain[mark] = 0;
              /* `Traceback (most recent call last):`, `During handling of …`, `The above exception …` */
              if (messageStart < messageEnd && (b[messageStart] == 'T' || b[messageStart] == 'D'))
                streamPy[mark] = 1;
            }
            /* the analyser reads it as the container's, in its window */
            ecsKnownWindow = w;
          } else {
            /* a line the analyser decodes first (its escapes) may be any of them */
            streamPlain[mark] = 0;
            streamPy[mark] = 1;
          }
        }
        if (skipTracker && w == knownWindow && streamStart >= 0 &&
            (platform || (kind == LINE_APP && skipSawLambda && !(r[11] & FLAG_MAY_MATTER))) &&
            streamEnd - streamStart <= KEY_BYTES_MAX && plain_name(b, streamStart, streamEnd)) {
          if (trackerPending) {
            /* the analyser hands a line before this one to the tracker: the next run starts here */
            status = RUN_END;
            return flush_quiet(count);
          }
          track_at(skipTracker, b, r, metrics + slotAt * RECORD_METRICS, kind, kind != LINE_INIT && r[8] >= 0);
          quiet = LINE_SKIP;
          /* the analyser takes the stretch for Lambda lines (see addRecord) */
          skipSawLambda = 1;
        } else if (platform) {
          /* a platform line: the analyser reads it as Lambda's, in its window */
          skipSawLambda = 1;
          knownWindow = w;
        }
        if (!quiet && may_be_tracked(b, kind, streamStart, streamEnd)) {
          trackerPending = 1;
          trackedRecords++;
        }
      }
    }
    if (quiet) {
      if (quietCount > 0 && quietKind != quiet) count = flush_quiet(count);
      quietKind = quiet;
      if (quietCount == 0) quietFirst = quietLast = time;
      if (time < quietFirst) quietFirst = time;
      if (time > quietLast) quietLast = time;
      quietCount++;
      quietEnd = at;
    } else {
      /* the stretch's record takes the place kept for it before this one (count == slotAt after it) */
      count = flush_quiet(count);
      r[2] = count > 0 && streamStart >= 0 && prevStreamStart >= 0 &&
             same_bytes(b, streamStart, streamEnd, prevStreamStart, prevStreamEnd);
      count++;
      prevStreamStart = streamStart;
      prevStreamEnd = streamEnd;
    }
    /* the next event: `,` and `{` with only whitespace around */
    while (at < n && space(b[at])) at++;
    if (spent) {
      unmarkedSpent = 1;
      break;
    }
    if (count >= MAX_RECORDS - 1 || at >= n || b[at] != ',') break;
    at++;
    while (at < n && space(b[at])) at++;
    if (at >= n || at >= limit || b[at] != '{') break;
    p = at;
  }
  status = RUN_END;
  return flush_quiet(count);
}

__attribute__((export_name("run"))) int32_t run(int32_t p, int32_t n, int32_t limit, int32_t maxValueBytes) {
  trackedRecords = 0;
  const int32_t count = run_events(p, n, limit, maxValueBytes);
  /* the analyser's tracker gets room for the lines of the records it is about to read (without quiet
     lines, any record may be one) */
  if (skipTracker) reserve(skipTracker, skipOn ? trackedRecords : count);
  return count;
}
