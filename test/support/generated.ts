/**
 * The generated model file the latency measurements use (the VS Code suite and the LSP test):
 * `lineCount` lines of small PyTorch blocks, each a conv with `bias=False` feeding a BatchNorm.
 */
export function generatedModelFile(lineCount: number): string {
  const block = (i: number) => [
    `class Block${i}(nn.Module):`,
    `    """Block ${i}."""`,
    '',
    '    def __init__(self, channels: int = 64):',
    '        super().__init__()',
    '        self.conv = nn.Conv2d(channels, channels, 3, padding=1, bias=False)',
    '        self.bn = nn.BatchNorm2d(channels, momentum=0.1)',
    '        self.act = nn.ReLU(inplace=True)',
    '',
    '    def forward(self, x):',
    '        y = self.act(self.bn(self.conv(x)))',
    '        return x + y',
    '',
    '',
  ];
  const lines = [`"""A generated ${lineCount.toLocaleString('en')}-line model file."""`, 'import torch', 'import torch.nn as nn', '', ''];
  for (let i = 0; lines.length < lineCount - 14; i++) lines.push(...block(i));
  while (lines.length < lineCount) lines.push('# padding');
  return `${lines.join('\n')}\n`;
}
