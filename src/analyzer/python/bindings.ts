/**
 * Whether the statements a fix inserts read only names that are bound where they run: the check
 * behind "no inserted line references a name before it is bound" in the fix round trip. It is
 * deliberately independent of the rules' own reasoning (it reads the fixed text only), and
 * conservative: a local name counts as bound only when a statement that always binds it runs
 * before the insertion on every path (an earlier statement of an enclosing block, an `if` whose
 * every arm binds it, the enclosing `for` target or `with` alias). A loop body may run zero times
 * and an `if` without `else` may not run, so neither binds for what follows it. A statement that
 * always reads the name before the insertion proves it bound too: had it not been, the program
 * would have stopped there, fix or no fix.
 */
import { diffLines } from 'diff';
import type { Parser } from '@vscode/tree-sitter-wasm';
import { codeChildren, parsePython, type SyntaxNode } from './parser';

/** A name an inserted statement reads where it may be unbound. */
export interface UnboundRead {
  /** 1-based line in the fixed text. */
  readonly line: number;
  readonly name: string;
}

/** Python's builtins: always bound unless the code rebinds them (then they are its own names). */
const BUILTINS: ReadonlySet<string> = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright ' +
    'credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash ' +
    'help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ' +
    'ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type ' +
    'vars zip __import__ __name__ __file__ __doc__ __builtins__ __spec__ __package__ __loader__ True False None ' +
    'Ellipsis NotImplemented Exception BaseException ValueError TypeError KeyError IndexError RuntimeError ' +
    'AttributeError NotImplementedError StopIteration AssertionError ImportError OSError FileNotFoundError ' +
    'KeyboardInterrupt ZeroDivisionError Warning UserWarning DeprecationWarning'
  ).split(' '),
);

const SCOPES = new Set(['function_definition', 'class_definition', 'module']);
/** Expressions with a scope of their own: what they bind or read inside is not the statement's. */
const NESTED_SCOPES = new Set(['lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Reads in the statements `after` adds to `before` (whole new lines; an edited line is not checked) that may be unbound. */
export function unboundInsertedReads(parser: Parser, before: string, after: string): UnboundRead[] {
  const inserted = insertedLines(before, after);
  if (inserted.length === 0) return [];
  const tree = parsePython(parser, after);
  const found: UnboundRead[] = [];
  const seen = new Set<number>();
  for (const line of inserted) {
    const statement = statementOnLine(tree.rootNode, line, after);
    if (!statement || seen.has(statement.id)) continue;
    seen.add(statement.id);
    for (const name of readsOf(statement, after)) {
      if (!isBoundAt(name, statement, after)) found.push({ line: line + 1, name });
    }
    for (const chain of attributeReadsOf(statement, after)) {
      if (assignedOnlyLater(chain, statement, tree.rootNode, after) || missingOnPlainSelf(chain, statement, after)) found.push({ line: line + 1, name: chain });
    }
  }
  return found;
}

/** 0-based lines of `after` that no line of `before` became (pure insertions, not edits). */
function insertedLines(before: string, after: string): number[] {
  const lines: number[] = [];
  let line = 0;
  let previousRemoved = false;
  for (const part of diffLines(before, after)) {
    const count = part.count ?? part.value.split('\n').length - 1;
    if (part.added && !previousRemoved) for (let i = 0; i < count; i++) if (part.value.split('\n')[i].trim() !== '') lines.push(line + i);
    if (!part.removed) line += count;
    previousRemoved = part.removed === true;
  }
  return lines;
}

/** The simple statement that starts on this line (its first non-blank character), if any. */
function statementOnLine(root: SyntaxNode, line: number, text: string): SyntaxNode | undefined {
  const lineText = text.split('\n')[line] ?? '';
  const column = lineText.length - lineText.trimStart().length;
  let node: SyntaxNode | null = root.descendantForPosition({ row: line, column });
  while (node && !(node.parent && isBlockLike(node.parent) && node.startPosition.row === line)) node = node.parent;
  return node && !isCompound(node) ? node : undefined;
}

function isBlockLike(node: SyntaxNode): boolean {
  return node.type === 'block' || node.type === 'module';
}

function isCompound(node: SyntaxNode): boolean {
  return /_(statement|definition|clause)$/.test(node.type) && !SIMPLE_STATEMENTS.has(node.type);
}

const SIMPLE_STATEMENTS = new Set([
  'expression_statement',
  'return_statement',
  'assert_statement',
  'delete_statement',
  'raise_statement',
  'pass_statement',
  'import_statement',
  'import_from_statement',
  'global_statement',
  'nonlocal_statement',
  'print_statement',
  'exec_statement',
]);

/** The names a statement reads: identifiers that are no attribute name, keyword name or assignment target. */
function readsOf(statement: SyntaxNode, text: string): string[] {
  const names = new Set<string>();
  const visit = (node: SyntaxNode, target: boolean) => {
    if (NESTED_SCOPES.has(node.type)) return;
    if (node.type === 'identifier') {
      if (!target) names.add(node.text);
      return;
    }
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      if (object) visit(object, false);
      return;
    }
    if (node.type === 'keyword_argument') {
      const value = node.childForFieldName('value');
      if (value) visit(value, false);
      return;
    }
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      // `x += 1` reads x; `x = ...` does not; a subscript or attribute target reads its object.
      if (left) visit(left, node.type === 'assignment');
      const right = node.childForFieldName('right');
      if (right) visit(right, false);
      return;
    }
    if (target && (node.type === 'subscript' || node.type === 'attribute')) return visit(node, false);
    for (const child of codeChildren(node, text)) visit(child, target);
  };
  visit(statement, false);
  return [...names];
}

/** The dotted attribute chains a statement reads (`model.teacher` in `model.teacher.eval()`), two names or more. */
function attributeReadsOf(statement: SyntaxNode, text: string): string[] {
  const chains = new Set<string>();
  const visit = (node: SyntaxNode) => {
    if (NESTED_SCOPES.has(node.type)) return;
    if (node.type === 'attribute' && isDottedName(node)) {
      const parts = node.text.replace(/\s+/g, '').split('.');
      for (let n = 2; n <= parts.length; n++) chains.add(parts.slice(0, n).join('.'));
      return;
    }
    for (const child of codeChildren(node, text)) visit(child);
  };
  visit(statement);
  return [...chains];
}

function isDottedName(node: SyntaxNode): boolean {
  if (node.type === 'identifier') return true;
  const object = node.childForFieldName('object');
  return node.type === 'attribute' && !!object && isDottedName(object);
}

/**
 * The code assigns this attribute chain (`model.teacher = ...`) only after the statement, in its
 * own scope: reading it there finds no such attribute yet. An assignment anywhere else (another
 * method, `__init__`) or before it may have made it.
 */
function assignedOnlyLater(chain: string, statement: SyntaxNode, root: SyntaxNode, text: string): boolean {
  const assignments: SyntaxNode[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      const targets = left && TARGET_GROUPS.has(left.type) ? codeChildren(left, text) : left ? [left] : [];
      if (targets.some((t) => t.type === 'attribute' && t.text.replace(/\s+/g, '') === chain)) assignments.push(node);
    }
    for (const child of codeChildren(node, text)) visit(child);
  };
  visit(root);
  const scope = scopeOf(statement);
  return assignments.length > 0 && assignments.every((a) => scopeOf(a).id === scope.id && a.startIndex > statement.endIndex);
}

/**
 * `self.X` in a method of a plain class (no base but `object`) that defines no `X` and assigns no
 * `self.X`: such an object has no `X` (`self.modules()` on a learner that is no `nn.Module`).
 */
function missingOnPlainSelf(chain: string, statement: SyntaxNode, text: string): boolean {
  const [receiver, attribute, ...rest] = chain.split('.');
  if (receiver !== 'self' || rest.length > 0) return false;
  const method = scopeOf(statement);
  const owner = method.type === 'function_definition' ? scopeOf(method) : undefined;
  if (owner?.type !== 'class_definition') return false;
  const bases = codeChildren(owner.childForFieldName('superclasses'), text);
  if (bases.some((b) => b.text !== 'object')) return false;
  // A base class whose subclasses set the attribute (`self.netg` assigned in `class Ganomaly(BaseModel)`).
  const name = owner.childForFieldName('name')?.text;
  let root: SyntaxNode = owner;
  while (root.parent) root = root.parent;
  if (name && root.text.includes(`(${name}`) && subclassed(root, name, text)) return false;
  const body = owner.childForFieldName('body');
  if (!body || codeChildren(body, text).some((member) => alwaysBinds(member, attribute, text) || memberNamed(member, attribute, text))) return false;
  return !assignsSelfAttribute(body, attribute, text);
}

/** Whether some class of the module lists `name` among its bases. */
function subclassed(node: SyntaxNode, name: string, text: string): boolean {
  if (node.type === 'class_definition' && codeChildren(node.childForFieldName('superclasses'), text).some((b) => b.text === name)) return true;
  return codeChildren(node, text).some((child) => subclassed(child, name, text));
}

/** A class-level `X = ...`, `X: T = ...` or decorated `def X`. */
function memberNamed(member: SyntaxNode, name: string, text: string): boolean {
  return (
    member.type === 'expression_statement' && codeChildren(member, text).some((c) => c.type === 'assignment' && c.childForFieldName('left')?.text === name)
  );
}

function assignsSelfAttribute(body: SyntaxNode, attribute: string, text: string): boolean {
  let found = false;
  const visit = (node: SyntaxNode) => {
    if (found) return;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      const targets = left && TARGET_GROUPS.has(left.type) ? codeChildren(left, text) : left ? [left] : [];
      found = targets.some((t) => t.type === 'attribute' && t.text.replace(/\s+/g, '') === `self.${attribute}`);
    }
    if (!found) for (const child of codeChildren(node, text)) visit(child);
  };
  visit(body);
  return found;
}

/** Whether `name` is bound where `statement` runs. */
function isBoundAt(name: string, statement: SyntaxNode, text: string): boolean {
  const scope = scopeOf(statement);
  if (scope.type === 'function_definition' && parametersOf(scope, text).has(name)) return true;
  if (!bindsAnywhere(bodyOf(scope), name, text)) {
    // Not the scope's own name: an enclosing function's local (a closure, bound once it is called), a module global or a builtin.
    for (let outer = scope.parent ? scopeOf(scope) : undefined; outer; outer = outer.parent ? scopeOf(outer) : undefined) {
      if (outer.type === 'function_definition' && (parametersOf(outer, text).has(name) || bindsAnywhere(bodyOf(outer), name, text))) return true;
      if (outer.type === 'module') return bindsAnywhere(outer, name, text) || hasStarImport(outer, text) || BUILTINS.has(name);
    }
    return scope.type === 'module' ? hasStarImport(scope, text) || BUILTINS.has(name) : false;
  }
  // The scope's own name: some statement must bind it before this one on every path.
  for (let node: SyntaxNode = statement; node.id !== scope.id && node.parent; node = node.parent) {
    const parent = node.parent;
    if (parent.type === 'for_statement' && node.type === 'block' && namesBoundBy(parent.childForFieldName('left'), text).includes(name)) return true;
    if (parent.type === 'with_statement' && node.type === 'block' && withAliases(parent, text).includes(name)) return true;
    if (
      parent.type === 'except_clause' &&
      node.type === 'block' &&
      codeChildren(parent, text).some((c) => c.type === 'as_pattern' && namesBoundBy(c.childForFieldName('alias'), text).includes(name))
    )
      return true;
    if (!isBlockLike(parent)) continue;
    for (const sibling of codeChildren(parent, text)) {
      if (sibling.startIndex >= node.startIndex) break;
      if (alwaysBinds(sibling, name, text) || alwaysReads(sibling, name, text)) return true;
    }
  }
  return false;
}

function scopeOf(node: SyntaxNode): SyntaxNode {
  let scope = node.parent;
  while (scope && !SCOPES.has(scope.type)) scope = scope.parent;
  return scope ?? node;
}

function bodyOf(scope: SyntaxNode): SyntaxNode {
  return scope.type === 'module' ? scope : (scope.childForFieldName('body') ?? scope);
}

function parametersOf(fn: SyntaxNode, text: string): Set<string> {
  const names = new Set<string>();
  for (const parameter of codeChildren(fn.childForFieldName('parameters'), text)) {
    const identifier =
      parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? codeChildren(parameter, text).find((c) => c.type === 'identifier'));
    if (identifier) names.add(identifier.text);
  }
  return names;
}

const TARGET_GROUPS = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'list_splat_pattern',
  'parenthesized_expression',
  'tuple',
  'list',
  'expression_list',
  'as_pattern_target',
]);

/** The names an assignment target, `for` target or alias binds (`a`, `a, (b, c)`, `[a, *b]`). */
function namesBoundBy(target: SyntaxNode | null | undefined, text: string): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (TARGET_GROUPS.has(target.type)) return codeChildren(target, text).flatMap((c) => namesBoundBy(c, text));
  return [];
}

function withAliases(statement: SyntaxNode, text: string): string[] {
  const names: string[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === 'as_pattern') names.push(...namesBoundBy(node.childForFieldName('alias'), text));
    else if (node.type !== 'block') for (const child of codeChildren(node, text)) visit(child);
  };
  for (const child of codeChildren(statement, text)) if (child.type !== 'block') visit(child);
  return names;
}

/** The names an import statement binds (`import a.b` binds `a`; `from m import x as y` binds `y`). */
function importedNames(statement: SyntaxNode, text: string): string[] {
  const names: string[] = [];
  const isFrom = statement.type === 'import_from_statement';
  const moduleName = isFrom ? statement.childForFieldName('module_name') : undefined;
  for (const child of codeChildren(statement, text)) {
    if (moduleName && child.id === moduleName.id) continue;
    if (child.type === 'aliased_import') names.push(child.childForFieldName('alias')?.text ?? '');
    else if (child.type === 'dotted_name') names.push(isFrom ? child.text : child.text.split('.')[0]);
  }
  return names.filter((n) => n !== '');
}

function hasStarImport(module: SyntaxNode, text: string): boolean {
  return codeChildren(module, text).some((s) => s.type === 'import_from_statement' && codeChildren(s, text).some((c) => c.type === 'wildcard_import'));
}

/** A statement that binds `name` whenever it completes (for an `if`: every arm binds it). */
function alwaysBinds(statement: SyntaxNode, name: string, text: string): boolean {
  switch (statement.type) {
    case 'expression_statement':
      return codeChildren(statement, text).some((c) => assignmentBinds(c, name, text));
    case 'import_statement':
    case 'import_from_statement':
      return importedNames(statement, text).includes(name);
    case 'function_definition':
    case 'class_definition':
      return statement.childForFieldName('name')?.text === name;
    case 'decorated_definition':
      return alwaysBinds(statement.childForFieldName('definition') ?? statement, name, text);
    case 'if_statement': {
      const arms = [
        statement.childForFieldName('consequence'),
        ...codeChildren(statement, text)
          .filter((c) => c.type === 'elif_clause' || c.type === 'else_clause')
          .map((c) => c.childForFieldName('consequence') ?? c.childForFieldName('body')),
      ];
      const hasElse = codeChildren(statement, text).some((c) => c.type === 'else_clause');
      return hasElse && arms.every((arm) => !!arm && blockBinds(arm, name, text));
    }
    case 'with_statement':
      return withAliases(statement, text).includes(name) || blockBinds(statement.childForFieldName('body'), name, text);
    case 'try_statement': {
      const body = statement.childForFieldName('body');
      const clauses = codeChildren(statement, text);
      const finallyBinds = clauses.some(
        (c) => c.type === 'finally_clause' && codeChildren(c, text).some((b) => b.type === 'block' && blockBinds(b, name, text)),
      );
      const handlersBind = clauses
        .filter((c) => c.type === 'except_clause')
        .every((c) => codeChildren(c, text).some((b) => b.type === 'block' && blockBinds(b, name, text)));
      return finallyBinds || (blockBinds(body, name, text) && handlersBind);
    }
    default:
      return false;
  }
}

/** A statement that reads `name` whenever it runs: a simple statement, or a compound one's header (an `if` condition, a `for` iterable). */
function alwaysReads(statement: SyntaxNode, name: string, text: string): boolean {
  if (SIMPLE_STATEMENTS.has(statement.type)) return readsOf(statement, text).includes(name);
  const header =
    statement.type === 'if_statement' || statement.type === 'while_statement'
      ? statement.childForFieldName('condition')
      : statement.type === 'for_statement'
        ? statement.childForFieldName('right')
        : undefined;
  return !!header && readsOf(header, text).includes(name);
}

function blockBinds(block: SyntaxNode | null | undefined, name: string, text: string): boolean {
  return !!block && codeChildren(block, text).some((s) => alwaysBinds(s, name, text));
}

function assignmentBinds(node: SyntaxNode, name: string, text: string): boolean {
  if (node.type === 'augmented_assignment') return namesBoundBy(node.childForFieldName('left'), text).includes(name);
  if (node.type !== 'assignment') return false;
  // `x: int` declares without binding.
  const right = node.childForFieldName('right');
  if (!right) return false;
  return namesBoundBy(node.childForFieldName('left'), text).includes(name) || assignmentBinds(right, name, text);
}

/** Whether any statement of this scope body (nested functions and classes aside) binds `name`. */
function bindsAnywhere(body: SyntaxNode, name: string, text: string): boolean {
  let found = false;
  const visit = (node: SyntaxNode) => {
    if (found) return;
    if (node.id !== body.id && (node.type === 'function_definition' || node.type === 'class_definition')) {
      found = node.childForFieldName('name')?.text === name;
      return;
    }
    if (NESTED_SCOPES.has(node.type)) return;
    if (node.type === 'global_statement' || node.type === 'nonlocal_statement') return;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') found = namesBoundBy(node.childForFieldName('left'), text).includes(name);
    else if (node.type === 'for_statement' || node.type === 'for_in_clause') found = namesBoundBy(node.childForFieldName('left'), text).includes(name);
    else if (node.type === 'import_statement' || node.type === 'import_from_statement') found = importedNames(node, text).includes(name);
    else if (node.type === 'as_pattern') found = namesBoundBy(node.childForFieldName('alias'), text).includes(name);
    else if (node.type === 'named_expression') found = node.childForFieldName('name')?.text === name;
    if (!found) for (const child of codeChildren(node, text)) visit(child);
  };
  visit(body);
  return found;
}
