/**
 * Timing of the Ohm reference parser: ms per match (grammar match + AST) of one ~900-byte
 * message, over 200 matches after a warm-up.
 *
 *     npx tsx bench/reference.bench.ts
 */
import { matchReference } from '../src/reference/reference.js';

const CRLF = '\r\n';
const message =
  '{1:F01BKCHCNBJAXXX0001000123}{2:I103ICBKCNBJXXXXN}{3:{119:FMT100}{108:MUR2026010100001}}' +
  '{4:' + CRLF +
  ':20:REF20260101001' + CRLF +
  ':23B:CRED' + CRLF +
  ':32A:20260101USD1000000,00' + CRLF +
  ':33B:USD1000000,00' + CRLF +
  ':50K:/6222020200012345678' + CRLF +
  'BEIJING EXAMPLE TRADING CO LTD' + CRLF +
  'NO 1 EXAMPLE ROAD CHAOYANG DISTRICT' + CRLF +
  'BEIJING CHINA' + CRLF +
  ':52A:BKCHCNBJ' + CRLF +
  ':57A:ICBKCNBJ' + CRLF +
  ':59:/6212260200098765432' + CRLF +
  'SHANGHAI EXAMPLE IMPORT AND EXPORT CO' + CRLF +
  'NO 99 EXAMPLE AVENUE PUDONG NEW AREA' + CRLF +
  'SHANGHAI CHINA' + CRLF +
  ':70:/INV/2026-0001 PAYMENT FOR GOODS' + CRLF +
  'CONTRACT NO 2025-EX-778' + CRLF +
  ':71A:SHA' + CRLF +
  ':72:/ACC/PLEASE CREDIT BENEFICIARY' + CRLF +
  '//WITHOUT DELAY' + CRLF +
  '-}' +
  '{6:' + CRLF +
  ':ONM:北京示例贸易有限公司' + CRLF +
  ':BNM:上海示例进出口有限公司' + CRLF +
  ':CRM:货款，合同号2025-EX-778，发票号INV/2026-0001' + CRLF +
  '-}' +
  '{7:{DSN:0A1B2C3D4E5F60718293A4B5C6D7E8F9}{SIG:' + 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0'.repeat(5) + '}}' +
  '{5:{CHK:0123456789AB}}' +
  CRLF;

const first = matchReference(message);
if (!first.ok) throw new Error(first.expected);

const bytes = Buffer.byteLength(message, 'utf8');
const N = 200;
for (let i = 0; i < 50; i++) matchReference(message); // warm-up
const t0 = performance.now();
for (let i = 0; i < N; i++) matchReference(message);
const ms = (performance.now() - t0) / N;
console.log(
  `reference (Ohm) match + AST: ${ms.toFixed(3)} ms/match over ${N} matches ` +
    `(${message.length} chars, ${bytes} UTF-8 bytes; ${(1000 / ms).toFixed(0)} messages/s)`,
);
