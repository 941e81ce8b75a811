import torch.nn as nn


class AttnBlock(nn.Module):
    def __init__(self, d=256, heads=8):
        super().__init__()
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.norm = nn.BatchNorm1d(d)  # expect: BN405

    def forward(self, x):
        a, _ = self.attn(x, x, x)
        return self.norm(a.permute(0, 2, 1)).permute(0, 2, 1)
