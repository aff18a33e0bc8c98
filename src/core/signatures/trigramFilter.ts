/**
 * The prefilter on raw bytes: a set of three-byte sequences such that every text the prefilter regex
 * matches contains one of them. A message without any is answered "cannot matter" with one pass over its
 * bytes and no string made; a message with one goes on to the regex, so the filter only needs to be sound
 * (never say no to a text the regex matches), not exact.
 *
 * The set is derived from the regex source itself, so it cannot drift from it: the source is expanded into
 * every string it can match (the prefilters are alternations of words with character classes, optional
 * parts and `\d`, all finite), and each string contributes its rarest trigram. A construct the expander does
 * not know (a repetition, an anchor, a lookaround) is refused when the module loads.
 *
 * Deriving the set is start-up work for every thread (expanding a few thousand strings, and compiling the
 * functions that do it): a filter whose set was derived at build time takes it as `trigrams` instead, and a
 * test derives it again and compares (scripts/build-trigrams.mjs writes it).
 */

/** The most expansions a source may have: the prefilters have a few hundred. */
const MAX_EXPANSIONS = 50_000;

type Parsed = { strings: string[]; next: number };

/** Every string the regex `source` can match, for the subset the prefilters use; throws on anything else. */
export function expandRegex(source: string): string[] {
  const { strings, next } = alternation(source, 0);
  if (next !== source.length) throw new SyntaxError(`unexpected ${source[next]} at ${next} of the prefilter`);
  return strings;
}

function alternation(src: string, at: number): Parsed {
  const out: string[] = [];
  let p = at;
  for (;;) {
    const seq = sequence(src, p);
    for (const s of seq.strings) out.push(s);
    if (out.length > MAX_EXPANSIONS) throw new RangeError('the prefilter has too many expansions');
    p = seq.next;
    if (src[p] !== '|') return { strings: out, next: p };
    p++;
  }
}

function sequence(src: string, at: number): Parsed {
  let acc = [''];
  let p = at;
  while (p < src.length && src[p] !== '|' && src[p] !== ')') {
    const atom = atomAt(src, p);
    let options = atom.strings;
    p = atom.next;
    if (src[p] === '?') {
      options = ['', ...options];
      p++;
    }
    if (p < src.length && '*+{'.includes(src[p] as string)) {
      throw new SyntaxError(`repetition at ${p} of the prefilter: its matches are not finite`);
    }
    const joined: string[] = [];
    for (const a of acc) for (const o of options) joined.push(a + o);
    if (joined.length > MAX_EXPANSIONS) throw new RangeError('the prefilter has too many expansions');
    acc = joined;
  }
  return { strings: acc, next: p };
}

const DIGITS = [...'0123456789'];

function atomAt(src: string, p: number): Parsed {
  const c = src[p] as string;
  if (c === '(') {
    if (src.startsWith('(?:', p)) {
      const inner = alternation(src, p + 3);
      if (src[inner.next] !== ')') throw new SyntaxError(`unclosed group at ${p} of the prefilter`);
      return { strings: inner.strings, next: inner.next + 1 };
    }
    throw new SyntaxError(`capturing group or lookaround at ${p} of the prefilter`);
  }
  if (c === '[') {
    const chars: string[] = [];
    let q = p + 1;
    if (src[q] === '^') throw new SyntaxError(`negated class at ${p} of the prefilter`);
    while (q < src.length && src[q] !== ']') {
      if (src[q] === '\\' || src[q + 1] === '-') {
        throw new SyntaxError(`escape or range in a class at ${q} of the prefilter`);
      }
      chars.push(src[q] as string);
      q++;
    }
    if (q >= src.length) throw new SyntaxError(`unclosed class at ${p} of the prefilter`);
    return { strings: chars, next: q + 1 };
  }
  if (c === '\\') {
    const e = src[p + 1];
    if (e === 'd') return { strings: DIGITS, next: p + 2 };
    if (e !== undefined && /[.[\]()|?*+{}\\^$/'" :-]/.test(e)) return { strings: [e], next: p + 2 };
    throw new SyntaxError(`escape \\${e} at ${p} of the prefilter`);
  }
  if ('^$.*+?{}'.includes(c)) throw new SyntaxError(`${c} at ${p} of the prefilter`);
  return { strings: [c], next: p + 1 };
}

// How common a character is in log text (rough English letter frequencies, in percent): a trigram of rare
// characters lets fewer ordinary lines through to the regex.
const LETTER_FREQUENCY = 'etaoinshrdlcumwfgypbvkjxqz';
function frequency(ch: string): number {
  const lower = ch.toLowerCase();
  const rank = LETTER_FREQUENCY.indexOf(lower);
  if (rank !== -1) {
    const f = 13 / (1 + rank * 0.5);
    return ch === lower ? f : f / 8; // upper case letters are rarer
  }
  if (ch === ' ') return 15;
  if (ch >= '0' && ch <= '9') return 3;
  return 1;
}

// Words of ordinary log lines that report nothing: a trigram found in them would send such lines to the
// regex for nothing.
const ORDINARY_TEXT =
  'the and for with from that this have are was not request response status user users service server ' +
  'client time timestamp times name names namespace level info debug warn message processed processing ' +
  'process order orders completed complete started start stopped health check GET POST PUT DELETE ' +
  'HTTP/1.1 200 OK ms duration latency account customer product session cache hit miss query record ' +
  'records update updated create created deleted id version config configuration content type ' +
  'application json text html body header headers route path url method remote address handler ' +
  'controller event events queue job worker task tasks total count size bytes memory used available ' +
  'listening ready received sent payload item items batch result results success successful warning ' +
  'returned return value values key keys table found loaded loading saved store storage metrics report ' +
  'set settings offset asset get scan local locale call column color would should change language range ' +
  'empty first did dashboard to run no more done second seconds instance balance published hostname host ' +
  'onlookupall';

// request ids, trace ids and hashes are full of these
const HEX_ONLY = /^[0-9a-f]{3}$/;

const ORDINARY_LOWER = ORDINARY_TEXT.toLowerCase();

/** How often a trigram comes in ORDINARY_TEXT, either case. */
function ordinaryCount(t: string): number {
  const lower = t.toLowerCase();
  let n = 0;
  for (let at = ORDINARY_LOWER.indexOf(lower); at !== -1; at = ORDINARY_LOWER.indexOf(lower, at + 1)) n++;
  return n;
}

/** How common a trigram is in log text (lower is rarer). */
function commonness(t: string): number {
  return (
    (1 + 50 * ordinaryCount(t)) *
    (HEX_ONLY.test(t) ? 8 : 1) *
    frequency(t[0] as string) *
    frequency(t[1] as string) *
    frequency(t[2] as string)
  );
}

function rarestTrigram(s: string, scores: Map<string, number>): string {
  let best = '';
  let bestScore = Infinity;
  for (let i = 0; i + 3 <= s.length; i++) {
    const t = s.slice(i, i + 3);
    // the expansions share most of their trigrams: each is scored once
    let score = scores.get(t);
    if (score === undefined) {
      score = commonness(t);
      scores.set(t, score);
    }
    if (score < bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

/** Index of a trigram in the bit set: seven bits per byte (a byte over 0x7f aliases, which only lets more through). */
function trigramIndex(a: number, b: number, c: number): number {
  return ((a & 0x7f) << 14) | ((b & 0x7f) << 7) | (c & 0x7f);
}

/** The rarest trigram of each string the regex `source` can match. */
function chooseTrigrams(source: string): Set<string> {
  const chosen = new Set<string>();
  const scores = new Map<string, number>();
  for (const s of expandRegex(source)) {
    if (s.length < 3) throw new RangeError(`the prefilter matches "${s}", shorter than a trigram`);
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) > 0x7f) throw new RangeError(`the prefilter word "${s}" is not ASCII`);
    }
    chosen.add(rarestTrigram(s, scores));
  }
  return chosen;
}

/**
 * A sound byte-level prefilter for the regex `source`: `mayMatch(bytes, start, end)` is true whenever the
 * regex matches the Latin-1 text of bytes[start, end).
 */
export class TrigramFilter {
  /** The trigrams chosen, for tests and for the record. */
  readonly trigrams: ReadonlySet<string>;
  private readonly bits = new Uint8Array(1 << 18);

  /** `trigrams`: the set derived from `source` before (at build time); without it, derived now. */
  constructor(
    readonly source: string,
    trigrams?: readonly string[],
  ) {
    const chosen = trigrams ? new Set(trigrams) : chooseTrigrams(source);
    for (const t of chosen) {
      if (t.length !== 3 || (t.charCodeAt(0) | t.charCodeAt(1) | t.charCodeAt(2)) > 0x7f)
        throw new RangeError(`"${t}" is no ASCII trigram`);
      const i = trigramIndex(t.charCodeAt(0), t.charCodeAt(1), t.charCodeAt(2));
      this.bits[i >>> 3] = (this.bits[i >>> 3] as number) | (1 << (i & 7));
    }
    this.trigrams = chosen;
  }

  /** The chosen trigrams as bits (index: the three bytes' low seven bits each), for copies of mayMatch. */
  get bitSet(): Uint8Array {
    return this.bits;
  }

  mayMatch(bytes: Uint8Array, start: number, end: number): boolean {
    if (end - start < 3) return false;
    const bits = this.bits;
    let h = (((bytes[start] as number) & 0x7f) << 7) | ((bytes[start + 1] as number) & 0x7f);
    for (let i = start + 2; i < end; i++) {
      h = ((h << 7) | ((bytes[i] as number) & 0x7f)) & 0x1fffff;
      if (((bits[h >>> 3] as number) & (1 << (h & 7))) !== 0) return true;
    }
    return false;
  }
}
