/**
 * The one table of diagnostic codes. A code never changes meaning once published; texts may be
 * improved. `{name}` in a text is replaced by the diagnostic's parameter of that name.
 *
 * Code families:
 *   S… syntax of the envelope (blocks, headers, fields, line breaks)
 *   E… bytes and character encoding
 *   V… values inside a field or header value (format notation, charset, lengths, codes)
 *   (later families: F fields, R cross-field rules, L input limits)
 *
 * `severity` is the severity in a strict parse; `lenient` (when present) is the severity a
 * lenient parse gives the same finding.
 */
export interface DiagnosticCodeDef {
  readonly severity: 'error' | 'warning' | 'info';
  readonly lenient?: 'error' | 'warning' | 'info';
  readonly title: string;
  readonly en: string;
  readonly zh: string;
}

function table<const T extends Record<string, DiagnosticCodeDef>>(t: T): T {
  return t;
}

export const DIAGNOSTIC_CODES = table({
  // --- envelope syntax -------------------------------------------------------------------
  S000: {
    severity: 'error',
    title: 'syntax error (grammar)',
    en: 'the message does not match the grammar: {expected}',
    zh: '报文不符合语法：{expected}',
  },
  S001: {
    severity: 'error',
    title: 'empty input',
    en: 'the input holds no message',
    zh: '输入中没有报文',
  },
  S002: {
    severity: 'error',
    lenient: 'warning',
    title: 'text outside blocks',
    en: 'expected "{" to start a block, found {found}',
    zh: '此处应为块起始符"{"，实际为{found}',
  },
  S003: {
    severity: 'error',
    title: 'bad block identifier',
    en: 'a block must start with "{ID:" (ID of 1 to 3 letters or digits)',
    zh: '块必须以"{标识:"开头（标识为1至3位字母或数字）',
  },
  S004: {
    severity: 'error',
    title: 'block not terminated',
    en: 'block {block} is not terminated before the end of the message',
    zh: '块{block}在报文结束前未结束',
  },
  S005: {
    severity: 'error',
    lenient: 'warning',
    title: 'unknown block',
    en: 'unknown block {block}; kept as raw text',
    zh: '未知的块{block}，按原文保留',
  },
  S006: {
    severity: 'error',
    lenient: 'warning',
    title: 'duplicate block',
    en: 'block {block} appears more than once',
    zh: '块{block}重复出现',
  },
  S007: {
    severity: 'error',
    lenient: 'warning',
    title: 'block out of order',
    en: 'block {block} must come before block {before}',
    zh: '块{block}应位于块{before}之前',
  },
  S008: {
    severity: 'error',
    title: 'mandatory block missing',
    en: 'mandatory block {block} ({name}) is missing',
    zh: '缺少必选块{block}（{nameZh}）',
  },
  S009: {
    severity: 'error',
    lenient: 'warning',
    title: 'trailer missing',
    en: 'the trailer block {5:…} is missing',
    zh: '缺少报尾块{5:…}',
  },
  S010: {
    severity: 'error',
    title: 'basic header malformed',
    en: 'block 1 must be F01 + 12-character LT address + 4-digit session + 6-digit sequence (25 characters): {detail}',
    zh: '基本头块应为F01+12位LT地址+4位会话号+6位序号（共25位）：{detailZh}',
  },
  S011: {
    severity: 'error',
    title: 'application header malformed',
    en: 'block 2 is neither the input form (I + MT + LT address + priority [+ monitoring [+ obsolescence]]) nor the 47-character output form: {detail}',
    zh: '应用头块既不是输入格式（I+MT+LT地址+优先级[+传送监控[+过期时间]]）也不是47位的输出格式：{detailZh}',
  },
  S012: {
    severity: 'error',
    title: 'tag list malformed',
    en: 'block {block} must be a list of {tag:value} sub-blocks',
    zh: '块{block}应由若干{标签:值}子块组成',
  },
  S013: {
    severity: 'error',
    lenient: 'warning',
    title: 'unknown header tag',
    en: 'tag {tag} is not defined for block {block}',
    zh: '块{block}中未定义标签{tag}',
  },
  S014: {
    severity: 'error',
    lenient: 'warning',
    title: 'duplicate header tag',
    en: 'tag {tag} appears more than once in block {block}',
    zh: '块{block}中标签{tag}重复出现',
  },
  S015: {
    severity: 'error',
    title: 'header value malformed',
    en: 'the value of {tag} in block {block} must be {format}',
    zh: '块{block}中{tag}的值应为{format}',
  },
  S016: {
    severity: 'error',
    title: 'mandatory header tag missing',
    en: 'block {block} must contain {tag} ({name})',
    zh: '块{block}必须包含{tag}（{nameZh}）',
  },
  S017: {
    severity: 'error',
    lenient: 'warning',
    title: 'header tag out of order',
    en: 'tag {tag} must come before {before} in block {block}',
    zh: '块{block}中标签{tag}应位于{before}之前',
  },
  S020: {
    severity: 'error',
    title: 'text block start',
    en: 'block {block} must start with a line break right after "{{block}:"',
    zh: '块{block}的"{{block}:"之后必须紧跟回车换行',
  },
  S021: {
    severity: 'error',
    title: 'text block end',
    en: 'block {block} must end with a line break followed by "-}"',
    zh: '块{block}必须以回车换行加"-}"结束',
  },
  S022: {
    severity: 'error',
    title: 'bad field tag',
    en: 'a field must start with ":TAG:" (2 digits and an optional letter, or 3 letters or digits)',
    zh: '域必须以":标签:"开头（2位数字加可选字母，或3位字母或数字）',
  },
  S023: {
    severity: 'error',
    title: 'text before first field',
    en: 'block {block} has text before its first field',
    zh: '块{block}在第一个域之前有多余内容',
  },
  S024: {
    severity: 'error',
    lenient: 'warning',
    title: 'bare line feed or carriage return',
    en: 'line breaks must be CR LF; found a bare {found}',
    zh: '换行必须为回车换行（CRLF），此处为单独的{found}',
  },
  S025: {
    severity: 'error',
    title: 'brace inside a field',
    en: '"{found}" is not allowed inside a field (it delimits blocks)',
    zh: '域内容中不允许出现"{found}"（块分隔符）',
  },
  S026: {
    severity: 'error',
    title: '77E first line not empty',
    en: 'the first line of 77E must be empty; embedded fields start on the next line',
    zh: '77E域首行必须为空，内嵌域从下一行开始',
  },
  S027: {
    severity: 'error',
    title: 'bad 77E embedded tag',
    en: 'a 77E line must start with ":TAG:" (3 letters or digits) or continue the previous field',
    zh: '77E中的行必须以":标签:"（3位字母或数字）开头，或为上一内嵌域的续行',
  },
  S030: {
    severity: 'error',
    lenient: 'warning',
    title: 'text after the message',
    en: 'unexpected text after the last block: {found}',
    zh: '最后一个块之后有多余内容：{found}',
  },
  // --- input limits ------------------------------------------------------------------------
  L001: {
    severity: 'error',
    title: 'too many problems',
    en: 'more than {limit} problems in this message; {suppressed} more were not reported',
    zh: '本报文问题超过{limit}个，其余{suppressed}个未列出',
  },
  // --- bytes -------------------------------------------------------------------------------
  E001: {
    severity: 'error',
    title: 'invalid GB18030',
    en: 'bytes that are not valid GB18030 at byte {byteOffset}; they cannot be kept exactly',
    zh: '第{byteOffset}字节处不是有效的GB18030编码，无法原样保留',
  },
  E002: {
    severity: 'error',
    title: 'unencodable character',
    en: 'character {found} cannot be encoded in GB18030',
    zh: '字符{found}无法以GB18030编码',
  },
  // --- values -------------------------------------------------------------------------------
  // Problems inside one field or header value, found by the format-notation compiler
  // (src/notation). Positions are relative to the value; the caller adds the value's offset.
  V001: {
    severity: 'error',
    title: 'character not allowed',
    en: 'character {found} ({codePoint}) is not allowed in a {type} value ({typeName})',
    zh: '字符{found}（{codePoint}）不允许出现在{type}类型（{typeNameZh}）的值中',
  },
  V002: {
    severity: 'error',
    title: 'value too long',
    en: 'too long: at most {max} {unit}, found {actual}',
    zh: '超长：最多{max}{unitZh}，实际{actual}{unitZh}',
  },
  V003: {
    severity: 'error',
    title: 'wrong length',
    en: 'wrong length: {expected} {unit} expected, found {actual}',
    zh: '长度不符：应为{expectedZh}{unitZh}，实际{actual}{unitZh}',
  },
  V004: {
    severity: 'error',
    title: 'format mismatch',
    en: 'the value does not match {notation}: expected {expected}, found {found}',
    zh: '值不符合格式{notation}：此处应为{expectedZh}，实际为{foundZh}',
  },
  V005: {
    severity: 'error',
    title: 'code not in table',
    en: '{value} is not a code of {table} ({tableName})',
    zh: '{value}不是{tableNameZh}（{table}）中的代码',
  },
  V006: {
    severity: 'error',
    title: 'invalid date',
    en: 'invalid date {value} (YYYYMMDD): {detail}',
    zh: '日期{value}（YYYYMMDD）无效：{detailZh}',
  },
  V007: {
    severity: 'error',
    title: 'invalid time',
    en: 'invalid time {value} (HHMMSS): {detail}',
    zh: '时间{value}（HHMMSS）无效：{detailZh}',
  },
  V008: {
    severity: 'error',
    title: 'invalid BIC',
    en: 'invalid BIC {value}: {detail}',
    zh: '行号BIC码{value}无效：{detailZh}',
  },
  V009: {
    severity: 'error',
    title: 'invalid amount or decimal',
    en: 'invalid {kind} {value}: {detail}',
    zh: '{kindZh}{value}无效：{detailZh}',
  },
  V010: {
    severity: 'error',
    title: 'too many decimals for the currency',
    en: 'too many decimals for {currency}: at most {max}, found {actual}',
    zh: '{currency}的小数位数过多：最多{max}位，实际{actual}位',
  },
  V011: {
    severity: 'error',
    title: 'too many lines',
    en: 'too many lines: at most {max}, found {actual}',
    zh: '行数过多：最多{max}行，实际{actual}行',
  },
  V012: {
    severity: 'error',
    title: 'space not allowed',
    en: 'a space is not allowed in {what}',
    zh: '{whatZh}中不允许有空格',
  },
  V013: {
    severity: 'error',
    title: 'line too long',
    en: 'line {line} is too long: at most {max} {unit}, found {actual}',
    zh: '第{line}行超长：最多{max}{unitZh}，实际{actual}{unitZh}',
  },
  V014: {
    severity: 'error',
    title: 'line starts with ":" or "-"',
    en: 'line {line} must not start with "{found}" (it would read as a new field or the end of the block)',
    zh: '第{line}行不能以"{found}"开头（会被视为新的域或块结束）',
  },
});

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
