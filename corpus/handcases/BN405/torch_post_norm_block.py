import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d=64):
        super().__init__()
        self.attn = nn.MultiheadAttention(d, 4, batch_first=True)
        self.bn = nn.BatchNorm1d(d)  # expect: BN405

    def forward(self, x):
        h, _ = self.attn(x, x, x)
        return self.bn((x + h).transpose(1, 2)).transpose(1, 2)
