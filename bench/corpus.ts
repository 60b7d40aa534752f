/**
 * Deterministic corpus of realistic-looking CFXPS messages for benchmarks and tests.
 *
 * `makeCorpus(count, seed)` returns `count` message strings (always the same for the same
 * arguments): MT103 (FMT100–104), MT202 (FMT200–202) and MT198 (FMT010/FMT012/FMT060) shapes with
 * blocks 1–5, 40% of them with Chinese text (block 6 of an MT103, or a `g` remark inside 77E / a
 * narrative 72 of an MT202), about half with a signature block 7. Every message is 300–1,500 bytes
 * once encoded as GB18030, and uses CRLF line breaks.
 *
 * The Chinese text deliberately includes characters whose second GB18030 byte is an ASCII
 * structural character: 倉 (0x82 0x7D `}`), 倇/憑 (… 0x7B `{`), 東 (0x96 0x7C `|`), 淺 (… 0x5C `\`),
 * 園 (0x88 0x40 `@`), and, rarely, four-byte characters (㵘 U+3D58 in the BMP, 𠮷 U+20BB7 outside it).
 *
 * No imports from `src/`: the generator only builds strings (and iconv-lite encodes them), so
 * any benchmark can reuse it.
 */

import iconv from 'iconv-lite';

/** mulberry32: small, fast, deterministic 32-bit PRNG (also used by the fuzz scripts). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

function rng(seed: number): Rng {
  const next = prng(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p) => next() < p,
  };
}

const CN_BANKS = [
  'BKCHCNBJ', 'ICBKCNBJ', 'PCBCCNBJ', 'ABOCCNBJ', 'COMMCNSH', 'CMBCCNBS', 'CIBKCNBJ', 'SPDBCNSH',
  'EVERCNBJ', 'MSBCCNBJ', 'HXBKCNBJ', 'GDBKCN22', 'SZDBCNBS', 'FJIBCNBA', 'BOSHCNSH',
] as const;
const FOREIGN_BANKS = ['CHASUS33', 'CITIUS33', 'HSBCHKHH', 'DEUTDEFF', 'BOTKJPJT', 'BARCGB22', 'UBSWCHZH', 'NATAAU33'] as const;
const BRANCHES = ['XXX', 'XXX', 'XXX', 'BJG', 'SHA', '100', '200'] as const;
const CURRENCIES = ['USD', 'USD', 'USD', 'HKD', 'EUR', 'JPY', 'GBP', 'AUD', 'CAD', 'CHF'] as const;
const NAMES = [
  'ZHANG SAN', 'LI SI', 'WANG WU', 'CHEN XIAOMING', 'LIU YANG', 'ZHAO LEI', 'HUANG MEI',
  'BEIJING HUAXIA TRADING CO LTD', 'SHANGHAI ORIENT SHIPPING CO LTD', 'SHENZHEN TECH IMPORT AND EXPORT CO',
  'GUANGZHOU PEARL RIVER LOGISTICS', 'ACME INTERNATIONAL LIMITED', 'GLOBAL PARTS GMBH',
] as const;
const ADDRESSES = [
  'NO 1 JIANGUOMENWAI AVENUE', 'CHAOYANG DISTRICT BEIJING', 'PUDONG NEW AREA SHANGHAI',
  '88 CENTURY AVENUE', 'NANSHAN DISTRICT SHENZHEN', 'TIANHE DISTRICT GUANGZHOU', '1 QUEENS ROAD CENTRAL HK',
  'ROOM 1201 TOWER B', 'HAIDIAN DISTRICT BEIJING',
] as const;
const REMITTANCE = [
  'INVOICE 2024-0315', 'PAYMENT FOR GOODS', 'CONTRACT NO. HT20240088', 'SERVICE FEE Q1',
  'FREIGHT CHARGES', 'ROYALTY 2023', 'CAPITAL INJECTION', 'LOAN REPAYMENT', 'TUITION FEE',
] as const;

const ZH_PERSONS = ['张三', '李四', '王五', '陈晓明', '刘洋', '赵磊', '黄梅', '王䶮', '陈㵘', '東方憑', '周倇'] as const;
const ZH_COMPANIES = [
  '北京华夏贸易有限公司', '上海东方航运有限公司', '深圳科技进出口有限公司', '广州珠江物流倉儲有限公司',
  '東方倉庫管理有限公司', '𠮷野家餐饮管理有限公司', '中外运淺水港务有限公司', '天津園區开发有限公司',
] as const;
const ZH_ADDRESSES = [
  '北京市朝阳区建国门外大街1号', '上海市浦东新区世纪大道88号', '深圳市南山区科技园南区',
  '广州市天河区珠江新城倉庫路3号', '天津市滨海新区東疆港園區', '北京市海淀区中关村大街27号',
  '香港中環皇后大道中1號', '杭州市西湖区文三路憑證大厦',
] as const;
const ZH_REMARKS = [
  '货款', '支付第一季度服务费', '合同号HT20240088项下货款', '运费及倉儲费', '退还多收款项',
  '東方倉庫租金', '学费', '憑證已寄出，请查收', '資本金注入',
] as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function lt(r: Rng, bic8: string): string {
  return bic8 + r.pick(['A', 'A', 'B', 'X']) + r.pick(BRANCHES);
}

function bic(r: Rng, foreign = false): string {
  const b = foreign ? r.pick(FOREIGN_BANKS) : r.pick(CN_BANKS);
  return r.chance(0.5) ? b : b + r.pick(BRANCHES);
}

function date8(r: Rng): string {
  return `2024${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}`;
}

function amount(r: Rng, ccy: string): string {
  const whole = String(r.int(1, 9_999_999));
  if (ccy === 'JPY') return `${whole},`;
  return `${whole},${pad(r.int(0, 99), 2)}`;
}

function ref(r: Rng, d: string): string {
  return d + pad(r.int(0, 99_999_999), 8);
}

function hex(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[r.int(0, 15)];
  return s;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += B64[r.int(0, 63)];
  return `${s}==`;
}

function gbBytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    // Every BMP character used here is a two-byte GBK character, except 㵘 (four bytes).
    n += cp < 0x80 ? 1 : cp > 0xffff || cp === 0x3d58 ? 4 : 2;
  }
  return n;
}

function header(r: Rng, mt: string, fmt: string, extra3 = ''): string {
  const sender = lt(r, r.pick(CN_BANKS));
  const receiver = lt(r, r.pick(CN_BANKS));
  const prio = r.chance(0.3) ? 'U' : 'N';
  const b1 = `{1:F01${sender}${pad(r.int(0, 9999), 4)}${pad(r.int(0, 999_999), 6)}}`;
  const b2 = `{2:I${mt}${receiver}${prio}}`;
  const mur = r.chance(0.4) ? `{108:MUR${pad(r.int(0, 99_999_999), 8)}}` : '';
  const b3 = `{3:{119:FMT${fmt}}${mur}${extra3}}`;
  return b1 + b2 + b3;
}

function trailer(r: Rng, withSignature: boolean): string {
  const b7 = withSignature ? `{7:{DSN:${hex(r, 32)}}{SIG:${base64(r, r.chance(0.25) ? 94 : 342)}}}` : '';
  const pde = r.chance(0.05) ? '{PDE:}' : '';
  return `${b7}{5:{CHK:${hex(r, 12)}}${pde}}`;
}

function field(tag: string, value: string): string {
  return `:${tag}:${value}\r\n`;
}

/** Free-text lines of at most 35 characters for fields 70/72 (X character set). */
const FREE_LINES = [
  '/ACC/PLEASE CREDIT BENEFICIARY', '/INS/PAYMENT UNDER CONTRACT', '//HT20240088 DATED 20240105',
  '/REC/SETTLEMENT OF INVOICES', '//NO. 2024-0315 AND 2024-0316', '/BNF/GOODS SHIPPED 20240301',
  '//BY SEA FROM SHANGHAI TO HAMBURG', '/PHON/BENEFICIARY BEFORE PAYMENT', '/INT/VALUE TODAY',
] as const;

/** A field 72 of `lines` lines (at most 6), or '' for 0 lines. */
function narrative(r: Rng, lines: number): string {
  if (lines <= 0) return '';
  const out: string[] = [];
  for (let i = 0; i < Math.min(lines, 6); i++) out.push(r.pick(FREE_LINES));
  return field('72', out.join('\r\n'));
}

/**
 * `msg` holds one NUL where field 72 goes: put `forced` there, or a 72 of as many lines as bring
 * the message near `target` bytes (none if it is already there).
 */
function fill72(r: Rng, msg: string, target: number, forced: string): string {
  const at = msg.indexOf('\u0000');
  const head = msg.slice(0, at);
  const tail = msg.slice(at + 1);
  if (forced !== '') return head + forced + tail;
  const size = gbBytes(head) + gbBytes(tail);
  return head + narrative(r, Math.ceil((target - size) / 32)) + tail;
}

function mt103(r: Rng, chinese: boolean, target: number): string {
  const fmt = r.pick(['100', '100', '100', '101', '102', '103', '104']);
  const d = date8(r);
  const ccy = r.pick(CURRENCIES);
  const foreign = fmt === '101' || fmt === '104';
  let b4 = '{4:\r\n';
  b4 += field('20', ref(r, d));
  if (fmt === '103' || fmt === '104') b4 += field('21', ref(r, d));
  b4 += field('23B', 'CRED');
  b4 += field('26T', fmt === '103' ? '009' : r.pick(['001', '002', '003', '006']));
  b4 += field('32A', `${d}${ccy}${amount(r, ccy)}`);
  if (r.chance(0.2)) {
    const ccy2 = r.pick(CURRENCIES);
    b4 += field('33B', `${ccy2}${amount(r, ccy2)}`);
    if (ccy2 !== ccy) b4 += field('36', `${r.int(1, 9)},${pad(r.int(0, 9999), 4)}`);
  }
  const party = (): string =>
    `/${pad(r.int(0, 999_999_999), 9)}${pad(r.int(0, 999_999), 6)}\r\n${r.pick(NAMES)}\r\n${r.pick(ADDRESSES)}` +
    (r.chance(0.7) ? `\r\n${r.pick(ADDRESSES)}` : '');
  b4 += field('50K', party());
  b4 += field('52A', bic(r));
  if (r.chance(0.2)) b4 += field('56A', bic(r, foreign));
  b4 += field('57A', bic(r, foreign));
  b4 += field('59', party());
  if (r.chance(0.6)) {
    const lines: string[] = [];
    for (let i = r.int(1, 4); i > 0; i--) lines.push(r.pick(REMITTANCE));
    b4 += field('70', lines.join('\r\n'));
  }
  const charges = r.pick(['SHA', 'SHA', 'OUR', 'BEN']);
  b4 += field('71A', charges);
  if (charges === 'OUR' && r.chance(0.5)) b4 += field('71G', `${ccy}${amount(r, ccy)}`);
  b4 += '\u0000';
  b4 += field('77B', `/${r.pick(['01', '02', '03', '06'])}/`);
  b4 += '-}';
  let b6 = '';
  if (chinese) {
    b6 = '{6:\r\n';
    b6 += field('ONM', r.chance(0.5) ? r.pick(ZH_PERSONS) : r.pick(ZH_COMPANIES));
    if (r.chance(0.6)) b6 += field('OAD', r.pick(ZH_ADDRESSES));
    b6 += field('BNM', r.chance(0.5) ? r.pick(ZH_PERSONS) : r.pick(ZH_COMPANIES));
    if (r.chance(0.6)) b6 += field('BAD', `${r.pick(ZH_ADDRESSES)}${r.chance(0.3) ? `\r\n${r.pick(ZH_ADDRESSES)}` : ''}`);
    if (r.chance(0.6)) b6 += field('CRI', `${r.pick(ZH_REMARKS)}${r.chance(0.3) ? `\r\n${r.pick(ZH_REMARKS)}` : ''}`);
    b6 += '-}';
  }
  const signed = fmt !== '104' || r.chance(0.3);
  const msg = header(r, '103', fmt) + b4 + b6 + trailer(r, signed && r.chance(0.8));
  return fill72(r, msg, target, fmt === '103' ? field('72', '/RETN/ACCOUNT CLOSED') : '');
}

function mt202(r: Rng, chinese: boolean, target: number): string {
  const fmt = r.pick(['200', '200', '201', '202']);
  const d = date8(r);
  const ccy = r.pick(CURRENCIES);
  let b4 = '{4:\r\n';
  b4 += field('20', ref(r, d));
  b4 += field('21', r.chance(0.3) ? 'NONREF' : ref(r, d));
  if (r.chance(0.5)) b4 += field('26T', '007');
  b4 += field('32A', `${d}${ccy}${amount(r, ccy)}`);
  b4 += field('52A', bic(r, fmt === '202'));
  if (r.chance(0.3)) b4 += field('53A', bic(r, fmt === '202'));
  if (r.chance(0.2)) b4 += field('54A', bic(r, fmt === '202'));
  if (r.chance(0.2)) b4 += field('56A', bic(r, fmt === '201'));
  if (r.chance(0.6)) b4 += field('57A', bic(r, fmt === '201'));
  b4 += field('58A', bic(r, fmt === '201'));
  b4 += '\u0000-}';
  const msg = header(r, '202', fmt) + b4 + trailer(r, r.chance(0.8));
  // Chinese text in an MT202: a `/REC/` narrative naming the counterparty in Chinese.
  const zh = chinese ? field('72', `/REC/${r.pick(ZH_REMARKS)}\r\n//${r.pick(ZH_COMPANIES)}`) : '';
  return fill72(r, msg, target, zh);
}

function mt198(r: Rng, chinese: boolean, target: number): string {
  const fmt = r.pick(['010', '011', '012', '060']);
  const d = date8(r);
  const rmk = chinese ? r.pick(ZH_REMARKS) + r.pick(['', '，', '：']) + r.pick(ZH_PERSONS) : r.pick(REMITTANCE);
  let body = '';
  if (fmt === '010') {
    const ccy = r.pick(CURRENCIES);
    body += field('OSN', ref(r, d));
    body += field('OFM', r.pick(['100', '101', '200']));
    body += field('ODT', d);
    body += field('RCB', bic(r));
    body += field('CAM', `${ccy}${amount(r, ccy)}`);
    body += field('PST', r.pick(['01', '02', '07']));
    body += field('STD', d);
    body += field('STT', `${pad(r.int(0, 23), 2)}${pad(r.int(0, 59), 2)}${pad(r.int(0, 59), 2)}`);
    if (chinese || r.chance(0.3)) body += field('RMK', rmk);
  } else if (fmt === '011') {
    const ccy = r.pick(CURRENCIES);
    // The repeating group (about 75 bytes a repetition) is sized towards the target.
    const cnt = Math.max(1, Math.min(14, Math.round((target - 330) / 75)));
    body += field('WDT', d);
    body += field('RND', pad(r.int(1, 5), 2));
    body += field('CCY', ccy);
    body += field('CNT', pad(cnt, 8));
    for (let i = 0; i < cnt; i++) {
      body += field('PTC', bic(r));
      body += field('ACC', pad(r.int(0, 999_999_999), 12));
      body += field('DCM', r.chance(0.5) ? 'D' : 'C');
      body += field('AMT', amount(r, ccy));
    }
    body += field('TDA', amount(r, ccy));
    body += field('TCA', amount(r, ccy));
    if (chinese) body += field('RMK', rmk);
  } else if (fmt === '012') {
    body += field('ORF', ref(r, d));
    body += field('WDT', d);
    body += field('RND', pad(r.int(1, 5), 2));
    body += field('CCY', r.pick(CURRENCIES));
    body += field('RSP', r.pick(['A', 'A', 'R']));
    if (chinese || r.chance(0.3)) body += field('RMK', rmk);
  } else {
    body += field('WDT', d);
    body += field('OSS', pad(r.int(1, 6), 2));
    body += field('SST', pad(r.int(1, 6), 2));
    body += field('PTM', `${d}${pad(r.int(0, 23), 2)}${pad(r.int(0, 59), 2)}00`);
    if (chinese || r.chance(0.3)) body += field('RMK', rmk);
  }
  const b4 = `{4:\r\n${field('20', ref(r, d))}${field('12', fmt)}:77E:\r\n${body}-}`;
  return header(r, '198', fmt) + b4 + trailer(r, r.chance(0.5));
}

/** Pads a too-short message before the end of block 4: a field 72 line, or an RMK inside 77E. */
function padTo(msg: string, min: number, r: Rng): string {
  let m = msg;
  while (gbBytes(m) < min) {
    const at = m.indexOf('\r\n-}') + 2;
    const add = m.includes(':77E:') ? field('RMK', r.pick(REMITTANCE)) : field('72', r.pick(FREE_LINES));
    m = m.slice(0, at) + add + m.slice(at);
  }
  return m;
}

/**
 * `count` realistic CFXPS messages (strings), the same for the same `(count, seed)`. Each is
 * 300–1,500 bytes in GB18030 (sizes spread evenly, about 900 on average), and (chosen by the seeded
 * PRNG) 40% of them carry Chinese text.
 */
export function makeCorpus(count: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const chinese = r.next() < 0.4;
    const kind = r.next();
    const target = r.int(300, 1500);
    let msg = '';
    for (let attempt = 0; ; attempt++) {
      msg = kind < 0.5 ? mt103(r, chinese, target) : kind < 0.8 ? mt202(r, chinese, target) : mt198(r, chinese, target);
      if (gbBytes(msg) <= 1500 || attempt > 20) break;
    }
    out.push(padTo(msg, 300, r));
  }
  return out;
}

/** GB18030 byte length of a corpus string (exact for the characters the corpus uses). */
export function corpusByteLength(message: string): number {
  return gbBytes(message);
}

/**
 * The envelope bench's corpus (`makeCorpus(count, 20261123)`) as its GB18030 bytes and as flat
 * texts decoded from them. The generator builds its texts by concatenation; a caller's strings
 * come from a decoder or a file read and are flat, so the string methods measure parsing, not
 * V8's handling of concatenated strings.
 */
export function envelopeCorpus(count: number): { bytes: Uint8Array[]; texts: string[] } {
  const decoder = new TextDecoder('gb18030');
  const bytes = makeCorpus(count, 20261123).map((t) => new Uint8Array(iconv.encode(t, 'gb18030')));
  return { bytes, texts: bytes.map((b) => decoder.decode(b)) };
}

/** The floor of the envelope bench: every `"\r\n:"` of the texts found with `indexOf` (their count). */
export function indexOfFloor(texts: readonly string[]): number {
  let found = 0;
  for (const t of texts) {
    let i = t.indexOf('\r\n:');
    while (i !== -1) {
      found++;
      i = t.indexOf('\r\n:', i + 3);
    }
  }
  return found;
}
