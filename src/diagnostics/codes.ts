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
  E003: {
    severity: 'error',
    title: 'invalid UTF-8',
    en: 'bytes that are not valid UTF-8 at byte {byteOffset} (is the file GB18030? then drop --encoding utf8)',
    zh: '第{byteOffset}字节处不是有效的UTF-8编码（如文件为GB18030编码，请去掉 --encoding utf8）',
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
  // --- fields (FMT tables) -----------------------------------------------------------------
  // Which items a message has, in what order and how often, against its FMT table (block 4,
  // the 77E embedded fields of MT198, block 6). Positions: the ":" of the field concerned; for a
  // missing item, the ":" of the field that stands where it belongs (or the "-" of the closing
  // "-}" when nothing follows); for a count, the first character of the count's value.
  F001: {
    severity: 'error',
    title: 'mandatory item missing',
    en: 'mandatory item {tag} ({name}) of {fmt} is missing{where}',
    zh: '{fmt}缺少必选项{tag}（{nameZh}）{whereZh}',
  },
  F002: {
    severity: 'error',
    title: 'unknown tag',
    en: 'tag {tag} is not defined in the {dictionary} tag dictionary',
    zh: '{dictionaryZh}标签字典中未定义标签{tag}',
  },
  F003: {
    severity: 'error',
    title: 'item not allowed here',
    en: '{tag} ({name}) is not an item of {fmt}{where}',
    zh: '{tag}（{nameZh}）不是{fmt}的数据项{whereZh}',
  },
  F004: {
    severity: 'error',
    title: 'item out of order',
    en: '{tag} is out of order: it must come before {after}',
    zh: '{tag}顺序错误：应位于{after}之前',
  },
  F005: {
    severity: 'error',
    title: 'count does not match the repetitions',
    en: '{tag} says {count} repetition(s) of {group}, but {actual} follow',
    zh: '{tag}为{count}，但{groupZh}实际重复{actual}次',
  },
  F006: {
    severity: 'error',
    title: 'repetitions out of range',
    en: '{group} must occur {min} to {max} times, found {actual}',
    zh: '{groupZh}应出现{min}至{max}次，实际{actual}次',
  },
  F007: {
    severity: 'error',
    title: 'duplicate item',
    en: '{tag} ({name}) appears more than once{where}',
    zh: '{tag}（{nameZh}）重复出现{whereZh}',
  },
  // --- rules (cross-field and envelope rules of the FMT tables) ------------------------------
  // One code per rule kind of src/spec/schema.ts (RULE_KINDS), then the format-level checks.
  // Positions: the value (or the value's component) the rule is about; for an item that must
  // not be there, the ":" of its field; for header rules, the character in block 1 or 2.
  R001: {
    severity: 'error',
    title: 'conditional item required or forbidden',
    en: '{tag} ({name}) {problem} {condition}',
    zh: '{tag}（{nameZh}）{problemZh}{conditionZh}',
  },
  R002: {
    severity: 'error',
    title: 'item allowed only when a condition holds',
    en: '{tag} ({name}) is allowed only when {condition}',
    zh: '仅当{conditionZh}时才允许出现{tag}（{nameZh}）',
  },
  R003: {
    severity: 'error',
    title: 'field incomplete',
    en: '{tag} ({name}) is incomplete: {parts} must be present and not empty',
    zh: '{tag}（{nameZh}）不完整：{parts}必须齐全且非空',
  },
  R004: {
    severity: 'error',
    title: 'amount not positive',
    en: 'the amount of {tag} must be greater than zero, found {value}',
    zh: '{tag}的金额必须大于零，实际为{value}',
  },
  R005: {
    severity: 'error',
    title: 'value below minimum',
    en: '{tag} must be at least {min}, found {value}',
    zh: '{tag}不得小于{min}，实际为{value}',
  },
  R006: {
    severity: 'error',
    title: 'total is not the sum',
    en: 'the amount of {total} ({value}) must equal the sum of the amounts of {of}{where} ({sum})',
    zh: '{total}的金额（{value}）应等于{whereZh}{of}的金额之和（{sum}）',
  },
  R007: {
    severity: 'error',
    title: 'amounts not equal',
    en: 'the amounts of {tags} must be equal: {tag} is {value}, {first} is {expected}',
    zh: '{tags}的金额必须相等：{tag}为{value}，{first}为{expected}',
  },
  R008: {
    severity: 'error',
    title: 'currencies differ',
    en: 'the currency of {tag} ({currency}) differs from that of {first} ({expected}): {tags} must share one currency',
    zh: '{tag}的币种（{currency}）与{first}（{expected}）不同：{tags}必须币种一致',
  },
  R009: {
    severity: 'error',
    title: 'date before another',
    en: 'the date of {tag} ({date}) must not be before the date of {than} ({thanDate})',
    zh: '{tag}的日期（{date}）不得早于{than}的日期（{thanDate}）',
  },
  R010: {
    severity: 'error',
    title: 'balance equation broken',
    en: 'the balance of {closing} must be {expected} ({opening} + {credits} − {debits}), found {actual}',
    zh: '{closing}的余额应为{expected}（{opening} + {credits} − {debits}），实际为{actual}',
  },
  R011: {
    severity: 'error',
    title: 'value not unique',
    en: 'the value {value} of {tag} occurs more than once in the message',
    zh: '{tag}的取值{value}在报文中重复出现',
  },
  R012: {
    severity: 'error',
    title: 'first line prefix',
    en: 'the first line of {tag} must start with {prefix}{textAfter}',
    zh: '{tag}的首行须以{prefix}开头{textAfterZh}',
  },
  R013: {
    severity: 'error',
    title: 'MT does not match the FMT',
    en: 'block 2 names MT{mt}, but {fmt} is a format of MT{expected}',
    zh: '应用头块的报文类型为MT{mt}，但{fmt}属于MT{expected}',
  },
  R014: {
    severity: 'error',
    title: 'field is not the FMT number',
    en: 'field {tag} must be the FMT number {expected} (as in user header 119), found {value}',
    zh: '域{tag}应为报文格式号{expected}（与用户头块119一致），实际为{value}',
  },
  R015: {
    severity: 'error',
    title: 'header address country',
    en: 'the {party} LT address {address} must have country {country}, found {found}',
    zh: '{partyZh}LT地址{address}的国家代码应为{country}，实际为{found}',
  },
  R016: {
    severity: 'error',
    title: 'header priority',
    en: 'the block-2 priority {value} is not a code of {table} ({codes})',
    zh: '应用头块紧急级别{value}不是{table}中的代码（{codes}）',
  },
  R017: {
    severity: 'info',
    title: 'currency of a bare amount unknown',
    en: 'the decimals of {tag} were not checked: the currency item {currency} is absent',
    zh: '未检查{tag}的小数位数：缺少币种项{currency}',
  },
  R018: {
    severity: 'error',
    title: 'not a CFXPS participant',
    en: '{tag} ({name}) must be a CFXPS participant (country CN), found country {found}',
    zh: '{tag}（{nameZh}）必须为境内外币支付系统参与者（国家代码CN），实际为{found}',
  },
  R019: {
    severity: 'error',
    title: 'block 6 not allowed',
    en: '{fmt} does not allow block 6 (additional text)',
    zh: '{fmt}不允许使用附加正文块（块6）',
  },
  R020: {
    severity: 'error',
    title: 'signature block missing',
    en: '{fmt} must be signed: block 7 ({DSN:…}{SIG:…}) is missing',
    zh: '{fmt}必须签名：缺少签名块（块7）',
  },
  R021: {
    severity: 'error',
    title: 'unknown FMT',
    en: 'unknown format {fmt}: no FMT table defines it',
    zh: '未知的报文格式号{fmt}：没有对应的报文格式表',
  },
  R022: {
    severity: 'warning',
    title: 'reserved FMT',
    en: '{fmt} ({name}) is reserved in V1.4 and not in service',
    zh: '{fmt}（{nameZh}）为V1.4暂不开发的报文格式，尚未启用',
  },
  // --- building (typed bodies and JSON given to build / bodyFromJSON) ----------------------------
  // About the input object, not a message text: offset, line and column are 0; `path` names the
  // property (`body.sequenceB[1].currencyAmount.amount`).
  B001: {
    severity: 'error',
    title: 'unknown body property',
    en: 'property {path} is not an item of {fmt}; it was ignored',
    zh: '属性{path}不是{fmt}的数据项，已忽略',
  },
  B002: {
    severity: 'error',
    title: 'wrong value type',
    en: 'property {path} must be {expected}, found {found}; it was not written',
    zh: '属性{path}应为{expectedZh}，实际为{found}，未写入',
  },
  B003: {
    severity: 'error',
    title: 'forbidden key',
    en: 'key {key} is not allowed (at {path})',
    zh: '不允许使用键{key}（位于{path}）',
  },
  B004: {
    severity: 'error',
    title: 'not a decimal string',
    en: 'property {path} must be a decimal string such as "1234.56", found {found}',
    zh: '属性{path}应为十进制数字字符串（如"1234.56"），实际为{found}',
  },
  B005: {
    severity: 'error',
    title: 'nested too deeply',
    en: 'property {path} nests deeper than {limit} levels; it was left out',
    zh: '属性{path}的嵌套超过{limit}层，已忽略',
  },
});

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
