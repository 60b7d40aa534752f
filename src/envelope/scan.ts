/**
 * The hot path: a hand-written, single-pass scanner from message text to the envelope AST.
 * It follows the language of grammar/cfxps.ohm (docs/architecture.md), never throws, never
 * backtracks, and keeps every character so that serialization is byte-exact even for the inputs
 * it reports. Line ends and braces are found with `indexOf` (native, and 1.5× faster than a
 * `charCodeAt` loop on this workload); cached "next CR / next brace" pointers keep every search
 * linear on adversarial input.
 */
import type {
  ApplicationHeader,
  ApplicationHeaderInput,
  BasicHeader,
  Block,
  EmbeddedField,
  Envelope,
  Field,
  RawBlock,
  TagBlock,
  TagEntry,
  TextBlock,
} from './ast.js';
import { describeAt, type Reporter } from '../diagnostics/reporter.js';
import type { AcceptingList, CompiledEnvelopeTables, Lanes } from './check.js';

const CR = 13;
const LF = 10;
const LBRACE = 123;
const RBRACE = 125;
const COLON = 58;
const DASH = 45;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isUpperAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
const isAlnum = (c: number): boolean => isUpperAlnum(c) || (c >= 97 && c <= 122);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === CR || c === LF;

/** Scans one message. Syntax findings go to `reporter`; the AST keeps every character. */
export function scanEnvelope(text: string, reporter: Reporter): Envelope {
  return new Scanner(text, reporter, undefined).scan();
}

/**
 * @internal The scanner itself, for `parseEnvelope`: given the envelope tables, it reads a
 * `{tag:value}` block that matches its list's acceptance expression in one step, and `checked`
 * then tells `checkEnvelope` which blocks need no entry checks.
 */
export class Scanner {
  /** Bit i: block i was matched by its acceptance expression (blocks 0–30). */
  checked = 0;
  /**
   * True when the message was read by both lanes (blocks 1–3 at the start, 7 and 5 at the end)
   * with only block 4 and maybe block 6 between them, and the tables accept that order: then
   * `checkEnvelope` has nothing to report.
   */
  standard = false;
  /** Index in `blocks` of the block being read. */
  private index = 0;
  private readonly n: number;
  // Cached positions of the next CR / `{` / `}` at or after some point (-1: none left).
  private nextCr = -2;
  private nextOpen = -2;
  private nextClose = -2;
  private nextLf = -2;
  /** Within the current text block: the first brace in its body, or `n` when there is none. */
  private braceBefore = 0;

  constructor(
    private readonly text: string,
    private readonly r: Reporter,
    private readonly tables: CompiledEnvelopeTables | undefined,
  ) {
    this.n = text.length;
  }

  scan(): Envelope {
    const { text, n, r } = this;
    // No message at all (S001) is the envelope checks' finding, as for the reference parser.
    if (n === 0 || allSpace(text, 0, n)) return { blocks: [], leading: '', trailing: text };
    const blocks: Block[] = [];
    const lanes = this.tables?.lanes;
    let pos = 0;
    let leading = '';
    let tailAt = -1;
    let headEnd = 0;
    if (lanes !== undefined && text.charCodeAt(0) === LBRACE) {
      pos = headEnd = this.headLane(lanes, blocks);
    } else if (text.charCodeAt(0) !== LBRACE) {
      const next = text.indexOf('{');
      const stop = next === -1 ? n : next;
      leading = text.slice(0, stop);
      r.report(next === -1 ? 'S030' : 'S002', 0, stop, undefined, { found: describeAt(text, 0) });
      pos = stop;
    }
    let before: string | undefined;
    let trailing = '';
    while (pos < n) {
      if (text.charCodeAt(pos) === LBRACE) {
        if (lanes !== undefined && before === undefined && text.charCodeAt(pos + 2) === COLON) {
          const c = text.charCodeAt(pos + 1);
          const end = c === 55 /* 7 */ || c === 53 /* 5 */ ? this.tailLane(lanes, pos, blocks) : -1;
          if (end !== -1) {
            tailAt = pos;
            // Only line breaks or spaces follow (a separator before the next message).
            if (end < n) trailing = text.slice(end);
            pos = n;
            break;
          }
        }
        this.index = blocks.length;
        const block = this.block(pos, before);
        blocks.push(block);
        pos = block.end;
        before = undefined;
        continue;
      }
      const next = text.indexOf('{', pos);
      if (next === -1) {
        trailing = text.slice(pos);
        let bad = pos;
        while (bad < n && isSpace(text.charCodeAt(bad))) bad++;
        if (bad < n) r.report('S030', bad, n - bad, undefined, { found: describeAt(text, bad) });
        break;
      }
      before = text.slice(pos, next);
      r.report('S002', pos, next - pos, undefined, { found: describeAt(text, pos) });
      pos = next;
    }
    if (lanes !== undefined && lanes.standard && headEnd > 0 && tailAt !== -1) this.standard = standardMiddle(blocks, tailAt);
    return { blocks, leading, trailing };
  }

  /**
   * The head lane: blocks 1, 2 and 3 matched by one expression from the start (their shapes,
   * and block 3's acceptance expression). Returns where block 4 starts, or 0 (then the blocks
   * are read one by one).
   */
  private headLane(lanes: Lanes, blocks: Block[]): number {
    const text = this.text;
    const head = lanes.head;
    head.lastIndex = 0;
    if (!head.test(text)) return 0;
    const close3 = head.lastIndex - 1;
    // {1: + 25 characters + }; block 2's content holds no brace.
    const end2 = text.indexOf('}', 32);
    this.index = 2;
    const user = this.acceptedTagBlock(end2 + 1, '3', 'userHeader', end2 + 4, close3, lanes.user, undefined);
    if (user === undefined) return 0;
    // The expression holds no line break: all three are on line 1.
    blocks.push(this.basicHeaderAt(0, 3, 28, 1, 1), this.applicationHeaderAt(29, 32, end2, 1, 30), user);
    return close3 + 1;
  }

  /**
   * The tail lane at `start` (a `{7:` or `{5:`): an optional block 7 and block 5, each matched
   * by its acceptance expression, then nothing but spaces and line breaks to the end of the text.
   * Returns where block 5 ends, or -1 when the lane does not apply.
   */
  private tailLane(lanes: Lanes, start: number, blocks: Block[]): number {
    const text = this.text;
    const tail = lanes.tail;
    tail.lastIndex = start;
    if (!tail.test(text)) return -1;
    const checked = this.checked;
    let trailerAt = start;
    let signature: Block | undefined;
    if (text.charCodeAt(start + 1) === 55 /* 7 */ && lanes.signature !== undefined) {
      this.index = blocks.length;
      signature = this.acceptedTagBlock(start, '7', 'signature', start + 3, -1, lanes.signature, undefined);
      if (signature === undefined) return -1;
      trailerAt = signature.end;
    }
    this.index = blocks.length + (signature === undefined ? 0 : 1);
    const trailer = this.acceptedTagBlock(trailerAt, '5', 'trailer', trailerAt + 3, -1, lanes.trailer, undefined);
    if (trailer === undefined) {
      this.checked = checked;
      return -1;
    }
    if (signature !== undefined) blocks.push(signature);
    blocks.push(trailer);
    return trailer.end;
  }

  /** A block starting at `start` (a `{`). */
  private block(start: number, before: string | undefined): Block {
    const { text, n } = this;
    let p = start + 1;
    while (p < n && p - start <= 3 && isAlnum(text.charCodeAt(p))) p++;
    if (p === start + 1 || p >= n || text.charCodeAt(p) !== COLON) {
      this.r.report('S003', start, 1);
      return this.rawBlock(start, '', start + 1, before);
    }
    const contentStart = p + 1;
    // Known ids are one digit: dispatch on the character code, not on a fresh string.
    if (p === start + 2) {
      switch (text.charCodeAt(start + 1)) {
        case 49: // 1
          return this.basicHeader(start, contentStart, before);
        case 50: // 2
          return this.applicationHeader(start, contentStart, before);
        case 51: // 3
          return this.tagBlock(start, '3', 'userHeader', contentStart, before);
        case 53: // 5
          return this.tagBlock(start, '5', 'trailer', contentStart, before);
        case 55: // 7
          return this.tagBlock(start, '7', 'signature', contentStart, before);
        case 52: // 4
          return this.textBlock(start, '4', 'text', contentStart, before);
        case 54: // 6
          return this.textBlock(start, '6', 'additionalText', contentStart, before);
      }
    }
    return this.rawBlock(start, text.slice(start + 1, p), contentStart, before);
  }

  // Line and column of the last `locate` call (fields, not a returned object: no allocation).
  private ln = 1;
  private col = 1;

  private locate(offset: number): void {
    this.ln = this.r.lines.line(offset);
    this.col = offset - this.r.lines.lineStart + 1;
  }

  /**
   * A block kept as raw text: content runs to the `}` that balances the block's `{`, or to the
   * end of input (reported, `unterminated`).
   */
  private rawBlock(start: number, id: string, contentStart: number, before: string | undefined): RawBlock {
    const { text, n } = this;
    let depth = 0;
    let i = contentStart;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        if (depth === 0) break;
        depth--;
      }
    }
    if (i >= n) {
      this.r.report('S004', start, n - start, { block: id }, { block: id });
      return this.raw(start, id, contentStart, n, true, before);
    }
    return this.raw(start, id, contentStart, i, false, before);
  }

  private raw(
    start: number,
    id: string,
    contentStart: number,
    contentEnd: number,
    unterminated: boolean,
    before: string | undefined,
  ): RawBlock {
    this.locate(start);
    const block: { -readonly [K in keyof RawBlock]: RawBlock[K] } = {
      kind: 'raw',
      id,
      offset: start,
      line: this.ln,
      column: this.col,
      end: unterminated ? contentEnd : contentEnd + 1,
      content: this.text.slice(contentStart, contentEnd),
    };
    if (unterminated) block.unterminated = true;
    if (before !== undefined) block.before = before;
    return block;
  }

  /**
   * End of a header block's content (blocks 1 and 2 hold no braces): the first `{` or `}`.
   * Returns the index, and whether it is the block's own `}`.
   */
  private headerEnd(contentStart: number): number {
    const text = this.text;
    let end = text.indexOf('}', contentStart);
    if (end === -1) end = this.n;
    if (this.nextOpen !== -1 && this.nextOpen < contentStart) this.nextOpen = text.indexOf('{', contentStart);
    return this.nextOpen !== -1 && this.nextOpen < end ? this.nextOpen : end;
  }

  /** Reports a header block whose content does not fit, and keeps it raw. */
  private badHeader(
    start: number,
    id: string,
    contentStart: number,
    end: number,
    code: 'S010' | 'S011',
    problemAt: number,
    detail: string,
    detailZh: string,
    before: string | undefined,
  ): RawBlock {
    const { text, n } = this;
    const terminated = end < n && text.charCodeAt(end) === RBRACE;
    if (!terminated) {
      this.r.report('S004', start, end - start, { block: id }, { block: id });
      return this.raw(start, id, contentStart, end, true, before);
    }
    this.r.report(code, problemAt, Math.max(1, end - problemAt), { block: id }, { detail, detailZh });
    return this.raw(start, id, contentStart, end, false, before);
  }

  private basicHeader(start: number, cs: number, before: string | undefined): Block {
    const text = this.text;
    let end = cs + BASIC_SHAPE.length;
    BASIC_RE.lastIndex = cs;
    if (!BASIC_RE.test(text)) {
      end = this.headerEnd(cs);
      const bad = checkShape(text, cs, end, BASIC_SHAPE, BASIC_MASKS);
      if (bad !== -1 || text.charCodeAt(end) !== RBRACE) {
        const { at, en, zh } = explainShape(cs, end, bad, BASIC_SHAPE, BASIC_PARTS);
        return this.badHeader(start, '1', cs, end, 'S010', at, en, zh, before);
      }
    }
    this.locate(start);
    return withBefore(this.basicHeaderAt(start, cs, end, this.ln, this.col), before);
  }

  /** Block 1 whose content [cs, end) fits its shape. */
  private basicHeaderAt(start: number, cs: number, end: number, line: number, column: number): BasicHeader {
    const text = this.text;
    return {
      kind: 'basicHeader',
      id: '1',
      offset: start,
      line,
      column,
      end: end + 1,
      applicationId: text.slice(cs, cs + 1),
      serviceId: text.slice(cs + 1, cs + 3),
      ltAddress: text.slice(cs + 3, cs + 15),
      session: text.slice(cs + 15, cs + 19),
      sequence: text.slice(cs + 19, cs + 25),
    };
  }

  private applicationHeader(start: number, cs: number, before: string | undefined): Block {
    const text = this.text;
    const direction = text.charCodeAt(cs);
    let end: number;
    const fast = direction === 73 /* I */ ? INPUT_RE : OUTPUT_RE;
    fast.lastIndex = cs;
    if (fast.test(text)) end = fast.lastIndex - 1;
    else {
      end = this.headerEnd(cs);
      const problem = this.badApplicationHeader(start, cs, end, direction, before);
      if (problem !== undefined) return problem;
    }
    this.locate(start);
    return withBefore(this.applicationHeaderAt(start, cs, end, this.ln, this.col), before);
  }

  /** Block 2 whose content [cs, end) fits the input or the output form. */
  private applicationHeaderAt(start: number, cs: number, end: number, line: number, column: number): ApplicationHeader {
    const text = this.text;
    const len = end - cs;
    let block: ApplicationHeader;
    if (text.charCodeAt(cs) === 73 /* I */) {
      const header: { -readonly [K in keyof ApplicationHeaderInput]: ApplicationHeaderInput[K] } = {
        kind: 'applicationHeader',
        id: '2',
        offset: start,
        line,
        column,
        end: end + 1,
        direction: 'I',
        mt: text.slice(cs + 1, cs + 4),
        receiverAddress: text.slice(cs + 4, cs + 16),
        priority: text.slice(cs + 16, cs + 17),
      };
      if (len >= 18) header.deliveryMonitoring = text.slice(cs + 17, cs + 18);
      if (len === 21) header.obsolescencePeriod = text.slice(cs + 18, cs + 21);
      block = header;
    } else {
      block = {
        kind: 'applicationHeader',
        id: '2',
        offset: start,
        line,
        column,
        end: end + 1,
        direction: 'O',
        mt: text.slice(cs + 1, cs + 4),
        inputTime: text.slice(cs + 4, cs + 8),
        mir: text.slice(cs + 8, cs + 36),
        mirDate: text.slice(cs + 8, cs + 14),
        mirAddress: text.slice(cs + 14, cs + 26),
        mirSession: text.slice(cs + 26, cs + 30),
        mirSequence: text.slice(cs + 30, cs + 36),
        outputDate: text.slice(cs + 36, cs + 42),
        outputTime: text.slice(cs + 42, cs + 46),
        priority: text.slice(cs + 46, cs + 47),
      };
    }
    return block;
  }

  /** The general path of block 2: reports why its content does not fit (a raw block), else undefined. */
  private badApplicationHeader(start: number, cs: number, end: number, direction: number, before: string | undefined): RawBlock | undefined {
    const text = this.text;
    const len = end - cs;
    let shape: string;
    let masks: Uint8Array;
    let parts: readonly Part[];
    if (direction === 73 /* I */) {
      if (len <= 17) {
        shape = INPUT_SHAPE;
        masks = INPUT_MASKS;
      } else if (len <= 18) {
        shape = INPUT_SHAPE_DM;
        masks = INPUT_MASKS_DM;
      } else {
        shape = INPUT_SHAPE_OBS;
        masks = INPUT_MASKS_OBS;
      }
      parts = INPUT_PARTS_OBS;
    } else if (direction === 79 /* O */) {
      shape = OUTPUT_SHAPE;
      masks = OUTPUT_MASKS;
      parts = OUTPUT_PARTS;
    } else {
      return this.badHeader(start, '2', cs, end, 'S011', cs, 'it must start with I or O', '应以I或O开头', before);
    }
    const bad = checkShape(text, cs, end, shape, masks);
    if (bad !== -1 || text.charCodeAt(end) !== RBRACE) {
      const { at, en, zh } = explainShape(cs, end, bad, shape, parts);
      const form = direction === 73 ? 'the input form has 17, 18 or 21 characters' : 'the output form has 47 characters';
      const formZh = direction === 73 ? '输入格式应为17、18或21位' : '输出格式应为47位';
      return this.badHeader(start, '2', cs, end, 'S011', at, `${en} (${form})`, `${zh}（${formZh}）`, before);
    }
    return undefined;
  }

  /** Blocks 3, 5, 7: `{tag:value}` sub-blocks. */
  private tagBlock(
    start: number,
    id: string,
    kind: TagBlock['kind'],
    cs: number,
    before: string | undefined,
  ): Block {
    const { text, n } = this;
    const list = this.tables?.byCode[id.charCodeAt(0)]?.tags;
    const accept = list?.accept;
    if (accept !== undefined) {
      const re = accept.expression;
      re.lastIndex = cs;
      if (re.test(text)) {
        const block = this.acceptedTagBlock(start, id, kind, cs, re.lastIndex - 1, list as AcceptingList, before);
        if (block !== undefined) return block;
      }
    }
    const entries: TagEntry[] = [];
    // A well-formed tag block holds no line break, so all its entries are on the block's line.
    this.locate(start);
    const line = this.ln;
    const lineStart = start - this.col + 1;
    let p = cs;
    let problem = -1;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === RBRACE) break;
      if (c !== LBRACE) {
        problem = p;
        break;
      }
      let q = p + 4;
      let tag = tag3At(text, p);
      if (tag === undefined) {
        q = p + 1;
        while (q < n && isAlnum(text.charCodeAt(q))) q++;
        if (q === p + 1 || q >= n || text.charCodeAt(q) !== COLON) {
          problem = q < n ? q : p;
          break;
        }
        tag = text.slice(p + 1, q);
      }
      const valueStart = q + 1;
      const v = this.valueEnd(valueStart);
      if (v >= n || text.charCodeAt(v) !== RBRACE) {
        problem = v < n ? v : p;
        break;
      }
      entries.push({ tag, value: text.slice(valueStart, v), offset: p, line, column: p - lineStart + 1 });
      p = v + 1;
    }
    if (problem !== -1 || p >= n) {
      if (p >= n && problem === -1) {
        // Input ended inside the block.
        this.r.report('S004', start, n - start, { block: id }, { block: id });
        return this.raw(start, id, cs, n, true, before);
      }
      const raw = this.rawBlock(start, id, cs, before);
      if (raw.unterminated !== true) this.r.report('S012', problem, 1, { block: id }, { block: id });
      return raw;
    }
    const block: TagBlock = { kind, id, offset: start, line, column: start - lineStart + 1, end: p + 1, entries };
    return withBefore(block, before);
  }

  /**
   * A tag block its acceptance expression matched from `cs` to its `}` at `close` (-1: not
   * known, the `}` after the last entry): every entry is `{TAG:value}` with a tag of the list
   * (in order) and a value without braces or line breaks, so each entry's `:` and `}` are the
   * next ones. Undefined when a value is longer than its tag's limit (then the general walk and
   * the checks read the block).
   */
  private acceptedTagBlock(
    start: number,
    id: string,
    kind: TagBlock['kind'],
    cs: number,
    close: number,
    list: AcceptingList,
    before: string | undefined,
  ): Block | undefined {
    const text = this.text;
    const defs = list.defs;
    const maxLengths = list.accept.maxLengths;
    const entries: TagEntry[] = [];
    this.locate(start);
    const line = this.ln;
    const lineStart = start - this.col + 1;
    let p = cs;
    let k = 0;
    while (close === -1 ? text.charCodeAt(p) === LBRACE : p < close) {
      let colon = p + 4;
      let tag = tag3At(text, p);
      if (tag === undefined) {
        colon = text.indexOf(':', p + 2);
        tag = text.slice(p + 1, colon);
      }
      const v = text.indexOf('}', colon + 1);
      // The entries are the list's tags in order (the expression matched): find this one's limit.
      while (k < defs.length && defs[k]!.tag !== tag) k++;
      if (k === defs.length || v - colon - 1 > maxLengths[k]!) return undefined;
      entries.push({ tag, value: text.slice(colon + 1, v), offset: p, line, column: p - lineStart + 1 });
      p = v + 1;
    }
    if (this.index < 31) this.checked |= 1 << this.index;
    const end = close === -1 ? p + 1 : close + 1;
    const block: TagBlock = { kind, id, offset: start, line, column: start - lineStart + 1, end, entries };
    return withBefore(block, before);
  }

  /**
   * End of a `{tag:value}` value starting at `from`: the first `}`, `{`, CR or LF. Uses native
   * `indexOf` with cached positions so long values (signatures) cost no per-character JS.
   */
  private valueEnd(from: number): number {
    const text = this.text;
    let end = text.indexOf('}', from);
    if (end === -1) end = this.n;
    if (this.nextOpen !== -1 && this.nextOpen < from) this.nextOpen = text.indexOf('{', from);
    if (this.nextOpen !== -1 && this.nextOpen < end) end = this.nextOpen;
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = text.indexOf('\r', from);
    if (this.nextCr !== -1 && this.nextCr < end) end = this.nextCr;
    if (this.nextLf !== -1 && this.nextLf < from) this.nextLf = text.indexOf('\n', from);
    if (this.nextLf !== -1 && this.nextLf < end) end = this.nextLf;
    return end;
  }

  /** Blocks 4 and 6: CRLF, `:TAG:value` fields, `-}`. */
  private textBlock(
    start: number,
    id: string,
    kind: TextBlock['kind'],
    cs: number,
    before: string | undefined,
  ): Block {
    const { text, n, r } = this;
    const ctx = { block: id };
    const mark = r.diagnostics.length;
    // One look for braces from here on; lines are checked for them only up to the first one.
    if (this.nextOpen !== -1 && this.nextOpen < cs) this.nextOpen = text.indexOf('{', cs);
    if (this.nextClose !== -1 && this.nextClose < cs) this.nextClose = text.indexOf('}', cs);
    const o = this.nextOpen === -1 ? n : this.nextOpen;
    const c = this.nextClose === -1 ? n : this.nextClose;
    this.braceBefore = o < c ? o : c;

    this.locate(start);
    const startLine = this.ln;
    const startColumn = this.col;
    let line = startLine;
    let lineStart = this.r.lines.lineStart;

    // Leading line break.
    let p = cs;
    let leadingEnd: number;
    const c0 = text.charCodeAt(p);
    if (c0 === CR && text.charCodeAt(p + 1) === LF) leadingEnd = p + 2;
    else if (c0 === LF) {
      r.report('S024', p, 1, ctx, { found: 'LF' });
      leadingEnd = p + 1;
    } else {
      r.report('S020', p, 1, ctx, { block: id });
      leadingEnd = c0 === COLON ? p : text.indexOf('\n', p) + 1;
      if (leadingEnd === 0) return this.unendedTextBlock(start, id, cs, before, mark);
      if (leadingEnd > p) this.checkLine(p, leadingEnd - 1, id, undefined, undefined);
    }
    if (leadingEnd > p && text.charCodeAt(leadingEnd - 1) === LF) {
      line++;
      lineStart = leadingEnd;
    }
    p = leadingEnd;

    const fields: Field[] = [];
    const is4 = id === '4';
    // The field being read: its start, tag and value start; -1 when none yet.
    let fStart = -1;
    let fTag = '';
    let fValue = -1;
    let fLine = 0;
    let fColumn = 0;
    let reportedStray = false;
    // Whether the last line read ended in CRLF (its content not empty of the CR).
    let crlf = true;

    // The body ends at the first line that starts with "-}" (grammar: the first CRLF "-}").
    let bodyEnd = -1;
    // Each character is read once (`charCodeAt` on a string of either width is the dominant cost
    // of a JS loop here), and the line break of a clean line is known without reading it again.
    for (;;) {
      const c0 = text.charCodeAt(p);
      if (c0 === DASH && text.charCodeAt(p + 1) === RBRACE && p > cs) {
        bodyEnd = p;
        break;
      }
      const le = text.indexOf('\n', p);
      if (le === -1) return this.unendedTextBlock(start, id, cs, before, mark);
      let tagEnd = -1;
      let tag = '';
      if (c0 === COLON) {
        // Fast path: `:NN:` or `:NNA:`; anything else is read generally and reported.
        const c1 = text.charCodeAt(p + 1);
        const c2 = text.charCodeAt(p + 2);
        const c3 = text.charCodeAt(p + 3);
        if (c1 < 128 && c2 < 128 && (CLASS[c1]! & CLASS[c2]!) !== 0) {
          if (c3 === COLON) {
            tagEnd = p + 3;
            tag = tagOf(text, p + 1, c1, c2, -1);
          } else if (c3 < 128 && CLASS[c3]! !== 0 && text.charCodeAt(p + 4) === COLON) {
            tagEnd = p + 4;
            tag = tagOf(text, p + 1, c1, c2, c3);
          }
        }
        if (tagEnd === -1) {
          tagEnd = p + 1;
          while (tagEnd < le && text.charCodeAt(tagEnd) !== COLON && text.charCodeAt(tagEnd) !== CR) tagEnd++;
          if (tagEnd >= le || text.charCodeAt(tagEnd) !== COLON) tagEnd = -1;
          if (tagEnd !== -1 && isTextTag(text, p + 1, tagEnd)) tag = internTag(text, p + 1, tagEnd);
          else {
            r.report('S022', p, 1, ctx);
            if (tagEnd !== -1) tag = text.slice(p + 1, tagEnd);
          }
        }
      }
      if (tagEnd !== -1) {
        if (fStart !== -1) fields.push(this.field(fStart, fTag, fValue, p, crlf, fLine, fColumn));
        fStart = p;
        fTag = tag;
        fValue = tagEnd + 1;
        fLine = line;
        fColumn = p - lineStart + 1;
        if (is4 && fTag === '77E') {
          const endNl = text.indexOf('\n-}', fValue - 1);
          if (endNl === -1) return this.unendedTextBlock(start, id, cs, before, mark);
          bodyEnd = endNl + 1;
          fields.push(this.field77E(p, fValue, bodyEnd, line, fColumn));
          fStart = -1;
          line = this.ln;
          lineStart = bodyEnd;
          break;
        }
        crlf = this.lineIsClean(fValue, le) || this.lineChecked(fValue, le, id, fTag);
      } else if (fStart === -1) {
        // A line before the first field: kept in `leading`.
        if (!reportedStray) {
          r.report('S023', p, Math.max(1, le - p), ctx, { block: id });
          reportedStray = true;
        }
        this.checkLine(p, le, id, undefined, undefined);
      } else {
        crlf = this.lineIsClean(p, le) || this.lineChecked(p, le, id, fTag);
      }
      p = le + 1;
      line++;
      lineStart = p;
    }
    if (fStart !== -1) fields.push(this.field(fStart, fTag, fValue, bodyEnd, crlf, fLine, fColumn));
    this.r.lines.sync(line, lineStart);

    const block: TextBlock = {
      kind,
      id,
      offset: start,
      line: startLine,
      column: startColumn,
      end: bodyEnd + 2,
      leading: fields.length > 0 ? text.slice(cs, fields[0]!.offset) : text.slice(cs, bodyEnd),
      fields,
      trailing: '-',
    };
    return withBefore(block, before);
  }

  /**
   * A field whose last line break ends just before `next` (the next field or the block's `-`);
   * `crlf`: that break is CRLF.
   */
  private field(start: number, tag: string, valueStart: number, next: number, crlf: boolean, line: number, column: number): Field {
    const valueEnd = crlf ? next - 2 : next - 1;
    return {
      tag,
      value: this.text.slice(valueStart, valueEnd),
      eol: crlf ? '\r\n' : '\n',
      offset: start,
      line,
      column,
    };
  }

  /** 77E: everything up to the block's closing line break, read as embedded fields. */
  private field77E(
    start: number,
    valueStart: number,
    bodyEnd: number,
    line: number,
    column: number,
  ): Field {
    const { text, r } = this;
    const ctx = { block: '4', tag: '77E' };
    const firstEnd = text.indexOf('\n', valueStart);
    const firstContentEnd = this.crBeforeLf(valueStart, firstEnd) ? firstEnd - 1 : firstEnd;
    if (firstContentEnd > valueStart) r.report('S026', valueStart, firstContentEnd - valueStart, ctx);
    this.checkLine(valueStart, firstEnd, '4', '77E', undefined);

    const embedded: EmbeddedField[] = [];
    let eStart = -1;
    let eTag = '';
    let eValue = -1;
    let eLine = 0;
    let ln = line + 1;
    let p = firstEnd + 1;
    while (p < bodyEnd) {
      const le = text.indexOf('\n', p);
      let isTag = false;
      if (text.charCodeAt(p) === COLON) {
        if (
          le - p >= 5 &&
          isUpperAlnum(text.charCodeAt(p + 1)) &&
          isUpperAlnum(text.charCodeAt(p + 2)) &&
          isUpperAlnum(text.charCodeAt(p + 3)) &&
          text.charCodeAt(p + 4) === COLON
        ) {
          isTag = true;
        } else {
          r.report('S027', p, 1, ctx);
        }
      } else if (eStart === -1) {
        r.report('S027', p, Math.max(1, le - p), ctx);
      }
      if (isTag) {
        if (eStart !== -1) embedded.push(this.embeddedField(eStart, eTag, eValue, p, eLine));
        eStart = p;
        eTag = internTag(text, p + 1, p + 4);
        eValue = p + 5;
        eLine = ln;
        if (!this.lineIsClean(eValue, le)) this.checkLine(eValue, le, '4', '77E', eTag);
      } else if (!this.lineIsClean(p, le)) {
        this.checkLine(p, le, '4', '77E', eStart === -1 ? undefined : eTag);
      }
      p = le + 1;
      ln++;
    }
    // The caller continues after 77E on this line.
    this.ln = ln;
    if (eStart !== -1) embedded.push(this.embeddedField(eStart, eTag, eValue, bodyEnd, eLine));
    // One literal, not a spread of `field()`'s object: spreading costs as much as the rest of 77E.
    const crlf = this.crBeforeLf(valueStart, bodyEnd - 1);
    return {
      tag: '77E',
      value: text.slice(valueStart, crlf ? bodyEnd - 2 : bodyEnd - 1),
      eol: crlf ? '\r\n' : '\n',
      offset: start,
      line,
      column,
      embedded,
    };
  }

  private embeddedField(start: number, tag: string, valueStart: number, next: number, line: number): EmbeddedField {
    const crlf = this.crBeforeLf(valueStart, next - 1);
    return {
      tag,
      value: this.text.slice(valueStart, crlf ? next - 2 : next - 1),
      offset: start,
      line,
      column: 1,
    };
  }

  /**
   * The common case of `checkLine`, decided without a call: the line [from, lf) ends in CRLF and
   * holds no other CR and no brace. Then nothing needs reporting.
   */
  private lineIsClean(from: number, lf: number): boolean {
    const cr = lf - 1;
    if (cr < from || this.braceBefore < cr || this.text.charCodeAt(cr) !== CR) return false;
    let next = this.nextCr;
    if (next !== -1 && next < from) next = this.nextCr = this.text.indexOf('\r', from);
    return next === cr;
  }

  /** `checkLine` for a line `lineIsClean` rejected; returns whether the line ends in CRLF. */
  private lineChecked(from: number, lf: number, block: string, tag: string): boolean {
    this.checkLine(from, lf, block, tag, undefined);
    return this.crBeforeLf(from, lf);
  }

  /** Whether the LF at `lf` is preceded by a CR that belongs to the text starting at `from`. */
  private crBeforeLf(from: number, lf: number): boolean {
    return lf - 1 >= from && this.text.charCodeAt(lf - 1) === CR;
  }

  /**
   * Checks the content of one line [from, lf) of block 4/6 (lf = index of its LF): the break is
   * CRLF, no bare CR inside, no braces.
   */
  private checkLine(from: number, lf: number, block: string, tag: string | undefined, embeddedTag: string | undefined): void {
    const text = this.text;
    const contentEnd = this.crBeforeLf(from, lf) ? lf - 1 : lf;
    if (contentEnd === lf) this.r.report('S024', lf, 1, { block, tag, embeddedTag }, { found: 'LF' });
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = text.indexOf('\r', from);
    if (this.nextCr !== -1 && this.nextCr < contentEnd) this.lineProblems(from, contentEnd, block, tag, embeddedTag);
    else if (this.braceBefore < contentEnd) this.lineProblems(from, contentEnd, block, tag, embeddedTag);
  }

  /** Reports bare CRs and braces in [from, to) (the rare path of `checkLine`). */
  private lineProblems(from: number, to: number, block: string, tag: string | undefined, embeddedTag: string | undefined): void {
    const { text, r } = this;
    const ctx = { block, tag, embeddedTag };
    while (this.nextCr !== -1 && this.nextCr < to) {
      r.report('S024', this.nextCr, 1, ctx, { found: 'CR' });
      this.nextCr = text.indexOf('\r', this.nextCr + 1);
    }
    if (this.nextOpen !== -1 && this.nextOpen < from) this.nextOpen = text.indexOf('{', from);
    while (this.nextOpen !== -1 && this.nextOpen < to) {
      r.report('S025', this.nextOpen, 1, ctx, { found: '{' });
      this.nextOpen = text.indexOf('{', this.nextOpen + 1);
    }
    if (this.nextClose !== -1 && this.nextClose < from) this.nextClose = text.indexOf('}', from);
    while (this.nextClose !== -1 && this.nextClose < to) {
      r.report('S025', this.nextClose, 1, ctx, { found: '}' });
      this.nextClose = text.indexOf('}', this.nextClose + 1);
    }
  }

  /**
   * A text block with no `CRLF-}`: it ends at its first `}` (kept raw, reported) or, when a new
   * block starts or the input ends first, it is unterminated.
   */
  private unendedTextBlock(start: number, id: string, cs: number, before: string | undefined, mark: number): RawBlock {
    const { text, n } = this;
    // Findings of the line-by-line read no longer apply; cached positions may be past `cs`.
    this.r.diagnostics.length = mark;
    this.nextCr = this.nextOpen = this.nextClose = this.nextLf = -2;
    let i = cs;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === RBRACE || c === LBRACE) break;
      i++;
    }
    if (i < n && text.charCodeAt(i) === RBRACE) {
      this.r.report('S021', i, 1, { block: id }, { block: id });
      return this.raw(start, id, cs, i, false, before);
    }
    this.r.report('S004', start, i - start, { block: id }, { block: id });
    return this.raw(start, id, cs, i, true, before);
  }
}

/** Between the lanes (blocks 0–2 and from `tailAt`): block 4 and maybe block 6, nothing else. */
function standardMiddle(blocks: readonly Block[], tailAt: number): boolean {
  let k = 3;
  if (blocks.length < 5 || blocks[k]!.kind !== 'text' || hasBefore(blocks[k]!)) return false;
  k++;
  if (blocks[k]!.kind === 'additionalText' && !hasBefore(blocks[k]!)) k++;
  return blocks[k]!.offset === tailAt;
}

function hasBefore(block: Block): boolean {
  return block.before !== undefined;
}

/**
 * @internal The scanner's lanes for a list of acceptance expressions (`compileEnvelopeTables`):
 * `head` matches blocks 1, 2 and 3 from the start of the text, `tail` an optional block 7 and
 * block 5 up to its end. Linear: the header shapes are fixed, and each acceptance expression is.
 */
export function laneExpressions(accept3: RegExp, accept7: RegExp | undefined, accept5: RegExp): { head: RegExp; tail: RegExp } {
  const head = `\\{1:${BASIC_RE.source}\\{2:(?:${INPUT_RE.source}|${OUTPUT_RE.source})\\{3:${accept3.source}`;
  const seven = accept7 === undefined ? '' : `(?:\\{7:${accept7.source})?`;
  // The scanner's trailing text: only spaces and line breaks (`isSpace`) are not a finding.
  return { head: sticky(head), tail: sticky(`${seven}\\{5:${accept5.source}[ \\t\\r\\n]*$`) };
}

/**
 * @internal The one place the envelope makes a regular expression from data (header shapes,
 * the tables' acceptance expressions, the lanes): sticky, and each one is checked for linear
 * time as built (test/testing-hardening.test.ts).
 */
export function sticky(source: string): RegExp {
  return new RegExp(source, 'y');
}

/** A block-4/6 field tag: 2 or 3 of [0-9A-Z]. */
function isTextTag(text: string, from: number, to: number): boolean {
  const len = to - from;
  if (len < 2 || len > 3) return false;
  for (let i = from; i < to; i++) if (!isUpperAlnum(text.charCodeAt(i))) return false;
  return true;
}

/** Position of [0-9A-Z] in the tag-string table (0–35); 255 for any other character. */
const TAG_CHAR = new Uint8Array(128).fill(255);
for (let c = 48; c <= 57; c++) TAG_CHAR[c] = c - 48;
for (let c = 65; c <= 90; c++) TAG_CHAR[c] = c - 55;

/**
 * One string per distinct 2- or 3-character tag, made on first sight: a field's tag then costs
 * no allocation, and later lookups by tag (maps, comparisons) hash a string whose hash is cached.
 */
const TAG_STRINGS: (string | undefined)[] = new Array<string | undefined>(36 * 36 * 37);

/**
 * The tag of a `{TAG:` entry at `p` when it is 3 characters of [0-9A-Z] (all of the standard's),
 * each read once; undefined for any other (the caller reads it generally).
 */
function tag3At(text: string, p: number): string | undefined {
  const c1 = text.charCodeAt(p + 1);
  const c2 = text.charCodeAt(p + 2);
  const c3 = text.charCodeAt(p + 3);
  if (text.charCodeAt(p + 4) !== COLON || !isUpperAlnum(c1) || !isUpperAlnum(c2) || !isUpperAlnum(c3)) return undefined;
  return tagOf(text, p + 1, c1, c2, c3);
}

/** The tag text[from, to): 2 or 3 characters of [0-9A-Z] (checked by the caller). */
function internTag(text: string, from: number, to: number): string {
  return tagOf(text, from, text.charCodeAt(from), text.charCodeAt(from + 1), to - from === 3 ? text.charCodeAt(from + 2) : -1);
}

/** `internTag` for a caller that has read the characters: `c3` is -1 for a 2-character tag. */
function tagOf(text: string, from: number, c1: number, c2: number, c3: number): string {
  const k = (TAG_CHAR[c1]! * 36 + TAG_CHAR[c2]!) * 37 + (c3 === -1 ? 0 : TAG_CHAR[c3]! + 1);
  let tag = TAG_STRINGS[k];
  if (tag === undefined) TAG_STRINGS[k] = tag = internalized(text.slice(from, c3 === -1 ? from + 2 : from + 3));
  return tag;
}

/**
 * The engine's one copy of `s` (the string a literal `'32A'` in the tables is): a property key
 * comes back from `Object.keys` internalized, so comparing a field's tag with a plan's tag is
 * one pointer comparison instead of a character comparison.
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

function allSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

// --- fixed-width header parts --------------------------------------------------------------
//
// A header's form is a shape string, one character per position: `A` a letter A-Z, `9` a digit,
// `C` a letter A-Z or a digit, anything else that literal character. Checking is one monomorphic
// loop; the named parts below only serve to explain a mismatch.

function withBefore<T extends Block>(block: T, before: string | undefined): T {
  if (before !== undefined) (block as { before?: string }).before = before;
  return block;
}

/** Character classes of ASCII: bit 1 digit, bit 2 letter A-Z. */
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = 1;
for (let c = 65; c <= 90; c++) CLASS[c] = 2;

/** A shape as per-position class masks (0: a literal, compared to the shape character). */
function shapeMasks(shape: string): Uint8Array {
  const masks = new Uint8Array(shape.length);
  for (let i = 0; i < shape.length; i++) {
    const k = shape.charAt(i);
    masks[i] = k === '9' ? 1 : k === 'A' ? 2 : k === 'C' ? 3 : 0;
  }
  return masks;
}

/** Index of the first position in [from, to) that breaks `shape`, or -1 when the content fits it exactly. */
function checkShape(text: string, from: number, to: number, shape: string, masks: Uint8Array): number {
  const len = masks.length;
  let i = 0;
  for (; i < len && from + i < to; i++) {
    const c = text.charCodeAt(from + i);
    const m = masks[i]!;
    if (m === 0 ? c !== shape.charCodeAt(i) : c >= 128 || (CLASS[c]! & m) === 0) return from + i;
  }
  return to - from === len ? -1 : from + i;
}

interface Part {
  readonly length: number;
  readonly en: string;
  readonly zh: string;
}

const part = (length: number, en: string, zh: string): Part => ({ length, en, zh });
const LETTER = (en: string, zh: string): Part => part(1, `${en} must be a letter A-Z`, `${zh}应为字母A-Z`);
const DIGITS = (length: number, en: string, zh: string): Part =>
  part(length, `${en} must be ${length} digits`, `${zh}应为${length}位数字`);
const ADDRESS = (en: string, zh: string): Part =>
  part(12, `${en} must be 12 letters A-Z or digits`, `${zh}应为12位大写字母或数字`);

const BASIC_SHAPE = `A99${'C'.repeat(12)}${'9'.repeat(10)}`;
const BASIC_MASKS = shapeMasks(BASIC_SHAPE);
const BASIC_PARTS: readonly Part[] = [
  LETTER('the application id', '应用标识'),
  DIGITS(2, 'the service id', '服务标识'),
  ADDRESS('the LT address', 'LT地址'),
  DIGITS(4, 'the session number', '会话号'),
  DIGITS(6, 'the sequence number', '序号'),
];
const INPUT_SHAPE = `I999${'C'.repeat(12)}A`;
const INPUT_SHAPE_DM = `${INPUT_SHAPE}9`;
const INPUT_SHAPE_OBS = `${INPUT_SHAPE_DM}999`;
const INPUT_MASKS = shapeMasks(INPUT_SHAPE);
const INPUT_MASKS_DM = shapeMasks(INPUT_SHAPE_DM);
const INPUT_MASKS_OBS = shapeMasks(INPUT_SHAPE_OBS);
const INPUT_PARTS_OBS: readonly Part[] = [
  part(1, 'the direction must be I', '方向应为I'),
  DIGITS(3, 'the message type', '报文类型'),
  ADDRESS("the receiver's LT address", '接收方LT地址'),
  LETTER('the priority', '优先级'),
  DIGITS(1, 'the delivery monitoring', '传送监控'),
  DIGITS(3, 'the obsolescence period', '过期时间'),
];
const OUTPUT_SHAPE = `O${'9'.repeat(13)}${'C'.repeat(12)}${'9'.repeat(20)}A`;
const OUTPUT_MASKS = shapeMasks(OUTPUT_SHAPE);
/**
 * The fast path of a header check: one sticky regular expression per form, the shape's exact
 * characters followed by the block's `}` (fixed lengths, so matching is linear). Only when it
 * fails does the scanner look for the block's end and explain the mismatch with the shape masks.
 */
function shapeRegExp(...shapes: string[]): RegExp {
  const alternatives = shapes.map((shape) => {
    let src = '';
    for (const k of shape) src += k === '9' ? '[0-9]' : k === 'A' ? '[A-Z]' : k === 'C' ? '[0-9A-Z]' : k;
    return src;
  });
  return sticky(`(?:${alternatives.join('|')})\\}`);
}
const BASIC_RE = shapeRegExp(BASIC_SHAPE);
const INPUT_RE = shapeRegExp(INPUT_SHAPE, INPUT_SHAPE_DM, INPUT_SHAPE_OBS);
const OUTPUT_RE = shapeRegExp(OUTPUT_SHAPE);

/** @internal The header fast-path expressions (built at load, so tests check them for linear time). */
export const HEADER_REGEXPS: readonly RegExp[] = [BASIC_RE, INPUT_RE, OUTPUT_RE];

const OUTPUT_PARTS: readonly Part[] = [
  part(1, 'the direction must be O', '方向应为O'),
  DIGITS(3, 'the message type', '报文类型'),
  DIGITS(4, 'the input time', '输入时间'),
  DIGITS(6, 'the MIR date', 'MIR日期'),
  ADDRESS('the MIR LT address', 'MIR LT地址'),
  DIGITS(4, 'the MIR session', 'MIR会话号'),
  DIGITS(6, 'the MIR sequence', 'MIR序号'),
  DIGITS(6, 'the output date', '输出日期'),
  DIGITS(4, 'the output time', '输出时间'),
  LETTER('the priority', '优先级'),
];

/** Says which part a shape mismatch at `bad` falls in (or that the length is wrong). */
function explainShape(
  from: number,
  to: number,
  bad: number,
  shape: string,
  parts: readonly Part[],
): { at: number; en: string; zh: string } {
  const len = to - from;
  const index = bad - from;
  if (bad !== -1 && index < shape.length && index < len) {
    let sum = 0;
    for (const p of parts) {
      sum += p.length;
      if (index < sum) return { at: bad, en: p.en, zh: p.zh };
    }
  }
  return {
    at: from + Math.min(len, shape.length),
    en: `${len} characters where ${shape.length} are expected`,
    zh: `实际为${len}位，应为${shape.length}位`,
  };
}
