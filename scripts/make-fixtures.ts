/**
 * Generates the fixture corpus under fixtures/ (see fixtures/README.md).
 *
 *   npx tsx scripts/make-fixtures.ts
 *
 * Every fixture message is written below as readable source: a template literal whose line breaks
 * become CRLF (`fin` turns each LF of the source into CR LF; blocks follow each other with no line
 * break). Two parts are computed, because they depend on the bytes before them:
 *   ${SIG}  → the signature block {7:{DSN:…}{SIG:…}} over the GB18030 bytes of blocks 1–4 and 6
 *   ${CHK}  → the 12-hex-digit trailer checksum over the GB18030 bytes of everything before {5:
 * Both are stand-ins (SHA-256 based), not real signatures or the (unpublished) CHK algorithm: the
 * codec keeps them opaque. Files are written as GB18030 bytes (the wire form). Output is
 * deterministic: re-running reproduces identical files.
 *
 * Before writing, the script checks every valid fixture against the reconstructed standard
 * (fields.md field tables, reconstruction.md §4–§7): envelope form, header formats, field order and
 * presence, value formats, CN participants, currency decimals, counts, sums and conditional items.
 * It also asserts that at least three valid fixtures contain a Chinese character whose GB18030 trail
 * byte is `{` or `}`. Any failure aborts without writing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

// ------------------------------------------------------------------------------------------------
// Building messages
// ------------------------------------------------------------------------------------------------

const SIG: unique symbol = Symbol('SIG');
const CHK: unique symbol = Symbol('CHK');
type Hole = string | typeof SIG | typeof CHK;

const SIG_MARK = '\u0000SIG\u0000';
const CHK_MARK = '\u0000CHK\u0000';

function gb(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}

function sha256(data: Buffer | string): Buffer {
  return createHash('sha256').update(data).digest();
}

/** Stand-in certificate serial number (32 upper-case hex digits) of a bank's signing certificate. */
function dsnFor(bic8: string): string {
  return sha256(`CFXPS signing certificate ${bic8}`).toString('hex').slice(0, 32).toUpperCase();
}

/** `n` deterministic pseudo-random bytes derived from `seed`. */
function bytesFrom(seed: Buffer | string, n: number): Buffer {
  const parts: Buffer[] = [];
  let h = sha256(seed);
  let len = 0;
  while (len < n) {
    parts.push(h);
    len += h.length;
    h = sha256(h);
  }
  return Buffer.concat(parts).subarray(0, n);
}

/** A stand-in 2048-bit signature as base64 lines of at most `width` characters, joined by LF. */
function base64Lines(seed: string, width: number): string {
  const b64 = bytesFrom(seed, 256).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines.join('\n');
}

/** The signer of a message: block 1's LT address (input form) or the MIR address (output form). */
function signerOf(text: string): string {
  const out = /\{2:O\d{3}\d{4}\d{6}([A-Z0-9]{8})/.exec(text);
  if (out?.[1]) return out[1];
  const inp = /^\{1:F01([A-Z0-9]{8})/.exec(text);
  if (inp?.[1]) return inp[1];
  throw new Error('cannot find the signer');
}

/** Template tag: LF → CRLF, then ${SIG} and ${CHK} computed from the bytes before them. */
function fin(strings: TemplateStringsArray, ...holes: Hole[]): string {
  let raw = strings[0] ?? '';
  holes.forEach((h, i) => {
    raw += (h === SIG ? SIG_MARK : h === CHK ? CHK_MARK : h) + (strings[i + 1] ?? '');
  });
  if (raw.includes('\r')) throw new Error('fixture source must use LF only');
  let text = raw.replace(/\n/g, '\r\n');
  const s = text.indexOf(SIG_MARK);
  if (s >= 0) {
    const payload = gb(text.slice(0, s));
    const sig = bytesFrom(payload, 256).toString('base64');
    text = text.replace(SIG_MARK, `{7:{DSN:${dsnFor(signerOf(text))}}{SIG:${sig}}}`);
  }
  const c = text.indexOf(CHK_MARK);
  if (c >= 0) {
    const before = text.slice(0, text.lastIndexOf('{5:', c));
    text = text.replace(CHK_MARK, sha256(gb(before)).toString('hex').slice(0, 12).toUpperCase());
  }
  return text;
}

interface Fixture {
  readonly name: string;
  readonly fmt: string;
  readonly text: string;
}

const VALID: Fixture[] = [];

function def(name: string, text: string): void {
  const m = /^fmt(\d{3})-/.exec(name);
  if (!m?.[1]) throw new Error(`bad fixture name ${name}`);
  VALID.push({ name, fmt: m[1], text });
}

function valid(fmt: string): Fixture {
  const f = VALID.find((v) => v.fmt === fmt);
  if (!f) throw new Error(`no valid fixture for FMT${fmt}`);
  return f;
}

// ------------------------------------------------------------------------------------------------
// The valid messages, one per FMT (confirmed.md), work date Monday 2026-11-23.
//
// Parties: 外币清算处理中心 (centre) CFXPCNBJ; 代理结算银行 (settlement bank) BKCHCNBJ (Bank of
// China); participants ICBKCNBJ ICBC, PCBCCNBJ CCB, ABOCCNBJ ABC, BKCHCNBJ BOC, COMMCNSH BoCom,
// CMBCCNBS China Merchants Bank; 特许参与者 CFETCNSH (FX market clearing); foreign banks CITIUS33,
// HSBCHKHH, DEUTDEFF, BOTKJPJT, BNULMOMX.
// Participant → centre / participant messages use the input form of block 2; centre → participant
// messages use the 47-character output form (block 1 then names the receiver).
// ------------------------------------------------------------------------------------------------

// ---- 3.2 外币支付业务类 -------------------------------------------------------------------------

// ICBC Beijing pays for a Beijing electronics maker's components bought from a Shanghai company
// banking with CCB Shanghai; Chinese names and addresses in block 6.
def('fmt100-mt103-domestic-credit', fin`{1:F01ICBKCNBJAXXX0001000123}{2:I103PCBCCNBJXXXXN}{3:{119:FMT100}{108:HX2026INV1187}}{4:
:20:2026112300000123
:23B:CRED
:26T:002
:32A:20261123USD125000,00
:50K:/0200001409012345678
BEIJING HUAXIN ELECTRONICS CO LTD
18 JIUXIANQIAO ROAD CHAOYANG
BEIJING
:52A:ICBKCNBJ
:57A:PCBCCNBJSHX
:59:/31001519100050012345
SHANGHAI PUDONG PRECISION
MACHINERY CO LTD
1000 ZHANGJIANG ROAD PUDONG
SHANGHAI
:70:/INV/HX2026-1187
ELECTRONIC COMPONENTS
:71A:SHA
:77B:/ACCNAT/01
-}{6:
:ONM:北京华信电子有限公司
:OAD:北京市朝阳区酒仙桥路18号
:BNM:上海浦东精密机械有限公司
:BAD:上海市浦东新区张江路1000号
:CRI:支付电子元器件货款，发票号HX2026-1187
-}${SIG}{5:{CHK:${CHK}}}`);

// CMB Shenzhen sends an outward JPY payment to Tokyo through BOC; the customer instructed USD
// (33B + 36), charges OUR with 71G; block 2 with delivery monitoring and obsolescence period.
def('fmt101-mt103-outward-remittance', fin`{1:F01CMBCCNBSAXXX0002000871}{2:I103BKCHCNBJXXXXU3003}{3:{119:FMT101}}{4:
:20:2026112300000871
:23B:CRED
:26T:002
:32A:20261123JPY15432500,
:33B:USD100000,00
:36:154,325
:50K:/755912345610801
SHENZHEN NANHAI OPTICAL
INSTRUMENTS CO LTD
9 KEJI SOUTH ROAD NANSHAN DISTRICT
SHENZHEN GUANGDONG
:52A:CMBCCNBS
:56A:BKCHJPJT
:57A:BOTKJPJT
:59:/0012345678901
MITSUBISHI CORPORATION
2-3-1 MARUNOUCHI CHIYODA-KU
TOKYO 100-8086 JAPAN
:70:/ROC/PO 2026-JP-0457
OPTICAL GLASS BLANKS
:71A:OUR
:71G:JPY4500,
:77B:/ACCNAT/01
-}{6:
:ONM:深圳南海光学仪器有限公司
:OAD:广东省深圳市南山区科技南路9号
:BNM:三菱商事株式会社
:CRI:支付光学玻璃毛坯货款，订单号2026-JP-0457
-}${SIG}{5:{CHK:${CHK}}}`);

// BoCom received an HKD payment from HSBC Hong Kong for a Shenzhen logistics company (ICBC
// Shenzhen). The remitter's traditional-Chinese name 九龍倉 holds 倉 = 0x82 0x7D (trail byte "}").
def('fmt102-mt103-inward-remittance', fin`{1:F01COMMCNSHAXXX0003004512}{2:I103ICBKCNBJXXXXN}{3:{119:FMT102}}{4:
:20:2026112300004512
:23B:CRED
:26T:003
:32A:20261123HKD2860000,00
:50K:/004808123456001
THE WHARF (HOLDINGS) LIMITED
16/F OCEAN CENTRE HARBOUR CITY
5 CANTON ROAD TSIM SHA TSUI
KOWLOON HONG KONG
:52A:HSBCHKHH
:53A:COMMHKHH
:57A:ICBKCNBJSZN
:59:/4000021209200345678
SHENZHEN PENGCHENG SUPPLY CHAIN
MANAGEMENT CO LTD
:70:/INV/WH-LOG-2610-0387
PORT LOGISTICS SERVICES OCT 2026
:71A:SHA
:77B:/ACCNAT/09
-}{6:
:ONM:九龍倉集團有限公司
:OAD:香港九龍尖沙咀廣東道5號海港城海洋中心16樓
:BNM:深圳市鹏程供应链管理有限公司
:CRI:支付2026年10月港口物流服务费
-}${SIG}{5:{CHK:${CHK}}}`);

// CCB Shanghai returns ICBC's payment of 2026-11-20: the beneficiary's account has been closed.
def('fmt103-mt103-return', fin`{1:F01PCBCCNBJAXXX0001000233}{2:I103ICBKCNBJXXXXN}{3:{119:FMT103}}{4:
:20:2026112300000233
:21:2026112000000088
:23B:CRED
:26T:009
:32A:20261123USD8650,00
:50K:/31001519100050098765
SUZHOU JINHE TRADING CO LTD
:52A:PCBCCNBJSHX
:57A:ICBKCNBJ
:59:/0200001409011122334
BEIJING YUANDA MEDICAL
EQUIPMENT CO LTD
:71A:SHA
:72:/RETN/BENEFICIARY ACCOUNT CLOSED
/MREF/2026112000000088
-}{6:
:ONM:苏州金禾贸易有限公司
:BNM:北京远大医疗器械有限公司
:CRI:收款人账户已销户，原款退回
-}${SIG}{5:{CHK:${CHK}}}`);

// The centre forwards to BOC an ABC outward payment (FMT101) for a Macau beneficiary; optional
// signature present. 藍 = 0xCB 0x7B (trail "{"), 聖 = 0xC2 0x7D (trail "}").
def('fmt104-mt103-forwarding-info', fin`{1:F01BKCHCNBJAXXX0001000602}{2:O1031432261123CFXPCNBJAXXX00010045212611231432N}{3:{119:FMT104}}{4:
:20:2026112399004521
:21:2026112300000317
:23B:CRED
:32A:20261123USD46800,00
:50K:/44050158000123456
GUANGZHOU LINGNAN TEXTILE IMPORT
AND EXPORT CO LTD
:52A:ABOCCNBJ
:57A:BNULMOMX
:59:/9016001234567
LAM TIN TRADING (MACAU) LIMITED
AVENIDA DE ALMEIDA RIBEIRO 61
MACAU
:71A:SHA
:72:/FWD/FMT101 FROM ABOCCNBJ
-}{6:
:ONM:广州岭南纺织品进出口有限公司
:BNM:藍田貿易（澳門）有限公司
:BAD:澳門聖安多尼堂區白鴿巢前地8號
-}${SIG}{5:{CHK:${CHK}}}`);

// ICBC places EUR with ABC for 7 days; 108 and 113 in the user header.
def('fmt200-mt202-interbank-domestic', fin`{1:F01ICBKCNBJAXXX0001000301}{2:I202ABOCCNBJXXXXU}{3:{119:FMT200}{108:MM2026112300017}{113:URGT}}{4:
:20:2026112300000301
:21:NONREF
:26T:007
:32A:20261123EUR5000000,00
:52A:ICBKCNBJ
:58A:ABOCCNBJ
:72:/BNF/INTERBANK PLACEMENT 7 DAYS
/REC/MATURITY 20261130
-}${SIG}{5:{CHK:${CHK}}}`);

// CCB covers an outward EUR payment through BOC to Deutsche Bank for Commerzbank.
def('fmt201-mt202-interbank-outward', fin`{1:F01PCBCCNBJAXXX0001000412}{2:I202BKCHCNBJXXXXN}{3:{119:FMT201}}{4:
:20:2026112300000412
:21:2026112300000398
:26T:007
:32A:20261123EUR2750000,00
:52A:PCBCCNBJ
:56A:BKCHDEFF
:57A:DEUTDEFF
:58A:COBADEFF
:72:/BNF/COVER FOR 2026112300000398
-}${SIG}{5:{CHK:${CHK}}}`);

// BOC passes on USD funding that Citibank New York sent for CMB.
def('fmt202-mt202-interbank-inward', fin`{1:F01BKCHCNBJAXXX0001000733}{2:I202CMBCCNBSXXXXN}{3:{119:FMT202}}{4:
:20:2026112300000733
:21:CT26112300458712
:26T:007
:32A:20261123USD3000000,00
:52A:CITIUS33
:53A:CITIUS33
:54A:BKCHUS33
:58A:CMBCCNBS
:72:/BNF/FUNDING OF USD NOSTRO
-}${SIG}{5:{CHK:${CHK}}}`);

// ABC returns a duplicate HKD transfer to ICBC.
def('fmt204-mt202-interbank-return', fin`{1:F01ABOCCNBJAXXX0001000219}{2:I202ICBKCNBJXXXXN}{3:{119:FMT204}}{4:
:20:2026112300000219
:21:2026112000000156
:32A:20261123HKD1200000,00
:52A:ABOCCNBJ
:58A:ICBKCNBJ
:72:/RETN/DUPLICATE PAYMENT
/MREF/2026112000000156
-}${SIG}{5:{CHK:${CHK}}}`);

// The FX market clearing system submits the USD net positions of spot session 2 (balanced: debits
// 2,500,000 + 1,250,000 = credits 3,000,000 + 750,000 = 19).
def('fmt203-mt203-net-settlement', fin`{1:F01CFETCNSHAXXX0001000088}{2:I203CFXPCNBJXXXXN}{3:{119:FMT203}{108:FXNET20261123S2}}{4:
:19:3750000,00
:30:20261123
:52A:CFETCNSH
:72:/NET/FX SPOT NETTING SESSION 2
:20:2026112300000881
:23D:D
:32B:USD2500000,00
:58A:ICBKCNBJ
:20:2026112300000882
:23D:D
:32B:USD1250000,00
:58A:ABOCCNBJ
:20:2026112300000883
:23D:C
:32B:USD3000000,00
:58A:PCBCCNBJ
:20:2026112300000884
:21:NONREF
:23D:C
:32B:USD750000,00
:58A:CMBCCNBS
:72:/REC/LATE TRADE ADJUSTMENT
-}${SIG}{5:{CHK:${CHK}}}`);

// ---- 3.3 清算与结算类 (MT198) --------------------------------------------------------------------

def('fmt010-mt198-credit-confirmation', fin`{1:F01ICBKCNBJAXXX0001000131}{2:O1980935261123CFXPCNBJAXXX00010001312611230935N}{3:{119:FMT010}}{4:
:20:2026112399000131
:12:010
:77E:
:OSN:2026112300000123
:OFM:100
:ODT:20261123
:RCB:PCBCCNBJ
:CAM:USD125000,00
:PST:02
:STD:20261123
:STT:093512
:RMK:已清算，已转发接收清算行
-}{5:{CHK:${CHK}}}`);

// Round 1 net settlement: TDA = 2,500,000 + 1,250,000 = TCA = 3,000,000 + 750,000.
def('fmt011-mt198-net-settlement', fin`{1:F01BKCHCNBJAXXX0001000950}{2:O1981205261123CFXPCNBJAXXX00010009502611231205N}{3:{119:FMT011}}{4:
:20:2026112399000950
:12:011
:77E:
:WDT:20261123
:RND:01
:CCY:USD
:CNT:4
:PTC:ICBKCNBJ
:ACC:FXUSD110000000102
:DCM:D
:AMT:2500000,00
:PTC:ABOCCNBJ
:ACC:FXUSD110000000103
:DCM:D
:AMT:1250000,00
:PTC:PCBCCNBJ
:ACC:FXUSD110000000105
:DCM:C
:AMT:3000000,00
:PTC:CMBCCNBS
:ACC:FXUSD110000000118
:DCM:C
:AMT:750000,00
:TDA:3750000,00
:TCA:3750000,00
-}{5:{CHK:${CHK}}}`);

def('fmt012-mt198-net-settlement-receipt', fin`{1:F01BKCHCNBJAXXX0001000951}{2:I198CFXPCNBJXXXXN}{3:{119:FMT012}}{4:
:20:2026112300000951
:12:012
:77E:
:ORF:2026112399000950
:WDT:20261123
:RND:01
:CCY:USD
:RSP:A
:RMK:第01场美元净额已完成结算
-}{5:{CHK:${CHK}}}`);

def('fmt013-mt198-net-settlement-notice', fin`{1:F01ICBKCNBJAXXX0001000960}{2:O1981211261123CFXPCNBJAXXX00010009602611231211N}{3:{119:FMT013}}{4:
:20:2026112399000960
:12:013
:77E:
:WDT:20261123
:RND:01
:PTC:ICBKCNBJ
:CCY:USD
:DCM:D
:AMT:2500000,00
:STT:121030
-}{5:{CHK:${CHK}}}`);

def('fmt014-mt198-netting-credited-notice', fin`{1:F01PCBCCNBJAXXX0001000402}{2:O1981110261123CFXPCNBJAXXX00010008832611231110N}{3:{119:FMT014}}{4:
:20:2026112399000883
:12:014
:77E:
:OSN:2026112300000883
:SPB:CFETCNSH
:CAM:USD3000000,00
:STD:20261123
:STT:111002
-}{5:{CHK:${CHK}}}`);

def('fmt015-mt198-netting-debited-queued', fin`{1:F01ICBKCNBJAXXX0001000166}{2:O1981105261123CFXPCNBJAXXX00010008812611231105N}{3:{119:FMT015}}{4:
:20:2026112399000881
:12:015
:77E:
:OSN:2026112300000881
:SPB:CFETCNSH
:CAM:USD2500000,00
:QSN:17
:QTM:110502
:RMK:可用额度不足，排队等待清算
-}{5:{CHK:${CHK}}}`);

// ORF: FMT203 has no 20 in sequence A; the first sequence-B 20 is used (see fixtures/README.md).
def('fmt016-mt198-netting-confirmation', fin`{1:F01CFETCNSHAXXX0001000091}{2:O1981112261123CFXPCNBJAXXX00010008902611231112N}{3:{119:FMT016}}{4:
:20:2026112399000890
:12:016
:77E:
:ORF:2026112300000881
:CNT:4
:CAM:USD3750000,00
:PST:02
:STD:20261123
:STT:111158
-}{5:{CHK:${CHK}}}`);

// ---- 3.4 业务信息类 -----------------------------------------------------------------------------

// ICBC queries BoCom about the FMT102 above; 倉 (0x82 0x7D) in field 75.
def('fmt195-mt195-query', fin`{1:F01ICBKCNBJAXXX0001000777}{2:I195COMMCNSHXXXXN}{3:{119:FMT195}}{4:
:20:2026112300000777
:21:2026112300004512
:11S:102
20261123
:75:来账汇款人为九龍倉集團有限公司，
收款人户名与账号不符，请核实。
-}{5:{CHK:${CHK}}}`);

def('fmt196-mt196-query-answer', fin`{1:F01COMMCNSHAXXX0003004530}{2:I196ICBKCNBJXXXXN}{3:{119:FMT196}}{4:
:20:2026112300004530
:21:2026112300000777
:11S:102
20261123
:76:/ANSW/收款人账号核实无误
户名以中文名称为准，请予解付
-}{5:{CHK:${CHK}}}`);

// Free format from CMB to BOC; 閩 = 0xE9 0x7D (trail "}"), and 𬱖 (U+2CC56) is a four-byte GB18030
// character outside the BMP (two UTF-16 code units).
def('fmt199-mt199-free-format', fin`{1:F01CMBCCNBSAXXX0002000902}{2:I199BKCHCNBJXXXXN}{3:{119:FMT199}}{4:
:20:2026112300000902
:21:2026112300000871
:79:关于我行2026年11月23日汇出款（支付交易序号
2026112300000871），汇款人另有一笔款项需汇往
閩信集團有限公司，请贵行协助确认香港收款行
路由信息。联系人：王𬱖，电话010-66596688。
-}{5:{CHK:${CHK}}}`);

def('fmt191-mt192-cancellation-request', fin`{1:F01ABOCCNBJAXXX0001000340}{2:I192CFXPCNBJXXXXU}{3:{119:FMT191}}{4:
:20:2026112300000340
:21:2026112300000326
:11S:100
20261123
:32A:20261123USD46800,00
:79:客户申请撤销，原因：收款人信息有误
-}${SIG}{5:{CHK:${CHK}}}`);

def('fmt192-mt196-cancellation-answer', fin`{1:F01ABOCCNBJAXXX0001000342}{2:O1961012261123CFXPCNBJAXXX00010003422611231012N}{3:{119:FMT192}}{4:
:20:2026112399000342
:21:2026112300000340
:11S:100
20261123
:76:/CNCL/原支付业务已撤销
-}{5:{CHK:${CHK}}}`);

def('fmt193-mt192-return-request', fin`{1:F01ICBKCNBJAXXX0001000811}{2:I192PCBCCNBJXXXXN}{3:{119:FMT193}}{4:
:20:2026112300000811
:21:2026112000000088
:11S:100
20261120
:32A:20261120USD8650,00
:79:汇款人申请退汇，原因：收款人账户已销户
-}${SIG}{5:{CHK:${CHK}}}`);

def('fmt194-mt196-return-answer', fin`{1:F01PCBCCNBJAXXX0001000229}{2:I196ICBKCNBJXXXXN}{3:{119:FMT194}}{4:
:20:2026112300000229
:21:2026112300000811
:11S:100
20261120
:76:/RETN/同意退汇
退汇序号2026112300000233
-}{5:{CHK:${CHK}}}`);

// A rejection (RSP = R, so RCD is present).
def('fmt020-mt198-general-ack', fin`{1:F01CMBCCNBSAXXX0002000911}{2:O1981015261123CFXPCNBJAXXX00010009112611231015N}{3:{119:FMT020}}{4:
:20:2026112399000911
:12:020
:77E:
:ORF:2026112300000905
:OFM:199
:RSP:R
:RCD:F001
:PTM:101520
:RMK:报文格式错误：79域行长度超限
-}{5:{CHK:${CHK}}}`);

// October fees in CNY: 9,120 + 23,256 + 2,140 = 34,516.
def('fmt021-mt198-billing-notice', fin`{1:F01ICBKCNBJAXXX0001000020}{2:O1980800261123CFXPCNBJAXXX00010000202611230800N}{3:{119:FMT021}}{4:
:20:2026112399000020
:12:021
:77E:
:BSD:20261001
:BED:20261031
:CNT:3
:BKD:001
:NUM:1520
:FEE:CNY9120,00
:BKD:002
:NUM:3876
:FEE:CNY23256,00
:BKD:007
:NUM:214
:FEE:CNY2140,00
:TFE:CNY34516,00
-}{5:{CHK:${CHK}}}`);

def('fmt023-mt198-signature-query', fin`{1:F01ICBKCNBJAXXX0001000790}{2:I198CFXPCNBJXXXXN}{3:{119:FMT023}}{4:
:20:2026112300000790
:12:023
:77E:
:ORF:2026112300004512
:OFM:102
:ODT:20261123
:OSB:COMMCNSH
-}{5:{CHK:${CHK}}}`);

def('fmt024-mt198-signature-answer', fin`{1:F01ICBKCNBJAXXX0001000795}{2:O1981440261123CFXPCNBJAXXX00010007952611231440N}{3:{119:FMT024}}{4:
:20:2026112399000795
:12:024
:77E:
:ORF:2026112300000790
:RSP:A
:DSN:${dsnFor('COMMCNSH')}
:SGC:${base64Lines('FMT102 2026112300004512 COMMCNSH', 64)}
-}{5:{CHK:${CHK}}}`);

def('fmt025-mt198-forwarding-ack', fin`{1:F01BKCHCNBJAXXX0001000611}{2:I198CFXPCNBJXXXXN}{3:{119:FMT025}}{4:
:20:2026112300000611
:12:025
:77E:
:OSN:2026112300000317
:OFM:104
:RSP:A
:RMK:已收到转汇信息，当日汇出
-}{5:{CHK:${CHK}}}`);

// Start-of-day earmarks confirmed; AVL = EAM + CLA.
def('fmt026-mt198-earmark-credit-line-ack', fin`{1:F01BKCHCNBJAXXX0001000012}{2:O1980805261123CFXPCNBJAXXX00010000122611230805N}{3:{119:FMT026}}{4:
:20:2026112399000012
:12:026
:77E:
:ORF:2026112300000010
:WDT:20261123
:CCY:USD
:RSP:A
:CNT:3
:PTC:ICBKCNBJ
:EAM:50000000,00
:CLA:20000000,00
:AVL:70000000,00
:PTC:PCBCCNBJ
:EAM:40000000,00
:CLA:15000000,00
:AVL:55000000,00
:PTC:CMBCCNBS
:EAM:12000000,00
:CLA:5000000,00
:AVL:17000000,00
-}{5:{CHK:${CHK}}}`);

def('fmt027-mt198-settlement-receipt-ack', fin`{1:F01BKCHCNBJAXXX0001000955}{2:O1981215261123CFXPCNBJAXXX00010009552611231215N}{3:{119:FMT027}}{4:
:20:2026112399000955
:12:027
:77E:
:ORF:2026112300000951
:WDT:20261123
:RND:01
:CCY:USD
:RSP:A
-}{5:{CHK:${CHK}}}`);

// ---- 3.5 查询管理类 -----------------------------------------------------------------------------

def('fmt920-mt920-balance-request', fin`{1:F01ICBKCNBJAXXX0001000980}{2:I920CFXPCNBJXXXXN}{3:{119:FMT920}}{4:
:20:2026112300000980
:12:941
:25:FXUSD110000000102
-}{5:{CHK:${CHK}}}`);

// 62F = 60F + 90C − 90D: 12,500,000.00 + 2,150,000.00 − 3,400,000.00 = 11,250,000.00.
def('fmt941-mt941-balance-report', fin`{1:F01ICBKCNBJAXXX0001000981}{2:O9411530261123CFXPCNBJAXXX00010009812611231530N}{3:{119:FMT941}}{4:
:20:2026112399000981
:21:2026112300000980
:25:FXUSD110000000102
:28:152/1
:30T:20261123153000
:60F:C20261123USD12500000,00
:90D:12USD3400000,00
:90C:9USD2150000,00
:62F:C20261123USD11250000,00
:64:C20261123USD31250000,00
-}{5:{CHK:${CHK}}}`);

def('fmt985-mt985-status-query', fin`{1:F01PCBCCNBJAXXX0001000455}{2:I985CFXPCNBJXXXXN}{3:{119:FMT985}}{4:
:20:2026112300000455
:21:2026112300000123
:11S:100
20261123
-}{5:{CHK:${CHK}}}`);

def('fmt986-mt986-status-answer', fin`{1:F01PCBCCNBJAXXX0001000456}{2:O9861001261123CFXPCNBJAXXX00010004562611231001N}{3:{119:FMT986}}{4:
:20:2026112399000456
:21:2026112300000455
:11S:100
20261123
:23S:02
:30T:20261123093512
:79:已于09:35清算并转发接收清算行
-}{5:{CHK:${CHK}}}`);

def('fmt031-mt198-queue-management', fin`{1:F01ICBKCNBJAXXX0001000530}{2:I198CFXPCNBJXXXXN}{3:{119:FMT031}}{4:
:20:2026112300000530
:12:031
:77E:
:WDT:20261123
:CCY:USD
:PRI:N
:CNT:3
:OSN:2026112300000518
:OSN:2026112300000507
:OSN:2026112300000512
-}{5:{CHK:${CHK}}}`);

def('fmt032-mt198-queue-management-answer', fin`{1:F01ICBKCNBJAXXX0001000531}{2:O1981131261123CFXPCNBJAXXX00010005312611231131N}{3:{119:FMT032}}{4:
:20:2026112399000531
:12:032
:77E:
:ORF:2026112300000530
:RSP:A
:CCY:USD
:QCT:3
:QSN:21
:OSN:2026112300000518
:CAM:USD860000,00
:RCB:PCBCCNBJ
:PRI:N
:QSN:22
:OSN:2026112300000507
:CAM:USD1200000,00
:RCB:ABOCCNBJ
:PRI:N
:QSN:23
:OSN:2026112300000512
:CAM:USD45000,00
:RCB:COMMCNSH
:PRI:N
-}{5:{CHK:${CHK}}}`);

def('fmt033-mt198-limit-query', fin`{1:F01CMBCCNBSAXXX0002000940}{2:I198CFXPCNBJXXXXN}{3:{119:FMT033}}{4:
:20:2026112300000940
:12:033
:77E:
:WDT:20261123
-}{5:{CHK:${CHK}}}`);

// All currencies (the FMT033 named none): JPY amounts carry no decimals; WRN only where set.
def('fmt034-mt198-limit-answer', fin`{1:F01CMBCCNBSAXXX0002000941}{2:O1981402261123CFXPCNBJAXXX00010009412611231402N}{3:{119:FMT034}}{4:
:20:2026112399000941
:12:034
:77E:
:ORF:2026112300000940
:WDT:20261123
:CNT:3
:CCY:USD
:EAM:12000000,00
:CLA:5000000,00
:QAM:0,00
:WRN:2000000,00
:AVL:14865000,00
:CCY:JPY
:EAM:800000000,
:CLA:0,
:QAM:15432500,
:AVL:784567500,
:CCY:EUR
:EAM:3000000,00
:CLA:1000000,00
:QAM:0,00
:WRN:500000,00
:AVL:3920000,50
-}{5:{CHK:${CHK}}}`);

// ---- 3.6 流动性管理类 (MT198) -------------------------------------------------------------------

def('fmt041-mt198-start-of-day-earmark', fin`{1:F01BKCHCNBJAXXX0001000010}{2:I198CFXPCNBJXXXXN}{3:{119:FMT041}}{4:
:20:2026112300000010
:12:041
:77E:
:WDT:20261123
:CCY:USD
:CNT:3
:PTC:ICBKCNBJ
:ACC:FXUSD110000000102
:EAM:50000000,00
:CLA:20000000,00
:PTC:PCBCCNBJ
:ACC:FXUSD110000000105
:EAM:40000000,00
:CLA:15000000,00
:PTC:CMBCCNBS
:ACC:FXUSD110000000118
:EAM:12000000,00
:CLA:5000000,00
-}${SIG}{5:{CHK:${CHK}}}`);

def('fmt042-mt198-limit-warning-notice', fin`{1:F01ABOCCNBJAXXX0001000370}{2:O1981346261123CFXPCNBJAXXX00010003702611231346N}{3:{119:FMT042}}{4:
:20:2026112399000370
:12:042
:77E:
:WDT:20261123
:CCY:USD
:AVL:1860000,00
:WRN:2000000,00
:PTM:134558
-}{5:{CHK:${CHK}}}`);

def('fmt043-mt198-limit-warning-setup', fin`{1:F01ICBKCNBJAXXX0001000090}{2:I198CFXPCNBJXXXXN}{3:{119:FMT043}}{4:
:20:2026112300000090
:12:043
:77E:
:CCY:USD
:OPT:A
:WRN:5000000,00
-}{5:{CHK:${CHK}}}`);

def('fmt044-mt198-limit-warning-setup-answer', fin`{1:F01ICBKCNBJAXXX0001000091}{2:O1980902261123CFXPCNBJAXXX00010000912611230902N}{3:{119:FMT044}}{4:
:20:2026112399000091
:12:044
:77E:
:ORF:2026112300000090
:RSP:A
:CCY:USD
:WRN:5000000,00
-}{5:{CHK:${CHK}}}`);

def('fmt045-mt198-earmark-adjustment', fin`{1:F01BKCHCNBJAXXX0001000620}{2:I198CFXPCNBJXXXXU}{3:{119:FMT045}}{4:
:20:2026112300000620
:12:045
:77E:
:WDT:20261123
:CCY:USD
:PTC:ICBKCNBJ
:ACC:FXUSD110000000102
:DCM:C
:AMT:2000000,00
-}${SIG}{5:{CHK:${CHK}}}`);

def('fmt046-mt198-earmark-adjustment-answer', fin`{1:F01BKCHCNBJAXXX0001000621}{2:O1981451261123CFXPCNBJAXXX00010006212611231451N}{3:{119:FMT046}}{4:
:20:2026112399000621
:12:046
:77E:
:ORF:2026112300000620
:RSP:A
:EAM:52000000,00
:AVL:18430000,00
-}{5:{CHK:${CHK}}}`);

def('fmt040-mt198-earmark-adjustment-notice', fin`{1:F01ICBKCNBJAXXX0001000622}{2:O1981451261123CFXPCNBJAXXX00010006222611231451N}{3:{119:FMT040}}{4:
:20:2026112399000622
:12:040
:77E:
:WDT:20261123
:CCY:USD
:DCM:C
:AMT:2000000,00
:EAM:52000000,00
:AVL:18430000,00
:PTM:145107
-}{5:{CHK:${CHK}}}`);

def('fmt047-mt198-credit-line-adjustment', fin`{1:F01BKCHCNBJAXXX0001000630}{2:I198CFXPCNBJXXXXN}{3:{119:FMT047}}{4:
:20:2026112300000630
:12:047
:77E:
:WDT:20261123
:CCY:USD
:PTC:CMBCCNBS
:DCM:C
:AMT:3000000,00
-}${SIG}{5:{CHK:${CHK}}}`);

// A rejection: RCD present, CLA and AVL (M only when RSP = A) absent.
def('fmt048-mt198-credit-line-adjustment-answer', fin`{1:F01BKCHCNBJAXXX0001000631}{2:O1981502261123CFXPCNBJAXXX00010006312611231502N}{3:{119:FMT048}}{4:
:20:2026112399000631
:12:048
:77E:
:ORF:2026112300000630
:RSP:R
:RCD:B003
-}{5:{CHK:${CHK}}}`);

def('fmt049-mt198-credit-line-adjustment-notice', fin`{1:F01CMBCCNBSAXXX0002000632}{2:O1981030261123CFXPCNBJAXXX00010006322611231030N}{3:{119:FMT049}}{4:
:20:2026112399000632
:12:049
:77E:
:WDT:20261123
:CCY:USD
:DCM:D
:AMT:1000000,00
:CLA:4000000,00
:AVL:13865000,00
:PTM:103012
-}{5:{CHK:${CHK}}}`);

// ---- 3.7 系统管理类 (MT198) ---------------------------------------------------------------------

def('fmt060-mt198-system-status-change', fin`{1:F01ICBKCNBJAXXX0001000999}{2:O1981630261123CFXPCNBJAXXX00010016302611231630N}{3:{119:FMT060}}{4:
:20:2026112399001630
:12:060
:77E:
:WDT:20261123
:OSS:02
:SST:03
:PTM:163000
:NWD:20261124
:RMK:日间业务截止，进入业务截止阶段
-}{5:{CHK:${CHK}}}`);

def('fmt061-mt198-permission-control', fin`{1:F01COMMCNSHAXXX0003000061}{2:O1980730261123CFXPCNBJAXXX00010000612611230730N}{3:{119:FMT061}}{4:
:20:2026112399000061
:12:061
:77E:
:PTC:COMMCNSH
:SCT:3
:FMT:100
:FMT:200
:FMT:195
:RCT:2
:FMT:100
:FMT:102
:EFD:20261124
-}{5:{CHK:${CHK}}}`);

// Common data: the 2027 New Year holiday. CDN (20g) and CDV (10*35g) in Chinese.
def('fmt062-mt198-common-data-change', fin`{1:F01PCBCCNBJAXXX0001000062}{2:O1981700261123CFXPCNBJAXXX00010000622611231700N}{3:{119:FMT062}}{4:
:20:2026112399000062
:12:062
:77E:
:CDT:02
:CDN:2027年元旦假期
:CDV:20270101-20270103 元旦放假三天
20270104 正常营业
:EFD:20261201
:RMK:请各参与者提前做好头寸安排
-}{5:{CHK:${CHK}}}`);

def('fmt063-mt198-login-request', fin`{1:F01ICBKCNBJAXXX0001000001}{2:I198CFXPCNBJXXXXU}{3:{119:FMT063}}{4:
:20:2026112300000001
:12:063
:77E:
:PTC:ICBKCNBJ
:WDT:20261123
-}${SIG}{5:{CHK:${CHK}}}`);

def('fmt064-mt198-login-answer', fin`{1:F01ICBKCNBJAXXX0001000002}{2:O1980831261123CFXPCNBJAXXX00010000022611230831U}{3:{119:FMT064}}{4:
:20:2026112399000002
:12:064
:77E:
:ORF:2026112300000001
:PTC:ICBKCNBJ
:RSP:A
:WDT:20261123
:SST:02
-}{5:{CHK:${CHK}}}`);

def('fmt065-mt198-logout-request', fin`{1:F01ICBKCNBJAXXX0001001001}{2:I198CFXPCNBJXXXXN}{3:{119:FMT065}}{4:
:20:2026112300001001
:12:065
:77E:
:PTC:ICBKCNBJ
:WDT:20261123
-}${SIG}{5:{CHK:${CHK}}}`);

def('fmt066-mt198-logout-answer', fin`{1:F01ICBKCNBJAXXX0001001002}{2:O1981805261123CFXPCNBJAXXX00010010022611231805N}{3:{119:FMT066}}{4:
:20:2026112399001002
:12:066
:77E:
:ORF:2026112300001001
:PTC:ICBKCNBJ
:RSP:A
-}{5:{CHK:${CHK}}}`);

def('fmt067-mt198-forced-logout', fin`{1:F01COMMCNSHAXXX0003000067}{2:O1981420261123CFXPCNBJAXXX00010000672611231420U}{3:{119:FMT067}}{4:
:20:2026112399000067
:12:067
:77E:
:PTC:COMMCNSH
:WDT:20261123
:PTM:142000
:RMK:数字证书已过期，强制退出登录
-}{5:{CHK:${CHK}}}`);

def('fmt068-mt198-cutoff-warning', fin`{1:F01ABOCCNBJAXXX0001000068}{2:O1981600261123CFXPCNBJAXXX00010000682611231600N}{3:{119:FMT068}}{4:
:20:2026112399000068
:12:068
:77E:
:WDT:20261123
:CTM:163000
:CCY:USD
:RMK:距美元业务截止还有30分钟
-}{5:{CHK:${CHK}}}`);

// ---- 3.8 对账类 (MT198) -------------------------------------------------------------------------

def('fmt070-mt198-net-summary-reconciliation', fin`{1:F01BKCHCNBJAXXX0001000070}{2:O1981745261123CFXPCNBJAXXX00010000702611231745N}{3:{119:FMT070}}{4:
:20:2026112399000070
:12:070
:77E:
:WDT:20261123
:CCY:USD
:CNT:2
:RND:01
:TDA:3750000,00
:TCA:3750000,00
:RND:02
:TDA:1820000,00
:TCA:1820000,00
-}{5:{CHK:${CHK}}}`);

def('fmt071-mt198-net-detail-request', fin`{1:F01BKCHCNBJAXXX0001000071}{2:I198CFXPCNBJXXXXN}{3:{119:FMT071}}{4:
:20:2026112300000071
:12:071
:77E:
:WDT:20261123
:CCY:USD
:RND:01
-}{5:{CHK:${CHK}}}`);

def('fmt072-mt198-payment-summary-reconciliation', fin`{1:F01ICBKCNBJAXXX0001000072}{2:O1981750261123CFXPCNBJAXXX00010000722611231750N}{3:{119:FMT072}}{4:
:20:2026112399000072
:12:072
:77E:
:WDT:20261123
:CCY:USD
:SNM:1284
:SAM:186543210,55
:RNM:1107
:RAM:172019876,40
-}{5:{CHK:${CHK}}}`);

def('fmt073-mt198-payment-detail-request', fin`{1:F01ICBKCNBJAXXX0001000073}{2:I198CFXPCNBJXXXXN}{3:{119:FMT073}}{4:
:20:2026112300000073
:12:073
:77E:
:WDT:20261123
:CCY:USD
:DIR:A
-}{5:{CHK:${CHK}}}`);

// Reserved in V1.4 (暂不开发): it must still parse and validate against its table.
def('fmt074-mt198-netting-reconciliation-reserved', fin`{1:F01CFETCNSHAXXX0001000074}{2:O1981755261123CFXPCNBJAXXX00010000742611231755N}{3:{119:FMT074}}{4:
:20:2026112399000074
:12:074
:77E:
:WDT:20261123
:SPB:CFETCNSH
:CCY:USD
:CNT:4
:TDA:3750000,00
:TCA:3750000,00
-}{5:{CHK:${CHK}}}`);

// ---- 3.9 行号类 (MT198) -------------------------------------------------------------------------

// One indirect participant added (PCT 2 → DPT required), one participant deleted (only CHT PTC EFD).
def('fmt080-mt198-participant-change-notice', fin`{1:F01ICBKCNBJAXXX0001000080}{2:O1981710261123CFXPCNBJAXXX00010000802611231710N}{3:{119:FMT080}}{4:
:20:2026112399000080
:12:080
:77E:
:CNT:2
:CHT:A
:PTC:ZJTLCNBH
:PNM:浙江泰隆商业银行股份有限公司
:PCT:2
:DPT:BKCHCNBJ
:FIC:C1333000008017
:EFD:20261201
:CHT:D
:PTC:GZCBCN22
:EFD:20261201
-}{5:{CHK:${CHK}}}`);

def('fmt081-mt198-participant-currency-change', fin`{1:F01CMBCCNBSAXXX0002000081}{2:O1980915261123CFXPCNBJAXXX00010000812611230915N}{3:{119:FMT081}}{4:
:20:2026112399000081
:12:081
:77E:
:PTC:CMBCCNBS
:CNT:2
:CCY:CAD
:CHT:A
:CCY:CHF
:CHT:D
:EFD:20261201
-}{5:{CHK:${CHK}}}`);

def('fmt082-mt198-participant-currency-change-ack', fin`{1:F01CMBCCNBSAXXX0002000082}{2:I198CFXPCNBJXXXXN}{3:{119:FMT082}}{4:
:20:2026112300000082
:12:082
:77E:
:ORF:2026112399000081
:PTC:CMBCCNBS
:RSP:A
:RMK:已确认币种变更
-}{5:{CHK:${CHK}}}`);

def('fmt083-mt198-indirect-participant-change', fin`{1:F01BKCHCNBJAXXX0001000083}{2:I198CFXPCNBJXXXXN}{3:{119:FMT083}}{4:
:20:2026112300000083
:12:083
:77E:
:PTC:BKCHCNBJ
:CHT:A
:IPT:NJCBCNBN
:PNM:南京银行股份有限公司
:EFD:20261201
:RMK:新增间接参与者
-}${SIG}{5:{CHK:${CHK}}}`);

def('fmt084-mt198-indirect-participant-change-ack', fin`{1:F01BKCHCNBJAXXX0001000084}{2:O1981520261123CFXPCNBJAXXX00010000842611231520N}{3:{119:FMT084}}{4:
:20:2026112399000084
:12:084
:77E:
:ORF:2026112300000083
:IPT:NJCBCNBN
:RSP:R
:RCD:F005
-}{5:{CHK:${CHK}}}`);

def('fmt085-mt198-account-closure-request', fin`{1:F01CMBCCNBSAXXX0002000085}{2:I198CFXPCNBJXXXXN}{3:{119:FMT085}}{4:
:20:2026112300000085
:12:085
:77E:
:PTC:CMBCCNBS
:CCY:CHF
:ACC:FXCHF110000000118
:EFD:20261201
:RMK:停办瑞士法郎业务，申请结算账户销户
-}${SIG}{5:{CHK:${CHK}}}`);

def('fmt086-mt198-account-closure-answer', fin`{1:F01CMBCCNBSAXXX0002000086}{2:O1981530261123CFXPCNBJAXXX00010000862611231530N}{3:{119:FMT086}}{4:
:20:2026112399000086
:12:086
:77E:
:ORF:2026112300000085
:PTC:CMBCCNBS
:ACC:FXCHF110000000118
:RSP:A
-}{5:{CHK:${CHK}}}`);

// Settlement banks of GBP and CHF change (CHT M: CDP and SBK required).
def('fmt087-mt198-currency-change-notice', fin`{1:F01PCBCCNBJAXXX0001000087}{2:O1981715261123CFXPCNBJAXXX00010000872611231715N}{3:{119:FMT087}}{4:
:20:2026112399000087
:12:087
:77E:
:CNT:2
:CCY:GBP
:CHT:M
:CDP:2
:SBK:BKCHCNBJ
:CCY:CHF
:CHT:M
:CDP:2
:SBK:ICBKCNBJ
:EFD:20270101
-}{5:{CHK:${CHK}}}`);

def('fmt088-mt198-certificate-binding-request', fin`{1:F01ICBKCNBJAXXX0001000088}{2:I198CFXPCNBJXXXXN}{3:{119:FMT088}}{4:
:20:2026112300000088
:12:088
:77E:
:PTC:ICBKCNBJ
:CHT:A
:DSN:${dsnFor('ICBKCNBJ 2027')}
:CSB:CN ICBKCNBJ CFXPS 02, OU CFXPS,
O ICBC, C CN
:EFD:20261201
-}${SIG}{5:{CHK:${CHK}}}`);

// Trailer with PDE (possible duplicate emission: 4!n6!n28!c = time, date, MIR) and TNG after CHK.
def('fmt089-mt198-certificate-binding-notice', fin`{1:F01ICBKCNBJAXXX0001000089}{2:O1981640261123CFXPCNBJAXXX00010000892611231640N}{3:{119:FMT089}}{4:
:20:2026112399000089
:12:089
:77E:
:ORF:2026112300000088
:PTC:ICBKCNBJ
:CHT:A
:DSN:${dsnFor('ICBKCNBJ 2027')}
:RSP:A
:EFD:20261201
-}{5:{CHK:${CHK}}{PDE:1640261123261123CFXPCNBJAXXX0001000089}{TNG:}}`);

// ------------------------------------------------------------------------------------------------
// Self-check of the valid fixtures (fields.md, reconstruction.md)
// ------------------------------------------------------------------------------------------------

/** FMT → MT (confirmed.md). */
const FMT_MT: Record<string, string> = {};
for (const f of ['100', '101', '102', '103', '104']) FMT_MT[f] = '103';
for (const f of ['200', '201', '202', '204']) FMT_MT[f] = '202';
Object.assign(FMT_MT, {
  '203': '203', '195': '195', '196': '196', '199': '199', '191': '192', '192': '196', '193': '192',
  '194': '196', '920': '920', '941': '941', '985': '985', '986': '986',
});
const MT198 = ('010 011 012 013 014 015 016 020 021 023 024 025 026 027 031 032 033 034 041 042 043 ' +
  '044 045 046 040 047 048 049 060 061 062 063 064 065 066 067 068 070 071 072 073 074 080 081 082 ' +
  '083 084 085 086 087 088 089').split(' ');
for (const f of MT198) FMT_MT[f] = '198';
if (Object.keys(FMT_MT).length !== 73) throw new Error('FMT table must hold 73 formats');

/** Formats whose signature block is mandatory (fields.md "sig M"). */
const SIG_M = new Set('100 101 102 103 200 201 202 204 203 191 193 041 045 047 063 065 083 085 088'.split(' '));
/** Formats that may carry block 6. */
const B6 = new Set(['100', '101', '102', '103', '104']);
/** BIC fields that may name a foreign bank, per FMT; every other BIC must be CN. */
const FOREIGN_OK: Record<string, string[]> = {
  '101': ['56A', '57A'], '102': ['52A', '53A', '54A'], '104': ['57A'],
  '201': ['56A', '57A', '58A'], '202': ['52A', '53A', '54A'],
};

const TEXT_SPEC: Record<string, string> = {
  '100': '20 23B 26T 32A 33B? 36? 50K 52A 56A? 57A 59 70? 71A 71G? 72? 77B',
  '101': '20 23B 26T 32A 33B? 36? 50K 52A 56A? 57A 59 70? 71A 71G? 72? 77B',
  '102': '20 23B 26T 32A 33B? 36? 50K 52A 53A? 54A? 56A? 57A 59 70? 71A 71G? 72? 77B',
  '103': '20 21 23B 26T 32A 50K 52A 57A 59 71A 72',
  '104': '20 21 23B 32A 50K 52A 57A 59 71A 72?',
  '200': '20 21 26T? 32A 52A 53A? 54A? 56A? 57A? 58A 72?',
  '201': '20 21 26T? 32A 52A 53A? 54A? 56A? 57A? 58A 72?',
  '202': '20 21 26T? 32A 52A 53A? 54A? 56A? 57A? 58A 72?',
  '204': '20 21 32A 52A 58A 72',
  '203': '19 30 52A 72? [20 21? 23D 32B 58A 72?]+',
  '195': '20 21 11S 75',
  '196': '20 21 11S 76',
  '199': '20 21? 79',
  '191': '20 21 11S 32A? 79?',
  '192': '20 21 11S 76',
  '193': '20 21 11S 32A? 79',
  '194': '20 21 11S 76',
  '920': '20 12 25',
  '941': '20 21? 25 28 30T 60F 90D? 90C? 62F 64?',
  '985': '20 21 11S',
  '986': '20 21 11S 23S 30T? 79?',
};
const B6_SPEC = 'ONM? OAD? BNM? BAD? CRI?';

/** 77E item lists (fields.md §3); `X?` optional or conditional, `X=3n` a narrowed format. */
const E77_SPEC: Record<string, string> = {
  '010': 'OSN OFM ODT RCB CAM PST STD STT RMK?',
  '011': 'WDT RND CCY CNT [PTC ACC DCM AMT]*CNT TDA TCA',
  '012': 'ORF WDT RND CCY RSP RCD? RMK?',
  '013': 'WDT RND PTC CCY DCM AMT STT',
  '014': 'OSN SPB CAM STD STT',
  '015': 'OSN SPB CAM QSN QTM RMK?',
  '016': 'ORF CNT=3n CAM PST STD STT',
  '020': 'ORF OFM RSP RCD? PTM RMK?',
  '021': 'BSD BED CNT=3n [BKD NUM FEE]*CNT TFE',
  '023': 'ORF OFM ODT OSB',
  '024': 'ORF RSP RCD? DSN? SGC?',
  '025': 'OSN OFM RSP RCD? RMK?',
  '026': 'ORF WDT CCY RSP RCD? CNT [PTC EAM CLA AVL]*CNT',
  '027': 'ORF WDT RND CCY RSP RCD?',
  '031': 'WDT CCY PRI CNT [OSN]*CNT',
  '032': 'ORF RSP RCD? CCY QCT [QSN OSN CAM RCB PRI]*QCT',
  '033': 'WDT CCY?',
  '034': 'ORF WDT CNT=3n [CCY EAM CLA QAM WRN? AVL]*CNT',
  '041': 'WDT CCY CNT [PTC ACC EAM CLA]*CNT',
  '042': 'WDT CCY AVL WRN PTM',
  '043': 'CCY OPT WRN?',
  '044': 'ORF RSP RCD? CCY WRN?',
  '045': 'WDT CCY PTC ACC DCM AMT',
  '046': 'ORF RSP RCD? EAM? AVL?',
  '040': 'WDT CCY DCM AMT EAM AVL PTM',
  '047': 'WDT CCY PTC DCM AMT',
  '048': 'ORF RSP RCD? CLA? AVL?',
  '049': 'WDT CCY DCM AMT CLA AVL PTM',
  '060': 'WDT OSS? SST PTM NWD? RMK?',
  '061': 'PTC SCT [FMT]*SCT RCT [FMT]*RCT EFD',
  '062': 'CDT CDN CDV EFD RMK?',
  '063': 'PTC WDT',
  '064': 'ORF PTC RSP RCD? WDT SST?',
  '065': 'PTC WDT',
  '066': 'ORF PTC RSP RCD?',
  '067': 'PTC WDT PTM RMK',
  '068': 'WDT CTM CCY? RMK?',
  '070': 'WDT CCY CNT=3n [RND TDA TCA]*CNT',
  '071': 'WDT CCY RND?',
  '072': 'WDT CCY SNM SAM RNM RAM',
  '073': 'WDT CCY? DIR',
  '074': 'WDT SPB CCY CNT TDA TCA',
  '080': 'CNT [CHT PTC PNM? PCT? DPT? FIC? EFD]*CNT',
  '081': 'PTC CNT=3n [CCY CHT]*CNT EFD',
  '082': 'ORF PTC RSP RCD? RMK?=30g',
  '083': 'PTC CHT IPT PNM? EFD RMK?=30g',
  '084': 'ORF IPT RSP RCD?',
  '085': 'PTC CCY ACC EFD RMK?',
  '086': 'ORF PTC ACC RSP RCD?',
  '087': 'CNT=3n [CCY CHT CDP? SBK?]*CNT EFD',
  '088': 'PTC CHT DSN CSB? EFD',
  '089': 'ORF? PTC CHT DSN RSP RCD? EFD',
};

const CCY_DEC: Record<string, number> = { USD: 2, HKD: 2, JPY: 0, EUR: 2, AUD: 2, CAD: 2, GBP: 2, CHF: 2 };
const BKIND = new Set(['001', '002', '003', '004', '005', '006', '007', '008', '009', '099']);
const ACCNAT = new Set(['01', '02', '03', '04', '05', '06', '09']);
const PSTAT = new Set(['01', '02', '03', '04', '05', '06', '07', '08', '09']);
const X_CHAR = /^[A-Za-z0-9/\-?:().,'+ #&]$/u;

interface Ctx {
  fmt: string;
  /** Currency of the amounts that follow (from the last CCY/CAM/32A seen). */
  ccy?: string;
  errors: string[];
  where: string;
}

function fail(c: Ctx, msg: string): void {
  c.errors.push(`${c.where}: ${msg}`);
}

function isDate(v: string): boolean {
  if (!/^\d{8}$/.test(v)) return false;
  const y = +v.slice(0, 4), m = +v.slice(4, 6), d = +v.slice(6, 8);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
function isTime(v: string, withSeconds = true): boolean {
  const re = withSeconds ? /^([01]\d|2[0-3])[0-5]\d[0-5]\d$/ : /^([01]\d|2[0-3])[0-5]\d$/;
  return re.test(v);
}
function isYYMMDD(v: string): boolean {
  return /^\d{6}$/.test(v) && isDate(`20${v}`);
}
function checkBic(c: Ctx, v: string, cn: boolean): void {
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v)) return fail(c, `bad BIC ${v}`);
  if (cn && v.slice(4, 6) !== 'CN') fail(c, `BIC ${v} must be a CN participant`);
}
function checkLt(c: Ctx, v: string | undefined, cn: boolean): void {
  if (v === undefined || !/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}[A-Z0-9][A-Z0-9]{3}$/.test(v)) return fail(c, `bad LT address ${v}`);
  if (cn && v.slice(4, 6) !== 'CN') fail(c, `LT address ${v} must be CN`);
}
function checkCcy(c: Ctx, v: string): void {
  if (!(v in CCY_DEC)) fail(c, `currency ${v} not in the table`);
  else c.ccy = v;
}
function checkAmount(c: Ctx, v: string, ccy = c.ccy, max = 15, positive = false): void {
  const m = /^(0|[1-9]\d*),(\d*)$/.exec(v);
  if (!m || v.length > max) return fail(c, `bad amount ${v}`);
  const dec = ccy === undefined ? 2 : ccy === 'CNY' ? 2 : CCY_DEC[ccy];
  if (dec === undefined) return fail(c, `unknown currency ${ccy}`);
  if ((m[2] ?? '').length > dec) fail(c, `amount ${v} has more decimals than ${ccy} allows`);
  if (positive && toMinor(v) <= 0n) fail(c, `amount ${v} must be > 0`);
}
function toMinor(v: string): bigint {
  const [i = '0', f = ''] = v.split(',');
  return BigInt(i + f.padEnd(2, '0'));
}
function checkRef(c: Ctx, v: string): void {
  if (v.length < 1 || v.length > 16 || /\s/.test(v) || ![...v].every((ch) => X_CHAR.test(ch))) fail(c, `bad reference ${v}`);
}
function checkAcct(c: Ctx, v: string): void {
  if (v.length < 1 || v.length > 34 || /\s/.test(v) || ![...v].every((ch) => X_CHAR.test(ch))) fail(c, `bad account ${v}`);
}
function lines(v: string): string[] {
  return v.split('\r\n');
}
/** `n*len x` text: at most n lines of at most len X characters; continuation lines not starting : or -. */
function checkX(c: Ctx, v: string, n: number, len: number): void {
  const ls = lines(v);
  if (ls.length > n) fail(c, `${ls.length} lines, at most ${n}`);
  ls.forEach((l, i) => {
    if (l.length > len) fail(c, `line "${l}" longer than ${len}`);
    for (const ch of l) if (!X_CHAR.test(ch)) fail(c, `character "${ch}" not in the X set`);
    if (i > 0 && /^[:-]/.test(l)) fail(c, `line "${l}" starts with : or -`);
  });
}
/** `n*len g` text: lengths in GB18030 bytes; X characters or multi-byte characters. */
function checkG(c: Ctx, v: string, n: number, len: number): void {
  const ls = lines(v);
  if (ls.length > n) fail(c, `${ls.length} lines, at most ${n}`);
  ls.forEach((l, i) => {
    if (gb(l).length > len) fail(c, `line "${l}" longer than ${len} bytes`);
    for (const ch of l) if (ch.charCodeAt(0) < 0x80 && !X_CHAR.test(ch)) fail(c, `character "${ch}" not in the g set`);
    if (i > 0 && /^[:-]/.test(l)) fail(c, `line "${l}" starts with : or -`);
  });
}
function checkCustomer(c: Ctx, v: string, accountOptional: boolean): void {
  const ls = lines(v);
  const first = ls[0] ?? '';
  if (first.startsWith('/')) {
    checkAcct(c, first.slice(1));
    ls.shift();
  } else if (!accountOptional) fail(c, 'account missing');
  if (ls.length < 1) fail(c, 'name missing');
  checkX(c, ls.join('\r\n'), 4, 35);
}
function checkBalance(c: Ctx, v: string): void {
  const m = /^([DC])(\d{8})([A-Z]{3})(.*)$/.exec(v);
  if (!m) return fail(c, `bad balance ${v}`);
  if (!isDate(m[2] ?? '')) fail(c, `bad date in ${v}`);
  checkCcy(c, m[3] ?? '');
  checkAmount(c, m[4] ?? '', m[3]);
}
function checkKnownFmt(c: Ctx, v: string): void {
  if (!/^\d{3}$/.test(v) || !(v in FMT_MT)) fail(c, `unknown FMT ${v}`);
}

type Check = (c: Ctx, v: string) => void;
const oneOf = (...vals: string[]): Check => (c, v) => {
  if (!vals.includes(v)) fail(c, `${v} not one of ${vals.join(' ')}`);
};
const inSet = (s: Set<string>, name: string): Check => (c, v) => {
  if (!s.has(v)) fail(c, `${v} not in ${name}`);
};
const digits = (max: number): Check => (c, v) => {
  if (!new RegExp(`^\\d{1,${max}}$`).test(v)) fail(c, `${v} is not ${max}n`);
};
const date: Check = (c, v) => {
  if (!isDate(v)) fail(c, `bad date ${v}`);
};
const time: Check = (c, v) => {
  if (!isTime(v)) fail(c, `bad time ${v}`);
};
const ccyAmount: Check = (c, v) => {
  const ccy = v.slice(0, 3);
  checkCcy(c, ccy);
  checkAmount(c, v.slice(3), ccy, 15, ['32A', '32B', '33B'].includes(c.where.split(' ').pop() ?? ''));
};
const cnBic: Check = (c, v) => checkBic(c, v, true);

const TEXT_CHECKS: Record<string, Check> = {
  '11S': (c, v) => {
    const m = /^(\d{3})\r\n(\d{8})$/.exec(v);
    if (!m) return fail(c, `bad 11S ${v}`);
    checkKnownFmt(c, m[1] ?? '');
    date(c, m[2] ?? '');
  },
  '12': (c, v) => {
    if (!/^\d{3}$/.test(v)) fail(c, `bad 12 ${v}`);
  },
  '19': (c, v) => checkAmount(c, v, c.ccy, 17),
  '20': checkRef,
  '21': checkRef,
  '23B': oneOf('CRED'),
  '23D': oneOf('D', 'C'),
  '23S': inSet(PSTAT, 'PSTAT'),
  '25': checkAcct,
  '26T': inSet(BKIND, 'BKIND'),
  '28': (c, v) => {
    if (!/^\d{1,5}(\/\d{1,5})?$/.test(v)) fail(c, `bad 28 ${v}`);
  },
  '30': date,
  '30T': (c, v) => {
    if (!(v.length === 14 && isDate(v.slice(0, 8)) && isTime(v.slice(8)))) fail(c, `bad 30T ${v}`);
  },
  '32A': (c, v) => {
    date(c, v.slice(0, 8));
    ccyAmount(c, v.slice(8));
  },
  '32B': ccyAmount,
  '33B': ccyAmount,
  '71G': ccyAmount,
  '36': (c, v) => {
    if (!/^\d+,\d*$/.test(v) || v.length > 12) fail(c, `bad rate ${v}`);
  },
  '50K': (c, v) => checkCustomer(c, v, c.fmt === '102'),
  '59': (c, v) => checkCustomer(c, v, false),
  '60F': checkBalance,
  '62F': checkBalance,
  '64': checkBalance,
  '70': (c, v) => checkX(c, v, 4, 35),
  '71A': oneOf('OUR', 'SHA', 'BEN'),
  '72': (c, v) => checkX(c, v, 6, 35),
  '75': (c, v) => checkG(c, v, 6, 35),
  '76': (c, v) => {
    const [first = '', ...rest] = lines(v);
    const m = /^\/([A-Z0-9]{4})\/(.*)$/.exec(first);
    if (!m) return fail(c, `bad 76 first line ${first}`);
    checkG(c, m[2] ?? '', 1, 29);
    if (rest.length) checkG(c, rest.join('\r\n'), 5, 35);
    const codes: Record<string, string[]> = { '196': ['ANSW'], '192': ['CNCL', 'RJCR', 'PDCR'], '194': ['RETN', 'RJRT'] };
    if (!(codes[c.fmt] ?? []).includes(m[1] ?? '')) fail(c, `answer code ${m[1]} not allowed in FMT${c.fmt}`);
  },
  '77B': (c, v) => {
    const m = /^\/ACCNAT\/(\d{2})$/.exec(v);
    if (!m || !ACCNAT.has(m[1] ?? '')) fail(c, `bad 77B ${v}`);
  },
  '79': (c, v) => checkG(c, v, 35, 50),
  '90C': (c, v) => {
    const m = /^(\d{1,5})([A-Z]{3})(.*)$/.exec(v);
    if (!m) return fail(c, `bad 90C ${v}`);
    checkCcy(c, m[2] ?? '');
    checkAmount(c, m[3] ?? '', m[2]);
  },
  ONM: (c, v) => checkG(c, v, 1, 60),
  OAD: (c, v) => checkG(c, v, 2, 60),
  BNM: (c, v) => checkG(c, v, 1, 60),
  BAD: (c, v) => checkG(c, v, 2, 60),
  CRI: (c, v) => checkG(c, v, 4, 60),
};
TEXT_CHECKS['90D'] = TEXT_CHECKS['90C'] as Check;
for (const t of ['52A', '53A', '54A', '56A', '57A', '58A']) {
  TEXT_CHECKS[t] = (c, v) => checkBic(c, v, !(FOREIGN_OK[c.fmt] ?? []).includes(t));
}

const amount: Check = (c, v) => checkAmount(c, v);
const E77_CHECKS: Record<string, Check> = {
  ACC: checkAcct, AMT: amount, AVL: amount, CLA: amount, EAM: amount, QAM: amount, RAM: amount,
  SAM: amount, TCA: amount, TDA: amount, WRN: amount,
  BED: date, BSD: date, EFD: date, NWD: date, ODT: date, STD: date, WDT: date,
  CTM: time, PTM: time, QTM: time, STT: time,
  BKD: inSet(BKIND, 'BKIND'),
  CAM: ccyAmount,
  CCY: checkCcy,
  CDN: (c, v) => checkG(c, v, 1, 20),
  CDP: digits(1),
  CDT: oneOf('01', '02', '03', '04', '05'),
  CDV: (c, v) => checkG(c, v, 10, 35),
  CHT: oneOf('A', 'M', 'D'),
  CNT: digits(8),
  CSB: (c, v) => checkX(c, v, 4, 35),
  DCM: oneOf('D', 'C'),
  DIR: oneOf('S', 'R', 'A'),
  DPT: cnBic, IPT: cnBic, OSB: cnBic, PTC: cnBic, RCB: cnBic, SBK: cnBic, SPB: cnBic,
  DSN: (c, v) => {
    if (!/^[0-9A-F]{1,32}$/.test(v)) fail(c, `bad DSN ${v}`);
  },
  FEE: (c, v) => checkAmount(c, v.slice(3), /^[A-Z]{3}$/.test(v.slice(0, 3)) ? v.slice(0, 3) : 'XXX'),
  TFE: (c, v) => checkAmount(c, v.slice(3), /^[A-Z]{3}$/.test(v.slice(0, 3)) ? v.slice(0, 3) : 'XXX'),
  FIC: (c, v) => checkX(c, v, 1, 14),
  FMT: checkKnownFmt, OFM: checkKnownFmt,
  NUM: digits(8), QCT: digits(8), QSN: digits(8), RNM: digits(8), SNM: digits(8),
  OPT: oneOf('A', 'D'),
  ORF: checkRef, OSN: checkRef,
  OSS: oneOf('01', '02', '03', '04', '05', '06'), SST: oneOf('01', '02', '03', '04', '05', '06'),
  PCT: oneOf('1', '2', '3'),
  PNM: (c, v) => checkG(c, v, 1, 60),
  PRI: oneOf('U', 'N'),
  PST: inSet(PSTAT, 'PSTAT'),
  RCD: (c, v) => {
    if (!/^[A-Z0-9]{4}$/.test(v)) fail(c, `bad RCD ${v}`);
  },
  RCT: digits(3), SCT: digits(3),
  RMK: (c, v) => checkG(c, v, 1, 60),
  RND: (c, v) => {
    if (!/^\d{2}$/.test(v)) fail(c, `bad RND ${v}`);
  },
  RSP: oneOf('A', 'R'),
  SGC: (c, v) => {
    const ls = lines(v);
    if (ls.length > 64 || ls.some((l) => !/^[A-Za-z0-9+/=]{1,64}$/.test(l))) fail(c, 'bad SGC');
  },
};
const NARROW: Record<string, Check> = { '3n': digits(3), '30g': (c, v) => checkG(c, v, 1, 30) };

interface Fld {
  tag: string;
  value: string;
}
type Node = { kind: 'item'; tag: string; optional: boolean; narrow?: string } | { kind: 'group'; nodes: Node[]; rep: string };

function parseSpec(spec: string): Node[] {
  const tokens = spec.replace(/\[/g, '[ ').replace(/\]/g, ' ]').split(/\s+/).filter(Boolean);
  let i = 0;
  function list(): Node[] {
    const out: Node[] = [];
    while (i < tokens.length) {
      const t = tokens[i++] as string;
      if (t === '[') {
        const nodes = list();
        const close = tokens[i - 1] as string;
        out.push({ kind: 'group', nodes, rep: close.slice(1) });
      } else if (t.startsWith(']')) {
        return out;
      } else {
        const m = /^([0-9A-Z]{2,3})(\?)?(?:=(\w+))?$/.exec(t);
        if (!m?.[1]) throw new Error(`bad spec token ${t}`);
        const node: Node = { kind: 'item', tag: m[1], optional: m[2] === '?' };
        if (m[3]) node.narrow = m[3];
        out.push(node);
      }
    }
    return out;
  }
  return list();
}

/** Matches fields against an item list in table order; checks every value. */
function matchFields(c: Ctx, nodes: Node[], fields: Fld[], checks: Record<string, Check>): void {
  let i = 0;
  const last = new Map<string, string>();
  function run(ns: Node[]): void {
    for (const n of ns) {
      if (n.kind === 'item') {
        const f = fields[i];
        if (f && f.tag === n.tag) {
          const where = c.where;
          c.where = `${where} ${n.tag}`;
          const chk = (n.narrow ? NARROW[n.narrow] : undefined) ?? checks[n.tag];
          if (!chk) fail(c, `no check for ${n.tag}`);
          else chk(c, f.value);
          c.where = where;
          last.set(n.tag, f.value);
          i++;
        } else if (!n.optional) {
          fail(c, `mandatory ${n.tag} missing (found ${f?.tag ?? 'end'})`);
        }
      } else if (n.rep === '+') {
        const first = n.nodes[0];
        let reps = 0;
        while (first?.kind === 'item' && fields[i]?.tag === first.tag) {
          run(n.nodes);
          reps++;
        }
        if (reps < 1) fail(c, 'group must repeat at least once');
      } else {
        const countTag = n.rep.replace('*', '');
        const count = Number(last.get(countTag));
        if (!Number.isInteger(count)) fail(c, `count ${countTag} missing`);
        for (let k = 0; k < count; k++) run(n.nodes);
      }
    }
  }
  run(nodes);
  if (i < fields.length) fail(c, `unexpected field ${fields[i]?.tag} at position ${i + 1}`);
}

interface Blk {
  id: string;
  content: string;
}

function splitBlocks(c: Ctx, text: string): Blk[] {
  const blocks: Blk[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '{') {
      fail(c, `text outside blocks at ${i}`);
      return blocks;
    }
    const colon = text.indexOf(':', i);
    const id = text.slice(i + 1, colon);
    let end: number;
    if (id === '4' || id === '6') {
      end = text.indexOf('\r\n-}', i) + 3;
    } else {
      let depth = 0;
      end = i;
      for (; end < text.length; end++) {
        if (text[end] === '{') depth++;
        else if (text[end] === '}' && --depth === 0) break;
      }
    }
    blocks.push({ id, content: text.slice(colon + 1, end) });
    i = end + 1;
  }
  return blocks;
}

function textFields(c: Ctx, content: string, allow77E: boolean): Fld[] {
  if (!content.startsWith('\r\n') || !content.endsWith('\r\n-')) {
    fail(c, 'text block must start with CRLF and end with CRLF-');
    return [];
  }
  const ls = content.slice(2, -3).split('\r\n');
  const out: Fld[] = [];
  for (const l of ls) {
    if (l.includes('{') || l.includes('}')) fail(c, `brace in line ${l}`);
    const last = out[out.length - 1];
    if (last && last.tag === '77E' && allow77E) {
      last.value += `\r\n${l}`;
      continue;
    }
    const m = /^:([0-9]{2}[A-Z]?|[A-Z]{3}):(.*)$/.exec(l);
    if (m?.[1] !== undefined) out.push({ tag: m[1], value: m[2] ?? '' });
    else if (last) last.value += `\r\n${l}`;
    else fail(c, `text before first field: ${l}`);
  }
  return out;
}

function embeddedFields(c: Ctx, value: string): Fld[] {
  const ls = value.split('\r\n');
  if (ls[0] !== '') fail(c, '77E first line must be empty');
  const out: Fld[] = [];
  for (const l of ls.slice(1)) {
    if (gb(l).length > 78) fail(c, `77E line longer than 78 bytes: ${l}`);
    const m = /^:([0-9A-Z]{3}):(.*)$/.exec(l);
    const last = out[out.length - 1];
    if (m?.[1] !== undefined) out.push({ tag: m[1], value: m[2] ?? '' });
    else if (last && !l.startsWith(':')) last.value += `\r\n${l}`;
    else fail(c, `bad 77E line ${l}`);
  }
  return out;
}

const get = (fs: Fld[], tag: string): string | undefined => fs.find((f) => f.tag === tag)?.value;
const all = (fs: Fld[], tag: string): string[] => fs.filter((f) => f.tag === tag).map((f) => f.value);
const sum = (vals: string[]): bigint => vals.reduce((a, v) => a + toMinor(v), 0n);

/** Cross-field rules (fields.md rule columns). */
function crossRules(c: Ctx, fmt: string, fs: Fld[]): void {
  const rsp = get(fs, 'RSP');
  if (rsp !== undefined && (rsp === 'R') !== (get(fs, 'RCD') !== undefined)) fail(c, 'RCD must be present iff RSP = R');
  const needWhenA = (tags: string[]): void => {
    for (const t of tags) {
      if (rsp === 'A' && get(fs, t) === undefined) fail(c, `${t} is mandatory when RSP = A`);
    }
  };
  if (['100', '101', '102'].includes(fmt)) {
    const c32 = get(fs, '32A')?.slice(8, 11);
    const c33 = get(fs, '33B')?.slice(0, 3);
    const has36 = get(fs, '36') !== undefined;
    if (has36 !== (c33 !== undefined && c33 !== c32)) fail(c, '36 must be present iff 33B currency differs from 32A');
    if (get(fs, '71G') !== undefined && get(fs, '71A') !== 'OUR') fail(c, '71G only with 71A OUR');
  }
  if (fmt === '103' && get(fs, '26T') !== '009') fail(c, '26T must be 009');
  if ((fmt === '103' || fmt === '204') && !get(fs, '72')?.startsWith('/RETN/')) fail(c, '72 must start /RETN/');
  if (fmt === '203') {
    const seqB = all(fs, '20').length;
    if (seqB < 2 || seqB > 999) fail(c, 'sequence B 2..999 times');
    if (new Set(all(fs, '20')).size !== seqB) fail(c, '20 not unique');
    const ds = all(fs, '23D');
    const amts = all(fs, '32B');
    if (new Set(amts.map((a) => a.slice(0, 3))).size !== 1) fail(c, '32B currencies differ');
    const cr = sum(amts.filter((_, k) => ds[k] === 'C').map((a) => a.slice(3)));
    const dr = sum(amts.filter((_, k) => ds[k] === 'D').map((a) => a.slice(3)));
    if (cr !== dr || toMinor(get(fs, '19') ?? '') !== cr) fail(c, '19 / credits / debits not balanced');
  }
  if (fmt === '011') {
    const dcm = all(fs, 'DCM');
    const amt = all(fs, 'AMT');
    const d = sum(amt.filter((_, k) => dcm[k] === 'D'));
    const cr = sum(amt.filter((_, k) => dcm[k] === 'C'));
    if (toMinor(get(fs, 'TDA') ?? '') !== d || toMinor(get(fs, 'TCA') ?? '') !== cr || d !== cr) fail(c, 'TDA/TCA sums');
  }
  if (fmt === '021') {
    const tfe = get(fs, 'TFE') ?? '';
    const fees = all(fs, 'FEE');
    if (fees.some((f) => f.slice(0, 3) !== tfe.slice(0, 3))) fail(c, 'FEE currency differs from TFE');
    if (sum(fees.map((f) => f.slice(3))) !== toMinor(tfe.slice(3))) fail(c, 'TFE is not the sum of FEE');
    if ((get(fs, 'BED') ?? '') < (get(fs, 'BSD') ?? '')) fail(c, 'BED before BSD');
  }
  if (fmt === '070' || fmt === '074') {
    const tda = all(fs, 'TDA');
    const tca = all(fs, 'TCA');
    if (tda.some((v, k) => toMinor(v) !== toMinor(tca[k] ?? ''))) fail(c, 'TDA != TCA');
  }
  if (fmt === '941') {
    const bal = (v: string | undefined): bigint => {
      if (!v) return 0n;
      return (v[0] === 'D' ? -1n : 1n) * toMinor(v.slice(12));
    };
    const mov = (v: string | undefined): bigint => (v ? toMinor(v.replace(/^\d+[A-Z]{3}/, '')) : 0n);
    const ccys = ['60F', '62F', '64'].map((t) => get(fs, t)?.slice(9, 12)).concat(
      ['90C', '90D'].map((t) => get(fs, t)?.replace(/^\d+/, '').slice(0, 3)),
    );
    if (new Set(ccys.filter(Boolean)).size !== 1) fail(c, 'balances in different currencies');
    if (get(fs, '90C') && get(fs, '90D') && bal(get(fs, '62F')) !== bal(get(fs, '60F')) + mov(get(fs, '90C')) - mov(get(fs, '90D'))) {
      fail(c, '62F != 60F + 90C - 90D');
    }
  }
  if (fmt === '920' && get(fs, '12') !== '941') fail(c, '12 must be 941');
  if (fmt === '025' && get(fs, 'OFM') !== '104') fail(c, 'OFM must be 104');
  if (fmt === '010' && !/^(10[0-4]|20[0-4])$/.test(get(fs, 'OFM') ?? '')) fail(c, 'OFM must be 100-104/200-204');
  if (fmt === '031' && Number(get(fs, 'CNT')) < 1) fail(c, 'CNT >= 1');
  if (fmt === '043' && (get(fs, 'OPT') === 'A') !== (get(fs, 'WRN') !== undefined)) fail(c, 'WRN iff OPT = A');
  if (fmt === '024') needWhenA(['DSN', 'SGC']);
  if (fmt === '046') needWhenA(['EAM', 'AVL']);
  if (fmt === '048') needWhenA(['CLA', 'AVL']);
  if (fmt === '045' || fmt === '047') {
    if (toMinor(get(fs, 'AMT') ?? '0,') <= 0n) fail(c, 'AMT > 0');
  }
  if (fmt === '081' || fmt === '088') {
    if (all(fs, 'CHT').some((v) => v !== 'A' && v !== 'D')) fail(c, 'CHT must be A or D');
  }
  if (fmt === '080' || fmt === '083' || fmt === '087') {
    // Split into repetitions at each CHT (080, 083) or CCY (087).
    const start = fmt === '087' ? 'CCY' : 'CHT';
    const groups: Fld[][] = [];
    for (const f of fs) {
      if (f.tag === start) groups.push([]);
      groups[groups.length - 1]?.push(f);
    }
    for (const g of groups) {
      const deleted = get(g, 'CHT') === 'D';
      const need = fmt === '080' ? ['PNM', 'PCT'] : fmt === '083' ? ['PNM'] : ['CDP', 'SBK'];
      for (const t of need) {
        if (!deleted && get(g, t) === undefined) fail(c, `${t} mandatory unless CHT = D`);
      }
      if (fmt === '080' && (get(g, 'PCT') === '2') !== (get(g, 'DPT') !== undefined)) fail(c, 'DPT iff PCT = 2');
    }
  }
}

function checkMessage(fx: Fixture): string[] {
  const c: Ctx = { fmt: fx.fmt, errors: [], where: fx.name };
  const blocks = splitBlocks(c, fx.text);
  const ids = blocks.map((b) => b.id).join('');
  const expected = `1234${B6.has(fx.fmt) && ids.includes('6') ? '6' : ''}${ids.includes('7') ? '7' : ''}5`;
  if (ids !== expected) fail(c, `blocks ${ids}, expected ${expected}`);
  if (ids.includes('6') && !B6.has(fx.fmt)) fail(c, 'block 6 not allowed');
  if (SIG_M.has(fx.fmt) && !ids.includes('7')) fail(c, 'signature block missing');
  const b = (id: string): string => blocks.find((x) => x.id === id)?.content ?? '';

  const b1 = /^F01([A-Z0-9]{12})(\d{4})(\d{6})$/.exec(b('1'));
  if (!b1) fail(c, `bad block 1 ${b('1')}`);
  else checkLt(c, b1[1], true);

  const b2 = b('2');
  const inp = /^I(\d{3})([A-Z0-9]{12})([UN])(?:([123])(\d{3})?)?$/.exec(b2);
  const out = /^O(\d{3})(\d{4})(\d{6})([A-Z0-9]{12})(\d{4})(\d{6})(\d{6})(\d{4})([UN])$/.exec(b2);
  const mt = inp?.[1] ?? out?.[1];
  if (inp) {
    checkLt(c, inp[2], true);
  } else if (out) {
    if (b2.length !== 47) fail(c, 'output block 2 must be 47 characters');
    if (!isTime(out[2] ?? '', false) || !isTime(out[8] ?? '', false)) fail(c, 'bad time in block 2');
    if (!isYYMMDD(out[3] ?? '') || !isYYMMDD(out[7] ?? '')) fail(c, 'bad date in block 2');
    checkLt(c, out[4], true);
  } else fail(c, `bad block 2 ${b2}`);
  if (mt !== FMT_MT[fx.fmt]) fail(c, `block 2 MT ${mt} is not FMT${fx.fmt}'s MT ${FMT_MT[fx.fmt]}`);

  const b3 = /^\{119:FMT(\d{3})\}(\{108:([^{}]*)\})?(\{113:([^{}]*)\})?$/.exec(b('3'));
  if (!b3) fail(c, `bad block 3 ${b('3')}`);
  else {
    if (b3[1] !== fx.fmt) fail(c, `119 FMT${b3[1]} but file is FMT${fx.fmt}`);
    if (b3[3] !== undefined) checkRef(c, b3[3]);
    if (b3[5] !== undefined && !/^[A-Za-z0-9/\-?:().,'+ #&]{4}$/.test(b3[5])) fail(c, 'bad 113');
  }
  if (ids.includes('7') && !/^\{DSN:[0-9A-F]{1,32}\}\{SIG:[A-Za-z0-9+/=]{1,4096}\}$/.test(b('7'))) fail(c, 'bad block 7');
  if (!/^\{CHK:[0-9A-F]{12}\}(\{PDE:(\d{4}\d{6}[A-Z0-9]{28})?\})?(\{TNG:\})?$/.test(b('5'))) fail(c, 'bad block 5');

  const fields = textFields(c, b('4'), FMT_MT[fx.fmt] === '198');
  if (FMT_MT[fx.fmt] === '198') {
    matchFields(c, parseSpec('20 12 77E'), fields, { '20': checkRef, '12': () => undefined, '77E': () => undefined });
    if (get(fields, '12') !== fx.fmt) fail(c, ':12: must equal the FMT of 119');
    const emb = embeddedFields(c, get(fields, '77E') ?? '');
    matchFields(c, parseSpec(E77_SPEC[fx.fmt] ?? ''), emb, E77_CHECKS);
    crossRules(c, fx.fmt, emb);
  } else {
    matchFields(c, parseSpec(TEXT_SPEC[fx.fmt] ?? ''), fields, TEXT_CHECKS);
    crossRules(c, fx.fmt, fields);
  }
  if (ids.includes('6')) {
    const f6 = textFields(c, b('6'), false);
    matchFields(c, parseSpec(B6_SPEC), f6, TEXT_CHECKS);
  }
  // Everything must survive a GB18030 round trip through both decoders.
  const bytes = gb(fx.text);
  if (new TextDecoder('gb18030').decode(bytes) !== fx.text || iconv.decode(bytes, 'gb18030') !== fx.text) {
    fail(c, 'GB18030 round trip differs');
  }
  if (/\n/.test(fx.text.replace(/\r\n/g, '')) || /\r/.test(fx.text.replace(/\r\n/g, ''))) fail(c, 'bare CR or LF');
  return c.errors;
}

/** Trail bytes `{` (0x7B) / `}` (0x7D) inside multi-byte GB18030 characters. */
function braceTrailChars(text: string): string[] {
  const found: string[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    const b = gb(ch);
    if (b.length === 2 && (b[1] === 0x7b || b[1] === 0x7d)) found.push(ch);
  }
  return found;
}

// ------------------------------------------------------------------------------------------------
// Batches
// ------------------------------------------------------------------------------------------------

const BATCH_FMTS = ['100', '010', '102', '195', '196', '203', '011', '012', '104', '025', '199', '020', '941',
  '062', '080', '024', '191', '192', '060', '074'];

// ------------------------------------------------------------------------------------------------
// Malformed and lenient inputs
// ------------------------------------------------------------------------------------------------

/** Marks the position a diagnostic must point at; removed before writing. */
const AT = '\u0001';
/** Stands for one raw byte 0x81 (an invalid lone GB18030 lead byte) in E001 inputs. */
const RAW81 = '\u0002';

interface Broken {
  readonly name: string;
  readonly code: string;
  readonly mode: 'strict' | 'lenient';
  /** Text with AT at the expected position (and RAW81 where a raw 0x81 byte goes). */
  readonly marked: string;
  readonly note: string;
  readonly derivedFrom?: string;
}

const BROKEN: Broken[] = [];

function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

function broken(b: Omit<Broken, 'marked'> & { base?: string; edit: (t: string) => string }): void {
  const base = b.base === undefined ? undefined : valid(b.base);
  const marked = b.edit(base?.text ?? '');
  const entry: Broken = { name: b.name, code: b.code, mode: b.mode, marked, note: b.note };
  BROKEN.push(base ? { ...entry, derivedFrom: `valid/${base.name}.fin` } : entry);
}

const S = 'strict' as const;
const L = 'lenient' as const;

broken({
  name: 's001-empty-input', code: 'S001', mode: S,
  note: 'zero bytes; position 1:1 (offset 0)',
  edit: () => AT,
});
broken({
  name: 's002-text-before-first-block', code: 'S002', mode: S, base: '199',
  note: 'a 10-digit transport length prefix before {1:; position of its first character',
  edit: (t) => `${AT}0000000612${t}`,
});
broken({
  name: 's003-bad-block-identifier', code: 'S003', mode: S, base: '199',
  note: '"{3;" instead of "{3:"; position of that block\'s "{"',
  edit: (t) => replaceOnce(t, '{3:{119:', `${AT}{3;{119:`),
});
broken({
  name: 's004-truncated-in-text-block', code: 'S004', mode: S, base: '100',
  note: 'message cut off inside field 59 of block 4 (no "}" follows); position of block 4\'s "{". A missing-trailer diagnostic (S009) may follow; S004 comes first',
  edit: (t) => {
    const m = replaceOnce(t, '{4:\r\n', `${AT}{4:\r\n`);
    return m.slice(0, m.indexOf('MACHINERY CO LTD'));
  },
});
broken({
  name: 's004-trailer-not-closed', code: 'S004', mode: S, base: '199',
  note: 'the final "}" of the trailer is missing; position of block 5\'s "{"',
  edit: (t) => replaceOnce(t, '{5:', `${AT}{5:`).slice(0, -1),
});
broken({
  name: 's005-unknown-block', code: 'S005', mode: S, base: '199',
  note: 'a SWIFT system trailer {S:…} after the trailer; position of its "{". Unknown blocks take no part in the block-order check, so no S007',
  edit: (t) => `${t}${AT}{S:{SAC:}{COP:P}}`,
});
broken({
  name: 's006-duplicate-block', code: 'S006', mode: S, base: '199',
  note: 'block 3 written twice (identical); position of the second block 3\'s "{"',
  edit: (t) => replaceOnce(t, '{3:{119:FMT199}}', `{3:{119:FMT199}}${AT}{3:{119:FMT199}}`),
});
broken({
  name: 's007-blocks-out-of-order', code: 'S007', mode: S, base: '100',
  note: 'block 7 before block 6; position of block 6\'s "{" (the first block that appears after a block it must precede: "block 6 must come before block 7")',
  edit: (t) => {
    const b6 = t.slice(t.indexOf('{6:'), t.indexOf('{7:'));
    const b7 = t.slice(t.indexOf('{7:'), t.indexOf('{5:'));
    return t.slice(0, t.indexOf('{6:')) + b7 + AT + b6 + t.slice(t.indexOf('{5:'));
  },
});
broken({
  name: 's008-missing-text-block', code: 'S008', mode: S, base: '199',
  note: 'no block 4; position of the "{" of block 5, the first present block that should follow the missing one (where it belongs)',
  edit: (t) => t.slice(0, t.indexOf('{4:')) + AT + t.slice(t.indexOf('{5:')),
});
broken({
  name: 's009-missing-trailer', code: 'S009', mode: S, base: '199',
  note: 'no block 5; position just after the last block, where the trailer belongs',
  edit: (t) => t.slice(0, t.indexOf('{5:')) + AT,
});
broken({
  name: 's010-basic-header-24-characters', code: 'S010', mode: S, base: '100',
  note: 'block 1 has 24 characters (one digit of the sequence number missing); position of the first character that breaks the form (here the "}" where the 25th character should be)',
  edit: (t) => replaceOnce(t, '{1:F01ICBKCNBJAXXX0001000123}', `{1:F01ICBKCNBJAXXX000100012${AT}}`),
});
broken({
  name: 's011-application-header-no-priority', code: 'S011', mode: S, base: '102',
  note: 'block 2 "I103ICBKCNBJXXXN": the terminal code was dropped, so the 12 characters after the MT swallow the priority (16 characters, no priority); position of the first character that breaks the form (the "}" where the priority should be)',
  edit: (t) => replaceOnce(t, '{2:I103ICBKCNBJXXXXN}', `{2:I103ICBKCNBJXXXN${AT}}`),
});
broken({
  name: 's012-user-header-not-tag-list', code: 'S012', mode: S, base: '100',
  note: 'block 3 "{3:119:FMT100}" without the inner braces; position of the first character that is not a {tag:value} sub-block',
  edit: (t) => replaceOnce(t, '{3:{119:FMT100}{108:HX2026INV1187}}', `{3:${AT}119:FMT100}`),
});
broken({
  name: 's013-unknown-user-header-tag', code: 'S013', mode: S, base: '100',
  note: 'SWIFT gpi tag {121:UETR} is not a CFXPS user-header tag; position of the "{" of that {tag:value} sub-block',
  edit: (t) => replaceOnce(t, '{108:HX2026INV1187}}', `{108:HX2026INV1187}${AT}{121:8e1c7f0a-3b5d-4c2e-9f61-0d2a7b4c5e93}}`),
});
broken({
  name: 's014-duplicate-user-header-tag', code: 'S014', mode: S, base: '100',
  note: 'tag 108 twice in block 3; position of the "{" of the second {108:…} sub-block',
  edit: (t) => replaceOnce(t, '{108:HX2026INV1187}}', `{108:HX2026INV1187}${AT}{108:HX2026INV1187}}`),
});
broken({
  name: 's015-bad-fmt-number', code: 'S015', mode: S, base: '100',
  note: '{119:FMT10}: 119 must be FMT + 3 digits; position of the value',
  edit: (t) => replaceOnce(t, '{119:FMT100}', `{119:${AT}FMT10}`),
});
broken({
  name: 's016-missing-fmt-number', code: 'S016', mode: S, base: '100',
  note: 'block 3 holds only {108:…}; position of block 3\'s "{" (the block that should contain 119)',
  edit: (t) => replaceOnce(t, '{3:{119:FMT100}{108:HX2026INV1187}}', `${AT}{3:{108:HX2026INV1187}}`),
});
broken({
  name: 's017-user-header-tags-out-of-order', code: 'S017', mode: S, base: '100',
  note: '{108:…} before {119:…}; position of the "{" of {119:…}, the first sub-block that appears after one it must precede ("119 must come before 108")',
  edit: (t) => replaceOnce(t, '{3:{119:FMT100}{108:HX2026INV1187}}', `{3:{108:HX2026INV1187}${AT}{119:FMT100}}`),
});
broken({
  name: 's020-text-block-no-leading-crlf', code: 'S020', mode: S, base: '199',
  note: 'the first field follows "{4:" directly ("{4::20:…"); position of the character after "{4:", where the CRLF belongs. A bare LF right after "{4:" would be S024 instead',
  edit: (t) => replaceOnce(t, '{4:\r\n', `{4:${AT}`),
});
broken({
  name: 's021-text-block-no-closing-dash', code: 'S021', mode: S, base: '199',
  note: 'block 4 ends with CRLF "}" (the "-" is missing); no CRLF-} follows anywhere, so the block ends at its first "}"; position of that "}" (where "-}" should be)',
  edit: (t) => replaceOnce(t, '\r\n-}', `\r\n${AT}}`),
});
broken({
  name: 's022-lowercase-field-tag', code: 'S022', mode: S, base: '100',
  note: '":32a:" is not a tag (letters must be upper case); position of the ":" that starts the line',
  edit: (t) => replaceOnce(t, '\r\n:32A:', `\r\n${AT}:32a:`),
});
broken({
  name: 's023-text-before-first-field', code: 'S023', mode: S, base: '199',
  note: 'a line "PAYMENT QUERY" between "{4:" CRLF and the first field; position of its first character',
  edit: (t) => replaceOnce(t, '{4:\r\n', `{4:\r\n${AT}PAYMENT QUERY\r\n`),
});
broken({
  name: 's024-bare-lf-in-text-block', code: 'S024', mode: S, base: '100',
  note: 'the line break after ":23B:CRED" is a bare LF; position of the LF character (line = number of LF before it + 1)',
  edit: (t) => replaceOnce(t, ':23B:CRED\r\n', `:23B:CRED${AT}\n`),
});
broken({
  name: 's024-bare-cr-in-text-block', code: 'S024', mode: S, base: '100',
  note: 'the line break after ":23B:CRED" is a bare CR; position of the CR character',
  edit: (t) => replaceOnce(t, ':23B:CRED\r\n', `:23B:CRED${AT}\r`),
});
broken({
  name: 's025-brace-in-field', code: 'S025', mode: S, base: '100',
  note: '"}" inside field 70 (block 4 still ends with CRLF-}, so the brace is inside the block); position of the brace',
  edit: (t) => replaceOnce(t, ':70:/INV/HX2026-1187', `:70:/INV/HX2026-1187${AT}}`),
});
broken({
  name: 's026-77e-first-line-not-empty', code: 'S026', mode: S, base: '043',
  note: 'the first embedded field is on the ":77E:" line; position of the first character after ":77E:"',
  edit: (t) => replaceOnce(t, ':77E:\r\n:CCY:', `:77E:${AT}:CCY:`),
});
broken({
  name: 's027-bad-embedded-tag', code: 'S027', mode: S, base: '043',
  note: '":CC:USD" inside 77E: an embedded tag has 3 characters; position of the ":" that starts the line',
  edit: (t) => replaceOnce(t, '\r\n:CCY:USD', `\r\n${AT}:CC:USD`),
});
broken({
  name: 's030-text-after-trailer', code: 'S030', mode: S, base: '199',
  note: 'CRLF then a telex end marker "NNNN" after the trailer; white space after the message is allowed, so the position is the first "N"',
  edit: (t) => `${t}\r\n${AT}NNNN`,
});
broken({
  name: 'e001-invalid-gb18030', code: 'E001', mode: S, base: '100',
  note: 'a lone byte 0x81 (a GB18030 lead byte) followed by a space in block 6 field CRI; decoding yields U+FFFD there and keeps the space; position of that U+FFFD in the decoded text (byteOffset gives the byte)',
  edit: (t) => replaceOnce(t, '货款，发票号', `货款${AT}${RAW81} 发票号`),
});

// Lenient inputs: accepted by a lenient parse with a warning (the code's `lenient` severity).
broken({
  name: 'bare-lf-line-breaks', code: 'S024', mode: L, base: '100',
  note: 'every line break inside blocks 4 and 6 is a bare LF; the first warning points at the LF right after "{4:" (a lenient parse keeps the bytes)',
  edit: (t) => replaceOnce(t.replace(/\r\n/g, '\n'), '{4:\n', `{4:${AT}\n`),
});
broken({
  name: 'unknown-block-s', code: 'S005', mode: L, base: '199',
  note: 'unknown block {S:{SAC:}} after the trailer, kept as raw text; position of its "{"',
  edit: (t) => `${t}${AT}{S:{SAC:}}`,
});
broken({
  name: 'missing-trailer', code: 'S009', mode: L, base: '100',
  note: 'no block 5; position just after the last block, where the trailer belongs',
  edit: (t) => t.slice(0, t.indexOf('{5:')) + AT,
});
broken({
  name: 'crlf-between-blocks', code: 'S002', mode: L, base: '010',
  note: 'CRLF between consecutive blocks (text outside blocks); the first warning points at the CR after block 1',
  edit: (t) => t.replace(/\}\{(?=\d:)/g, '}\r\n{').replace('}\r\n{2:', `}${AT}\r\n{2:`),
});
broken({
  name: 'unknown-user-header-tag', code: 'S013', mode: L, base: '100',
  note: 'unknown user-header tag {999:X}; position of the "{" of that sub-block',
  edit: (t) => replaceOnce(t, '{3:{119:FMT100}{108:HX2026INV1187}}', `{3:{119:FMT100}${AT}{999:X}}`),
});

interface Expect {
  code: string;
  line: number;
  column: number;
  mode: string;
  note: string;
  severity: string;
  offset: number;
  byteOffset?: number;
  derivedFrom?: string;
}

function realize(b: Broken): { bytes: Buffer; expect: Expect } {
  const offset = b.marked.indexOf(AT);
  if (offset < 0 || b.marked.indexOf(AT, offset + 1) >= 0) throw new Error(`${b.name}: exactly one position mark`);
  const text = b.marked.replace(AT, '');
  const parts = text.split(RAW81);
  const bytes = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [gb(p)] : [Buffer.from([0x81]), gb(p)])));
  const decoded = new TextDecoder('gb18030').decode(bytes);
  if (decoded !== text.replace(RAW81, '\uFFFD')) throw new Error(`${b.name}: decoded text differs from the source`);
  const before = decoded.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const expect: Expect = {
    code: b.code,
    line,
    column,
    mode: b.mode,
    note: b.note,
    severity: b.mode === 'strict' ? 'error' : 'warning',
    offset,
  };
  if (parts.length > 1) expect.byteOffset = gb(parts[0] ?? '').length;
  if (b.derivedFrom) expect.derivedFrom = b.derivedFrom;
  return { bytes, expect };
}

// ------------------------------------------------------------------------------------------------
// Run
// ------------------------------------------------------------------------------------------------

function main(): void {
  const errors: string[] = [];
  if (VALID.length !== 73) errors.push(`expected 73 valid fixtures, have ${VALID.length}`);
  const fmts = new Set(VALID.map((v) => v.fmt));
  for (const f of Object.keys(FMT_MT)) if (!fmts.has(f)) errors.push(`no valid fixture for FMT${f}`);
  const names = new Set<string>();
  for (const v of VALID) {
    if (names.has(v.name)) errors.push(`duplicate name ${v.name}`);
    names.add(v.name);
    if (!v.name.startsWith(`fmt${v.fmt}-mt${FMT_MT[v.fmt]}-`)) errors.push(`${v.name}: name must be fmt${v.fmt}-mt${FMT_MT[v.fmt]}-…`);
    errors.push(...checkMessage(v));
  }
  const braceFiles = VALID.filter((v) => braceTrailChars(v.text).length > 0);
  if (braceFiles.length < 3) errors.push(`only ${braceFiles.length} fixtures with trail-byte braces`);
  // The bytes themselves: a naive byte scanner must see these braces.
  for (const v of braceFiles) {
    const bytes = gb(v.text);
    const ascii = (v.text.match(/[{}]/g) ?? []).length;
    const raw = bytes.filter((x) => x === 0x7b || x === 0x7d).length;
    if (raw <= ascii) errors.push(`${v.name}: expected more {/} bytes than {/} characters`);
  }
  const realized = BROKEN.map((b) => ({ b, ...realize(b) }));
  const strictCount = BROKEN.filter((b) => b.mode === 'strict').length;
  if (strictCount < 20) errors.push(`only ${strictCount} malformed inputs`);
  if (errors.length) {
    console.error(errors.join('\n'));
    process.exit(1);
  }

  // Remove previously generated files (only .fin and .json) so renamed fixtures do not linger.
  for (const dir of ['valid', 'batches', 'malformed', join('malformed', 'lenient')]) {
    const p = join(ROOT, dir);
    mkdirSync(p, { recursive: true });
    for (const f of readdirSync(p)) {
      const fp = join(p, f);
      if (statSync(fp).isFile() && /\.(fin|json)$/.test(f)) rmSync(fp);
    }
  }
  for (const v of VALID) writeFileSync(join(ROOT, 'valid', `${v.name}.fin`), gb(v.text));

  const batch = BATCH_FMTS.map(valid);
  if (batch.length !== 20) throw new Error('a batch holds 20 messages');
  const manifest = (separator: string): string =>
    `${JSON.stringify(
      {
        messages: batch.length,
        separator,
        fmts: batch.map((v) => v.fmt),
        sources: batch.map((v) => `valid/${v.name}.fin`),
      },
      null,
      2,
    )}\n`;
  writeFileSync(join(ROOT, 'batches', 'batch-20-crlf-separated.fin'), gb(batch.map((v) => v.text).join('\r\n')));
  writeFileSync(join(ROOT, 'batches', 'batch-20-crlf-separated.expect.json'), manifest('\r\n'));
  writeFileSync(join(ROOT, 'batches', 'batch-20-no-separator.fin'), gb(batch.map((v) => v.text).join('')));
  writeFileSync(join(ROOT, 'batches', 'batch-20-no-separator.expect.json'), manifest(''));

  for (const { b, bytes, expect } of realized) {
    const dir = join(ROOT, 'malformed', b.mode === 'lenient' ? 'lenient' : '');
    writeFileSync(join(dir, `${b.name}.fin`), bytes);
    writeFileSync(join(dir, `${b.name}.expect.json`), `${JSON.stringify(expect, null, 2)}\n`);
  }

  const chinese = VALID.filter((v) => /[^\x00-\x7f]/.test(v.text)).map((v) => v.fmt);
  console.log(`valid: ${VALID.length} messages (${chinese.length} with Chinese: FMT ${chinese.join(' ')})`);
  console.log(`trail-byte braces: ${braceFiles.map((v) => `FMT${v.fmt} [${braceTrailChars(v.text).join('')}]`).join(', ')}`);
  console.log(`batches: 2 files of ${batch.length} messages`);
  console.log(`malformed: ${strictCount} strict, ${BROKEN.length - strictCount} lenient`);
}

main();
