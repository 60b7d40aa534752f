/**
 * The envelope as data (reconstruction.md §5): which blocks exist, in what order, which are
 * mandatory, and the tags of the `{tag:value}` blocks 3, 5 and 7 with their formats.
 * A bank holding the printed standard corrects these tables, not the parser.
 */

export interface BlockDef {
  /** Block identifier as written after `{`. */
  readonly id: string;
  /**
   * The AST kind the scanner produces for this block: blocks 1–7 have their fixed kinds; any
   * other id is `raw` (its content is kept as it is, not read), listed so that it is a known
   * block in its place in the order rather than an unknown one (S005).
   */
  readonly kind: 'basicHeader' | 'applicationHeader' | 'userHeader' | 'text' | 'additionalText' | 'signature' | 'trailer' | 'raw';
  readonly name: string;
  readonly nameZh: string;
  /** Mandatory in every message (block 6 and 7 presence per FMT is a format rule). */
  readonly mandatory: boolean;
}

/** The blocks in the order they must appear (§5: 1 2 3 4 6 7 5; trailer last). */
export const BLOCKS: readonly BlockDef[] = [
  { id: '1', kind: 'basicHeader', name: 'basic header', nameZh: '基本头块', mandatory: true },
  { id: '2', kind: 'applicationHeader', name: 'application header', nameZh: '应用头块', mandatory: true },
  { id: '3', kind: 'userHeader', name: 'user header', nameZh: '用户头块', mandatory: true },
  { id: '4', kind: 'text', name: 'text', nameZh: '正文块', mandatory: true },
  { id: '6', kind: 'additionalText', name: 'additional text', nameZh: '附加正文块', mandatory: false },
  { id: '7', kind: 'signature', name: 'signature', nameZh: '签名块', mandatory: false },
  { id: '5', kind: 'trailer', name: 'trailer', nameZh: '报尾块', mandatory: true },
];

export interface HeaderTagDef {
  readonly tag: string;
  readonly name: string;
  readonly nameZh: string;
  /** Format in the standard's notation (see src/notation). */
  readonly format: string;
  readonly status: 'M' | 'O';
}

/** `{tag:value}` tags per block id, in the order they must appear. */
export const HEADER_TAGS: Readonly<Record<string, readonly HeaderTagDef[]>> = {
  '3': [
    { tag: '119', name: 'message format number (FMT)', nameZh: '报文格式号', format: 'FMT3!n', status: 'M' },
    { tag: '108', name: 'message user reference (MUR)', nameZh: '报文用户参考号', format: '16x', status: 'O' },
    { tag: '113', name: 'banking priority', nameZh: '业务优先级', format: '4!x', status: 'O' },
  ],
  '7': [
    { tag: 'DSN', name: 'certificate serial number', nameZh: '数字证书序列号', format: '32h', status: 'M' },
    { tag: 'SIG', name: 'digital signature', nameZh: '数字签名', format: '4096b', status: 'M' },
  ],
  '5': [
    { tag: 'CHK', name: 'checksum', nameZh: '校验和', format: '12!h', status: 'M' },
    { tag: 'PDE', name: 'possible duplicate emission', nameZh: '可能重复发送', format: '[4!n6!n28!c]', status: 'O' },
    { tag: 'TNG', name: 'training', nameZh: '测试报文', format: '', status: 'O' },
  ],
};

/** The user-header tag that carries the FMT number, and its prefix. */
export const FMT_TAG = '119';
export const FMT_PREFIX = 'FMT';

/** The kind the scanner gives each of the blocks it reads (any other id is kept raw). */
export const SCANNED_BLOCK_KINDS: Readonly<Record<string, BlockDef['kind']>> = {
  '1': 'basicHeader',
  '2': 'applicationHeader',
  '3': 'userHeader',
  '4': 'text',
  '5': 'trailer',
  '6': 'additionalText',
  '7': 'signature',
};

/** The envelope tables as data (overridable). */
export interface EnvelopeTables {
  readonly blocks: readonly BlockDef[];
  readonly headerTags: Readonly<Record<string, readonly HeaderTagDef[]>>;
}

/**
 * A bank's corrections of the envelope tables (`createCodec({ envelope })`,
 * `createEnvelopeTables`).
 */
export interface EnvelopeOverrides {
  /** Replaces the whole block list: its order is the order blocks must appear in. */
  readonly blocks?: readonly BlockDef[];
  /**
   * Per block id, header tags that replace the tag of the same name or, if new, are added after
   * the block's others (`{ '5': [{ tag: 'PDE', …, format: '4!n6!n22!c' }] }`).
   */
  readonly headerTags?: Readonly<Record<string, readonly HeaderTagDef[]>>;
}
