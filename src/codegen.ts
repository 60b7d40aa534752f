/**
 * Generated code (ajv-style), shared by the three places that compile the tables into functions:
 * a format's fast path (notation/fast-code.ts), a plan's in-order reader
 * (message/read-in-order.ts) and a plan's rule checks (message/rules-code.ts). Each builds one
 * function's source line by line; everything that is not plain code (items, parsers, tables,
 * strings from the tables) enters as a constant, so the tables never become code.
 */
export class CodeBuilder {
  private readonly constants: unknown[] = [];
  private readonly head: string[] = [];
  private readonly body: string[] = [];

  /** A value the code uses, bound once to a `const` of the generated module: its name there. */
  constant(value: unknown, prefix = 'K'): string {
    const name = `${prefix}${this.constants.length}`;
    this.head.push(`const ${name} = C[${this.constants.length}];`);
    this.constants.push(value);
    return name;
  }

  /** One line of the function's body. */
  emit(line: string): void {
    this.body.push(line);
  }

  /**
   * `function name(params) { …prelude, the emitted lines, …epilogue }` with the constants and
   * the `helpers` (each by its key) in scope. Undefined where code generation is disallowed (a
   * CSP, `node --disallow-code-generation-from-strings`): the caller keeps its interpreted path.
   */
  compile<F>(name: string, params: string, helpers: Readonly<Record<string, unknown>>, prelude: readonly string[] = [], epilogue: readonly string[] = []): F | undefined {
    const source = [
      '"use strict";',
      `const { ${Object.keys(helpers).join(', ')} } = H;`,
      ...this.head,
      `return function ${name}(${params}) {`,
      ...prelude.map((l) => `  ${l}`),
      ...this.body.map((l) => `    ${l}`),
      ...epilogue.map((l) => `  ${l}`),
      '};',
    ].join('\n');
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the compiled form of the tables (see above)
      return new Function('H', 'C', source)(helpers, this.constants) as F;
    } catch {
      return undefined;
    }
  }
}
