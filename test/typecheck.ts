/**
 * Type-checks files that import `cfxps` against this package's sources (strict, the project's
 * compiler options), for tests of code written for users: the docs' examples, generated types.
 */
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..');

/** The compiler's findings on `files`, as `file:line message` (file names relative to `base`). */
export function typeCheck(files: readonly string[], base: string): string[] {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram(files, {
    ...options,
    // `cfxps` is this package: its sources stand in for the built declarations.
    baseUrl: ROOT,
    paths: { cfxps: ['src/index.ts'] },
    typeRoots: [join(ROOT, 'node_modules/@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(base.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
