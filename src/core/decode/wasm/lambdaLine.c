/*
 * netsleuth: the first read of a message by the byte-level engine (Analyzer.addRaw), in C, included by
 * layoutRun.c. It is a line-for-line port of three TypeScript functions and must answer exactly as they do
 * (test/rawEngine.test.ts compares them on every line shape and random edits of them):
 *   escapesOf (decode/rawText.ts)            -> record[6]
 *   rawLambdaLine (lambda/rawLambdaLine.ts)  -> record[7..10], metrics
 *   mayMatterBytes (signatures/matcher.ts)   -> record[11] bit 0 (its trigram bits are copied in by JS)
 * Where the TypeScript would return null (only the decoded text can tell) or take a path this file does
 * not have (a REPORT value parseFloat must read), the kind is LINE_UNKNOWN and the analyser reads the
 * message itself.
 */

#define NO_ESCAPES (-1)
#define OTHER_ESCAPES (-2)

#define LINE_UNKNOWN 0
#define LINE_START 1
#define LINE_END 2
#define LINE_REPORT 3
#define LINE_INIT 4
#define LINE_TIMEOUT 5
#define LINE_APP 6
#define LINE_OTHER 7
#define LINE_SKIP 8     /* a stretch of quiet Lambda lines (see set_skip in layoutRun.c) */
#define LINE_SKIP_ECS 9 /* a stretch of quiet ECS lines (see markStream in layoutRun.c) */

#define FLAG_MAY_MATTER 1
#define FLAG_TIMED_OUT 2
#define FLAG_STREAM_MARKED 4 /* the event's stream is marked (see markStream in layoutRun.c) */

#define ID_SLOTS 256

/* the prefilter's trigrams: bit i set for the 21-bit index of each (TrigramFilter.bits) */
static uint8_t trigramBits[1 << 18];
/* the request id last seen in each slot (see id_slot) */
static uint8_t idBytes[ID_SLOTS * 36];
/* when each slot last took another id, counted over all slots (exact as a double up to 2^53 changes):
   the analyser keeps each slot's text with the stamp it was made at */
static double idStamp[ID_SLOTS];
static double idChanges;

__attribute__((export_name("trigramBits"))) uint8_t *trigram_bits(void) { return trigramBits; }

static int32_t first_backslash(const uint8_t *b, int32_t i, int32_t end) {
  const v128_t slash = wasm_i8x16_splat('\\');
  while (i + 16 <= end) {
    uint32_t m = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(b + i), slash));
    if (m != 0) return i + __builtin_ctz(m);
    i += 16;
  }
  for (; i < end; i++)
    if (b[i] == '\\') return i;
  return -1;
}

static int starts_with(const uint8_t *b, int32_t at, int32_t end, const char *word, int32_t len) {
  if (end - at < len) return 0;
  for (int32_t i = 0; i < len; i++)
    if (b[at + i] != (uint8_t)word[i]) return 0;
  return 1;
}

/* Whether bytes [start, end) hold `platform.`, `requestId` or `log\":` somewhere, in one pass. */
static int names_lambda_or_log(const uint8_t *b, int32_t start, int32_t end) {
  int32_t i = start;
  /* Sixteen places at a time: a place is looked at only when its byte and a later one are a marker's
     first and last (`p` and `.` 8 on, `r` and `d` 8 on, `l` and `:` 5 on). Each block also loads the
     sixteen bytes 8 places on, so the blocks stop 24 bytes before the end; the loop below reads the rest. */
  const v128_t p = wasm_i8x16_splat('p'), dot = wasm_i8x16_splat('.');
  const v128_t r = wasm_i8x16_splat('r'), d = wasm_i8x16_splat('d');
  const v128_t l = wasm_i8x16_splat('l'), colon = wasm_i8x16_splat(':');
  for (; i + 24 <= end; i += 16) {
    const v128_t first = wasm_v128_load(b + i);
    const v128_t fifth = wasm_v128_load(b + i + 5);
    const v128_t eighth = wasm_v128_load(b + i + 8);
    const v128_t maybe = wasm_v128_or(
        wasm_v128_or(wasm_v128_and(wasm_i8x16_eq(first, p), wasm_i8x16_eq(eighth, dot)),
                     wasm_v128_and(wasm_i8x16_eq(first, r), wasm_i8x16_eq(eighth, d))),
        wasm_v128_and(wasm_i8x16_eq(first, l), wasm_i8x16_eq(fifth, colon)));
    for (uint32_t m = wasm_i8x16_bitmask(maybe); m != 0; m &= m - 1) {
      const int32_t at = i + __builtin_ctz(m);
      if (starts_with(b, at, end, "platform.", 9) || starts_with(b, at, end, "requestId", 9) ||
          starts_with(b, at, end, "log\\\":", 6))
        return 1;
    }
  }
  for (; i < end; i++) {
    switch (b[i]) {
    case 'p':
      if (starts_with(b, i, end, "platform.", 9)) return 1;
      break;
    case 'r':
      if (starts_with(b, i, end, "requestId", 9)) return 1;
      break;
    case 'l':
      if (starts_with(b, i, end, "log\\\":", 6)) return 1;
      break;
    default:
      break;
    }
  }
  return 0;
}

static int may_match(const uint8_t *b, int32_t start, int32_t end);


/* Bit i set for each of the 16 bytes at p that is a hexadecimal digit (either case). */
static inline uint32_t hex_bits(const uint8_t *p) {
  const v128_t v = wasm_v128_load(p);
  const v128_t digit = wasm_u8x16_le(wasm_i8x16_sub(v, wasm_i8x16_splat('0')), wasm_i8x16_splat(9));
  const v128_t lower = wasm_v128_or(v, wasm_i8x16_splat(0x20)); /* 'A'-'F' (and only they) become 'a'-'f' */
  const v128_t letter = wasm_u8x16_le(wasm_i8x16_sub(lower, wasm_i8x16_splat('a')), wasm_i8x16_splat(5));
  return wasm_i8x16_bitmask(wasm_v128_or(digit, letter));
}

/* isRequestIdAt: 36 bytes at `at` are 8-4-4-4-12 hexadecimal digits (sixteen bytes checked at a time:
   [0, 16), [16, 32) and [20, 36)) */
static int is_request_id_at(const uint8_t *b, int32_t at, int32_t end) {
  if (end - at < 36) return 0;
  const uint8_t *p = b + at;
  if (p[8] != '-' || p[13] != '-' || p[18] != '-' || p[23] != '-') return 0;
  return (hex_bits(p) | (1u << 8) | (1u << 13)) == 0xffff &&
         (hex_bits(p + 16) | (1u << 2) | (1u << 7)) == 0xffff && (hex_bits(p + 20) | (1u << 3)) == 0xffff;
}

/* The slot of the id at `at` (a hash of its last four bytes), which takes the id if it held another (a
   new stamp: the analyser makes the id's text, from the bytes at `at`, only when the stamp it kept for the
   slot differs). */
static int32_t id_slot(const uint8_t *b, int32_t at) {
  uint32_t last;
  __builtin_memcpy(&last, b + at + 32, 4);
  int32_t slot = (int32_t)((last * 0x9e3779b1u) >> 24);
  uint8_t *kept = idBytes + slot * 36;
  int same = idStamp[slot] != 0;
  for (int32_t i = 0; same && i < 36; i++) same = kept[i] == b[at + i];
  if (!same) {
    for (int32_t i = 0; i < 36; i++) kept[i] = b[at + i];
    idChanges += 1;
    idStamp[slot] = idChanges;
  }
  return slot;
}

/* The slot whose id the 36 bytes at `at` are (an id checked when it took the slot), or -1. */
static int held_id(const uint8_t *b, int32_t at, int32_t end) {
  if (end - at < 36) return -1;
  uint32_t last;
  __builtin_memcpy(&last, b + at + 32, 4);
  int32_t slot = (int32_t)((last * 0x9e3779b1u) >> 24);
  if (idStamp[slot] == 0) return -1;
  const uint8_t *kept = idBytes + slot * 36;
  uint32_t keptLast;
  __builtin_memcpy(&keptLast, kept + 32, 4);
  if (keptLast != last) return -1;
  for (int32_t i = 0; i < 32; i += 8) {
    uint64_t u, v;
    __builtin_memcpy(&u, b + at + i, 8);
    __builtin_memcpy(&v, kept + i, 8);
    if (u != v) return -1;
  }
  return slot;
}

/* requestIdAt: sets the record's id offset, slot and the slot's stamp (m[5]) when the 36 bytes at `at`
   are an id; else the offset -1 */
static int request_id_at(const uint8_t *b, int32_t at, int32_t end, int32_t *r, double *m) {
  int32_t slot = held_id(b, at, end);
  /* most ids were read a few lines before: no need to check their digits again */
  if (slot < 0) {
    if (!is_request_id_at(b, at, end)) {
      r[8] = -1;
      r[9] = 0;
      return 0;
    }
    slot = id_slot(b, at);
  }
  r[8] = at;
  r[9] = slot;
  m[5] = idStamp[slot];
  return 1;
}

static inline int time_byte(uint8_t c) {
  return (c >= '0' && c <= ':') || c == '-' || c == '.' || c == '+' || c == 'T' || c == 'Z';
}

static inline int tab_escape(const uint8_t *b, int32_t at) { return b[at] == '\\' && b[at + 1] == 't'; }

/* nodeLineAt: a Node.js line from its request id at atRaw on; sets the body start after a plain header */
static int32_t node_line_at(const uint8_t *b, int32_t end, int32_t atRaw, int timeHeader, int32_t *r) {
  const int32_t sepRaw = atRaw + 36;
  if (sepRaw >= end) return LINE_APP;
  const uint8_t sep = b[sepRaw];
  if (sep >= 0x80) return LINE_UNKNOWN;
  const int32_t after = sepRaw + (sep == '\\' ? 2 : 1);
  if (starts_with(b, after, end, "Task timed out after ", 21)) return LINE_TIMEOUT;
  if (timeHeader && sep == '\\' && b[sepRaw + 1] == 't') {
    static const char *const levels[6] = {"INFO", "ERROR", "WARN", "DEBUG", "TRACE", "FATAL"};
    static const int32_t lengths[6] = {4, 5, 4, 5, 5, 5};
    for (int32_t k = 0; k < 6; k++) {
      if (starts_with(b, after, end, levels[k], lengths[k]) && tab_escape(b, after + lengths[k])) {
        r[10] = after + lengths[k] + 2;
        break;
      }
    }
  }
  return LINE_APP;
}

/* rawNodeLine: `<ISO>\t<requestId>\tLEVEL\t…` and `<ISO> <requestId> Task timed out after …` */
static int32_t node_line(const uint8_t *b, int32_t start, int32_t end, int32_t *r, double *m) {
  if (b[start + 24] == '\\' && b[start + 25] == 't' && request_id_at(b, start + 26, end, r, m)) {
    int time = 1;
    for (int32_t i = start; i < start + 24; i++) {
      if (!time_byte(b[i])) {
        time = 0;
        break;
      }
    }
    if (time) return node_line_at(b, end, start + 26, 1, r);
  }
  int32_t p = start, chars = 0, sepAt24 = 0, firstGap = -1, firstGapEnd = -1, timeOnly = 1, raw25 = -1;
  while (p < end && chars < 40) {
    const uint8_t c = b[p];
    if (c >= 0x80) return LINE_UNKNOWN;
    int gap;
    if (c == '\\') {
      gap = b[p + 1] == 't';
      p += 2;
    } else {
      gap = c == ' ' || c == '\t';
      p++;
    }
    if (gap) {
      if (chars == 24) sepAt24 = 1;
      if (firstGap == -1) {
        firstGap = chars;
        firstGapEnd = p;
        if (c != '\\') timeOnly = 0;
      }
    } else if (firstGap == -1 && !time_byte(c)) {
      timeOnly = 0;
    }
    chars++;
    if (chars == 25) raw25 = p;
  }
  int32_t atRaw;
  if (sepAt24 && chars > 25) {
    atRaw = raw25;
  } else {
    if (firstGap == -1 || firstGap + 1 >= 40) return LINE_OTHER;
    atRaw = start;
    for (int32_t i = 0; i < firstGap + 1; i++) atRaw += b[atRaw] == '\\' ? 2 : 1;
  }
  if (!request_id_at(b, atRaw, end, r, m)) return LINE_OTHER;
  return node_line_at(b, end, atRaw, timeOnly && firstGapEnd == atRaw, r);
}

/* decimalValue for values of at most 15 digits and one point; 0 where parseFloat must read the text */
static int decimal_value(const uint8_t *b, int32_t start, int32_t end, double *out) {
  static const double powers[16] = {1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  double mantissa = 0;
  int32_t digits = 0, fraction = -1;
  for (int32_t i = start; i < end; i++) {
    const uint8_t c = b[i];
    if (c == '.' && fraction == -1) {
      fraction = 0;
      continue;
    }
    const int32_t d = (int32_t)c - '0';
    if (d < 0 || d > 9) return 0;
    mantissa = mantissa * 10 + d;
    digits++;
    if (fraction != -1) fraction++;
  }
  if (digits == 0 || digits > 15) return 0;
  *out = fraction > 0 ? mantissa / powers[fraction] : mantissa;
  return 1;
}

/* rawReport's field names, in the order of its F_ constants */
static const char *const FIELD_NAMES[6] = {"Duration",        "Billed Duration", "Memory Size",
                                           "Max Memory Used", "Init Duration",   "Status"};
static const int32_t FIELD_LENGTHS[6] = {8, 15, 11, 15, 13, 6};
#define F_STATUS 5

static int32_t field_of(const uint8_t *b, int32_t from, int32_t to) {
  for (int32_t f = 0; f < 6; f++)
    if (FIELD_LENGTHS[f] == to - from && starts_with(b, from, to, FIELD_NAMES[f], FIELD_LENGTHS[f])) return f;
  return -1;
}

/* rawReport: the metrics of a REPORT line from just after its request id; 0 where it answers null */
static int raw_report(const uint8_t *b, int32_t from, int32_t end, double *m, int32_t *flags) {
  for (int32_t k = 0; k < REPORT_METRICS; k++) m[k] = __builtin_nan("");
  int32_t seen = 0, p = from;
  while (p < end) {
    if (b[p] != '\\') return 0;
    const uint8_t e = b[p + 1];
    if (e == 'n') {
      for (int32_t q = p; q < end; q += 2)
        if (b[q] != '\\' || b[q + 1] != 'n') return 0;
      break;
    }
    if (e != 't') return 0;
    p += 2;
    if (p == end) break;
    if (b[p] == '\\') continue;
    const int32_t nameStart = p;
    while (p < end && p - nameStart <= 16) {
      const uint8_t c = b[p];
      if (c == ':') break;
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ')) return 0;
      p++;
    }
    if (b[p] != ':' || b[p + 1] != ' ') return 0;
    const int32_t field = field_of(b, nameStart, p);
    if (field == -1 || (seen & (1 << field)) != 0) return 0;
    seen |= 1 << field;
    p += 2;
    const int32_t valueStart = p;
    if (field == F_STATUS) {
      while (p < end && b[p] >= 'a' && b[p] <= 'z') p++;
      if (starts_with(b, valueStart, p, "timeout", 7)) *flags |= FLAG_TIMED_OUT;
      else *flags &= ~FLAG_TIMED_OUT;
      continue;
    }
    while (p < end && p - valueStart < 24) {
      const uint8_t c = b[p];
      if (!((c >= '0' && c <= '9') || c == '.')) break;
      p++;
    }
    if (p - valueStart >= 24) return 0;
    double value;
    if (!decimal_value(b, valueStart, p, &value)) return 0;
    if (b[p] == ' ') {
      const uint8_t u1 = b[p + 1], u2 = b[p + 2];
      if (!((u1 == 'm' && u2 == 's') || (u1 == 'M' && u2 == 'B'))) return 0;
      p += 3;
    }
    m[field] = value;
  }
  return 1;
}

/* rawLambdaLine */
static int32_t lambda_line(const uint8_t *b, int32_t start, int32_t end, int32_t escapes, int32_t *r, double *m) {
  if (escapes == OTHER_ESCAPES) return LINE_UNKNOWN;
  if (start == end) return LINE_OTHER;
  const uint8_t c0 = b[start];
  if (c0 == 'S' && starts_with(b, start, end, "START RequestId: ", 17)) {
    request_id_at(b, start + 17, end, r, m);
    return LINE_START;
  }
  if (c0 == 'E' && starts_with(b, start, end, "END RequestId: ", 15)) {
    request_id_at(b, start + 15, end, r, m);
    return LINE_END;
  }
  if (c0 == 'R' && starts_with(b, start, end, "REPORT RequestId: ", 18)) {
    const int32_t idStart = start + 18;
    if (!request_id_at(b, idStart, end, r, m)) return LINE_UNKNOWN;
    if (!raw_report(b, idStart + 36, end, m, &r[11])) return LINE_UNKNOWN;
    return LINE_REPORT;
  }
  if (c0 == 'I' && (starts_with(b, start, end, "INIT_START", 10) || starts_with(b, start, end, "INIT_REPORT", 11)))
    return LINE_INIT;
  if (c0 == '[') return LINE_UNKNOWN;
  if (c0 == '{') {
    /* a JSON log line: one that names a Lambda record type, a request id or a FireLens `log` field, or
       that the prefilter lets through, is read by the analyser (addRaw); any other is a plain line */
    if (names_lambda_or_log(b, start, end) || may_match(b, start, end)) return LINE_UNKNOWN;
    return LINE_OTHER;
  }
  if (is_request_id_at(b, start, end) && start + 36 < end) {
    const uint8_t sep = b[start + 36];
    if (sep >= 0x80) return LINE_UNKNOWN;
    const int32_t after = start + (sep == '\\' ? 38 : 37);
    if (starts_with(b, after, end, "Task timed out after ", 21)) {
      request_id_at(b, start, end, r, m);
      return LINE_TIMEOUT;
    }
  }
  if (c0 < '0' || c0 > '9') return LINE_OTHER;
  return node_line(b, start, end, r, m);
}

/* TrigramFilter.mayMatch */
static int may_match(const uint8_t *b, int32_t start, int32_t end) {
  if (end - start < 3) return 0;
  uint32_t h = ((uint32_t)(b[start] & 0x7f) << 7) | (b[start + 1] & 0x7f);
  for (int32_t i = start + 2; i < end; i++) {
    h = ((h << 7) | (b[i] & 0x7f)) & 0x1fffff;
    if (trigramBits[h >> 3] & (1 << (h & 7))) return 1;
  }
  return 0;
}

/* `escapes`: what escapes_of says of [start, end) (message_end found it on its way) */
static void classify_message(const uint8_t *b, int32_t start, int32_t end, int32_t escapes, int32_t *r, double *m) {
  r[8] = -1;
  r[9] = 0;
  r[10] = start;
  r[11] = 0;
  r[6] = escapes;
  const int32_t kind = lambda_line(b, start, end, escapes, r, m);
  r[7] = kind;
  /* only these kinds name a request id (an id read on the way to another answer is not this line's) */
  if (kind != LINE_START && kind != LINE_END && kind != LINE_REPORT && kind != LINE_TIMEOUT && kind != LINE_APP) {
    r[8] = -1;
    r[9] = 0;
  }
  /* (a JSON line answered LINE_OTHER only when the prefilter let nothing through: no second pass) */
  if (kind == LINE_APP || (kind == LINE_OTHER && !(start < end && b[start] == '{'))) {
    if (may_match(b, kind == LINE_APP ? r[10] : start, end)) r[11] |= FLAG_MAY_MATTER;
  }
}
