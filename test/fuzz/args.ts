/** Numeric `--name value` options of the fuzz scripts. */
const args = process.argv.slice(2);

export function numberArg(name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
}
