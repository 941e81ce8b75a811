import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, d=256):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d, nhead=8, batch_first=True)
        self.enc = nn.TransformerEncoder(layer, num_layers=4)
        self.bn = nn.BatchNorm1d(d)  # expect: BN405

    def forward(self, x):
        h = self.enc(x)
        return self.bn(h.permute(0, 2, 1)).permute(0, 2, 1)
