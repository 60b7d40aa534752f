/**
 * The schema of the standard's tables (fields.md, reconstruction.md): the tag dictionaries, the
 * 73 FMT tables and the cross-field rules, as TypeScript types.
 *
 * "The standard is data": every fact about a tag or an FMT lives in exactly one table that uses
 * these types (`tags.ts`, `fmts/*.ts`, `families.ts`). Validators, typed ASTs (code generation),
 * docs (`scripts/gen-docs.ts`) and fast-check generators are derived from the tables; a bank
 * holding the printed standard corrects a table (or passes an override at run time) and
 * `checkTables` (check-tables.ts) verifies the result before it is used.
 *
 * Everything here is plain, JSON-serializable data: no functions, no classes.
 *
 * Conventions that rules rely on (checked by `checkTables`):
 *   - the **currency** of a tag is its component named `currency`, or the whole value when the
 *     tag's format is exactly `CCY` (or `3!a`, as FMT087 narrows CCY);
 *   - the **amount** of a tag is its component named `amount`, or the whole value when the
 *     format is exactly `AMOUNT` or a decimal `Nd` (e.g. 19 `17d`);
 *   - the **date** of a tag is its component named `date`, or the whole value when the format is
 *     exactly `DATE`;
 *   - the **D/C mark** of a tag is its component named `mark` (60F, 62F, 64).
 *
 * `TagDef.parts` names every component of the format, variables included, in order: it is the
 * `names` option of the notation compiler (`compileFormat(format, { names: parts })`).
 */

// ---------------------------------------------------------------------------------------------
// Code lists
// ---------------------------------------------------------------------------------------------

/** One allowed value of a coded item, with its meaning. */
export interface CodeValue {
  readonly code: string;
  /** Meaning in Chinese (as in the standard), when the standard gives one. */
  readonly zh?: string;
  /** Meaning in English. */
  readonly en?: string;
}

/** A fixed list of allowed values, written into the table. */
export interface CodeList {
  /** The component the list applies to (a name from `TagDef.parts`); absent: the whole value. */
  readonly part?: string;
  readonly values: readonly CodeValue[];
}

/**
 * Allowed values taken from a named code table: a table of `src/spec/code-tables.ts` (by
 * name, as in `NotationContext.codeTables`, so run-time overrides of the context apply), or the
 * pseudo table {@link KNOWN_FMT_TABLE} = the FMT numbers of the FMT tables in use (so an FMT
 * added by an override becomes a valid value at once). A table marked `open` in code-tables.ts
 * (RCD) lists examples: a value outside it is not an error.
 */
export interface CodeTableRef {
  readonly part?: string;
  readonly table: string;
}

export type CodeSpec = CodeList | CodeTableRef;

/** Pseudo code table: the 3-digit FMT numbers of the FMT tables in use. */
export const KNOWN_FMT_TABLE = 'FMT';

// ---------------------------------------------------------------------------------------------
// Categories, roles, references
// ---------------------------------------------------------------------------------------------

/** The eight categories of chapter 3 (3.2–3.9). Their names are in `fmts/categories.ts`. */
export type CategoryId =
  | 'payment' // 3.2 外币支付业务类
  | 'clearing' // 3.3 清算与结算类
  | 'information' // 3.4 业务信息类
  | 'query' // 3.5 查询管理类
  | 'liquidity' // 3.6 流动性管理类
  | 'system' // 3.7 系统管理类
  | 'reconciliation' // 3.8 对账类
  | 'bankCode'; // 3.9 行号类

export interface CategoryDef {
  readonly id: CategoryId;
  /** Section number in chapter 3, e.g. `3.2`. */
  readonly section: string;
  readonly nameZh: string;
  readonly name: string;
}

/**
 * Who sends or receives a message.
 *   participant         参与者 (direct or indirect participant bank)
 *   directParticipant   直接参与者
 *   centre              外币清算处理中心
 *   settlementBank      代理结算银行
 *   specialParticipant  特许参与者
 *   all                 all participants (broadcast)
 */
export type Role = 'participant' | 'directParticipant' | 'centre' | 'settlementBank' | 'specialParticipant' | 'all';

export interface FlowDef {
  readonly from: readonly Role[];
  readonly to: readonly Role[];
  /** The message passes through the centre (participant → centre → participant). */
  readonly via?: 'centre';
  /**
   * The flow is not stated in fields.md; this table's value is inferred (from the name, the
   * category and the message it answers). A bank holding the printed standard should check it.
   */
  readonly inferred?: true;
  readonly noteZh?: string;
  readonly note?: string;
}

/**
 * The value of an item names a value of another message: the `tag` of a message of one of
 * `fmts` (or of `category`; neither: any message). Not checkable within one message; read by
 * `referencesOf` and linked across messages by `correlate` (src/message/references.ts).
 */
export interface ReferenceDef {
  readonly tag: string;
  /** 3-digit FMT numbers. */
  readonly fmts?: readonly string[];
  readonly category?: CategoryId;
}

/**
 * Whether a BIC must be a CFXPS participant's (country `CN`) or may be any bank's
 * (reconstruction §4, 行号BIC码).
 */
export type ParticipantScope = 'CN' | 'any';

// ---------------------------------------------------------------------------------------------
// Tag dictionaries
// ---------------------------------------------------------------------------------------------

/**
 * One tag of a dictionary (fields.md §1 text block, §1 block 6, §2 77E embedded).
 */
export interface TagDef {
  readonly tag: string;
  /** 数据项 (data item name). */
  readonly nameZh: string;
  /** 英文简称: the property name in the typed AST (1.1.3). Unique within a dictionary. */
  readonly name: string;
  /**
   * Default format, in the standard's notation (src/notation): `16x`, `3!n CRLF DATE`,
   * `DATE CCY AMOUNT`, `/ACCT CRLF 4*35x` … An FMT table may narrow it per item.
   */
  readonly format: string;
  /**
   * Names of the format's value components, in order, when it has more than one (they become
   * the typed value's keys). Rules name components by these names.
   */
  readonly parts?: readonly string[];
  /** Fixed allowed values (or a named code table) of the whole value or of one part. */
  readonly codes?: CodeSpec;
  /** A BIC item that must be a CFXPS participant (`CN`) wherever the tag is used. */
  readonly participant?: ParticipantScope;
  /** What the value names in another message, wherever the tag is used. */
  readonly refersTo?: ReferenceDef;
  /** 数据项 in the formats of one category, where it differs (20: 支付交易序号 in 3.2). */
  readonly nameZhIn?: Readonly<Partial<Record<CategoryId, string>>>;
  /** The value is a list of embedded `:TAG:value` fields (77E, reconstruction §7). */
  readonly embedded?: true;
  /** Listed in the dictionary but not used by any format (13D). Must not appear in an FMT. */
  readonly notUsed?: true;
  readonly noteZh?: string;
  readonly note?: string;
}

/** The three dictionaries. */
export interface TagDictionaries {
  /** Block 4 (正文块) tags. */
  readonly text: readonly TagDef[];
  /** Block 6 (附加正文块) tags. */
  readonly block6: readonly TagDef[];
  /** 77E embedded tags (MT198). */
  readonly embedded: readonly TagDef[];
}

// ---------------------------------------------------------------------------------------------
// FMT tables
// ---------------------------------------------------------------------------------------------

/** M mandatory · O optional · C conditional (a rule of kind requiredWhen / onlyWhen says when). */
export type Status = 'M' | 'O' | 'C';

/** One field (block 4 / block 6) or embedded field (77E) of an FMT. */
export interface FieldItem {
  readonly tag: string;
  readonly status: Status;
  /** Narrowed format (notation), replacing the dictionary's (e.g. CNT `3n`, RMK `30g`). */
  readonly format?: string;
  /** BIC scope in this FMT, replacing the dictionary's. */
  readonly participant?: ParticipantScope;
  /** Narrowed allowed values (26T `009`, 12 `941`, OFM `104`, 76 answer codes …). */
  readonly codes?: CodeList;
  /** The value meant when the item is absent (FMT200 26T: `007`). */
  readonly defaultValue?: string;
  /** Values with a special meaning, valid by the format anyway (FMT200 21: `NONREF`). */
  readonly specialValues?: readonly CodeValue[];
  /** What the value names in another message (replaces the dictionary's). */
  readonly refersTo?: ReferenceDef;
  /** 数据项 in this FMT, where the table names the item more precisely (21: 原支付交易序号). */
  readonly nameZh?: string;
  readonly noteZh?: string;
  readonly note?: string;
}

/** How often a group repeats. */
export type GroupCount =
  /** As many times as the value of the count item `tag` (an `n` item before the group, same level). */
  | { readonly tag: string }
  /** Between `min` and `max` times; each repetition starts at the group's first item (MT203). */
  | { readonly min: number; readonly max: number };

/**
 * A repeating group ("group × N"): its items repeat, in order, as a block. A group with
 * `{ min: 1, max: 1 }` is a sequence that occurs once (MT203 sequence A).
 */
export interface GroupItem {
  /** The group's property name in the typed AST (unique within the FMT). */
  readonly group: string;
  readonly nameZh?: string;
  readonly count: GroupCount;
  readonly items: readonly FieldItem[];
  readonly noteZh?: string;
  readonly note?: string;
}

export type ItemDef = FieldItem | GroupItem;

/**
 * The message changes a table that the codec uses (FMT087: a currency added here becomes a
 * valid `CCY` from EFD on). Read by `announcedChanges`, applied by `withAnnouncements`
 * (src/message/announce.ts).
 */
export interface AnnouncementDef {
  /** The table changed: `currencies` (the CCY table) or a code-table name. */
  readonly table: string;
  /** The group whose repetitions are the changes (absent: the message is one change). */
  readonly group?: string;
  /** Item holding the key (the code). */
  readonly key: string;
  /** Item holding the change type (A add / M change / D delete). */
  readonly change: string;
  /** Item holding the date from which the change holds. */
  readonly effective: string;
  /** Items holding the entry's attributes (CDP: minor units). */
  readonly values?: readonly string[];
}

export interface FmtDef {
  /** The FMT number, 3 digits (`100`, `010`): as in :12:, OFM, 11S; header 119 is `FMT` + it. */
  readonly fmt: string;
  /** The MT number carried in block 2, 3 digits (`103`, `198`). */
  readonly mt: string;
  /** Section of chapter 3 (`3.2.1`). */
  readonly section: string;
  /** 名称, exactly as in the standard's 报文清单. */
  readonly nameZh: string;
  readonly name: string;
  readonly category: CategoryId;
  readonly flow: FlowDef;
  /** Block 7 签名块: M mandatory, O optional. */
  readonly signature: 'M' | 'O';
  /** Block 6 items allowed, with status; empty: block 6 not allowed. */
  readonly block6: readonly FieldItem[];
  /**
   * `text`: the items are block-4 fields. `embedded`: the MT carries its FMTs inside 77E
   * (MT198, families.ts `EMBEDDED_BODY`): the items are 77E embedded fields.
   */
  readonly body: 'text' | 'embedded';
  /** The fields (or embedded fields) in the order they must appear. */
  readonly items: readonly ItemDef[];
  /** Cross-field rules of this FMT (family rules: families.ts). */
  readonly rules: readonly RuleDef[];
  /** 暂不开发: parse and validate, then warn that the format is not in service (FMT074). */
  readonly reserved?: true;
  readonly announces?: AnnouncementDef;
  readonly noteZh?: string;
  readonly note?: string;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/**
 * A condition on the message, evaluated where a rule is checked. A tag named in a condition is
 * looked up first in the same group repetition as the rule's subject, then at message level.
 * Values compare as the whole value of the item. An absent item: `equals` and `oneOf` are
 * false, `notEquals` is true.
 */
export type Condition =
  /** The item's value is `equals`. */
  | { readonly tag: string; readonly equals: string }
  /** The item's value is not `notEquals` (or the item is absent). */
  | { readonly tag: string; readonly notEquals: string }
  /** The item's value is one of `oneOf`. */
  | { readonly tag: string; readonly oneOf: readonly string[] }
  /** The item `present` is present. */
  | { readonly present: string }
  /** Both items are present and their currencies differ. */
  | { readonly currenciesDiffer: readonly [string, string] };

/** What happens when a conditional item's condition does not hold. */
export type Otherwise = 'forbidden' | 'optional';

/**
 * The closed set of cross-field rules. One validator per `rule` kind. Tags are the FMT's item
 * tags (77E tags for embedded bodies; `12` and `20` of the MT198 text block are also valid in
 * family rules). A rule about an item inside a group is checked in every repetition.
 */
export type RuleDef =
  /**
   * `tag` must be present when `when` holds; when it does not, `tag` is forbidden or optional.
   * 条件必选：条件成立时必须出现；否则不得出现（或可选）。
   * (RCD when RSP = R; 36 when the currencies differ; DSN when RSP = A; PNM unless CHT = D …)
   */
  | { readonly rule: 'requiredWhen'; readonly tag: string; readonly when: Condition; readonly otherwise: Otherwise }
  /**
   * `tag` may be present only when `when` holds (it is never required).
   * 仅当条件成立时方可出现（非必选）。 (71G only when 71A = OUR)
   */
  | { readonly rule: 'onlyWhen'; readonly tag: string; readonly when: Condition }
  /**
   * Each named component of `tag` is present and not empty (a line of text counts when it has a
   * non-space character). 域内各指定部分必须齐全（如账号与名称）。
   */
  | { readonly rule: 'fieldComplete'; readonly tag: string; readonly parts: readonly string[] }
  /** The amount of `tag` is greater than zero. 金额必须大于零。 */
  | { readonly rule: 'amountPositive'; readonly tag: string }
  /** The integer value of `tag` is at least `min`. 数值不得小于下限。 */
  | { readonly rule: 'minValue'; readonly tag: string; readonly min: number }
  /**
   * The amount of `total` equals the sum of the amounts of every occurrence of `of` (in every
   * repetition) for which `where` holds (evaluated in that repetition).
   * 合计金额等于（满足条件的）明细金额之和。
   */
  | { readonly rule: 'sumEquals'; readonly total: string; readonly of: string; readonly where?: Condition }
  /** The amounts of the tags are equal. 各金额必须相等（借贷平衡）。 */
  | { readonly rule: 'amountsEqual'; readonly tags: readonly string[] }
  /**
   * Every occurrence of every listed tag that is present has the same currency.
   * 所列各项（含重复组内各次）币种必须一致。
   */
  | { readonly rule: 'sameCurrency'; readonly tags: readonly string[] }
  /** The date of `tag` is not before the date of `than`. 日期不得早于另一日期。 */
  | { readonly rule: 'dateNotBefore'; readonly tag: string; readonly than: string }
  /**
   * Balance equation, checked when `credits` and `debits` are both present: signed(closing) =
   * signed(opening) + amount(credits) − amount(debits), where signed(x) is x's amount, negated
   * when x's D/C mark is `D`. 余额勾稽：当前余额 = 期初余额 + 贷记总额 − 借记总额（按借贷标识计符号）。
   */
  | {
      readonly rule: 'balanceEquation';
      readonly closing: string;
      readonly opening: string;
      readonly credits: string;
      readonly debits: string;
    }
  /** The values of all occurrences of `tag` are pairwise different. 报文内取值不得重复。 */
  | { readonly rule: 'uniqueInMessage'; readonly tag: string }
  /**
   * The first line of `tag` starts with `prefix`; with `textAfter`, at least one non-space
   * character follows it on that line. 首行须以指定代码开头（其后须有说明）。
   */
  | { readonly rule: 'firstLinePrefix'; readonly tag: string; readonly prefix: string; readonly textAfter: boolean }
  /**
   * Envelope: user-header 119 names a known FMT (`FMT` + 3 digits) and block 2's MT is that
   * FMT's MT. 用户头块119须为已定义的报文格式号，且应用头块的MT须与之对应。
   */
  | { readonly rule: 'mtMatchesFmt' }
  /**
   * The text-block field `tag` equals the FMT number (3 digits), i.e. user-header 119 without
   * `FMT`. 正文块该域须等于报文格式号（与用户头块119一致）。 (MT198 :12:)
   */
  | { readonly rule: 'fieldEqualsFmt'; readonly tag: string }
  /**
   * Envelope: the LT addresses of the named parties have the country `country` (BIC8 positions
   * 5–6). sender = block 1 (input) or the MIR address (output); receiver = block 2 receiver
   * (input) or block 1 (output). 头块中指定方的LT地址国家代码须为指定值。
   */
  | { readonly rule: 'headerAddressCountry'; readonly parties: readonly ('sender' | 'receiver')[]; readonly country: string }
  /**
   * Envelope: block 2's priority letter (紧急级别) is a code of the code table `table`.
   * 应用头块优先级（紧急级别）须为代码表中的代码。
   */
  | { readonly rule: 'headerPriority'; readonly table: string }
  /**
   * A bare AMOUNT item (format exactly `AMOUNT`) is in the currency of the item `currency` —
   * the one in the same group repetition, else the message-level one — for the minor-units
   * check of AMOUNT; without such an item the minor units are not checked.
   * 无币种的金额项按同组（否则报文级）币种项确定小数位数。
   */
  | { readonly rule: 'amountCurrencyFrom'; readonly currency: string };

export type RuleKind = RuleDef['rule'];

/** Every rule kind with a one-line summary (documentation and exhaustiveness). */
export const RULE_KINDS: Readonly<Record<RuleKind, { readonly level: 'message' | 'envelope'; readonly zh: string; readonly en: string }>> = {
  requiredWhen: { level: 'message', zh: '条件必选', en: 'required when a condition holds' },
  onlyWhen: { level: 'message', zh: '仅在条件成立时允许出现', en: 'allowed only when a condition holds' },
  fieldComplete: { level: 'message', zh: '域内各部分齐全', en: 'field components complete' },
  amountPositive: { level: 'message', zh: '金额大于零', en: 'amount greater than zero' },
  minValue: { level: 'message', zh: '数值下限', en: 'minimum value' },
  sumEquals: { level: 'message', zh: '合计等于明细之和', en: 'total equals sum of items' },
  amountsEqual: { level: 'message', zh: '金额相等', en: 'amounts equal' },
  sameCurrency: { level: 'message', zh: '币种一致', en: 'same currency' },
  dateNotBefore: { level: 'message', zh: '日期先后', en: 'date not before another' },
  balanceEquation: { level: 'message', zh: '余额勾稽', en: 'balance equation' },
  uniqueInMessage: { level: 'message', zh: '报文内唯一', en: 'unique within the message' },
  firstLinePrefix: { level: 'message', zh: '首行前缀', en: 'first-line prefix' },
  mtMatchesFmt: { level: 'envelope', zh: 'MT与报文格式号对应', en: 'block-2 MT matches the FMT' },
  fieldEqualsFmt: { level: 'envelope', zh: '域值等于报文格式号', en: 'field equals the FMT number' },
  headerAddressCountry: { level: 'envelope', zh: '头块地址国家代码', en: 'header address country' },
  headerPriority: { level: 'envelope', zh: '紧急级别代码', en: 'header priority code' },
  amountCurrencyFrom: { level: 'message', zh: '金额所属币种', en: 'currency of bare amounts' },
};

/**
 * Where a family rule holds: every FMT (`all`), the FMTs of one MT, of one category, or of
 * one body kind. It applies to an FMT in scope only when every tag it names is one of the
 * FMT's items (or, for an embedded body, a field of the text block).
 */
export type RuleScope =
  | { readonly all: true }
  | { readonly mt: string }
  | { readonly category: CategoryId }
  | { readonly body: 'text' | 'embedded' };

export interface FamilyRuleDef {
  readonly scope: RuleScope;
  readonly rule: RuleDef;
  /** Where the rule comes from (fields.md §…, reconstruction §…). */
  readonly source: string;
}

/**
 * The layout of the text block for an MT whose FMTs have an `embedded` body: the text-block
 * fields in order; the last one (`container`) holds the FMT's items as embedded fields.
 */
export interface EmbeddedBodyDef {
  readonly mt: string;
  readonly container: string;
  readonly textItems: readonly FieldItem[];
}

/** A complete, possibly user-overridden, set of the standard's field tables. */
export interface SpecTables {
  readonly tags: TagDictionaries;
  readonly fmts: readonly FmtDef[];
  readonly familyRules: readonly FamilyRuleDef[];
  readonly embeddedBody: EmbeddedBodyDef;
}
