/**
 * `--tables FILE`: a bank's corrected tables for the command line. The file is JSON holding the
 * options of `createCodec` (`fmts`, `tags`, `familyRules`, `embeddedBody`, `currencies`,
 * `codeTables`, `replaceCodeTables`, `envelope`): the standard is data, so a bank that holds the
 * printed V1.4 validates, converts and describes with its own copy, without code. The main
 * thread loads it first (a bad file stops the run before any input is read, exit status 2);
 * each worker thread loads it again from the same path.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodecTablesError, createCodec, defaultCodec, type Codec, type CodecOptions } from '../message/index.js';
import { CliError } from './input.js';

/** The keys a tables file may hold: every option of createCodec (the compiler checks it is every one). */
const KEYS = Object.keys({
  fmts: true,
  tags: true,
  familyRules: true,
  embeddedBody: true,
  currencies: true,
  codeTables: true,
  replaceCodeTables: true,
  envelope: true,
} satisfies Record<keyof CodecOptions, true>);

/** Problems shown at most (a table set can have hundreds once one thing is off). */
const SHOWN = 20;

const loaded = new Map<string, Codec>();

/** The absolute path of a `--tables` value (workers resolve nothing: they get this). */
export function tablesPath(value: string | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new CliError('--tables needs a file (JSON with the options of createCodec)');
  return resolve(value);
}

/** The codec of a tables file (the shipped one without a file), created once per path. */
export function codecFor(path: string | undefined): Codec {
  if (path === undefined) return defaultCodec();
  let codec = loaded.get(path);
  if (codec === undefined) {
    codec = load(path);
    loaded.set(path, codec);
  }
  return codec;
}

function load(path: string): Codec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read the tables file '${path}'${code === 'ENOENT' ? ': no such file' : code === undefined ? '' : ` (${code})`}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new CliError(`the tables file '${path}' is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CliError(`the tables file '${path}' must hold one JSON object with the options of createCodec (${KEYS.join(', ')})`);
  }
  const unknown = Object.keys(json).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0) {
    throw new CliError(`the tables file '${path}' has unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${KEYS.join(', ')})`);
  }
  try {
    return createCodec(json as CodecOptions);
  } catch (err) {
    if (!(err instanceof CodecTablesError)) {
      throw new CliError(`the tables in '${path}' cannot be used: ${err instanceof Error ? err.message : String(err)}`);
    }
    const more = err.problems.length > SHOWN ? `; and ${err.problems.length - SHOWN} more` : '';
    throw new CliError(
      `the tables in '${path}' are inconsistent (${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}): ${err.problems.slice(0, SHOWN).join('; ')}${more}`,
    );
  }
}
