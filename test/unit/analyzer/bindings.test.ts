/** The bound-name check of inserted statements (python/bindings.ts), on the shapes mode fixes insert into. */
import assert from 'node:assert/strict';
import type { Parser } from '@vscode/tree-sitter-wasm';
import { unboundInsertedReads } from '../../../src/analyzer/python/bindings';
import { loadPythonParser } from '../../../src/analyzer/python/parser';
import { compiledWasm } from '../../../src/node/analyzer';

/** The text with `line` inserted before the line holding `marker`, at that line's indentation. */
function insertBefore(text: string, marker: string, line: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(marker));
  assert.ok(at >= 0, marker);
  const indent = lines[at].length - lines[at].trimStart().length;
  lines.splice(at, 0, ' '.repeat(indent) + line);
  return lines.join('\n');
}

const LOOP = `import torch


def fit(net, loader, val_loader, epochs, validate, parallel):
    if parallel:
        net = torch.nn.DataParallel(net)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    for epoch in range(epochs):
        for x, y in loader:  # step
            opt.step()
        if validate:
            net.eval()
            proto = make_proto(net)
        if parallel:
            net_ = net.module
        else:
            net_ = net
        torch.save(net_.state_dict(), "last.pth")  # save
`;

describe('unboundInsertedReads (names an inserted statement reads)', () => {
  let parser: Parser;
  before(async () => {
    parser = await loadPythonParser(compiledWasm);
  });
  const check = (before: string, after: string) => unboundInsertedReads(parser, before, after).map((r) => `${r.line}:${r.name}`);

  it('a parameter, a rebound parameter and a module import are bound', () => {
    assert.deepEqual(check(LOOP, insertBefore(LOOP, '# step', 'net.train()')), []);
    assert.deepEqual(check(LOOP, insertBefore(LOOP, '# step', 'torch.manual_seed(epoch)')), []);
  });

  it('a name bound only after the insertion point, or only under an if, is not', () => {
    // sweep 6 W1: the alias is bound after the step (NameError in the first epoch).
    assert.deepEqual(check(LOOP, insertBefore(LOOP, '# step', 'net_.train()')), ['9:net_']);
    // sweep 6 W2: bound under `if validate:` only.
    assert.deepEqual(check(LOOP, insertBefore(LOOP, '# save', 'proto.train()')), ['18:proto']);
  });

  it('an if/else whose every arm binds the name binds it; a for target binds it in the loop', () => {
    assert.deepEqual(check(LOOP, insertBefore(LOOP, '# save', 'net_.eval()')), []);
    assert.deepEqual(check(LOOP, insertBefore(LOOP, 'opt.step()', 'x.float()')), []);
    // After the loop the target may be unbound (no iteration).
    assert.deepEqual(check(LOOP, insertBefore(LOOP, 'if validate:', 'print(x)')), ['11:x']);
  });

  it('a global is bound in a function wherever the module binds it; a name bound nowhere is not', () => {
    const text = 'import torch\n\n\ndef run():\n    model(1)  # here\n\n\nmodel = torch.nn.Linear(2, 2)\n';
    assert.deepEqual(check(text, insertBefore(text, '# here', 'model.eval()')), []);
    assert.deepEqual(check(text, insertBefore(text, '# here', 'network.eval()')), ['5:network']);
    // At module level, only what ran before counts.
    const script = 'import torch\nmodel(1)  # here\nmodel = torch.nn.Linear(2, 2)\n';
    assert.deepEqual(check(script, insertBefore(script, '# here', 'model.eval()')), ['2:model']);
  });

  it('a name the code always reads before the insertion is bound (else the program stops there anyway)', () => {
    const text =
      'import torch\n\nif arch == "a":\n    model = torch.nn.Linear(2, 2)\nelif arch == "b":\n    model = torch.nn.Linear(2, 3)\nmodel.load_state_dict(state)\nfor epoch in range(3):\n    model(x)  # step\n';
    assert.deepEqual(check(text, insertBefore(text, '# step', 'model.train()')), []);
    // Without the read, the if/elif leaves it unbound when neither arm runs.
    const unread = text.replace('model.load_state_dict(state)\n', '');
    assert.deepEqual(check(unread, insertBefore(unread, '# step', 'model.train()')), ['8:model']);
  });

  it('an attribute the code assigns only after the insertion, in the same function, is not there yet', () => {
    // sweep 7 S7-U1: the teacher is created by the function the fix inserts into.
    const text = 'import torch\n\n\ndef init_teacher(model, x):\n    model.teacher = build()  # create\n    return model.teacher(x)\n';
    assert.deepEqual(check(text, insertBefore(text, '# create', 'model.teacher.eval()')), ['5:model.teacher']);
    assert.deepEqual(check(text, insertBefore(text, 'return', 'model.teacher.eval()')), []);
    // Assigned in another method too (__init__): it may exist.
    const method =
      'class L:\n    def __init__(self):\n        self.teacher = build()\n\n    def renew(self, x):\n        self.teacher(x)  # here\n        self.teacher = build()\n';
    assert.deepEqual(check(method, insertBefore(method, '# here', 'self.teacher.eval()')), []);
  });

  it('self.X on a plain class that defines no X and assigns no self.X does not exist', () => {
    // sweep 7 S7-U2: a continual-learning learner (no nn.Module) with its own train().
    const text =
      'class Learner:\n    def __init__(self):\n        self._network = Net()\n\n    def train(self):\n        self._network.train()\n\n    def fit(self, loader):\n        self.train()  # here\n';
    assert.deepEqual(check(text, insertBefore(text, '# here', 'self.modules()')), ['9:self.modules']);
    assert.deepEqual(check(text, insertBefore(text, '# here', 'self._network.eval(); self.train()')), []);
    // A base class may define it.
    const derived = text.replace('class Learner:', 'class Learner(Base):');
    assert.deepEqual(check(derived, insertBefore(derived, '# here', 'self.modules()')), []);
    // A subclass may set it (an abstract base's method reading self.netg).
    const based = `${text}\n\nclass Incremental(Learner):\n    def __init__(self):\n        self.modules = list\n`;
    assert.deepEqual(check(based, insertBefore(based, '# here', 'self.modules()')), []);
  });

  it('an edited line is not checked, only whole new statements; an assignment reads its right side only', () => {
    const text = 'import torch.nn as nn\n\nconv = nn.Conv2d(3, 8, 3)\nmodel = build()\nwrap(model)  # wrap\n';
    assert.deepEqual(check(text, text.replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 3, bias=undefined_name)')), []);
    assert.deepEqual(check(text, insertBefore(text, '# wrap', 'model = nn.SyncBatchNorm.convert_sync_batchnorm(model)')), []);
    assert.deepEqual(check(text, insertBefore(text, '# wrap', 'other = nn.SyncBatchNorm.convert_sync_batchnorm(net)')), ['5:net']);
  });

  it('with aliases, except aliases and methods’ self are bound', () => {
    const text =
      'import torch\n\n\nclass Trainer:\n    def __init__(self, model):\n        self.model = model\n\n    def fit(self, path):\n        with open(path) as fh:\n            self.model(fh)  # a\n        try:\n            pass\n        except ValueError as err:\n            print(err)  # b\n';
    assert.deepEqual(check(text, insertBefore(text, '# a', 'self.model.eval(); fh.read()')), []);
    assert.deepEqual(check(text, insertBefore(text, '# b', 'print(err)')), []);
  });
});
