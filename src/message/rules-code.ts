/**
 * A plan's rule checks as generated code (ajv-style), for the common case: a message that breaks
 * no rule. rules.ts compiles each rule into a closure; all rules of a kind share that closure's
 * code, so its loads of occurrences and values see the shapes of every FMT. The function
 * generated here checks the frequent rule kinds of one plan in place (tags, groups, component
 * names as constants) and, where a rule might not hold, calls that rule's closure, which decides
 * and reports. So rules.ts stays the one definition of every finding; this code only has to be
 * sure before it skips a closure (test/rules-code.test.ts holds the two to each other on valid
 * and broken messages of every FMT).
 *
 * Where code generation is disallowed, `checkRules` runs the closures (tested).
 */
import Big from 'big.js';
import { CodeBuilder } from '../codegen.js';
import { equalsSum, thousandths } from './exact-sum.js';
import type { Condition } from '../spec/schema.js';
import { itemAt, type FmtPlan, type ItemPlan, type TagRef } from './plan.js';
import type { ReadState } from './read.js';

/** A rule's closure (rules.ts `Check`). */
type Check = (rs: ReadState) => void;

/** What the generated code calls. */
export interface RuleHelpers {
  readonly ZERO: Big;
  readonly isPositive: (a: Big) => boolean;
  /** The FMT-level checks after the rules (participants, blocks). */
  readonly after: (rs: ReadState) => void;
}

/**
 * The generated checks of `plan`; `checks[i]` is the closure of `plan.rules[i]` (undefined for a
 * rule applied while reading). Undefined when code cannot be generated.
 */
export function generateRuleChecks(plan: FmtPlan, checks: readonly (Check | undefined)[], h: RuleHelpers): Check | undefined {
  const code = new CodeBuilder();
  const constant = (value: unknown): string => code.constant(value);
  const str = (s: string): string => JSON.stringify(s);
  const emit = (line: string): void => code.emit(line);
  let label = 0;

  /** Code running `body` with `o` bound to each occurrence of `ref` (rules.ts `all`), in order. */
  const eachOcc = (ref: TagRef, body: () => void): void => {
    const st = ref.list;
    emit(`if (${st} !== undefined) {`);
    if (ref.group < 0) {
      emit(`  const o = ${st}.top[${ref.index}];`);
      emit('  if (o !== undefined) {');
      body();
      emit('  }');
    } else {
      emit(`  const reps = ${st}.reps[${ref.group}];`);
      emit('  if (reps !== undefined) for (let r = 0; r < reps.length; r++) {');
      emit(`    const o = reps[r][${ref.index}];`);
      emit('    if (o === undefined) continue;');
      body();
      emit('  }');
    }
    emit('}');
  };

  /** An expression: component `name` of occurrence `o`'s value (rules.ts `comp`). */
  const comp = (o: string, name: string | undefined): string => {
    if (name === undefined) return 'undefined';
    if (name === '') return `${o}.value`;
    return `(v = ${o}.value, typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Big) ? v[${str(name)}] : undefined)`;
  };
  const amount = (o: string, it: ItemPlan | undefined): string => `(a = ${comp(o, it?.amountComp)}, a instanceof Big ? a : undefined)`;
  const text = (o: string, name: string | undefined): string => `(s = ${comp(o, name)}, typeof s === 'string' ? s : undefined)`;

  /**
   * An expression: the condition `c` in the scope of repetition `rep` of group `group` of list
   * `from` (rules.ts `scoped` + `compileCondition`); undefined when it is not generated.
   */
  const condition = (c: Condition, from: string, group: number, rep: string): string | undefined => {
    if ('currenciesDiffer' in c) return undefined;
    const tag = 'present' in c ? c.present : c.tag;
    const ref = plan.refs.get(tag);
    let occ = 'undefined';
    if (ref !== undefined) {
      if (ref.group < 0) occ = `(${ref.list} === undefined ? undefined : ${ref.list}.top[${ref.index}])`;
      else if (ref.list === from && ref.group === group && group >= 0) occ = `${from}.reps[${group}][${rep}][${ref.index}]`;
    }
    if ('present' in c) return `${occ} !== undefined`;
    if ('equals' in c) return `${occ}?.raw === ${str(c.equals)}`;
    if ('notEquals' in c) return `${occ}?.raw !== ${str(c.notEquals)}`;
    return `(w = ${occ}, w !== undefined && ${constant(c.oneOf)}.includes(w.raw))`;
  };

  plan.rules.forEach((rule, i) => {
    const check = checks[i];
    if (check === undefined) return;
    const C = constant(check);
    const L = `rule${label++}`;
    const ref = (tag: string): TagRef | undefined => plan.refs.get(tag);
    switch (rule.rule) {
      case 'mtMatchesFmt':
        emit(`{ const b2 = rs.env.applicationHeader; if (b2 !== undefined && b2.mt !== ${str(plan.mt)}) ${C}(rs); }`);
        return;
      case 'headerPriority':
        emit(`{ const b2 = rs.env.applicationHeader; if (b2 !== undefined) { const t = rs.core.context.codeTables.get(${str(rule.table)}); if (t !== undefined && !t.has(b2.priority)) ${C}(rs); } }`);
        return;
      case 'amountPositive': {
        const r = ref(rule.tag);
        if (r === undefined) return; // nothing to check (rules.ts: no occurrences)
        const it = itemAt(plan, r);
        emit(`${L}: {`);
        eachOcc(r, () => emit(`    { const x = ${amount('o', it)}; if (x !== undefined && !isPositive(x)) { ${C}(rs); break ${L}; } }`));
        emit('}');
        return;
      }
      case 'sumEquals': {
        const of = ref(rule.of);
        const total = ref(rule.total);
        if (of === undefined) return; // rules.ts returns at once
        const where = rule.where === undefined ? 'true' : condition(rule.where, of.list, of.group, 'r');
        if (where === undefined) break;
        const ofItem = itemAt(plan, of);
        const whereTop = of.group < 0 && rule.where !== undefined ? condition(rule.where, of.list, -1, '-1') : 'true';
        if (whereTop === undefined) break;
        /** The amounts in order, each `x`, `add` run on each (a term without one: the rule is skipped). */
        const terms = (add: string): void => {
          if (of.group < 0) {
            emit(`  { const o = list.top[${of.index}];`);
            emit(`  if (o !== undefined && (${whereTop})) { const x = ${amount('o', ofItem)}; if (x === undefined) break ${L}; ${add} } }`);
          } else {
            emit(`  for (let r = 0; r < reps.length; r++) {`);
            emit(`    const o = reps[r][${of.index}];`);
            emit(`    if (o === undefined || !(${where})) continue;`);
            emit(`    const x = ${amount('o', ofItem)};`);
            emit(`    if (x === undefined) break ${L};`);
            emit(`    ${add}`);
            emit('  }');
          }
        };
        emit(`${L}: {`);
        emit(`  const list = ${of.list};`);
        emit(`  if (list === undefined) break ${L};`);
        if (of.group >= 0) emit(`  const reps = list.reps[${of.group}] ?? [];`);
        // In exact integer thousandths (exact-sum.ts), and with Big only when that is not exact.
        emit('  let units = 0, sum;');
        terms('units += thousandths(x);');
        emit('  if (!Number.isSafeInteger(units)) {');
        emit('    sum = ZERO;');
        terms('sum = sum.plus(x);');
        emit('  }');
        if (total !== undefined) {
          const totalItem = itemAt(plan, total);
          eachOcc(total, () => emit(`    { const t = ${amount('o', totalItem)}; if (t !== undefined && !equalsSum(t, units, sum)) { ${C}(rs); break ${L}; } }`));
        }
        emit('}');
        return;
      }
      case 'sameCurrency': {
        emit(`${L}: {`);
        emit('  let first;');
        for (const tag of rule.tags) {
          const r = ref(tag);
          if (r === undefined) continue;
          const it = itemAt(plan, r);
          eachOcc(r, () => {
            emit(`    const c = ${text('o', it?.currencyComp)};`);
            emit(`    if (c !== undefined) { if (first === undefined) first = c; else if (c !== first) { ${C}(rs); break ${L}; } }`);
          });
        }
        emit('}');
        return;
      }
      case 'uniqueInMessage': {
        const r = ref(rule.tag);
        if (r === undefined) return;
        if (r.group < 0) return; // one occurrence at most: never a duplicate
        // Few repetitions (the usual case): pairwise here; many: the closure (a set).
        emit(`${L}: {`);
        emit(`  const list = ${r.list};`);
        emit(`  const reps = list === undefined ? undefined : list.reps[${r.group}];`);
        emit(`  if (reps === undefined) break ${L};`);
        emit(`  if (reps.length > 16) { ${C}(rs); break ${L}; }`);
        emit('  for (let x = 1; x < reps.length; x++) {');
        emit(`    const a = reps[x][${r.index}];`);
        emit('    if (a === undefined) continue;');
        emit(`    for (let y = 0; y < x; y++) { const b = reps[y][${r.index}]; if (b !== undefined && b.raw === a.raw) { ${C}(rs); break ${L}; } }`);
        emit('  }');
        emit('}');
        return;
      }
      default:
        break;
    }
    // Any other rule: its closure.
    emit(`${C}(rs);`);
  });

  const { ZERO, isPositive, after } = h;
  return code.compile<Check>(
    'checkRules',
    'rs',
    { Big, ZERO, isPositive, after, thousandths, equalsSum },
    ['const body = rs.body, text = rs.text, block6 = rs.block6;', 'let v, a, s, w;'],
    ['after(rs);'],
  );
}
